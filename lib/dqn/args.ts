/**
 * The hyperparameters of DQN, named as in CleanRL's `dqn.py` (camelCase), with defaults
 * tuned to solve CartPole-v1 fast, and their validation.
 *
 * @module
 */

/** Every hyperparameter of a DQN run. Steps count environment steps over all sub-envs. */
export interface DQNArgs {
  /** Environment id, e.g. `"CartPole-v1"` or `"Probe3-v0"`. */
  envId: string;
  /** Seed of the environments, the network initializers and the agent's generator. */
  seed: number;
  /** Environment steps to train for. */
  totalTimesteps: number;
  /** Adam's learning rate. */
  learningRate: number;
  /** Number of sub-environments stepped together. */
  numEnvs: number;
  /** Capacity of the replay buffer, in transitions. */
  bufferSize: number;
  /** Discount factor. */
  gamma: number;
  /** Target update rate: 1 copies the online weights, below 1 moves the target a fraction tau. */
  tau: number;
  /** Environment steps between target-network updates (a multiple of `numEnvs`). */
  targetNetworkFrequency: number;
  /** Transitions per gradient step. */
  batchSize: number;
  /** Epsilon at the start. */
  startE: number;
  /** Epsilon at the end of the decay. */
  endE: number;
  /** Fraction of `totalTimesteps` over which epsilon decays from `startE` to `endE`. */
  explorationFraction: number;
  /** Environment steps of pure collection before the first gradient step. */
  learningStarts: number;
  /** Environment steps between gradient steps (a multiple of `numEnvs`). */
  trainFrequency: number;
  /** Gradients are rescaled so that their global L2 norm is at most this. */
  maxGradNorm: number;
  /** Hidden layer sizes of the Q-network. */
  hiddenSizes: number[];
}

/**
 * CleanRL's defaults for `dqn.py` on CartPole-v1 (500k steps, one environment, a gradient
 * step every 10 environment steps after 10k steps of collection). For comparison only: they
 * take about 250k environment steps to reach a mean return of 475.
 */
export const CLEANRL_DQN_ARGS: Readonly<DQNArgs> = Object.freeze({
  envId: "CartPole-v1",
  seed: 1,
  totalTimesteps: 500_000,
  learningRate: 2.5e-4,
  numEnvs: 1,
  bufferSize: 10_000,
  gamma: 0.99,
  tau: 1.0,
  targetNetworkFrequency: 500,
  batchSize: 128,
  startE: 1,
  endE: 0.05,
  explorationFraction: 0.5,
  learningStarts: 10_000,
  trainFrequency: 10,
  maxGradNorm: Infinity,
  hiddenSizes: [120, 84],
});

/**
 * The course's defaults for CartPole-v1: CleanRL's network, eight environments stepped
 * together, a higher learning rate, a shorter exploration phase and earlier learning, so that
 * DQN reaches a mean return of 475 in far fewer steps (see bench/dqn_bench.ts).
 */
export const DQN_ARGS: Readonly<DQNArgs> = Object.freeze({
  envId: "CartPole-v1",
  seed: 1,
  totalTimesteps: 150_000,
  learningRate: 2.5e-3,
  numEnvs: 8,
  bufferSize: 50_000,
  gamma: 0.99,
  tau: 1.0,
  targetNetworkFrequency: 480,
  batchSize: 64,
  startE: 1,
  endE: 0.05,
  explorationFraction: 0.1,
  learningStarts: 1_000,
  trainFrequency: 8,
  maxGradNorm: 10,
  hiddenSizes: [120, 84],
});

function positiveInteger(args: DQNArgs, key: keyof DQNArgs): void {
  const value = args[key];
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError(`DQN args: ${key} must be a positive integer, got ${String(value)}.`);
  }
}

function inRange(args: DQNArgs, key: keyof DQNArgs, low: number, high: number): void {
  const value = args[key];
  if (typeof value !== "number" || !(value >= low && value <= high)) {
    throw new RangeError(
      `DQN args: ${key} must be a number in [${low}, ${high}], got ${String(value)}.`,
    );
  }
}

/**
 * `DQN_ARGS` with `overrides` applied, checked: every count a positive integer (learningStarts
 * may be 0), probabilities and rates in range, and `trainFrequency` and
 * `targetNetworkFrequency` multiples of `numEnvs` (each vector step takes `numEnvs` steps, so
 * other values would never be hit exactly).
 *
 * @throws RangeError naming the offending hyperparameter and its value.
 */
export function dqnArgs(overrides: Partial<DQNArgs> = {}): DQNArgs {
  const args: DQNArgs = { ...DQN_ARGS, hiddenSizes: [...DQN_ARGS.hiddenSizes], ...overrides };
  if (typeof args.envId !== "string" || args.envId === "") {
    throw new RangeError(`DQN args: envId must be an environment id, got ${String(args.envId)}.`);
  }
  if (!Number.isSafeInteger(args.seed) || args.seed < 0) {
    throw new RangeError(`DQN args: seed must be a non-negative integer, got ${args.seed}.`);
  }
  for (
    const key of [
      "totalTimesteps",
      "numEnvs",
      "bufferSize",
      "targetNetworkFrequency",
      "batchSize",
      "trainFrequency",
    ] as const
  ) positiveInteger(args, key);
  if (!Number.isSafeInteger(args.learningStarts) || args.learningStarts < 0) {
    throw new RangeError(
      `DQN args: learningStarts must be a non-negative integer, got ${args.learningStarts}.`,
    );
  }
  inRange(args, "learningRate", Number.MIN_VALUE, Infinity);
  inRange(args, "gamma", 0, 1);
  inRange(args, "tau", Number.MIN_VALUE, 1);
  inRange(args, "startE", 0, 1);
  inRange(args, "endE", 0, 1);
  inRange(args, "explorationFraction", 0, 1);
  inRange(args, "maxGradNorm", Number.MIN_VALUE, Infinity);
  for (const key of ["trainFrequency", "targetNetworkFrequency"] as const) {
    if (args[key] % args.numEnvs !== 0) {
      throw new RangeError(
        `DQN args: ${key} (${args[key]}) must be a multiple of numEnvs (${args.numEnvs}): ` +
          `each vector step takes numEnvs environment steps.`,
      );
    }
  }
  if (
    !Array.isArray(args.hiddenSizes) || args.hiddenSizes.length === 0 ||
    !args.hiddenSizes.every((h) => Number.isSafeInteger(h) && h > 0)
  ) {
    throw new RangeError(
      `DQN args: hiddenSizes must be a non-empty array of positive integers, got ${
        JSON.stringify(args.hiddenSizes)
      }.`,
    );
  }
  return args;
}
