/**
 * Exercise specs of chapter 00 "Tools: tensors, autograd, plots".
 *
 * Every probe builds its inputs from literals or seeded generators, returns plain data and
 * disposes the tensors it made, so checks are deterministic and leave memory as they found it.
 *
 * @module
 */
import { tf } from "../../lib/tf/mod.ts";
import { chapter, type CheckContext, CheckFailure, exercise } from "../../lib/grading/spec.ts";
import { fitLine, gatherActions, lineStep, logSumExp, softmax } from "../../solutions/00_tools.ts";

type Reduce = typeof logSumExp;
type Gather = typeof gatherActions;
type Step = typeof lineStep;
type Fit = typeof fitLine;

/** Float32 arithmetic in a different but correct order differs by a few ulps. */
const FLOAT32 = { atol: 1e-5, rtol: 1e-5 };

/** The values of `result`, which must be a tensor; a learner-facing failure otherwise. */
function valuesOf(result: unknown, what: string): unknown {
  if (!(result instanceof tf.Tensor)) {
    throw new CheckFailure(
      `${what}: expected a tf.Tensor, got ${describe(result)}.`,
      { hint: "Return the tensor itself; don't call arraySync() or dataSync() on it." },
    );
  }
  return result.arraySync();
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? `an object (${value.constructor?.name})` : `a ${typeof value}`;
}

/** Applies `f` to tensors made by `make` and returns the result's values, disposing all. */
function apply<T extends [] | tf.Tensor[]>(
  make: () => T,
  f: (...inputs: T) => unknown,
  what: string,
): unknown {
  const inputs = make();
  try {
    const result = f(...inputs);
    try {
      return valuesOf(result, what);
    } finally {
      if (result instanceof tf.Tensor) result.dispose();
    }
  } finally {
    tf.dispose(inputs);
  }
}

/** The shape of `f`'s result on tensors made by `make`, as text like `"[3, 2]"`. */
function shapeOf<T extends [] | tf.Tensor[]>(
  make: () => T,
  f: (...inputs: T) => unknown,
  what: string,
) {
  const inputs = make();
  try {
    const result = f(...inputs);
    if (!(result instanceof tf.Tensor)) valuesOf(result, what);
    const shape = (result as tf.Tensor).shape;
    (result as tf.Tensor).dispose();
    return `[${shape.join(", ")}]`;
  } finally {
    tf.dispose(inputs);
  }
}

/**
 * How many tensors `run` leaves behind beyond the `keep` it returns: `run` gets the
 * inputs made by `make` (made before counting, freed by `free` after).
 */
function leftBehind<T>(
  make: () => T,
  run: (inputs: T) => unknown,
  keep: number,
  free: (inputs: T) => void = (inputs) => tf.dispose(inputs as tf.TensorContainer),
): number {
  const inputs = make();
  try {
    const before = tf.memory().numTensors;
    const result = run(inputs);
    const extra = tf.memory().numTensors - before - keep;
    if (result instanceof tf.Tensor) result.dispose();
    return extra;
  } finally {
    free(inputs);
  }
}

const seeded = (shape: number[], seed: number, std = 3) =>
  tf.randomNormal(shape, 0, std, "float32", seed);

const LEAK_HINT = "Wrap the body in tf.tidy(() => { ... }) and return the result from it: " +
  "tidy disposes every intermediate tensor created inside, except what it returns.";

