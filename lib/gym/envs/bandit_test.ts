import { assert, assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import { make } from "../registration.ts";
import { Generator } from "../seeding.ts";
import "./mod.ts";
import { ArmedBanditEnv } from "./bandit.ts";

Deno.test("ArmedBandit: qStar at reset are numpy's normal draws", () => {
  // np.random.default_rng(0).normal(0, 1, 10)
  const expected = [
    0.1257302210933933,
    -0.1321048632913019,
    0.6404226504432821,
    0.10490011715303971,
    -0.535669373161111,
    0.36159505490948474,
    1.3040000451301372,
    0.9470809631292422,
    -0.7037352358069926,
    -1.2654214710460525,
  ];
  const env = new ArmedBanditEnv();
  const [obs, info] = env.reset({ seed: 0 });
  assertEquals(obs, 0);
  assertEquals([...env.qStar!], expected);
  assertEquals([...info.qStar], expected);
  assertEquals(info.optimalAction, 6);
});

Deno.test("ArmedBandit: reward is qStar[a] plus the next standard normal", () => {
  // default_rng(3): normals 2.0409191213851825, -2.5556650313141818, 0.41809884672577885.
  const env = new ArmedBanditEnv({ k: 2 });
  env.reset({ seed: 3 });
  const [obs, reward, terminated, truncated, info] = env.step(0);
  assertAlmostEquals(reward, 2.0409191213851825 + 0.41809884672577885, 1e-15);
  assertEquals([obs, terminated, truncated], [0, false, false]);
  assertEquals(info.optimalAction, 0);
  // info.qStar is a copy.
  (info.qStar as Float64Array)[0] = 99;
  assertEquals(env.qStar![0], 2.0409191213851825);
});

Deno.test("ArmedBandit: average rewards approach qStar (statistical, 5 sigma)", () => {
  const env = new ArmedBanditEnv({ k: 3 });
  env.reset({ seed: 11 });
  const pulls = 4000;
  for (let a = 0; a < 3; a++) {
    let sum = 0;
    for (let i = 0; i < pulls; i++) sum += env.step(a)[1];
    assertAlmostEquals(sum / pulls, env.qStar![a], 5 / Math.sqrt(pulls));
  }
  // With rewardStd 0 the reward is exactly qStar.
  const exact = new ArmedBanditEnv({ k: 3, rewardStd: 0 });
  exact.reset({ seed: 1 });
  assertEquals(exact.step(2)[1], exact.qStar![2]);
});

Deno.test("ArmedBandit non-stationary: equal start, documented random walk", () => {
  const env = new ArmedBanditEnv({ k: 4, stationary: false });
  const [, info] = env.reset({ seed: 8 });
  assertEquals([...info.qStar], [0, 0, 0, 0]);
  assertEquals(info.optimalAction, 0);
  // Replay the documented draw order with a generator of the same seed: per step one
  // reward normal, then one N(0, 0.01^2) increment per arm.
  const replay = Generator.fromSeed(8);
  const q = new Float64Array(4);
  const increments: number[] = [];
  for (let t = 0; t < 2000; t++) {
    const a = t % 4;
    const [, reward, , , stepInfo] = env.step(a);
    assertEquals(reward, replay.normal(q[a], 1));
    assertEquals([...(stepInfo.qStar as Float64Array)], [...q], "qStar before the drift");
    for (let i = 0; i < 4; i++) {
      const d = replay.normal(0, 0.01);
      increments.push(d);
      q[i] += d;
    }
    assertEquals([...env.qStar!], [...q]);
  }
  // The increments have standard deviation 0.01 (8000 draws: relative error ~0.8 %).
  const mean = increments.reduce((s, x) => s + x, 0) / increments.length;
  const sd = Math.sqrt(increments.reduce((s, x) => s + (x - mean) ** 2, 0) / increments.length);
  assertAlmostEquals(sd, 0.01, 0.0005);
});

Deno.test("ArmedBandit-v0: never terminates, maxEpisodeSteps truncates; errors", () => {
  const env = make("ArmedBandit-v0", { maxEpisodeSteps: 1000 });
  env.reset({ seed: 0 });
  let steps = 0;
  for (;;) {
    const [, , terminated, truncated] = env.step(steps % 10);
    steps++;
    assertEquals(terminated, false);
    if (truncated) break;
  }
  assertEquals(steps, 1000);
  const open = make("ArmedBandit-v0", { k: 5 });
  open.reset({ seed: 0 });
  for (let t = 0; t < 3000; t++) assertEquals(open.step(0)[3], false);
  assertThrows(() => new ArmedBanditEnv({ k: 0 }), Error, "positive integer");
  assertThrows(() => new ArmedBanditEnv({ driftStd: -1 }), Error, "driftStd");
  assertThrows(() => new ArmedBanditEnv().step(0), Error, "reset() before step()");
  const bandit = new ArmedBanditEnv({ k: 3 });
  bandit.reset({ seed: 0 });
  assertThrows(() => bandit.step(3), Error, "0..2");
  assert(bandit.render() === undefined);
});
