/**
 * Planning with a known model, as a yardstick for the learners of chapter 02: lib/gym's
 * toy-text and grid environments expose their dynamics as `P[s][a]` (Gymnasium's format), so
 * the exact optimal action values `Q*` and the exact value of any policy can be computed and
 * compared with what a sample-based learner found without ever reading `P`.
 *
 * This is a small, plain value iteration (chapter 01 derives and implements it as an
 * exercise; a library module cannot import the solutions).
 *
 * @module
 */
import { QTable } from "./qtable.ts";

/** One possible outcome of an action: `P[s][a]` lists them. */
export interface Outcome {
  /** Probability of this outcome. */
  prob: number;
  /** The next state. */
  next: number;
  /** The reward received. */
  reward: number;
  /** Whether the episode ends on this transition (no value follows it). */
  terminated: boolean;
}

/** A model in Gymnasium's format: `P[s][a]` is the list of outcomes of action `a` in `s`. */
export type Model = ReadonlyArray<ReadonlyArray<ReadonlyArray<Outcome>>>;

/** Options of the iterative solvers. */
export interface SolverOptions {
  /** Discount factor in [0, 1]; with 1 every policy considered must reach a terminal state. */
  gamma: number;
  /** Stop when no value changes by more than this in a sweep (default 1e-10). */
  tolerance?: number;
  /** Give up (with an error) after this many sweeps (default 100 000). */
  maxIterations?: number;
}

function checkModel(P: Model, who: string): number {
  if (P.length === 0) throw new Error(`${who}: the model P has no states.`);
  const numActions = P[0].length;
  for (let s = 0; s < P.length; s++) {
    if (P[s].length !== numActions) {
      throw new Error(
        `${who}: P[${s}] has ${P[s].length} actions, P[0] has ${numActions}; ` +
          `every state needs the same number of actions.`,
      );
    }
    for (let a = 0; a < numActions; a++) {
      for (const { next } of P[s][a]) {
        if (!Number.isInteger(next) || next < 0 || next >= P.length) {
          throw new Error(
            `${who}: P[${s}][${a}] leads to state ${next}, outside 0..${P.length - 1}.`,
          );
        }
      }
    }
  }
  return numActions;
}

function checkOptions(options: SolverOptions, who: string) {
  const { gamma, tolerance = 1e-10, maxIterations = 100_000 } = options;
  if (!(gamma >= 0 && gamma <= 1)) {
    throw new Error(`${who}: gamma must be in [0, 1], got ${gamma}.`);
  }
  return { gamma, tolerance, maxIterations };
}

/** `sum_o prob * (reward + gamma * V(next))`, with no bootstrap after termination. */
function backup(outcomes: ReadonlyArray<Outcome>, values: Float64Array, gamma: number): number {
  let q = 0;
  for (const { prob, next, reward, terminated } of outcomes) {
    q += prob * (reward + (terminated ? 0 : gamma * values[next]));
  }
  return q;
}

/**
 * The optimal action values `Q*(s, a)` by value iteration (synchronous sweeps of the Bellman
 * optimality backup, starting from 0).
 * @throws when the sweeps have not converged within `maxIterations`.
 */
export function optimalQ(P: Model, options: SolverOptions): QTable {
  const who = "optimalQ";
  const numActions = checkModel(P, who);
  const { gamma, tolerance, maxIterations } = checkOptions(options, who);
  const q = new QTable(P.length, numActions);
  let values = new Float64Array(P.length);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const next = new Float64Array(P.length);
    let change = 0;
    for (let s = 0; s < P.length; s++) {
      let best = -Infinity;
      for (let a = 0; a < numActions; a++) {
        const value = backup(P[s][a], values, gamma);
        q.set(s, a, value);
        if (value > best) best = value;
      }
      next[s] = best;
      change = Math.max(change, Math.abs(best - values[s]));
    }
    values = next;
    if (change <= tolerance) return q;
  }
  throw new Error(
    `optimalQ: value iteration did not converge within ${maxIterations} sweeps ` +
      `(gamma = ${gamma}); with gamma = 1 some states may never reach a terminal state.`,
  );
}

/**
 * The exact value `V_pi(s)` of the deterministic policy `policy[s]` by iterative policy
 * evaluation, starting from 0.
 * @throws when `policy` has the wrong length or the sweeps have not converged (with
 * `gamma = 1`, a policy that never terminates and keeps paying costs has unbounded value).
 */
export function evaluatePolicy(
  P: Model,
  policy: ArrayLike<number>,
  options: SolverOptions,
): Float64Array {
  const who = "evaluatePolicy";
  const numActions = checkModel(P, who);
  const { gamma, tolerance, maxIterations } = checkOptions(options, who);
  if (policy.length !== P.length) {
    throw new Error(
      `${who}: policy has ${policy.length} entries; expected one per state (${P.length}).`,
    );
  }
  for (let s = 0; s < P.length; s++) {
    if (!Number.isInteger(policy[s]) || policy[s] < 0 || policy[s] >= numActions) {
      throw new Error(
        `${who}: policy[${s}] = ${policy[s]} is not an action in 0..${numActions - 1}.`,
      );
    }
  }
  let values = new Float64Array(P.length);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const next = new Float64Array(P.length);
    let change = 0;
    for (let s = 0; s < P.length; s++) {
      next[s] = backup(P[s][policy[s]], values, gamma);
      change = Math.max(change, Math.abs(next[s] - values[s]));
    }
    values = next;
    if (change <= tolerance) return values;
  }
  throw new Error(
    `${who}: policy evaluation did not converge within ${maxIterations} sweeps ` +
      `(gamma = ${gamma}); the policy may never reach a terminal state.`,
  );
}
