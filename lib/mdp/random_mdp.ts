/**
 * Seeded random MDPs, for checking planning code on many small cases.
 *
 * @module
 */
import type { Generator } from "../gym/seeding.ts";
import { Environment, zeros3 } from "./environment.ts";

/** Options of {@link randomMdp}. */
export interface RandomMdpOptions {
  /** Number of states (default 6). */
  numStates?: number;
  /** Number of actions (default 3). */
  numActions?: number;
  /** How many of the states are terminal: the last `numTerminal` ones (default 1). */
  numTerminal?: number;
  /** How many distinct next states each (state, action) can lead to (default 3). */
  branching?: number;
  /** Rewards are drawn uniformly from `[-rewardScale, rewardScale)` (default 1). */
  rewardScale?: number;
}

/**
 * A random MDP drawn from `rng`: for each non-terminal state and action, `branching` next
 * states (with replacement, so sometimes fewer) with random probabilities, and a uniform
 * random reward per transition. The last `numTerminal` states are terminal.
 *
 * @throws when a size is not a positive integer or `numTerminal >= numStates`.
 */
export function randomMdp(rng: Generator, options: RandomMdpOptions = {}): Environment {
  const {
    numStates = 6,
    numActions = 3,
    numTerminal = 1,
    branching = 3,
    rewardScale = 1,
  } = options;
  for (const [name, value] of Object.entries({ numStates, numActions, branching })) {
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(`randomMdp: ${name} must be a positive integer, got ${value}.`);
    }
  }
  if (!Number.isInteger(numTerminal) || numTerminal < 0 || numTerminal >= numStates) {
    throw new Error(
      `randomMdp: numTerminal must be an integer in 0..${numStates - 1} (at least one state ` +
        `must be non-terminal), got ${numTerminal}.`,
    );
  }
  const T = zeros3(numStates, numActions);
  const R = zeros3(numStates, numActions);
  for (let s = 0; s < numStates - numTerminal; s++) {
    for (let a = 0; a < numActions; a++) {
      const weights = Array.from({ length: branching }, () => rng.uniform(0.1, 1));
      const total = weights.reduce((x, y) => x + y, 0);
      for (const w of weights) {
        const next = rng.integers(0, numStates);
        T[s][a][next] += w / total;
      }
      const sum = T[s][a].reduce((x, y) => x + y, 0);
      for (let next = 0; next < numStates; next++) {
        // Renormalise so that rounding leaves each row summing to 1.
        T[s][a][next] /= sum;
        if (T[s][a][next] > 0) R[s][a][next] = rng.uniform(-rewardScale, rewardScale);
      }
    }
  }
  return new Environment(T, R);
}

/** A uniformly random deterministic policy of `env`, `[numStates]`. */
export function randomPolicy(rng: Generator, env: Environment): Int32Array {
  return Int32Array.from({ length: env.numStates }, () => rng.integers(0, env.numActions));
}