const logSumExpSpec = exercise<Reduce>({
  name: "logSumExp",
  title: "A stable log-sum-exp along an axis",
  points: 2,
  difficulty: 2,
  importance: 4,
  minutes: 15,
  solution: logSumExp,
  mistakes: [
    {
      name: "no-max-shift",
      hint: "exp(1000) overflows float32 to Infinity. Subtract the maximum m along the axis " +
        "before exp and add it back after the log: m + log(sum(exp(x - m))).",
      impl: (x, axis = -1) => tf.tidy(() => tf.log(tf.sum(tf.exp(x), axis))),
    },
    {
      name: "nan-for-all-minus-infinity",
      hint: "When a whole slice is -Infinity its maximum is -Infinity, and -Infinity - " +
        "(-Infinity) is NaN. Shift by 0 where the maximum is not finite " +
        "(tf.where(tf.isFinite(m), m, tf.zerosLike(m))); the answer there is -Infinity.",
      impl: (x, axis = -1) =>
        tf.tidy(() => {
          const m = tf.max(x, axis, true);
          const lse = tf.add(tf.log(tf.sum(tf.exp(tf.sub(x, m)), axis, true)), m);
          return tf.squeeze(lse, [axis < 0 ? axis + x.rank : axis]);
        }),
    },
    {
      name: "max-without-keepdims",
      hint: "tf.max(x, axis) drops the axis, so x - m broadcasts m along the wrong dimension " +
        "(silently, when the shape is square). Use tf.max(x, axis, true) to keep it.",
      impl: (x, axis = -1) =>
        tf.tidy(() => {
          const m = tf.max(x, axis);
          return tf.add(tf.log(tf.sum(tf.exp(tf.sub(x, m)), axis)), m);
        }),
    },
    {
      name: "ignores-axis",
      hint: "Reduce along the `axis` argument (tf.max(x, axis, true), tf.sum(..., axis)), " +
        "not always along the last one.",
      impl: (x) => logSumExp(x, -1),
    },
    {
      name: "leaks-intermediates",
      hint: LEAK_HINT,
      impl: (x, axis = -1) => {
        const m = tf.max(x, axis, true);
        const shift = tf.where(tf.isFinite(m), m, tf.zerosLike(m));
        const sum = tf.sum(tf.exp(tf.sub(x, shift)), axis, true);
        return tf.squeeze(tf.add(tf.log(sum), shift), [axis < 0 ? axis + x.rank : axis]);
      },
    },
  ],
  async check(t: CheckContext<Reduce>) {
    const on = (what: string, make: () => [tf.Tensor], axis?: number) =>
      t.expect(what, (f) => apply(make, (x) => f(x, axis), what), FLOAT32);
    await on("logSumExp(tf.tensor1d([1, 2, 3]))", () => [tf.tensor1d([1, 2, 3])]);
    await on(
      "logSumExp(x, 1) for x = [[0, 1, 2], [10, 11, 12], [-5, -4, -3]]",
      () => [tf.tensor2d([[0, 1, 2], [10, 11, 12], [-5, -4, -3]])],
      1,
    );
    await t.expect(
      "the shape of logSumExp(x, 0) for x of shape [2, 4]",
      (f) => shapeOf(() => [seeded([2, 4], 1)], (x) => f(x, 0), "logSumExp(x, 0)"),
    );
    await on("logSumExp(x, 0) for a seeded x of shape [2, 4]", () => [seeded([2, 4], 1)], 0);
    await on("logSumExp(x) (default axis) for a seeded x of shape [4, 5]", () => [
      seeded([4, 5], 2),
    ]);
    await on("logSumExp(x, -2) for a seeded x of shape [2, 3, 4]", () => [
      seeded([2, 3, 4], 3),
    ], -2);
    await on(
      "logSumExp(x, 1) for x = [[1000, 1000, 999], [-1000, -1000, -1001]]",
      () => [tf.tensor2d([[1000, 1000, 999], [-1000, -1000, -1001]])],
      1,
    );
    await on(
      "logSumExp(x, 1) for x = [[-Infinity, 0, 1], [-Infinity, -Infinity, -Infinity]]",
      () => [tf.tensor2d([[-Infinity, 0, 1], [-Infinity, -Infinity, -Infinity]])],
      1,
    );
    const extra = await t.run(
      "logSumExp(x, 1) on a [3, 4] tensor",
      (f) => leftBehind(() => seeded([3, 4], 4), (x) => f(x, 1), 1),
    );
    t.assert(
      extra === 0,
      `logSumExp(x, 1) left ${extra} intermediate tensor(s) in memory besides its result ` +
        `(tf.memory().numTensors grew by ${extra + 1}, expected 1).`,
      "leaks-intermediates",
    );
  },
});

