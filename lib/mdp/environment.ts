/**
 * A Markov decision process with known dynamics, as dense tables: the model that planning
 * algorithms (policy evaluation, policy iteration, value iteration) read.
 *
 * Conventions, used by every planning function of chapter 01:
 * - states are `0 .. numStates - 1`, actions `0 .. numActions - 1`;
 * - `T[s][a][next]` is the probability of moving from `s` to `next` under action `a`;
 * - `R[s][a][next]` is the reward received on that transition;
 * - a **terminal** state has `T[s][a][next] = 0` for every `a` and `next`: the episode ends
 *   there, nothing more is received, so its value is 0 and the Bellman equations need no
 *   special case. Every other row sums to 1.
 *
 * @module
 */
import { denseModel, type TabularModel } from "../gym/envs/tabular.ts";

/** Optional names, used for display only. */
export interface EnvironmentOptions {
  /** A name per state, e.g. `"(0, 2)"`. */
  stateNames?: string[];
  /** A name per action, e.g. `"up"`. */
  actionNames?: string[];
  /** Where each state sits on a grid, for grid worlds (heatmaps). */
  grid?: GridLayout;
}

/** The cells of a grid world: state `s` is drawn at cell `cells[s]` = `row * cols + col`. */
export interface GridLayout {
  /** Number of rows. */
  rows: number;
  /** Number of columns. */
  cols: number;
  /** The cell of each state, `[numStates]`. */
  cells: number[];
  /**
   * The ASCII map the world was drawn from, if any (lib/gym's GridWorld legend): pictures
   * leave walls `#` blank and label terminal cells.
   */
  map?: readonly string[];
}

/** Tolerance on probabilities: rows must sum to 1 (or 0) within this. */
const PROB_TOL = 1e-9;

/** A finite MDP given by its transition table `T[s][a][next]` and reward table `R[s][a][next]`. */
export class Environment {
  /** Number of states. */
  readonly numStates: number;
  /** Number of actions (the same in every state). */
  readonly numActions: number;
  /** `T[s][a][next]`: transition probabilities, `[numStates][numActions][numStates]`. */
  readonly T: number[][][];
  /** `R[s][a][next]`: rewards, `[numStates][numActions][numStates]`. */
  readonly R: number[][][];
  /** `terminal[s]` is true when every row of `s` is zero (the episode ends in `s`). */
  readonly terminal: boolean[];
  /** A name per state, for display. */
  readonly stateNames: string[];
  /** A name per action, for display. */
  readonly actionNames: string[];
  /** Where each state sits on a grid, when the MDP is a grid world. */
  readonly grid?: GridLayout;

  /**
   * Wraps and validates the tables (they are used as given, not copied).
   * @throws when a shape is wrong, a probability is outside [0, 1], a row sums to neither 1
   * nor 0, a state has zero rows for some actions only, or a reward is not finite.
   */
  constructor(T: number[][][], R: number[][][], options: EnvironmentOptions = {}) {
    const numStates = T.length;
    if (numStates === 0) throw new Error("Environment: T is empty; it needs at least one state.");
    const numActions = T[0].length;
    if (numActions === 0) {
      throw new Error("Environment: T[0] is empty; every state needs at least one action.");
    }
    if (R.length !== numStates) {
      throw new Error(
        `Environment: T has ${numStates} states but R has ${R.length}; both are [S][A][S].`,
      );
    }
    const terminal: boolean[] = [];
    for (let s = 0; s < numStates; s++) {
      if (T[s].length !== numActions || R[s].length !== numActions) {
        throw new Error(
          `Environment: state ${s} has ${T[s].length} actions in T and ${R[s].length} in R; ` +
            `expected ${numActions} (the same number in every state).`,
        );
      }
      let zeroRows = 0;
      for (let a = 0; a < numActions; a++) {
        const row = T[s][a];
        const rewards = R[s][a];
        if (row.length !== numStates || rewards.length !== numStates) {
          throw new Error(
            `Environment: T[${s}][${a}] has ${row.length} entries and R[${s}][${a}] has ` +
              `${rewards.length}; both need one per state (${numStates}).`,
          );
        }
        let sum = 0;
        for (let next = 0; next < numStates; next++) {
          const p = row[next];
          if (!(p >= 0 && p <= 1 + PROB_TOL)) {
            throw new Error(
              `Environment: T[${s}][${a}][${next}] = ${p} is not a probability in [0, 1].`,
            );
          }
          if (!Number.isFinite(rewards[next])) {
            throw new Error(
              `Environment: R[${s}][${a}][${next}] = ${rewards[next]} is not finite.`,
            );
          }
          sum += p;
        }
        if (sum === 0) zeroRows++;
        else if (Math.abs(sum - 1) > PROB_TOL) {
          throw new Error(
            `Environment: T[${s}][${a}] sums to ${sum}; it must sum to 1 ` +
              `(or to 0 for every action of a terminal state).`,
          );
        }
      }
      if (zeroRows !== 0 && zeroRows !== numActions) {
        throw new Error(
          `Environment: state ${s} has all-zero transition rows for ${zeroRows} of ` +
            `${numActions} actions; a terminal state has zero rows for every action, ` +
            `any other state none.`,
        );
      }
      terminal.push(zeroRows === numActions);
    }
    const names = (given: string[] | undefined, n: number, what: string) => {
      if (given === undefined) return Array.from({ length: n }, (_, i) => String(i));
      if (given.length !== n) {
        throw new Error(`Environment: ${given.length} ${what} names given for ${n} ${what}s.`);
      }
      return given;
    };
    this.numStates = numStates;
    this.numActions = numActions;
    this.T = T;
    this.R = R;
    this.terminal = terminal;
    this.stateNames = names(options.stateNames, numStates, "state");
    this.actionNames = names(options.actionNames, numActions, "action");
    if (options.grid !== undefined) {
      const { rows, cols, cells } = options.grid;
      if (cells.length !== numStates || cells.some((c) => !(c >= 0 && c < rows * cols))) {
        throw new Error(
          `Environment: grid.cells needs one cell in 0..${rows * cols - 1} per state ` +
            `(${numStates}); got ${cells.length} entries.`,
        );
      }
      this.grid = options.grid;
    }
  }

