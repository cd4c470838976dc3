/**
 * Reference solutions of chapter 01: bandits, MDPs with known dynamics, and planning.
 *
 * Each export is substituted verbatim into the notebook's exercise cell by `deno task solve`,
 * so it uses only what the notebook's setup cells import and earlier exercises.
 *
 * @module
 */
import type { Generator } from "../lib/gym/mod.ts";
import { argmax, type BanditAgent, Environment, solveLinearSystem } from "../lib/mdp/mod.ts";

/**
 * A bandit agent that pulls an arm uniformly at random and learns nothing: the baseline.
 *
 * Contract (so that it replays in lock-step with the reference): `getAction()` makes exactly
 * one call, `rng.integers(0, numArms)`, and returns it; `observe()` does nothing.
 */
export class RandomAgent implements BanditAgent {
  /**
   * @param numArms number of arms k
   * @param rng the agent's own seeded random generator
   */
  constructor(readonly numArms: number, readonly rng: Generator) {}

  /** Returns an arm drawn uniformly from `0 .. numArms - 1`. */
  getAction(): number {
    return this.rng.integers(0, this.numArms);
  }

  /** Ignores the reward: a random agent does not learn. */
  observe(_action: number, _reward: number): void {}
}

/**
 * Epsilon-greedy action selection with incremental reward averaging (Sutton and Barto 2.4,
 * 2.5, 2.6).
 *
 * - `Q[a]` starts at `initialValue` (optimistic when large), `N[a]` at 0.
 * - `getAction()` draws `u = rng.random()` (exactly once per call). If `u < epsilon` it
 *   explores: it returns `rng.integers(0, numArms)`, any arm, the greedy one included.
 *   Otherwise it returns `argmax(Q)` (ties to the lowest index).
 * - `observe(a, r)` increments `N[a]` and moves `Q[a]` towards `r`:
 *   `Q[a] += alpha * (r - Q[a])` with `alpha = 1 / N[a]` (the sample average, counting this
 *   reward) or `alpha = stepSize` when a constant step size is given (for drifting arms).
 */
export class RewardAveraging implements BanditAgent {
  /** Estimated value of each arm, `[numArms]`. */
  readonly Q: Float64Array;
  /** Number of times each arm was pulled, `[numArms]`. */
  readonly N: Int32Array;
  /** Probability of exploring. */
  readonly epsilon: number;
  /** Constant step size, or `undefined` for sample averages. */
  readonly stepSize: number | undefined;

  /**
   * @param numArms number of arms k
   * @param rng the agent's own seeded random generator
   * @param options `epsilon` in [0, 1]; `initialValue` of every `Q[a]` (default 0);
   * `stepSize` in (0, 1] for a constant step size (default: sample average)
   */
  constructor(
    readonly numArms: number,
    readonly rng: Generator,
    options: { epsilon: number; initialValue?: number; stepSize?: number },
  ) {
    this.epsilon = options.epsilon;
    this.stepSize = options.stepSize;
    this.Q = new Float64Array(numArms).fill(options.initialValue ?? 0);
    this.N = new Int32Array(numArms);
  }

  /** Explores with probability epsilon, otherwise exploits the current estimates. */
  getAction(): number {
    if (this.rng.random() < this.epsilon) return this.rng.integers(0, this.numArms);
    return argmax(this.Q);
  }

  /** Counts the pull and updates the estimate of `action`. */
  observe(action: number, reward: number): void {
    this.N[action] += 1;
    const alpha = this.stepSize ?? 1 / this.N[action];
    this.Q[action] += alpha * (reward - this.Q[action]);
  }
}

/**
 * Upper-confidence-bound action selection (Sutton and Barto 2.7) with sample averages.
 *
 * - At time step `t` (1 for the first action; `t = 1 + ` the number of rewards observed so
 *   far), an arm never pulled (`N[a] = 0`) is chosen first, the lowest index first. Otherwise
 *   it returns `argmax_a Q[a] + c * sqrt(ln(t) / N[a])` (ties to the lowest index).
 * - `observe(a, r)` increments `N[a]` and sets `Q[a]` to the sample average of the rewards
 *   of arm `a`.
 * The selection is deterministic: `rng` is accepted for a uniform constructor and not used.
 */
