/**
 * Chapter 00: the graded suite (checks pass on the solutions, fail on the notebook stubs and
 * on every named mistake) plus tests that pin the solutions to independent references: hand
 * computations, closed forms and plain float64 code.
 */
import { assert, assertAlmostEquals, assertEquals } from "@std/assert";
import { gradedSuite } from "../lib/grading/harness.ts";
import { tf } from "../lib/tf/mod.ts";
import { fitLine, gatherActions, lineStep, logSumExp, softmax } from "../solutions/00_tools.ts";
import spec from "./specs/00_tools.ts";

gradedSuite(spec);

/** The values of `f(input)`, disposing both. */
function valuesOf<T extends tf.Tensor>(input: T, f: (x: T) => tf.Tensor): unknown {
  const y = f(input);
  const values = y.arraySync();
  tf.dispose([input, y]);
  return values;
}

function assertClose(actual: number[], expected: number[], tol = 1e-5) {
  assertEquals(actual.length, expected.length);
  actual.forEach((a, i) => {
    if (!Number.isFinite(expected[i])) assertEquals(a, expected[i], `index ${i}`);
    else assertAlmostEquals(a, expected[i], tol * Math.max(1, Math.abs(expected[i])), `index ${i}`);
  });
}

Deno.test("logSumExp matches hand-computed values, also for large and -Infinity entries", () => {
  const rows = valuesOf(
    tf.tensor2d([[1, 2, 3], [1000, 1000, 999], [-1000, -1000, -1001], [-Infinity, 0, 1], [
      -Infinity,
      -Infinity,
      -Infinity,
    ]]),
    (x) => logSumExp(x, 1),
  ) as number[];
  assertClose(rows, [
    Math.log(Math.E + Math.E ** 2 + Math.E ** 3), // 3.40760596...
    1000 + Math.log(2 + Math.exp(-1)),
    -1000 + Math.log(2 + Math.exp(-1)),
    Math.log(1 + Math.E),
    -Infinity,
  ]);
  // Along axis 0 of [[0, 0], [ln 3, -Infinity]]: log(1 + 3) and log(1 + 0).
  const cols = valuesOf(tf.tensor2d([[0, 0], [Math.log(3), -Infinity]]), (x) => logSumExp(x, 0));
  assertClose(cols as number[], [Math.log(4), 0]);
  assertClose([valuesOf(tf.tensor1d([2, 2]), (x) => logSumExp(x)) as number], [2 + Math.LN2]);
});

Deno.test("logSumExp agrees with a float64 reference on seeded 3-D input, every axis", () => {
  const shape = [3, 4, 5];
  const data = tf.randomNormal(shape, 0, 5, "float32", 7);
  const flat = Array.from(data.dataSync());
  const at = (i: number, j: number, k: number) => flat[(i * 4 + j) * 5 + k];
  for (const axis of [0, 1, 2]) {
    const result = (valuesOf(data.clone(), (x) => logSumExp(x, axis)) as number[][]).flat();
    const expected: number[] = [];
    const dims = shape.filter((_, d) => d !== axis);
    for (let a = 0; a < dims[0]; a++) {
      for (let b = 0; b < dims[1]; b++) {
        let sum = 0;
        for (let r = 0; r < shape[axis]; r++) {
          const index = [a, b];
          index.splice(axis, 0, r);
          sum += Math.exp(at(index[0], index[1], index[2]));
        }
        expected.push(Math.log(sum));
      }
    }
    assertClose(result, expected, 1e-5);
  }
  data.dispose();
});

Deno.test("softmax matches hand-computed values and sums to one along the axis", () => {
  const z = 2 + Math.exp(-1);
  const rows = valuesOf(
    tf.tensor2d([[1000, 1000, 999], [-Infinity, 0, 0], [0, Math.log(2), Math.log(5)]]),
    (x) => softmax(x, 1),
  ) as number[][];
  assertClose(rows[0], [1 / z, 1 / z, Math.exp(-1) / z]);
  assertClose(rows[1], [0, 0.5, 0.5]);
  assertClose(rows[2], [1 / 8, 2 / 8, 5 / 8]);
  const sums = valuesOf(
    tf.randomNormal([4, 6, 3], 0, 10, "float32", 3),
    (x) => tf.tidy(() => softmax(x, 1).sum(1)),
  ) as number[][];
  for (const s of sums.flat()) assertAlmostEquals(s, 1, 1e-5);
});

