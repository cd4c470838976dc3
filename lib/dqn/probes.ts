/**
 * The probe environments as a debugging ladder for DQN: what each probe's Q-values must be
 * after training (from the probes' definitions in lib/gym/envs/probes.ts), and the short
 * training run that should get there.
 *
 * @module
 */
import type { DQNArgs } from "./args.ts";

/** One rung of the ladder: a probe, the observations to query and their true Q-values. */
export interface ProbeCase {
  /** Environment id, `Probe1-v0` ... `Probe5-v0`. */
  envId: string;
  /** What a failure on this probe points at. */
  tests: string;
  /** Observations to evaluate, one `[1]` observation each. */
  observations: number[];
  /** True Q-values, `expected[k][a]` for `observations[k]` and action `a`. */
  expected: number[][];
}

/** The probes' true Q-values for discount `gamma` (each probe's documented answer). */
export function probeCases(gamma: number): ProbeCase[] {
  return [
    {
      envId: "Probe1-v0",
      tests: "the network can learn a constant (loss, optimizer, shapes)",
      observations: [0],
      expected: [[1]],
    },
    {
      envId: "Probe2-v0",
      tests: "the value depends on the observation (the network reads its input)",
      observations: [-1, 1],
      expected: [[-1], [1]],
    },
    {
      envId: "Probe3-v0",
      tests: "discounting and bootstrapping from the next state (the TD target)",
      observations: [0, 1],
      expected: [[gamma], [1]],
    },
    {
      envId: "Probe4-v0",
      tests: "Q(s, a) of the taken action is updated, not of another one",
      observations: [0],
      expected: [[-1, 1]],
    },
    {
      envId: "Probe5-v0",
      tests: "Q depends on observation and action together",
      observations: [-1, 1],
      expected: [[1, -1], [-1, 1]],
    },
  ];
}

/**
 * Hyperparameters of the short probe runs: a small network, a gradient step per vector
 * step, and gamma = 0.5 so that Probe3's discounted value (0.5) is far from 1.
 */
export const PROBE_ARGS: Readonly<Omit<DQNArgs, "envId">> = Object.freeze({
  seed: 0,
  totalTimesteps: 1_500,
  learningRate: 1e-2,
  numEnvs: 4,
  bufferSize: 1_000,
  gamma: 0.5,
  tau: 1,
  targetNetworkFrequency: 20,
  batchSize: 32,
  startE: 1,
  endE: 0.05,
  explorationFraction: 0.5,
  learningStarts: 100,
  trainFrequency: 4,
  maxGradNorm: 10,
  hiddenSizes: [32, 32],
});

/** Absolute tolerance on probe Q-values after the probe run. */
export const PROBE_TOLERANCE = 0.1;
