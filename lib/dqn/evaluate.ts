/**
 * Greedy evaluation of a Q-function: returns over whole episodes, and a recorded episode to
 * animate.
 *
 * @module
 */
import { tf } from "../tf/mod.ts";
import { make, type RecordedEpisode, recordEpisode } from "../gym/mod.ts";
import { makeVectorEnv } from "./envs.ts";
import type { QFunction } from "./types.ts";

/** Options of {@link evaluateGreedy}. */
export interface EvaluateOptions {
  /** Environment id (default `"CartPole-v1"`). */
  envId?: string;
  /** Number of episodes (default 20). */
  episodes?: number;
  /** Seed of the first episode's reset; episode i is reset with `seed + i` (default 0). */
  seed?: number;
}

/**
 * The returns of `episodes` greedy episodes (`argmax_a Q(s, a)`, no exploration). The
 * episodes run side by side, one per sub-environment of a vector env (one batched forward
 * pass per step); each sub-environment's first episode counts.
 */
export async function evaluateGreedy(
  qNetwork: QFunction,
  { envId = "CartPole-v1", episodes = 20, seed = 0 }: EvaluateOptions = {},
): Promise<number[]> {
  if (!Number.isSafeInteger(episodes) || episodes <= 0) {
    throw new RangeError(`evaluateGreedy: episodes must be a positive integer, got ${episodes}.`);
  }
  const envs = makeVectorEnv(envId, episodes);
  let [obs] = envs.reset({ seed });
  const obsDim = obs.length / episodes;
  const returns = new Array<number>(episodes).fill(0);
  const done = new Array<boolean>(episodes).fill(false);
  let remaining = episodes;
  while (remaining > 0) {
    const greedy = tf.tidy(() =>
      tf.argMax(qNetwork.forward(tf.tensor2d(obs, [episodes, obsDim])), 1)
    );
    const actions = Int32Array.from(await greedy.data());
    greedy.dispose();
    const [next, rewards, terminated, truncated] = envs.step(actions);
    for (let i = 0; i < episodes; i++) {
      if (done[i]) continue;
      returns[i] += rewards[i];
      if (terminated[i] || truncated[i]) {
        done[i] = true;
        remaining -= 1;
      }
    }
    obs = next;
  }
  envs.close();
  return returns;
}

/** The greedy action of one observation (a small synchronous read, for recording). */
export function greedyAction(qNetwork: QFunction, obs: Float32Array): number {
  const best = tf.tidy(() => tf.argMax(qNetwork.forward(tf.tensor2d(obs, [1, obs.length])), 1));
  const action = best.dataSync()[0];
  best.dispose();
  return action;
}

/**
 * One greedy episode of `envId` rendered as SVG frames (for `episodeAnimationHtml`), reset
 * with `seed`.
 */
export function recordGreedyEpisode(
  qNetwork: QFunction,
  { envId = "CartPole-v1", seed = 0 }: { envId?: string; seed?: number } = {},
): RecordedEpisode {
  const env = make(envId, { renderMode: "svg" });
  const episode = recordEpisode(env, (obs) => greedyAction(qNetwork, obs as Float32Array), {
    seed,
  });
  env.close();
  return episode;
}
