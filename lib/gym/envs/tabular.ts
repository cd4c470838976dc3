/**
 * Environments with finitely many states whose model is known, in Gymnasium's toy-text
 * style: `P[s][a]` lists the possible outcomes of action `a` in state `s`.
 *
 * FrozenLake, CliffWalking, Taxi and GridWorld extend {@linkcode TabularEnv}; planning code
 * (chapter 01) reads `P`, or the dense arrays from {@linkcode denseModel}.
 *
 * @module
 */
import { Env, type Info, type ResetArgs, type StepResult } from "../core.ts";
import { Discrete } from "../spaces.ts";
import type { Generator } from "../seeding.ts";

/** One possible outcome of taking an action in a state. */
export interface Transition {
  /** Probability of this outcome; the outcomes of one `P[s][a]` sum to 1. */
  prob: number;
  /** The next state. */
  next: number;
  /** The reward received on this transition. */
  reward: number;
  /** Whether the episode ends with this transition (the next state is terminal). */
  terminated: boolean;
}

/** `P[s][a]` = the outcomes of action `a` in state `s`. */
export type TransitionTable = Transition[][][];

/** A known finite model: what planning needs from an environment. */
export interface TabularModel {
  /** `P[s][a]` = the outcomes of action `a` in state `s`. */
  readonly P: TransitionTable;
  /** Number of states; states are `0 .. numStates - 1`. */
  readonly numStates: number;
  /** Number of actions; actions are `0 .. numActions - 1`. */
  readonly numActions: number;
}

/**
 * Samples an index from the categorical distribution `probs` exactly as Gymnasium's
 * `categorical_sample`: draws one `rng.random()` and returns the first index whose
 * running sum (accumulated left to right in float64) exceeds it, or 0 if none does.
 */
export function categoricalSample(probs: ArrayLike<number>, rng: Generator): number {
  const u = rng.random();
  let cumulative = 0;
  for (let i = 0; i < probs.length; i++) {
    cumulative += probs[i];
    if (cumulative > u) return i;
  }
  return 0;
}

/**
 * Checks that `P` is a well-formed model with `numStates` states and `numActions`
 * actions: every row non-empty, probabilities in [0, 1] summing to 1 (within 1e-9) and
 * next states in range. Throws an error naming the first offending `P[s][a]`.
 */
export function validateModel(model: TabularModel): void {
  const { P, numStates, numActions } = model;
  if (P.length !== numStates) {
    throw new Error(`P has ${P.length} states, expected numStates = ${numStates}`);
  }
  for (let s = 0; s < numStates; s++) {
    if (P[s].length !== numActions) {
      throw new Error(`P[${s}] has ${P[s].length} actions, expected numActions = ${numActions}`);
    }
    for (let a = 0; a < numActions; a++) {
      const outcomes = P[s][a];
      if (outcomes.length === 0) throw new Error(`P[${s}][${a}] has no outcomes`);
      let total = 0;
      for (const t of outcomes) {
        if (!(t.prob >= 0 && t.prob <= 1)) {
          throw new Error(`P[${s}][${a}] has probability ${t.prob} outside [0, 1]`);
        }
        if (!Number.isInteger(t.next) || t.next < 0 || t.next >= numStates) {
          throw new Error(`P[${s}][${a}] leads to state ${t.next}, outside 0..${numStates - 1}`);
        }
        total += t.prob;
      }
      if (Math.abs(total - 1) > 1e-9) {
        throw new Error(`P[${s}][${a}] probabilities sum to ${total}, expected 1`);
      }
    }
  }
}

/** Options for {@linkcode denseModel}. */
export interface DenseModelOptions {
  /**
   * States whose rows of `T` (and `R`) are set to zero, e.g. `env.terminalStates`. With
   * zero rows, `I - gamma T` stays invertible at `gamma = 1` (their value is 0), whereas
   * the self-loops of `P` keep the rows stochastic.
   */
  zeroRows?: Iterable<number>;
}

/** Dense transition and reward arrays of a tabular model (see {@linkcode denseModel}). */
export interface DenseModel {
  /** `T[s][a][s2]` = probability that action `a` in state `s` leads to `s2`. */
  T: number[][][];
  /**
   * `R[s][a][s2]` = expected reward of the transition `s --a--> s2` (the probability-
   * weighted mean when several outcomes of `P[s][a]` lead to `s2`; 0 where `T` is 0).
   * So `sum over s2 of T[s][a][s2] * R[s][a][s2]` is the expected reward of `a` in `s`.
   */
  R: number[][][];
}

