/**
 * Episode bookkeeping for vector environments: running returns per sub-environment, and the
 * "solved" criterion of the benchmark (rolling mean of the last 20 returns).
 *
 * @module
 */
import type { EpisodeRecord } from "./types.ts";

/** Accumulates rewards per sub-environment and reports episodes as they end. */
export class EpisodeTracker {
  /** Return so far of each sub-environment's current episode `[numEnvs]`. */
  readonly returns: Float64Array;
  /** Length so far of each sub-environment's current episode `[numEnvs]`. */
  readonly lengths: Int32Array;

  /** Tracks `numEnvs` sub-environments. */
  constructor(readonly numEnvs: number) {
    this.returns = new Float64Array(numEnvs);
    this.lengths = new Int32Array(numEnvs);
  }

  /**
   * Adds one vector step's rewards; returns the episodes that ended in it (terminated or
   * truncated), in sub-environment order, stamped with `step` (environment steps so far).
   */
  record(
    rewards: ArrayLike<number>,
    terminated: readonly boolean[],
    truncated: readonly boolean[],
    step: number,
  ): EpisodeRecord[] {
    const ended: EpisodeRecord[] = [];
    for (let i = 0; i < this.numEnvs; i++) {
      this.returns[i] += rewards[i];
      this.lengths[i] += 1;
      if (terminated[i] || truncated[i]) {
        ended.push({ step, episodeReturn: this.returns[i], length: this.lengths[i] });
        this.returns[i] = 0;
        this.lengths[i] = 0;
      }
    }
    return ended;
  }
}

/** Mean of the last `window` returns (fewer at the start); NaN when there are none. */
export function rollingMeanReturn(episodes: readonly EpisodeRecord[], window = 20): number {
  const start = Math.max(0, episodes.length - window);
  if (start === episodes.length) return NaN;
  let sum = 0;
  for (let i = start; i < episodes.length; i++) sum += episodes[i].episodeReturn;
  return sum / (episodes.length - start);
}

/**
 * The first episode at which the mean of the last `window` returns reaches `threshold`
 * (needs at least `window` episodes), or undefined. CartPole-v1 counts as solved at 475.
 */
export function firstSolved(
  episodes: readonly EpisodeRecord[],
  threshold = 475,
  window = 20,
): EpisodeRecord | undefined {
  let sum = 0;
  for (let i = 0; i < episodes.length; i++) {
    sum += episodes[i].episodeReturn;
    if (i >= window) sum -= episodes[i - window].episodeReturn;
    if (i >= window - 1 && sum / window >= threshold) return episodes[i];
  }
  return undefined;
}