const softmaxSpec = exercise<Reduce>({
  name: "softmax",
  title: "A stable softmax along an axis",
  points: 1,
  difficulty: 1,
  importance: 5,
  minutes: 10,
  solution: softmax,
  mistakes: [
    {
      name: "no-max-shift",
      hint: "exp(1000) is Infinity in float32 and Infinity / Infinity is NaN; exp(-1000) is 0 " +
        "and 0 / 0 is NaN. Subtract the maximum along the axis first: softmax is unchanged by " +
        "a shift.",
      impl: (x, axis = -1) =>
        tf.tidy(() => {
          const exps = tf.exp(x);
          return tf.div(exps, tf.sum(exps, axis, true));
        }),
    },
    {
      name: "sum-without-keepdims",
      hint: "tf.sum(e, axis) drops the axis, so e / sum divides along the wrong dimension " +
        "(silently, when the shape is square). Use tf.sum(e, axis, true).",
      impl: (x, axis = -1) =>
        tf.tidy(() => {
          const exps = tf.exp(tf.sub(x, tf.max(x, axis, true)));
          return tf.div(exps, tf.sum(exps, axis));
        }),
    },
    {
      name: "ignores-axis",
      hint: "Normalise along the `axis` argument, not always along the last one.",
      impl: (x) => softmax(x, -1),
    },
  ],
  async check(t: CheckContext<Reduce>) {
    const on = (what: string, make: () => [tf.Tensor], axis?: number) =>
      t.expect(what, (f) => apply(make, (x) => f(x, axis), what), FLOAT32);
    await on("softmax(tf.tensor1d([1, 2, 3]))", () => [tf.tensor1d([1, 2, 3])]);
    await on(
      "softmax(x, 1) for x = [[0, 1, 2], [10, 11, 15], [-5, -4, -1]]",
      () => [tf.tensor2d([[0, 1, 2], [10, 11, 15], [-5, -4, -1]])],
      1,
    );
    await on("softmax(x, 0) for a seeded x of shape [2, 4]", () => [seeded([2, 4], 11)], 0);
    await on("softmax(x) (default axis) for a seeded x of shape [4, 5]", () => [
      seeded([4, 5], 12),
    ]);
    await on("softmax(x, 1) for a seeded x of shape [2, 3, 4]", () => [
      seeded([2, 3, 4], 13),
    ], 1);
    await on(
      "softmax(x, 1) for x = [[1000, 1000, 999], [-1000, -1001, -1002]]",
      () => [tf.tensor2d([[1000, 1000, 999], [-1000, -1001, -1002]])],
      1,
    );
    await on(
      "softmax(x, 1) for x = [[-Infinity, 0, 0], [-Infinity, -Infinity, 3]]",
      () => [tf.tensor2d([[-Infinity, 0, 0], [-Infinity, -Infinity, 3]])],
      1,
    );
    const extra = await t.run(
      "softmax(x, 1) on a [3, 4] tensor",
      (f) => leftBehind(() => seeded([3, 4], 14), (x) => f(x, 1), 1),
    );
    t.assert(
      extra === 0,
      `softmax(x, 1) left ${extra} intermediate tensor(s) in memory besides its result ` +
        `(tf.memory().numTensors grew by ${extra + 1}, expected 1). ${LEAK_HINT}`,
    );
  },
});

/** Seeded Q-values `[batch, numActions]` and actions `[batch]` (int32). */
function qBatch(batch: number, numActions: number, seed: number): [tf.Tensor2D, tf.Tensor1D] {
  return [
    seeded([batch, numActions], seed) as tf.Tensor2D,
    tf.randomUniform([batch], 0, numActions, "int32", seed + 1) as tf.Tensor1D,
  ];
}

