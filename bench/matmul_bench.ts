/**
 * Transposed matrix products on the wasm backend, with tfjs's own kernels ("original") and
 * with lib/tf/fast_matmul.ts ("fast"): microseconds per product for the three products of a
 * Dense layer `y = x W` in training (forward `x W`, input gradient `dy Wᵀ`, weight gradient
 * `xᵀ dy`) at the sizes of the course's DQN (CartPole, hidden [120, 84], batch 128), and per
 * Adam step of that Q-network. The modes alternate over several rounds and the median round is
 * reported, since the machine is shared; the load average is printed alongside. Prints JSON.
 *
 * Run: `deno task bench:matmul [--rounds 5]`
 *
 * @module
 */
import { parseArgs } from "node:util";
import { installFastMatMul, setupTf, tf, uninstallFastMatMul } from "../lib/tf/mod.ts";

/** Batch size and layer sizes of the course's DQN on CartPole (lib/dqn/args.ts). */
const BATCH = 128;
const LAYERS = [4, 120, 84, 2];
/** Each measurement repeats its operation for at least this long. */
const MIN_MILLISECONDS = 150;

interface Case {
  name: string;
  /** Runs once; disposes what it creates. */
  run: () => void;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Microseconds per call of `run`, after a warm-up. */
function microseconds(run: () => void): number {
  for (let i = 0; i < 10; i++) run();
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < MIN_MILLISECONDS) {
    run();
    calls++;
    elapsed = performance.now() - start;
  }
  return (elapsed / calls) * 1000;
}

/** The products of one Dense layer `[BATCH, inputs] -> [BATCH, outputs]` in a training step. */
function layerCases(inputs: number, outputs: number): { cases: Case[]; tensors: tf.Tensor[] } {
  const x = tf.randomNormal([BATCH, inputs], 0, 1, "float32", 1);
  const w = tf.randomNormal([inputs, outputs], 0, 1, "float32", 2);
  const dy = tf.randomNormal([BATCH, outputs], 0, 1, "float32", 3);
  const bias = tf.randomNormal([inputs], 0, 1, "float32", 4);
  const size = `${inputs}->${outputs}`;
  const cases: Case[] = [
    { name: `${size} forward x W`, run: () => tf.matMul(x, w).dispose() },
    { name: `${size} input gradient dy Wᵀ`, run: () => tf.matMul(dy, w, false, true).dispose() },
    { name: `${size} weight gradient xᵀ dy`, run: () => tf.matMul(x, dy, true, false).dispose() },
    {
      name: `${size} fused dy Wᵀ + bias, relu`,
      run: () =>
        tf.fused.matMul({ a: dy, b: w, transposeB: true, bias, activation: "relu" }).dispose(),
    },
  ];
  return { cases, tensors: [x, w, dy, bias] };
}

/** One Adam step of the DQN's MLP on a fixed batch (forward, backward, update). */
function trainStepCase(): { cases: Case[]; dispose: () => void } {
  const model = tf.sequential({
    layers: LAYERS.slice(1).map((units, i) =>
      tf.layers.dense({
        units,
        inputShape: i === 0 ? [LAYERS[0]] : undefined,
        activation: i < LAYERS.length - 2 ? "relu" : "linear",
        kernelInitializer: tf.initializers.glorotUniform({ seed: i }),
      })
    ),
  });
  const optimizer = tf.train.adam(2.5e-4);
  const x = tf.randomNormal([BATCH, LAYERS[0]], 0, 1, "float32", 5);
  const target = tf.randomNormal([BATCH, LAYERS.at(-1)!], 0, 1, "float32", 6);
  const run = () =>
    tf.tidy(() => {
      optimizer.minimize(
        () => tf.losses.meanSquaredError(target, model.predict(x) as tf.Tensor),
      );
    });
  return {
    cases: [{ name: `Adam step, MLP ${LAYERS.join("-")}, batch ${BATCH}`, run }],
    dispose: () => {
      model.dispose();
      optimizer.dispose();
      tf.dispose([x, target]);
    },
  };
}

async function main() {
  const { values } = parseArgs({
    args: Deno.args,
    options: { rounds: { type: "string", default: "5" } },
  });
  const rounds = Number(values.rounds);
  if (!Number.isSafeInteger(rounds) || rounds < 1) {
    throw new Error(`--rounds must be a positive integer, got "${values.rounds}".`);
  }
  const backend = await setupTf();
  if (backend !== "wasm") throw new Error(`the wasm backend is needed, got ${backend}.`);
  const loadBefore = Deno.loadavg();
  const layers = LAYERS.slice(1).map((outputs, i) => layerCases(LAYERS[i], outputs));
  const step = trainStepCase();
  const cases = [...layers.flatMap((l) => l.cases), ...step.cases];
  const times = cases.map(() => ({ original: [] as number[], fast: [] as number[] }));
  for (let r = 0; r < rounds; r++) {
    for (const mode of ["original", "fast"] as const) {
      if (mode === "fast") installFastMatMul();
      else uninstallFastMatMul();
      cases.forEach((c, i) => times[i][mode].push(microseconds(c.run)));
    }
  }
  installFastMatMul();
  layers.forEach((l) => tf.dispose(l.tensors));
  step.dispose();
  console.log(JSON.stringify(
    {
      benchmark: "wasm matrix products: tfjs kernels vs transpose-first (median microseconds)",
      backend,
      tfjs: tf.version.tfjs,
      rounds,
      loadAverage: {
        before: loadBefore.map((x) => round(x, 2)),
        after: Deno.loadavg().map((x) => round(x, 2)),
      },
      cases: cases.map((c, i) => {
        const original = median(times[i].original);
        const fast = median(times[i].fast);
        return {
          name: c.name,
          originalUs: round(original),
          fastUs: round(fast),
          speedup: round(original / fast, 2),
        };
      }),
    },
    null,
    2,
  ));
}

if (import.meta.main) await main();
