/**
 * CartPole-v1 throughput: the single env through `make` (random actions from the action
 * space, reset on done), a SyncVectorEnv of 8, and the batched CartPoleVectorEnv, compared
 * with Gymnasium 0.29.1's numbers on this kind of machine. Prints JSON.
 *
 * Each measurement: a warm-up run, then `REPETITIONS` timed runs; the median is reported.
 *
 * Run: `deno task bench:env`
 *
 * @module
 */
import { CartPoleVectorEnv, Generator, make, SyncVectorEnv } from "../lib/gym/mod.ts";

/** Gymnasium 0.29.1 (numpy, Python 3.11) steps per second on this machine's kind (issue 3). */
const PYTHON_SINGLE_STEPS_PER_SEC = 142_000;
/** Same, env-steps per second for a SyncVectorEnv of 8. */
const PYTHON_SYNC8_ENV_STEPS_PER_SEC = 133_000;
const REPETITIONS = 5;
const WARMUP_SECONDS = 0.3;
const RUN_SECONDS = 0.5;
const SYNC_ENVS = 8;
const BATCHED_SIZES = [8, 256];

/** Runs `chunk` (which does `stepsPerChunk` env-steps) for about `seconds`; env-steps/s. */
function rate(chunk: () => void, stepsPerChunk: number, seconds: number): number {
  let steps = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < seconds * 1000) {
    chunk();
    steps += stepsPerChunk;
    elapsed = performance.now() - start;
  }
  return steps / (elapsed / 1000);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function measure(chunk: () => void, stepsPerChunk: number) {
  rate(chunk, stepsPerChunk, WARMUP_SECONDS);
  const runs = Array.from({ length: REPETITIONS }, () => rate(chunk, stepsPerChunk, RUN_SECONDS));
  return { median: Math.round(median(runs)), runs: runs.map(Math.round) };
}

function benchSingle() {
  const env = make("CartPole-v1");
  env.reset({ seed: 0 });
  env.actionSpace.seed(0);
  const chunk = () => {
    for (let t = 0; t < 1000; t++) {
      const [, , terminated, truncated] = env.step(env.actionSpace.sample());
      if (terminated || truncated) env.reset();
    }
  };
  return measure(chunk, 1000);
}

function benchSync() {
  const envs = new SyncVectorEnv(
    Array.from({ length: SYNC_ENVS }, () => () => make("CartPole-v1")),
    { autoresetMode: "same-step" },
  );
  envs.reset({ seed: 0 });
  envs.actionSpace.seed(0);
  const chunk = () => {
    for (let t = 0; t < 200; t++) envs.step(envs.actionSpace.sample());
  };
  return measure(chunk, 200 * SYNC_ENVS);
}

function benchBatched(numEnvs: number) {
  const envs = new CartPoleVectorEnv({ numEnvs, autoresetMode: "same-step" });
  envs.reset({ seed: 0 });
  const bits = Generator.fromSeed(0).bitGenerator;
  const actions = new Int32Array(numEnvs);
  const steps = Math.max(1, Math.round(20000 / numEnvs));
  const chunk = () => {
    for (let t = 0; t < steps; t++) {
      // Uniform random actions, 32 per PCG64 uint32 draw.
      let word = 0;
      for (let i = 0; i < numEnvs; i++) {
        if ((i & 31) === 0) word = bits.nextUint32();
        actions[i] = (word >>> (i & 31)) & 1;
      }
      envs.step(actions);
    }
  };
  return measure(chunk, steps * numEnvs);
}

const single = benchSingle();
const sync = benchSync();
const batched = Object.fromEntries(
  BATCHED_SIZES.map((n) => [`num_envs_${n}`, benchBatched(n)]),
);
const bestBatched = Math.max(...Object.values(batched).map((b) => b.median));
const ratio = (a: number, b: number) => Math.round((a / b) * 10) / 10;

console.log(JSON.stringify(
  {
    benchmark: "CartPole-v1 env steps per second (random actions, autoreset)",
    actions: "single and sync: actionSpace.sample(); batched: 32 random bits per PCG64 draw",
    deno: Deno.version.deno,
    load_average_1_5_15_min: Deno.loadavg(),
    cpus: navigator.hardwareConcurrency,
    v8: Deno.version.v8,
    repetitions: REPETITIONS,
    seconds_per_run: RUN_SECONDS,
    single_make_steps_per_sec: single,
    sync_vector_env_8_env_steps_per_sec: sync,
    batched_env_steps_per_sec: batched,
    reference_gymnasium_0_29_1: {
      single_steps_per_sec: PYTHON_SINGLE_STEPS_PER_SEC,
      sync_vector_env_8_env_steps_per_sec: PYTHON_SYNC8_ENV_STEPS_PER_SEC,
    },
    ratios_vs_gymnasium: {
      single: ratio(single.median, PYTHON_SINGLE_STEPS_PER_SEC),
      sync_vector_env_8: ratio(sync.median, PYTHON_SYNC8_ENV_STEPS_PER_SEC),
      batched_best_vs_single: ratio(bestBatched, PYTHON_SINGLE_STEPS_PER_SEC),
    },
    targets: { single_and_sync: "15x", batched: "100x" },
  },
  null,
  2,
));