const gatherActionsSpec = exercise<Gather>({
  name: "gatherActions",
  title: "Pick the value of the chosen action in every row",
  points: 2,
  difficulty: 2,
  importance: 4,
  minutes: 10,
  solution: gatherActions,
  mistakes: [
    {
      name: "gathers-rows",
      hint: "tf.gather(values, actions) picks whole rows (axis 0). You need one entry per " +
        "row: multiply by tf.oneHot(actions, numActions) cast to float32 and sum along axis 1.",
      impl: (values, actions) => tf.gather(values, actions) as unknown as tf.Tensor1D,
    },
    {
      name: "gathers-columns-for-every-row",
      hint: "tf.gather(values, actions, 1) picks the columns `actions` for every row: a " +
        "[batch, batch] matrix whose diagonal is the answer. Use a one-hot mask and sum along " +
        "axis 1 instead.",
      impl: (values, actions) => tf.gather(values, actions, 1) as unknown as tf.Tensor1D,
    },
    {
      name: "breaks-gradient",
      hint: "Reading values out with arraySync()/dataSync() and building a new tensor cuts " +
        "the result off from `values`, so no gradient flows back (DQN could not learn). Stay " +
        "in tensor ops: a one-hot mask times values, summed along axis 1.",
      impl: (values, actions) => {
        const rows = values.arraySync();
        const picked = actions.arraySync().map((a, i) => rows[i][a]);
        return tf.tensor1d(picked);
      },
    },
  ],
  async check(t: CheckContext<Gather>) {
    const hand = () =>
      [tf.tensor2d([[1, 2], [3, 4], [5, 6]]), tf.tensor1d([1, 0, 1], "int32")] as [
        tf.Tensor2D,
        tf.Tensor1D,
      ];
    const handText = "gatherActions(values = [[1, 2], [3, 4], [5, 6]], actions = [1, 0, 1])";
    await t.expect(`the shape of ${handText}`, (f) => shapeOf(hand, f, handText));
    await t.expect(handText, (f) => apply(hand, f, handText));
    const seededText = "gatherActions(values, actions) for seeded values [16, 4], actions [16]";
    await t.expect(seededText, (f) => apply(() => qBatch(16, 4, 21), f, seededText));
    const gradText = `the gradient of sum(${handText}) with respect to values`;
    await t.expect(gradText, (f) => {
      const [values, actions] = hand();
      try {
        const grad = tf.grad((v: tf.Tensor) => tf.sum(f(v as tf.Tensor2D, actions)))(values);
        try {
          return grad.arraySync();
        } finally {
          grad.dispose();
        }
      } catch (err) {
        // tf.grad throws when the result does not depend on `values`: report that as data, so
        // it is compared (and recognised) like any other result.
        if (err instanceof Error && err.message.includes("Cannot compute gradient")) {
          return "no gradient: the result does not depend on values";
        }
        throw err;
      } finally {
        tf.dispose([values, actions]);
      }
    });
    const extra = await t.run(
      "gatherActions on seeded values [8, 3]",
      (f) => leftBehind(() => qBatch(8, 3, 23), ([v, a]) => f(v, a), 1),
    );
    t.assert(
      extra === 0,
      `gatherActions left ${extra} intermediate tensor(s) in memory besides its result. ` +
        LEAK_HINT,
    );
  },
});

/** The tensors one line step works on; `dispose` frees them all. */
interface StepCase {
  params: { slope: tf.Variable; intercept: tf.Variable };
  xs: tf.Tensor1D;
  ys: tf.Tensor1D;
  optimizer: tf.Optimizer;
}

function stepCase(
  slope: number,
  intercept: number,
  xs: number[] | Float32Array,
  ys: number[] | Float32Array,
  optimizer: () => tf.Optimizer,
): StepCase {
  const tensors = tf.tidy(() => ({
    slope: tf.variable(tf.scalar(slope)),
    intercept: tf.variable(tf.scalar(intercept)),
    xs: tf.tensor1d(xs),
    ys: tf.tensor1d(ys),
  }));
  return {
    params: { slope: tensors.slope, intercept: tensors.intercept },
    xs: tensors.xs,
    ys: tensors.ys,
    optimizer: optimizer(),
  };
}

function disposeCase(c: StepCase) {
  tf.dispose([c.params.slope, c.params.intercept, c.xs, c.ys]);
  c.optimizer.dispose();
}

/** Runs `steps` line steps and returns the losses and the parameters after them. */
function runSteps(f: Step, make: () => StepCase, steps: number) {
  const c = make();
  try {
    const losses: unknown[] = [];
    for (let i = 0; i < steps; i++) losses.push(f(c.params, c.xs, c.ys, c.optimizer));
    return {
      losses,
      slope: c.params.slope.dataSync()[0],
      intercept: c.params.intercept.dataSync()[0],
    };
  } finally {
    disposeCase(c);
  }
}

/** `n` points of a noisy line, from a fixed linear congruential sequence. */
function noisyLine(n: number, slope: number, intercept: number, seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const xs = new Float32Array(n);
  const ys = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = 4 * next() - 2;
    ys[i] = slope * xs[i] + intercept + (next() - 0.5);
  }
  return { xs, ys };
}