export class UCBActionSelection implements BanditAgent {
  /** Estimated value of each arm, `[numArms]`. */
  readonly Q: Float64Array;
  /** Number of times each arm was pulled, `[numArms]`. */
  readonly N: Int32Array;
  /** Exploration strength c > 0. */
  readonly c: number;

  /**
   * @param numArms number of arms k
   * @param rng the agent's random generator (unused: UCB is deterministic)
   * @param options `c`, the exploration strength (default 2)
   */
  constructor(
    readonly numArms: number,
    readonly rng: Generator,
    options: { c?: number } = {},
  ) {
    this.c = options.c ?? 2;
    this.Q = new Float64Array(numArms);
    this.N = new Int32Array(numArms);
  }

  /** Returns an untried arm if any, else the arm with the largest upper confidence bound. */
  getAction(): number {
    let t = 1;
    for (let a = 0; a < this.numArms; a++) {
      if (this.N[a] === 0) return a;
      t += this.N[a];
    }
    const bounds = new Float64Array(this.numArms);
    for (let a = 0; a < this.numArms; a++) {
      bounds[a] = this.Q[a] + this.c * Math.sqrt(Math.log(t) / this.N[a]);
    }
    return argmax(bounds);
  }

  /** Counts the pull and updates the sample average of `action`. */
  observe(action: number, reward: number): void {
    this.N[action] += 1;
    this.Q[action] += (reward - this.Q[action]) / this.N[action];
  }
}

/**
 * The value of the top state of the toy MDP (`toyMdp()` in lib/mdp) under the two
 * deterministic policies, as closed forms of the discount `gamma` in [0, 1), worked out by
 * hand: `left` always takes action 0 in the top state (+1 now, then 0 on the way back),
 * `right` always takes action 1 (0 now, then +2 on the way back).
 */
export function toyValues(gamma: number): { left: number; right: number } {
  return {
    left: 1 / (1 - gamma * gamma),
    right: (2 * gamma) / (1 - gamma * gamma),
  };
}

/**
 * Builds the dense model of a grid world from its ASCII map, with the rules of lib/gym's
 * GridWorld:
 *
 * - Cells: `.` empty, `S` start (exactly one when the map has cliffs), `G` goal, `T` trap,
 *   `C` cliff, `#` wall. State `s = row * ncol + col` for every cell, walls included.
 * - Rows of `G`, `T` and `#` cells are all zero: the episode ends in `G` and `T`, and walls
 *   are never occupied. (Cliff cells are never occupied either; their rows are not checked.)
 * - From any other cell, action `a` (0 up, 1 right, 2 down, 3 left) moves in direction `a`
 *   with probability `1 - 2 * slip`, and in each perpendicular direction (`(a + 1) % 4` and
 *   `(a + 3) % 4`) with probability `slip` (skip outcomes of probability 0).
 * - A move earns `stepReward`, and: off the grid or into `#`, the agent stays and also
 *   earns `bumpReward`; into `G` it earns `goalReward`, into `T` `trapReward`; into `C` it
 *   earns `cliffReward` and lands on the `S` cell instead.
 * - Outcomes that land in the same next state add up: `T[s][a][next]` is their total
 *   probability and `R[s][a][next]` their probability-weighted mean reward.
 *
 * @param map the ASCII map, one string per row, all of the same length
 * @param params the rewards and the slip probability in [0, 0.5]
 * @returns the MDP, `new Environment(T, R)` with `T` and `R` of shape
 * `[numStates][4][numStates]`
 */