Deno.test("gatherActions picks values[i][actions[i]] and passes the one-hot gradient", () => {
  const values = tf.randomNormal([10, 4], 0, 1, "float32", 5) as tf.Tensor2D;
  const picks = [3, 0, 1, 2, 2, 0, 3, 1, 1, 0];
  const actions = tf.tensor1d(picks, "int32");
  const rows = values.arraySync();
  const picked = gatherActions(values, actions);
  assertClose(picked.arraySync(), picks.map((a, i) => rows[i][a]), 1e-7);
  const grad = tf.grad((v: tf.Tensor) => gatherActions(v as tf.Tensor2D, actions).sum())(values);
  assertEquals(grad.arraySync(), picks.map((a) => [0, 1, 2, 3].map((j) => (j === a ? 1 : 0))));
  tf.dispose([values, actions, picked, grad]);
});

Deno.test("lineStep takes the hand-computed SGD step and returns the loss before it", () => {
  // L = mean((w x + b - y)^2) at w = b = 0 on x = [1, 2, 3], y = [2, 4, 6]:
  // L = 56/3, dL/dw = 2/3 * sum((0 - y) x) = -56/3, dL/db = 2/3 * sum(0 - y) = -8.
  const params = { slope: tf.variable(tf.scalar(0)), intercept: tf.variable(tf.scalar(0)) };
  const xs = tf.tensor1d([1, 2, 3]);
  const ys = tf.tensor1d([2, 4, 6]);
  const optimizer = tf.train.sgd(0.1);
  const loss = lineStep(params, xs, ys, optimizer);
  assertAlmostEquals(loss, 56 / 3, 1e-5);
  assertAlmostEquals(params.slope.dataSync()[0], 0.1 * 56 / 3, 1e-6);
  assertAlmostEquals(params.intercept.dataSync()[0], 0.8, 1e-6);
  tf.dispose([params.slope, params.intercept, xs, ys]);
  optimizer.dispose();
});

/** A seeded noisy line (plain float64 arithmetic). */
function noisyLine(n: number) {
  const xs = new Float32Array(n);
  const ys = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = -2 + (4 * i) / (n - 1);
    ys[i] = 0.8 * xs[i] - 0.4 + 0.3 * Math.sin(7.3 * i);
  }
  return { xs, ys };
}

Deno.test("fitLine converges to the least-squares line and records the loss before each step", () => {
  const { xs, ys } = noisyLine(40);
  const fit = fitLine(xs, ys, { steps: 400, learningRate: 0.1 });
  // Closed form: slope = cov(x, y) / var(x), intercept = mean(y) - slope * mean(x).
  const mean = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0) / a.length;
  const mx = mean(xs);
  const my = mean(ys);
  const cov = mean(Array.from(xs, (x, i) => (x - mx) * (ys[i] - my)));
  const variance = mean(Array.from(xs, (x) => (x - mx) ** 2));
  assertAlmostEquals(fit.slope, cov / variance, 1e-4);
  assertAlmostEquals(fit.intercept, my - (cov / variance) * mx, 1e-4);
  assertEquals(fit.losses.length, 400);
  assertAlmostEquals(fit.losses[0], mean(Array.from(ys, (y) => y * y)), 1e-5);
  for (let k = 1; k < fit.losses.length; k++) {
    assert(fit.losses[k] <= fit.losses[k - 1] + 1e-7, `the loss rose at step ${k}`);
  }
});

Deno.test("the chapter's training loop keeps tf.memory().numTensors constant", () => {
  // The loop of the notebook's "Watch it learn" cell: fixed data, variables and optimizer,
  // then lineStep over and over.
  const { xs, ys } = noisyLine(50);
  const start = tf.memory().numTensors;
  const params = tf.tidy(() => ({
    slope: tf.variable(tf.scalar(0)),
    intercept: tf.variable(tf.scalar(0)),
  }));
  const x = tf.tensor1d(xs);
  const y = tf.tensor1d(ys);
  const optimizer = tf.train.sgd(0.1);
  const counts: number[] = [];
  for (let step = 0; step < 50; step++) {
    lineStep(params, x, y, optimizer);
    counts.push(tf.memory().numTensors);
  }
  assertEquals(new Set(counts).size, 1, `tensor counts across iterations: ${counts.join(", ")}`);
  tf.dispose([params.slope, params.intercept, x, y]);
  optimizer.dispose();
  assertEquals(tf.memory().numTensors, start, "tensors left after disposing the loop's state");
});
