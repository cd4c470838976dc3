/**
 * `TimeLimit`: truncates episodes after a fixed number of steps (Gymnasium 0.29.1).
 *
 * @module
 */
import { type Env, type ResetArgs, type StepResult, Wrapper } from "../core.ts";
import type { Info } from "../core.ts";

/**
 * Sets `truncated = true` on the step that reaches `maxEpisodeSteps` steps since the last
 * reset. A terminating step on the limit is both terminated and truncated, as in Gymnasium.
 */
export class TimeLimit<Obs, Act> extends Wrapper<Obs, Act> {
  /** The step limit. */
  readonly maxEpisodeSteps: number;
  /** Steps taken since the last reset. */
  elapsedSteps = 0;

  /** Wraps `env` with a limit of `maxEpisodeSteps` (a positive integer). */
  constructor(env: Env<Obs, Act>, maxEpisodeSteps: number) {
    super(env);
    if (!Number.isSafeInteger(maxEpisodeSteps) || maxEpisodeSteps <= 0) {
      throw new RangeError(
        `TimeLimit: maxEpisodeSteps must be a positive integer, got ${maxEpisodeSteps}`,
      );
    }
    this.maxEpisodeSteps = maxEpisodeSteps;
  }

  /** Steps the inner env and truncates once the limit is reached. */
  override step(action: Act): StepResult<Obs> {
    const result = this.env.step(action);
    this.elapsedSteps += 1;
    if (this.elapsedSteps >= this.maxEpisodeSteps) result[3] = true;
    return result;
  }

  /** Resets the inner env and the step counter. */
  override reset(args: ResetArgs = {}): [Obs, Info] {
    this.elapsedSteps = 0;
    return this.env.reset(args);
  }
}
