/**
 * Episode recording for notebooks: `RecordFrames` collects the `render()` frames of episodes,
 * `recordEpisode` plays one episode with a policy and returns its frames. Turn the frames into
 * an animation with `episodeAnimationHtml` (lib/gym/rendering/animation.ts).
 *
 * @module
 */
import { type Env, type Info, type ResetArgs, type StepResult, Wrapper } from "../core.ts";
import type { Seed } from "../seeding.ts";

/** Options of `RecordFrames`. */
export interface RecordFramesOptions {
  /** How many finished episodes to keep (the most recent; default 1). */
  maxEpisodes?: number;
  /** Frames kept per episode; later frames are dropped (default 10000). */
  maxFramesPerEpisode?: number;
}

/**
 * Records `render()` after every reset and step. `frames` holds the current episode (reset
 * frame first, then one per step); an episode moves to `episodes` when a step ends it
 * (`terminated || truncated`). The environment needs a render mode that returns frames,
 * e.g. `make("CartPole-v1", { renderMode: "svg" })`.
 */
export class RecordFrames<Obs, Act> extends Wrapper<Obs, Act> {
  /** Frames of the current episode. */
  frames: string[] = [];
  /** Finished episodes' frames, oldest first (at most `maxEpisodes`). */
  readonly episodes: string[][] = [];
  private readonly maxEpisodes: number;
  private readonly maxFramesPerEpisode: number;

  /** Wraps `env`, which must have been created with a render mode. */
  constructor(env: Env<Obs, Act>, options: RecordFramesOptions = {}) {
    super(env);
    if (env.renderMode === undefined) {
      throw new Error(
        `RecordFrames: ${env} has no render mode; create it with one of ` +
          `[${env.metadata.renderModes.join(", ")}], e.g. make(id, { renderMode: "svg" }).`,
      );
    }
    this.maxEpisodes = options.maxEpisodes ?? 1;
    this.maxFramesPerEpisode = options.maxFramesPerEpisode ?? 10000;
  }

  /** Resets, starts a new episode recording with the first frame. */
  override reset(args: ResetArgs = {}): [Obs, Info] {
    const result = this.env.reset(args);
    this.frames = [];
    this.capture();
    return result;
  }

  /** Steps, records the frame, and files the episode when it ends. */
  override step(action: Act): StepResult<Obs> {
    const result = this.env.step(action);
    this.capture();
    if (result[2] || result[3]) {
      this.episodes.push(this.frames);
      if (this.episodes.length > this.maxEpisodes) this.episodes.shift();
      this.frames = [];
    }
    return result;
  }

  private capture(): void {
    if (this.frames.length >= this.maxFramesPerEpisode) return;
    const frame = this.env.render();
    if (typeof frame !== "string") {
      throw new TypeError(
        `RecordFrames: render() of ${this.env} returned ${typeof frame}, expected a string frame`,
      );
    }
    this.frames.push(frame);
  }
}

/** What `recordEpisode` returns. */
export interface RecordedEpisode {
  /** Rendered frames: the reset frame, then one per step. */
  frames: string[];
  /** Sum of rewards. */
  totalReward: number;
  /** Number of steps. */
  length: number;
  /** Whether the episode ended by termination (rather than truncation or `maxSteps`). */
  terminated: boolean;
}

/** Options of `recordEpisode`. */
export interface RecordEpisodeOptions {
  /** Seed for the reset. */
  seed?: Seed;
  /** Stop after this many steps even if the episode has not ended (default 10000). */
  maxSteps?: number;
}

/**
 * Plays one episode of `env` (which needs a render mode) with `policy` and returns the
 * rendered frames and the return.
 */
export function recordEpisode<Obs, Act>(
  env: Env<Obs, Act>,
  policy: (obs: Obs) => Act,
  { seed, maxSteps = 10000 }: RecordEpisodeOptions = {},
): RecordedEpisode {
  const recorder = new RecordFrames(env, { maxEpisodes: 1, maxFramesPerEpisode: maxSteps + 1 });
  let [obs] = recorder.reset({ seed });
  let totalReward = 0;
  for (let t = 0; t < maxSteps; t++) {
    const [next, reward, terminated, truncated] = recorder.step(policy(obs));
    totalReward += reward;
    obs = next;
    if (terminated || truncated) {
      return { frames: recorder.episodes[0], totalReward, length: t + 1, terminated };
    }
  }
  return { frames: recorder.frames, totalReward, length: maxSteps, terminated: false };
}
