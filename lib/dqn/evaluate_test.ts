import { assertEquals, assertGreater } from "@std/assert";
import { setupTf, tf } from "../tf/mod.ts";
import { make } from "../gym/mod.ts";
import { evaluateGreedy, greedyAction, recordGreedyEpisode } from "./evaluate.ts";
import type { QFunction } from "./types.ts";

await setupTf();

/** A Q-function that prefers pushing towards the side the pole leans to (theta + thetaDot). */
function leanPolicy(): QFunction {
  const model = tf.sequential({
    layers: [tf.layers.dense({ inputShape: [4], units: 2, useBias: false })],
  });
  // Q(s, right) - Q(s, left) = 2 * (theta + thetaDot).
  model.setWeights([tf.tensor2d([[0, 0], [0, 0], [-1, 1], [-1, 1]])]);
  return { model, forward: (obs) => model.apply(obs) as tf.Tensor2D };
}

/** The same policy played on single environments, step by step, in plain JavaScript. */
function referenceReturns(episodes: number, seed: number): number[] {
  return Array.from({ length: episodes }, (_, i) => {
    const env = make("CartPole-v1");
    let [obs] = env.reset({ seed: seed + i });
    let total = 0;
    for (;;) {
      const [next, reward, terminated, truncated] = env.step(obs[2] + obs[3] > 0 ? 1 : 0);
      total += reward;
      obs = next;
      if (terminated || truncated) return total;
    }
  });
}

Deno.test("evaluateGreedy plays one greedy episode per sub-environment, seeded seed + i", async () => {
  const q = leanPolicy();
  const before = tf.memory().numTensors;
  const returns = await evaluateGreedy(q, { episodes: 6, seed: 40 });
  assertEquals(tf.memory().numTensors, before);
  assertEquals(returns, referenceReturns(6, 40));
  q.model.dispose();
});

Deno.test("recordGreedyEpisode renders every step of one greedy episode", () => {
  const q = leanPolicy();
  const episode = recordGreedyEpisode(q, { seed: 40 });
  assertEquals(episode.totalReward, referenceReturns(1, 40)[0]);
  assertEquals(episode.frames.length, episode.length + 1);
  assertGreater(episode.frames[0].length, 100);
  assertEquals(greedyAction(q, Float32Array.of(0, 0, 0.1, 0)), 1);
  q.model.dispose();
});
