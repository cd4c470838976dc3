/**
 * `RecordEpisodeStatisticsVector`: episode returns and lengths for a vector env (Gymnasium's
 * `RecordEpisodeStatistics` applied to a vector env).
 *
 * @module
 */
import type { Info } from "../core.ts";
import type { Space } from "../spaces.ts";
import type { AutoresetMode, VectorEnv, VectorResetArgs, VectorStepResult } from "./vector_env.ts";

/** Options of `RecordEpisodeStatisticsVector`. */
export interface RecordEpisodeStatisticsVectorOptions {
  /** How many recent episodes `returnQueue`/`lengthQueue` keep (default 100). */
  bufferLength?: number;
}

/**
 * On every step where some sub-envs end an episode, adds `infos.episode = { r, l, t }`
 * (arrays over sub-envs: return, length, seconds; 0 for the others) and the mask
 * `infos._episode`. In "next-step" mode the reset step that follows an episode's end is not
 * counted in the next episode (as Gymnasium 1.x). Returns are accumulated in float64.
 */
export class RecordEpisodeStatisticsVector<ObsBatch, ActBatch>
  implements VectorEnv<ObsBatch, ActBatch> {
  /** The wrapped vector env. */
  readonly env: VectorEnv<ObsBatch, ActBatch>;
  /** Returns of the most recent episodes, in the order they ended. */
  readonly returnQueue: number[] = [];
  /** Lengths of the most recent episodes, in the order they ended. */
  readonly lengthQueue: number[] = [];
  /** Number of finished episodes. */
  episodeCount = 0;
  private readonly bufferLength: number;
  private readonly returns: Float64Array;
  private readonly lengths: Int32Array;
  private readonly starts: Float64Array;
  private readonly resetPending: Uint8Array;

  /** Wraps `env`. */
  constructor(
    env: VectorEnv<ObsBatch, ActBatch>,
    { bufferLength = 100 }: RecordEpisodeStatisticsVectorOptions = {},
  ) {
    if (!Number.isSafeInteger(bufferLength) || bufferLength <= 0) {
      throw new RangeError(
        `RecordEpisodeStatisticsVector: bufferLength must be a positive integer, got ${bufferLength}`,
      );
    }
    this.env = env;
    this.bufferLength = bufferLength;
    this.returns = new Float64Array(env.numEnvs);
    this.lengths = new Int32Array(env.numEnvs);
    this.starts = new Float64Array(env.numEnvs);
    this.resetPending = new Uint8Array(env.numEnvs);
  }

  /** Number of sub-environments. */
  get numEnvs(): number {
    return this.env.numEnvs;
  }
  /** The inner env's autoreset mode. */
  get autoresetMode(): AutoresetMode {
    return this.env.autoresetMode;
  }
  /** Observation space of one sub-env. */
  get singleObservationSpace(): Space<unknown> {
    return this.env.singleObservationSpace;
  }
  /** Action space of one sub-env. */
  get singleActionSpace(): Space<unknown> {
    return this.env.singleActionSpace;
  }
  /** Space of a batch of observations. */
  get observationSpace(): Space<ObsBatch> {
    return this.env.observationSpace;
  }
  /** Space of a batch of actions. */
  get actionSpace(): Space<ActBatch> {
    return this.env.actionSpace;
  }

  /** Resets the inner env and every running statistic. */
  reset(args: VectorResetArgs = {}): [ObsBatch, Info] {
    const result = this.env.reset(args);
    this.returns.fill(0);
    this.lengths.fill(0);
    this.starts.fill(performance.now());
    this.resetPending.fill(0);
    return result;
  }

  /** Steps and reports finished episodes in `infos.episode`. */
  step(actions: ActBatch): VectorStepResult<ObsBatch> {
    const result = this.env.step(actions);
    const [, rewards, terminated, truncated, infos] = result;
    const n = this.numEnvs;
    const now = performance.now();
    const nextStep = this.autoresetMode === "next-step";
    let episode: { r: number[]; l: number[]; t: number[] } | undefined;
    let mask: boolean[] | undefined;
    for (let i = 0; i < n; i++) {
      if (nextStep && this.resetPending[i]) {
        // This step only reset sub-env i: the new episode starts now, with no step taken.
        this.resetPending[i] = 0;
        this.returns[i] = 0;
        this.lengths[i] = 0;
        this.starts[i] = now;
        continue;
      }
      this.returns[i] += rewards[i];
      this.lengths[i] += 1;
      if (!(terminated[i] || truncated[i])) continue;
      if (episode === undefined || mask === undefined) {
        if ("episode" in infos) {
          throw new Error("RecordEpisodeStatisticsVector: infos already has an 'episode' entry");
        }
        episode = { r: new Array(n).fill(0), l: new Array(n).fill(0), t: new Array(n).fill(0) };
        mask = new Array(n).fill(false);
      }
      episode.r[i] = this.returns[i];
      episode.l[i] = this.lengths[i];
      episode.t[i] = Math.round((now - this.starts[i]) * 1e3) / 1e6;
      mask[i] = true;
      this.record(this.returns[i], this.lengths[i]);
      if (nextStep) {
        this.resetPending[i] = 1;
      } else {
        this.returns[i] = 0;
        this.lengths[i] = 0;
        this.starts[i] = now;
      }
    }
    if (episode !== undefined) result[4] = { ...infos, episode, _episode: mask };
    return result;
  }

  /** Closes the inner env. */
  close(): void {
    this.env.close();
  }

  private record(episodeReturn: number, length: number): void {
    this.episodeCount += 1;
    this.returnQueue.push(episodeReturn);
    this.lengthQueue.push(length);
    if (this.returnQueue.length > this.bufferLength) {
      this.returnQueue.shift();
      this.lengthQueue.shift();
    }
  }
}