const lineStepSpec = exercise<Step>({
  name: "lineStep",
  title: "One gradient step on a line's mean squared error, without leaks",
  points: 2,
  difficulty: 2,
  importance: 5,
  minutes: 15,
  solution: lineStep,
  mistakes: [
    {
      name: "sum-not-mean",
      hint: "The loss is the mean of the squared errors (tf.mean), not their sum: a sum " +
        "makes the gradient n times larger, so the step size depends on the data size.",
      impl: (params, xs, ys, optimizer) =>
        tf.tidy(() => {
          const { value, grads } = tf.variableGrads(
            () => tf.sum(tf.square(tf.sub(tf.add(tf.mul(params.slope, xs), params.intercept), ys))),
            [params.slope, params.intercept],
          );
          optimizer.applyGradients(grads);
          return value.dataSync()[0];
        }),
    },
    {
      name: "loss-after-step",
      hint: "Return the loss computed before the update: the `value` that tf.variableGrads " +
        "(or optimizer.minimize(f, true)) gives you, not a loss recomputed afterwards.",
      impl: (params, xs, ys, optimizer) =>
        tf.tidy(() => {
          const loss = () =>
            tf.mean(
              tf.square(tf.sub(tf.add(tf.mul(params.slope, xs), params.intercept), ys)),
            ) as tf.Scalar;
          const { grads } = tf.variableGrads(loss, [params.slope, params.intercept]);
          optimizer.applyGradients(grads);
          return loss().dataSync()[0];
        }),
    },
    {
      name: "leaks-tensors",
      hint: "The loss, the gradients and every intermediate tensor stay in memory unless you " +
        "dispose them. " + LEAK_HINT + " (tf.tidy may return a plain number.)",
      impl: (params, xs, ys, optimizer) => {
        const { value, grads } = tf.variableGrads(() =>
          tf.mean(
            tf.square(tf.sub(tf.add(tf.mul(params.slope, xs), params.intercept), ys)),
          ) as tf.Scalar, [params.slope, params.intercept]);
        optimizer.applyGradients(grads);
        return value.dataSync()[0];
      },
    },
  ],
  async check(t: CheckContext<Step>) {
    const hand = () => stepCase(0, 0, [1, 2, 3], [2, 4, 6], () => tf.train.sgd(0.1));
    const handText = "one lineStep from slope = intercept = 0 on xs = [1, 2, 3], " +
      "ys = [2, 4, 6] with tf.train.sgd(0.1)";
    const returned = await t.run(handText, (f) => runSteps(f, hand, 1).losses[0]);
    t.assert(
      typeof returned === "number",
      `lineStep must return the loss as a number, got ${describe(returned)}. Read the ` +
        `scalar with .dataSync()[0] inside the tidy and return that.`,
    );
    await t.expect(handText, (f) => runSteps(f, hand, 1), FLOAT32);
    const data = noisyLine(32, -1.5, 0.7, 7);
    await t.expect(
      "three lineSteps from slope = 0.5, intercept = -0.3 on 32 noisy points with " +
        "tf.train.sgd(0.05)",
      (f) => runSteps(f, () => stepCase(0.5, -0.3, data.xs, data.ys, () => tf.train.sgd(0.05)), 3),
      FLOAT32,
    );
    await t.expect(
      "two lineSteps from slope = intercept = 1 on 32 noisy points with tf.train.adam(0.1) " +
        "(use the optimizer you are given)",
      (f) => runSteps(f, () => stepCase(1, 1, data.xs, data.ys, () => tf.train.adam(0.1)), 2),
      FLOAT32,
    );
    const extra = await t.run(
      "lineStep on 32 points",
      (f) =>
        leftBehind(
          () => stepCase(0.5, -0.3, data.xs, data.ys, () => tf.train.sgd(0.05)),
          (c) => f(c.params, c.xs, c.ys, c.optimizer),
          0,
          disposeCase,
        ),
    );
    t.assert(
      extra === 0,
      `lineStep left ${extra} tensor(s) in memory (tf.memory().numTensors grew by ${extra}; ` +
        `it must not grow at all).`,
      "leaks-tensors",
    );
  },
});