export function gridWorldModel(
  map: readonly string[],
  params: {
    stepReward: number;
    goalReward: number;
    trapReward: number;
    cliffReward: number;
    bumpReward: number;
    slip: number;
  },
): Environment {
  const nrow = map.length;
  const ncol = map[0].length;
  const n = nrow * ncol;
  const start = map.join("").indexOf("S");
  const deltas = [[-1, 0], [0, 1], [1, 0], [0, -1]];
  const T = Array.from({ length: n }, () => Array.from({ length: 4 }, () => new Array(n).fill(0)));
  const R = Array.from({ length: n }, () => Array.from({ length: 4 }, () => new Array(n).fill(0)));
  // The next state and reward of a move from (row, col) in `direction`.
  const move = (row: number, col: number, direction: number): [number, number] => {
    const r = row + deltas[direction][0];
    const c = col + deltas[direction][1];
    if (r < 0 || r >= nrow || c < 0 || c >= ncol || map[r][c] === "#") {
      return [row * ncol + col, params.stepReward + params.bumpReward];
    }
    const cell = map[r][c];
    if (cell === "G") return [r * ncol + c, params.stepReward + params.goalReward];
    if (cell === "T") return [r * ncol + c, params.stepReward + params.trapReward];
    if (cell === "C") return [start, params.stepReward + params.cliffReward];
    return [r * ncol + c, params.stepReward];
  };
  for (let row = 0; row < nrow; row++) {
    for (let col = 0; col < ncol; col++) {
      const s = row * ncol + col;
      if ("GT#".includes(map[row][col])) continue;
      for (let a = 0; a < 4; a++) {
        const outcomes: Array<[number, number]> = [
          [a, 1 - 2 * params.slip],
          [(a + 1) % 4, params.slip],
          [(a + 3) % 4, params.slip],
        ];
        for (const [direction, prob] of outcomes) {
          if (prob === 0) continue;
          const [next, reward] = move(row, col, direction);
          // Accumulate probability-weighted rewards; divided by the total probability below.
          T[s][a][next] += prob;
          R[s][a][next] += prob * reward;
        }
        for (let next = 0; next < n; next++) {
          if (T[s][a][next] > 0) R[s][a][next] /= T[s][a][next];
        }
      }
    }
  }
  return new Environment(T, R);
}

/**
 * Evaluates the deterministic policy `pi` by iterating the Bellman expectation equation
 * with **synchronous** sweeps: every sweep computes, for every state s,
 * `V_new[s] = sum_next T[s][pi[s]][next] * (R[s][pi[s]][next] + gamma * V_old[next])`
 * from the previous sweep's values only (never from values already updated in this sweep).
 *
 * Starts from `V = 0` and stops after the first sweep whose largest change
 * `max_s |V_new[s] - V_old[s]|` is below `eps`, or after `maxIterations` sweeps, returning
 * the values of the last sweep.
 *
 * @param env the MDP (terminal states have all-zero rows, so their value stays 0)
 * @param pi `pi[s]` is the action taken in state s, `[numStates]`
 * @param gamma discount factor in [0, 1]
 * @param eps convergence threshold on the largest change in a sweep
 * @param maxIterations maximum number of sweeps
 * @returns `V[s]`, `[numStates]`
 */
export function policyEvalNumerical(
  env: Environment,
  pi: ArrayLike<number>,
  gamma = 0.99,
  eps = 1e-8,
  maxIterations = 10_000,
): Float64Array {
  const { numStates, T, R } = env;
  let V = new Float64Array(numStates);
  for (let sweep = 0; sweep < maxIterations; sweep++) {
    const next = new Float64Array(numStates);
    let delta = 0;
    for (let s = 0; s < numStates; s++) {
      const a = pi[s];
      let v = 0;
      for (let s2 = 0; s2 < numStates; s2++) {
        v += T[s][a][s2] * (R[s][a][s2] + gamma * V[s2]);
      }
      next[s] = v;
      delta = Math.max(delta, Math.abs(v - V[s]));
    }
    V = next;
    if (delta < eps) break;
  }
  return V;
}

/**
 * Evaluates the deterministic policy `pi` exactly, by solving the linear Bellman
 * expectation equations `V = r_pi + gamma * P_pi V`, i.e. `(I - gamma * P_pi) V = r_pi`, where
 * `P_pi[s][next] = T[s][pi[s]][next]` and `r_pi[s] = sum_next T[s][pi[s]][next] *
 * R[s][pi[s]][next]` (the expected immediate reward). Use `solveLinearSystem` from lib/mdp.
 *
 * With `gamma = 1` the system has a unique solution only when the policy reaches a terminal
 * state from every state; otherwise the solver reports a singular matrix.
 *
 * @param env the MDP
 * @param pi `pi[s]` is the action taken in state s, `[numStates]`
 * @param gamma discount factor in [0, 1]
 * @returns `V[s]`, `[numStates]`
 */