  /**
   * Builds the dense tables from a Gymnasium-style model `P[s][a]` (a list of outcomes
   * `{ prob, next, reward, terminated }` per state and action, as lib/gym's toy-text
   * environments expose), with lib/gym's `denseModel`.
   *
   * A state that some outcome enters with `terminated: true` becomes terminal: its rows are
   * zero, whatever `P` says about leaving it (Gymnasium's models give terminal states
   * self-loops, which would make `I - gamma T` singular at `gamma = 1`).
   *
   * @throws when a state is entered both with and without `terminated`.
   */
  static fromModel(model: TabularModel, options: EnvironmentOptions = {}): Environment {
    const { P, numStates } = model;
    const endsEpisode: (boolean | undefined)[] = new Array(numStates).fill(undefined);
    for (let s = 0; s < numStates; s++) {
      for (let a = 0; a < P[s].length; a++) {
        for (const { next, terminated } of P[s][a]) {
          if (endsEpisode[next] !== undefined && endsEpisode[next] !== terminated) {
            throw new Error(
              `Environment.fromModel: state ${next} is entered both with terminated = true and ` +
                `false; a dense T/R model needs terminal states to be terminal on every entry.`,
            );
          }
          endsEpisode[next] = terminated;
        }
      }
    }
    const terminal = endsEpisode.flatMap((ends, s) => (ends === true ? [s] : []));
    const { T, R } = denseModel(model, { zeroRows: terminal });
    return new Environment(T, R, options);
  }

  /**
   * The Markov reward process this MDP becomes when actions are drawn from the stochastic
   * policy `pi`, as an Environment with a single action 0:
   * `T'[s][0][next] = sum_a pi[s][a] T[s][a][next]`, and `R'[s][0][next]` the expected reward
   * of that transition. Evaluating the deterministic policy "always action 0" in it gives
   * exactly the value function of `pi` here, so the chapter's evaluation functions also
   * evaluate stochastic policies such as the uniform random one.
   *
   * @param pi `pi[s][a]`, the probability of action `a` in state `s`, `[numStates][numActions]`;
   * each row sums to 1.
   * @throws when `pi` has the wrong shape or a row is not a probability distribution.
   */
  underPolicy(pi: ArrayLike<ArrayLike<number>>): Environment {
    const { numStates, numActions } = this;
    if (pi.length !== numStates) {
      throw new Error(
        `underPolicy: pi has ${pi.length} rows; expected one per state (${numStates}).`,
      );
    }
    const T = zeros3(numStates, 1);
    const R = zeros3(numStates, 1);
    for (let s = 0; s < numStates; s++) {
      const row = pi[s];
      if (row.length !== numActions) {
        throw new Error(
          `underPolicy: pi[${s}] has ${row.length} entries; expected one per action (${numActions}).`,
        );
      }
      let sum = 0;
      for (let a = 0; a < numActions; a++) {
        if (!(row[a] >= 0)) throw new Error(`underPolicy: pi[${s}][${a}] = ${row[a]} is negative.`);
        sum += row[a];
      }
      if (Math.abs(sum - 1) > PROB_TOL) {
        throw new Error(`underPolicy: pi[${s}] sums to ${sum}; each row must sum to 1.`);
      }
      for (let a = 0; a < numActions; a++) {
        for (let next = 0; next < numStates; next++) {
          const p = row[a] * this.T[s][a][next];
          T[s][0][next] += p;
          R[s][0][next] += p * this.R[s][a][next];
        }
      }
      for (let next = 0; next < numStates; next++) {
        if (T[s][0][next] > 0) R[s][0][next] /= T[s][0][next];
      }
    }
    return new Environment(T, R, {
      stateNames: this.stateNames,
      actionNames: ["pi"],
      grid: this.grid,
    });
  }
}

/** The equiprobable random policy of `env`: `pi[s][a] = 1 / numActions`. */
export function uniformPolicy(env: Environment): number[][] {
  return Array.from(
    { length: env.numStates },
    () => new Array<number>(env.numActions).fill(1 / env.numActions),
  );
}

/** A `[numStates][numActions][numStates]` table of zeros. */
export function zeros3(numStates: number, numActions: number): number[][][] {
  return Array.from(
    { length: numStates },
    () => Array.from({ length: numActions }, () => new Array<number>(numStates).fill(0)),
  );
}
