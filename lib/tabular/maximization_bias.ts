/**
 * The small MDP of Sutton and Barto's Example 6.7 (maximisation bias), as a lib/gym
 * environment.
 *
 * Episodes start in state A. From A, "right" ends the episode with reward 0 and "left"
 * moves to state B with reward 0. From B, every action ends the episode with a reward drawn
 * from a normal distribution with mean -0.1 and standard deviation 1. Going left is worse on
 * average (-0.1 < 0), but after a few visits to B the largest of the many noisy estimates
 * `Q(B, b)` is usually positive, and Q-learning's `max_b Q(B, b)` makes left look good.
 *
 * A Gymnasium environment has one action space, so every state has `numActions` actions
 * (default 10, B's actions). In A, action 0 goes left and every other action goes right, so
 * "left" has a single estimate `Q(A, 0)`, as in the book. A uniformly random action goes
 * left with probability `1 / numActions` (the book, with two actions in A, has 1/2), so an
 * epsilon-greedy agent with `epsilon = 0.1` that has learned to go right still goes left
 * `0.1 / 10 = 1%` of the time.
 *
 * Observations: 0 = A, 1 = B, 2 = the terminal state.
 *
 * @module
 */
import { Env, type Info, type ResetArgs, type StepResult } from "../gym/core.ts";
import { Discrete } from "../gym/spaces.ts";
import type { Model, Outcome } from "./planning.ts";

/** State A, where every episode starts. */
export const STATE_A = 0;
/** State B, reached by going left from A. */
export const STATE_B = 1;
/** The terminal state. */
export const STATE_TERMINAL = 2;

/** Options of {@link MaximizationBiasEnv}. */
export interface MaximizationBiasOptions {
  /** Number of actions (B's actions), at least 2 (default 10). */
  numActions?: number;
  /** Mean of the rewards from B (default -0.1). */
  meanB?: number;
  /** Standard deviation of the rewards from B (default 1). */
  stdB?: number;
}

/** Whether `action` taken in A goes left (to B): only action 0 does. */
export function goesLeft(action: number): boolean {
  return action === 0;
}

/** The maximisation-bias MDP (see the module documentation). */
export class MaximizationBiasEnv extends Env<number, number> {
  /** `Discrete(numActions)`. */
  actionSpace: Discrete;
  /** `Discrete(3)`: A, B, terminal. */
  observationSpace: Discrete;
  /** Number of actions in every state. */
  readonly numActions: number;
  /** Number of states (3). */
  readonly numStates = 3;
  /** Mean reward from B. */
  readonly meanB: number;
  /** Standard deviation of the rewards from B. */
  readonly stdB: number;
  /**
   * The model with B's rewards replaced by their mean: the expected-reward MDP, enough for
   * the optimal values (`Q*(A, left) = meanB`, `Q*(A, right) = 0`).
   */
  readonly P: Model;
  private state: number | undefined = undefined;

  /** Builds the MDP; rewards from B are drawn from `npRandom`. */
  constructor(options: MaximizationBiasOptions = {}) {
    super();
    const { numActions = 10, meanB = -0.1, stdB = 1 } = options;
    if (!Number.isInteger(numActions) || numActions < 2) {
      throw new Error(
        `MaximizationBiasEnv: numActions must be an integer >= 2, got ${numActions}.`,
      );
    }
    if (!Number.isFinite(meanB) || !(stdB >= 0 && Number.isFinite(stdB))) {
      throw new Error(
        `MaximizationBiasEnv: meanB must be finite and stdB finite and >= 0, got ${meanB}, ${stdB}.`,
      );
    }
    this.numActions = numActions;
    this.meanB = meanB;
    this.stdB = stdB;
    this.actionSpace = new Discrete(numActions);
    this.observationSpace = new Discrete(3);
    const outcome = (next: number, reward: number, terminated: boolean): Outcome[] => [
      { prob: 1, next, reward, terminated },
    ];
    const actions = Array.from({ length: numActions }, (_, a) => a);
    this.P = [
      actions.map((a) =>
        goesLeft(a) ? outcome(STATE_B, 0, false) : outcome(STATE_TERMINAL, 0, true)
      ),
      actions.map(() => outcome(STATE_TERMINAL, meanB, true)),
      actions.map(() => outcome(STATE_TERMINAL, 0, true)),
    ];
  }

  /** Starts in A. */
  override reset({ seed }: ResetArgs = {}): [number, Info] {
    super.reset({ seed });
    this.state = STATE_A;
    return [STATE_A, {}];
  }

  /** From A: left (action 0) to B or right to the end, reward 0; from B: the end, reward ~ N(meanB, stdB). */
  step(action: number): StepResult<number> {
    if (!Number.isInteger(action) || action < 0 || action >= this.numActions) {
      throw new Error(
        `MaximizationBiasEnv: action must be an integer in 0..${
          this.numActions - 1
        }, got ${action}.`,
      );
    }
    if (this.state === STATE_A) {
      this.state = goesLeft(action) ? STATE_B : STATE_TERMINAL;
      return [this.state, 0, this.state === STATE_TERMINAL, false, {}];
    }
    if (this.state === STATE_B) {
      this.state = STATE_TERMINAL;
      return [STATE_TERMINAL, this.npRandom.normal(this.meanB, this.stdB), true, false, {}];
    }
    throw new Error(
      "MaximizationBiasEnv: the episode is over (or was never started); call reset() first.",
    );
  }
}