export function policyEvalExact(
  env: Environment,
  pi: ArrayLike<number>,
  gamma = 0.99,
): Float64Array {
  const { numStates, T, R } = env;
  const A: Float64Array[] = [];
  const b = new Float64Array(numStates);
  for (let s = 0; s < numStates; s++) {
    const a = pi[s];
    const row = new Float64Array(numStates);
    row[s] = 1;
    for (let s2 = 0; s2 < numStates; s2++) {
      row[s2] -= gamma * T[s][a][s2];
      b[s] += T[s][a][s2] * R[s][a][s2];
    }
    A.push(row);
  }
  return solveLinearSystem(A, b);
}

/**
 * The greedy policy with respect to the values `V`: in every state, the action that
 * maximises `Q(s, a) = sum_next T[s][a][next] * (R[s][a][next] + gamma * V[next])`, ties to
 * the lowest action index (`argmax` from lib/mdp).
 *
 * @param env the MDP
 * @param V `V[s]`, `[numStates]`
 * @param gamma discount factor in [0, 1]
 * @returns `pi[s]`, the greedy action of each state, `[numStates]`
 */
export function policyImprovement(
  env: Environment,
  V: ArrayLike<number>,
  gamma = 0.99,
): Int32Array {
  const { numStates, numActions, T, R } = env;
  const pi = new Int32Array(numStates);
  const q = new Float64Array(numActions);
  for (let s = 0; s < numStates; s++) {
    for (let a = 0; a < numActions; a++) {
      let sum = 0;
      for (let s2 = 0; s2 < numStates; s2++) {
        sum += T[s][a][s2] * (R[s][a][s2] + gamma * V[s2]);
      }
      q[a] = sum;
    }
    pi[s] = argmax(q);
  }
  return pi;
}

/**
 * Policy iteration: starting from the policy that takes action 0 everywhere, alternates
 * exact evaluation (`policyEvalExact`) and greedy improvement (`policyImprovement`) until
 * the policy no longer changes, and returns it.
 *
 * With `gamma = 1`, every policy met on the way must reach a terminal state (true when moves
 * are slippery, as in the 3x4 world); use `gamma < 1` otherwise.
 *
 * @param env the MDP
 * @param gamma discount factor in [0, 1]
 * @param maxIterations maximum number of improvement steps
 * @returns an optimal deterministic policy, `[numStates]`
 */
export function findOptimalPolicy(
  env: Environment,
  gamma = 0.99,
  maxIterations = 1_000,
): Int32Array {
  let pi: Int32Array = new Int32Array(env.numStates);
  for (let i = 0; i < maxIterations; i++) {
    const improved = policyImprovement(env, policyEvalExact(env, pi, gamma), gamma);
    if (improved.every((a, s) => a === pi[s])) return improved;
    pi = improved;
  }
  return pi;
}

/**
 * Value iteration: iterates the Bellman optimality equation with **synchronous** sweeps,
 * `V_new[s] = max_a sum_next T[s][a][next] * (R[s][a][next] + gamma * V_old[next])`,
 * from `V = 0`, until the largest change in a sweep is below `eps` or after `maxIterations`
 * sweeps, and returns the values of the last sweep. (The greedy policy is
 * `policyImprovement(env, V, gamma)`.)
 *
 * @param env the MDP
 * @param gamma discount factor in [0, 1]
 * @param eps convergence threshold on the largest change in a sweep
 * @param maxIterations maximum number of sweeps
 * @returns the optimal values `V*[s]` (to within the threshold), `[numStates]`
 */
export function valueIteration(
  env: Environment,
  gamma = 0.99,
  eps = 1e-8,
  maxIterations = 10_000,
): Float64Array {
  const { numStates, numActions, T, R } = env;
  let V = new Float64Array(numStates);
  for (let sweep = 0; sweep < maxIterations; sweep++) {
    const next = new Float64Array(numStates);
    let delta = 0;
    for (let s = 0; s < numStates; s++) {
      let best = -Infinity;
      for (let a = 0; a < numActions; a++) {
        let q = 0;
        for (let s2 = 0; s2 < numStates; s2++) {
          q += T[s][a][s2] * (R[s][a][s2] + gamma * V[s2]);
        }
        best = Math.max(best, q);
      }
      next[s] = best;
      delta = Math.max(delta, Math.abs(best - V[s]));
    }
    V = next;
    if (delta < eps) break;
  }
  return V;
}