/**
 * Dense `T[s][a][s2]` and `R[s][a][s2]` (nested arrays of shape
 * `[numStates][numActions][numStates]`) built from `model.P`.
 */
export function denseModel(model: TabularModel, options: DenseModelOptions = {}): DenseModel {
  const { P, numStates, numActions } = model;
  const zero = new Set(options.zeroRows ?? []);
  const T: number[][][] = [];
  const R: number[][][] = [];
  for (let s = 0; s < numStates; s++) {
    const tRows: number[][] = [];
    const rRows: number[][] = [];
    for (let a = 0; a < numActions; a++) {
      const t = new Array<number>(numStates).fill(0);
      const weighted = new Array<number>(numStates).fill(0);
      if (!zero.has(s)) {
        for (const outcome of P[s][a]) {
          t[outcome.next] += outcome.prob;
          weighted[outcome.next] += outcome.prob * outcome.reward;
        }
      }
      tRows.push(t);
      rRows.push(weighted.map((w, s2) => (t[s2] > 0 ? w / t[s2] : 0)));
    }
    T.push(tRows);
    R.push(rRows);
  }
  return { T, R };
}

/** Info returned by the toy-text `reset()` and `step()`: the probability of the outcome. */
export interface TabularInfo extends Info {
  /** Probability of the outcome that happened (1 after reset). */
  prob: number;
}

/**
 * Base class of environments driven by a transition table, like Gymnasium's toy-text
 * environments: `reset()` samples the initial state from `initialStateDistribution` and
 * `step(a)` samples an outcome of `P[s][a]`, each with {@linkcode categoricalSample} on
 * `npRandom` (so a seeded episode draws the same numbers as Gymnasium's).
 */
export abstract class TabularEnv extends Env<number, number> implements TabularModel {
  /** `Discrete(numActions)`. */
  actionSpace: Discrete;
  /** `Discrete(numStates)`. */
  observationSpace: Discrete;
  /** `P[s][a]` = the outcomes of action `a` in state `s`. */
  readonly P: TransitionTable;
  /** Number of states. */
  readonly numStates: number;
  /** Number of actions. */
  readonly numActions: number;
  /** Probability of starting in each state (length `numStates`). */
  readonly initialStateDistribution: Float64Array;
  /** The current state (`undefined` before the first reset). */
  s: number | undefined = undefined;
  /** The last action taken in this episode (`undefined` right after reset). */
  lastAction: number | undefined = undefined;

  /** Builds the spaces `Discrete(numStates)` and `Discrete(numActions)` from `P`. */
  protected constructor(P: TransitionTable, initialStateDistribution: Float64Array) {
    super();
    this.P = P;
    this.numStates = P.length;
    this.numActions = P[0].length;
    this.initialStateDistribution = initialStateDistribution;
    this.observationSpace = new Discrete(this.numStates);
    this.actionSpace = new Discrete(this.numActions);
  }

  /** Extra info keys for an observation (e.g. Taxi's action mask). */
  protected extraInfo(_state: number): Info {
    return {};
  }

  /** Samples the initial state; info is `{ prob: 1 }` plus any extra keys. */
  override reset(
    { seed }: ResetArgs = {},
  ): [number, TabularInfo] {
    super.reset({ seed });
    this.s = categoricalSample(this.initialStateDistribution, this.npRandom);
    this.lastAction = undefined;
    return [this.s, { prob: 1, ...this.extraInfo(this.s) }];
  }

  /** Samples an outcome of `P[s][action]`; info is `{ prob }` plus any extra keys. */
  step(action: number): StepResult<number> {
    if (this.s === undefined) {
      throw new Error(`${this.constructor.name}: call reset() before step()`);
    }
    if (!Number.isInteger(action) || action < 0 || action >= this.numActions) {
      throw new Error(
        `${this.constructor.name}: action must be an integer in 0..${this.numActions - 1}, ` +
          `got ${action}`,
      );
    }
    const outcomes = this.P[this.s][action];
    // categoricalSample over the outcomes' probabilities, without building an array.
    const u = this.npRandom.random();
    let chosen = outcomes[0];
    let cumulative = 0;
    for (const outcome of outcomes) {
      cumulative += outcome.prob;
      if (cumulative > u) {
        chosen = outcome;
        break;
      }
    }
    const { prob, next, reward, terminated } = chosen;
    this.s = next;
    this.lastAction = action;
    return [next, reward, terminated, false, { prob, ...this.extraInfo(next) }];
  }
}