const fitLineSpec = exercise<Fit>({
  name: "fitLine",
  title: "Fit a line by gradient descent",
  points: 2,
  difficulty: 2,
  importance: 4,
  minutes: 15,
  solution: fitLine,
  mistakes: [
    {
      name: "leaks-variables",
      hint: "Dispose what fitLine creates: the two variables, the data tensors and the " +
        "optimizer (in a finally block). tf.variable(tf.scalar(0)) also keeps the scalar " +
        "alive: create the variables inside tf.tidy.",
      impl: (xs, ys, options) => {
        const params = { slope: tf.variable(tf.scalar(0)), intercept: tf.variable(tf.scalar(0)) };
        const x = tf.tensor1d(xs);
        const y = tf.tensor1d(ys);
        const optimizer = tf.train.sgd(options.learningRate);
        const losses: number[] = [];
        for (let i = 0; i < options.steps; i++) losses.push(lineStep(params, x, y, optimizer));
        const slope = params.slope.dataSync()[0];
        const intercept = params.intercept.dataSync()[0];
        tf.dispose([x, y]);
        return { slope, intercept, losses };
      },
    },
    {
      name: "extra-final-loss",
      hint: "`losses` has one entry per step, the loss before that step: " +
        "losses.length === steps and losses[0] = mean(ys^2). Don't append a final loss.",
      impl: (xs, ys, options) => {
        const fitted = fitLine(xs, ys, options);
        const residuals = xs.map((x, i) => fitted.slope * x + fitted.intercept - ys[i]);
        const final = residuals.reduce((s, r) => s + r * r, 0) / xs.length;
        return { ...fitted, losses: [...fitted.losses, final] };
      },
    },
    {
      name: "starts-from-random",
      hint: "Start from slope = intercept = 0 (tf.scalar(0)), as the contract says, so that " +
        "results are reproducible.",
      impl: (xs, ys, options) => {
        const params = tf.tidy(() => ({
          slope: tf.variable(tf.randomNormal([], 0, 1, "float32", 1)),
          intercept: tf.variable(tf.randomNormal([], 0, 1, "float32", 2)),
        }));
        const x = tf.tensor1d(xs);
        const y = tf.tensor1d(ys);
        const optimizer = tf.train.sgd(options.learningRate);
        try {
          const losses: number[] = [];
          for (let i = 0; i < options.steps; i++) losses.push(lineStep(params, x, y, optimizer));
          return {
            slope: params.slope.dataSync()[0],
            intercept: params.intercept.dataSync()[0],
            losses,
          };
        } finally {
          tf.dispose([params.slope, params.intercept, x, y]);
          optimizer.dispose();
        }
      },
    },
  ],
  async check(t: CheckContext<Fit>) {
    const xs = Float32Array.from({ length: 21 }, (_, i) => -1 + i / 10);
    const ys = xs.map((x) => 2 * x + 1);
    const short = { steps: 20, learningRate: 0.3 };
    const exactText = "fitLine on 21 points of y = 2x + 1, 20 steps at learning rate 0.3";
    await t.expect(exactText, (f) => f(xs, ys, short), FLOAT32);
    const data = noisyLine(50, -1.5, 0.7, 3);
    await t.expect(
      "fitLine on 50 noisy points, 40 steps at learning rate 0.1",
      (f) => f(data.xs, data.ys, { steps: 40, learningRate: 0.1 }),
      FLOAT32,
    );
    // Independent of the solution: on exact data, gradient descent converges to the line.
    const long = await t.run(
      "fitLine on y = 2x + 1, 300 steps at learning rate 0.5",
      (f) => f(xs, ys, { steps: 300, learningRate: 0.5 }),
    );
    t.assert(
      Math.abs(long.slope - 2) < 1e-3 && Math.abs(long.intercept - 1) < 1e-3,
      `fitLine on y = 2x + 1 (300 steps, learning rate 0.5) should end within 1e-3 of ` +
        `slope 2 and intercept 1; it ended at slope ${long.slope}, intercept ${long.intercept}.`,
    );
    const before = tf.memory().numTensors;
    await t.run("fitLine, counting tensors", (f) => f(xs, ys, short));
    const extra = tf.memory().numTensors - before;
    t.assert(
      extra === 0,
      `fitLine left ${extra} tensor(s) in memory (tf.memory().numTensors grew by ${extra}).`,
      "leaks-variables",
    );
  },
});

/** Chapter 00's exercises, in notebook order. */
export default chapter({
  id: "00_tools",
  title: "Tools: tensors, autograd, plots",
  exercises: [logSumExpSpec, softmaxSpec, gatherActionsSpec, lineStepSpec, fitLineSpec],
});
