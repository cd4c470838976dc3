/**
 * `RecordEpisodeStatistics`: adds `info.episode = { r, l, t }` on the last step of every
 * episode (Gymnasium's wrapper, single-environment form).
 *
 * @module
 */
import { type Env, type Info, type ResetArgs, type StepResult, Wrapper } from "../core.ts";

/** The statistics of one finished episode. */
export interface EpisodeStatistics {
  /** Undiscounted return (sum of rewards, float64). */
  r: number;
  /** Length in steps. */
  l: number;
  /** Wall-clock seconds since the episode started, rounded to 6 decimals. */
  t: number;
}

/** Options of `RecordEpisodeStatistics`. */
export interface RecordEpisodeStatisticsOptions {
  /** How many recent episodes `returnQueue`/`lengthQueue` keep (default 100). */
  bufferLength?: number;
}

/**
 * On the step where `terminated || truncated`, sets `info.episode` to the episode's return,
 * length and duration, and appends return and length to the recent-episode queues. The
 * return is accumulated in float64 and reported as a plain number (Gymnasium 1.x; 0.29 used
 * a float32 array of length 1). An inner `info.episode` is an error, as in Gymnasium.
 */
export class RecordEpisodeStatistics<Obs, Act> extends Wrapper<Obs, Act> {
  /** Returns of the most recent episodes (oldest first). */
  readonly returnQueue: number[] = [];
  /** Lengths of the most recent episodes (oldest first). */
  readonly lengthQueue: number[] = [];
  /** Number of finished episodes. */
  episodeCount = 0;
  private readonly bufferLength: number;
  private episodeReturn = 0;
  private episodeLength = 0;
  private episodeStart = performance.now();

  /** Wraps `env`. */
  constructor(env: Env<Obs, Act>, { bufferLength = 100 }: RecordEpisodeStatisticsOptions = {}) {
    super(env);
    if (!Number.isSafeInteger(bufferLength) || bufferLength <= 0) {
      throw new RangeError(
        `RecordEpisodeStatistics: bufferLength must be a positive integer, got ${bufferLength}`,
      );
    }
    this.bufferLength = bufferLength;
  }

  /** Resets the inner env and the running statistics. */
  override reset(args: ResetArgs = {}): [Obs, Info] {
    const result = this.env.reset(args);
    this.episodeReturn = 0;
    this.episodeLength = 0;
    this.episodeStart = performance.now();
    return result;
  }

  /** Steps and, at the end of an episode, reports its statistics in `info.episode`. */
  override step(action: Act): StepResult<Obs> {
    const result = this.env.step(action);
    const [, reward, terminated, truncated, info] = result;
    this.episodeReturn += reward;
    this.episodeLength += 1;
    if (terminated || truncated) {
      if ("episode" in info) {
        throw new Error(
          "RecordEpisodeStatistics: info already has an 'episode' entry (is the wrapper applied " +
            "twice?)",
        );
      }
      const seconds = (performance.now() - this.episodeStart) / 1000;
      const stats: EpisodeStatistics = {
        r: this.episodeReturn,
        l: this.episodeLength,
        t: Math.round(seconds * 1e6) / 1e6,
      };
      result[4] = { ...info, episode: stats };
      this.push(this.returnQueue, stats.r);
      this.push(this.lengthQueue, stats.l);
      this.episodeCount += 1;
      this.episodeReturn = 0;
      this.episodeLength = 0;
      this.episodeStart = performance.now();
    }
    return result;
  }

  private push(queue: number[], value: number): void {
    queue.push(value);
    if (queue.length > this.bufferLength) queue.shift();
  }
}
