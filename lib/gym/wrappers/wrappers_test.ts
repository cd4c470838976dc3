import { assert, assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import { Env, type Info, type ResetArgs, type StepResult } from "../core.ts";
import { make } from "../registration.ts";
import "../envs/cartpole.ts";
import { Box, Discrete } from "../spaces.ts";
import { EnvChecker } from "./env_checker.ts";
import { NormalizeObservation, NormalizeReward, RunningMeanStd } from "./normalize.ts";
import { RecordEpisodeStatistics } from "./record_episode_statistics.ts";
import { recordEpisode, RecordFrames } from "./record_frames.ts";
import { TimeLimit } from "./time_limit.ts";
import { ClipAction, TransformObservation, TransformReward } from "./transform.ts";

/**
 * A scripted env: observation [t, 2t] after t steps; reward `rewards[t-1]`; terminates after
 * `length` steps; the action is recorded.
 */
class ScriptedEnv extends Env<Float32Array, number> {
  actionSpace = new Discrete(3);
  observationSpace = new Box({ low: -100, high: 100, shape: [2] });
  t = 0;
  actions: number[] = [];
  constructor(readonly rewards: number[], readonly length: number, readonly nanAt = -1) {
    super();
  }
  override reset(args: ResetArgs = {}): [Float32Array, Info] {
    super.reset(args);
    this.t = 0;
    return [Float32Array.from([0, 0]), {}];
  }
  step(action: number): StepResult<Float32Array> {
    this.actions.push(action);
    this.t += 1;
    const obs = Float32Array.from([this.t, 2 * this.t]);
    if (this.t === this.nanAt) obs[1] = NaN;
    return [
      obs,
      this.rewards[(this.t - 1) % this.rewards.length],
      this.t >= this.length,
      false,
      {},
    ];
  }
}

/** A continuous-action env that reports the action it received as its observation. */
class EchoEnv extends Env<Float32Array, Float32Array> {
  actionSpace = new Box({ low: [-1, 0], high: [1, 2] });
  observationSpace = new Box({ low: -Infinity, high: Infinity, shape: [2] });
  override reset(args: ResetArgs = {}): [Float32Array, Info] {
    super.reset(args);
    return [new Float32Array(2), {}];
  }
  step(action: Float32Array): StepResult<Float32Array> {
    return [Float32Array.from(action), 0, false, false, {}];
  }
}

function captureWarnings(f: () => void): string[] {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (m: string) => warnings.push(m);
  try {
    f();
  } finally {
    console.warn = original;
  }
  return warnings;
}

Deno.test("TimeLimit truncates on the step that reaches the limit, even when terminal", () => {
  const env = new TimeLimit(new ScriptedEnv([1], 3), 3);
  env.reset();
  assertEquals(env.step(0).slice(2, 4), [false, false]);
  assertEquals(env.step(0).slice(2, 4), [false, false]);
  assertEquals(env.step(0).slice(2, 4), [true, true]);
  env.reset();
  assertEquals(env.elapsedSteps, 0);
  assertThrows(() => new TimeLimit(new ScriptedEnv([1], 3), 0), RangeError, "positive integer");
});

Deno.test("EnvChecker: an action outside the space is an error naming the action and space", () => {
  const env = new EnvChecker(new ScriptedEnv([1], 10));
  env.reset();
  const error = assertThrows(() => env.step(3), RangeError);
  assert(error.message.includes("invalid action 3 (number)"), error.message);
  assert(error.message.includes("not in the action space Discrete(3)"), error.message);
  assertThrows(() => env.step("1" as unknown as number), RangeError, 'invalid action "1" (string)');
  const continuous = new EnvChecker(new EchoEnv());
  continuous.reset();
  assertThrows(
    () => continuous.step(Float32Array.from([2, 0])),
    RangeError,
    "invalid action Float32Array [2, 0] (Float32Array): it is not in the action space Box([-1 0], [1 2], (2,), float32)",
  );
});

Deno.test("EnvChecker: NaN observations and rewards are caught", () => {
  const env = new EnvChecker(new ScriptedEnv([1], 10, 2));
  env.reset();
  env.step(0);
  assertThrows(() => env.step(0), RangeError, "observation containing NaN: Float32Array [2, NaN]");
  const nanReward = new EnvChecker(new ScriptedEnv([NaN], 10));
  nanReward.reset();
  assertThrows(() => nanReward.step(0), TypeError, "reward NaN");
});

Deno.test("EnvChecker: an observation outside the observation space warns once", () => {
  // The space's bounds are +-100; obs[1] = 2t leaves them at step 51, after the first step.
  const env = new EnvChecker(new ScriptedEnv([1], 1000));
  const warnings = captureWarnings(() => {
    env.reset();
    for (let i = 0; i < 60; i++) env.step(0);
  });
  assertEquals(warnings.length, 0, "only the first step is checked against the space");
  const outside = new EnvChecker(new ScriptedEnv([1], 1000));
  const ws = captureWarnings(() => {
    const inner = outside.env as ScriptedEnv;
    outside.reset();
    inner.t = 60;
    outside.step(0);
    outside.step(0);
  });
  assertEquals(ws.length, 1);
  assert(ws[0].includes("not within the observation space"), ws[0]);
});

Deno.test("RecordEpisodeStatistics reports return, length and time at the end of episodes", () => {
  const env = new RecordEpisodeStatistics(new ScriptedEnv([1, 0.5, 2], 4), { bufferLength: 2 });
  for (let episode = 0; episode < 3; episode++) {
    env.reset();
    for (let t = 1; t <= 4; t++) {
      const [, , terminated, , info] = env.step(0);
      if (t < 4) {
        assert(!("episode" in info));
      } else {
        assert(terminated);
        const stats = info.episode as { r: number; l: number; t: number };
        assertEquals([stats.r, stats.l], [1 + 0.5 + 2 + 1, 4]);
        assert(stats.t >= 0 && stats.t < 5, `t = ${stats.t}`);
      }
    }
  }
  assertEquals(env.episodeCount, 3);
  assertEquals(env.returnQueue, [4.5, 4.5]);
  assertEquals(env.lengthQueue, [4, 4]);
});

Deno.test("RecordEpisodeStatistics counts truncated CartPole episodes (500 steps)", () => {
  const env = new RecordEpisodeStatistics(make("CartPole-v1", { maxEpisodeSteps: 30 }));
  let [obs] = env.reset({ seed: 14 });
  for (;;) {
    const [next, , terminated, truncated, info] = env.step(obs[2] + 0.5 * obs[3] > 0 ? 1 : 0);
    obs = next;
    if (terminated || truncated) {
      assertEquals(info.episode, { ...(info.episode as object), r: 30, l: 30 });
      break;
    }
  }
});

/** Mean and variance of pseudo-sample (weight eps, mean 0, var 1) + data, in closed form. */
function pooledMoments(data: number[], eps = 1e-4): [number, number] {
  const n = data.length + eps;
  const mean = data.reduce((a, b) => a + b, 0) / n;
  const squares = data.reduce((a, x) => a + (x - mean) ** 2, 0);
  return [mean, (eps * (1 + mean * mean) + squares) / n];
}

Deno.test("RunningMeanStd equals the closed-form pooled mean and variance", () => {
  const rms = new RunningMeanStd(2);
  const rows = [[1, 10], [3, -2], [8, 4], [-5, 0.5]];
  rms.update(rows.slice(0, 2).flat(), 2);
  rms.update(rows[2], 1);
  rms.update(rows[3], 1);
  for (let j = 0; j < 2; j++) {
    const [mean, variance] = pooledMoments(rows.map((r) => r[j]));
    assertAlmostEquals(rms.mean[j], mean, 1e-12);
    assertAlmostEquals(rms.var[j], variance, 1e-12);
  }
  assertAlmostEquals(rms.count, 4 + 1e-4, 1e-15);
  assertThrows(() => rms.update([1, 2, 3], 1), RangeError, "expected 1 x 2 values");
});

Deno.test("NormalizeObservation updates with each observation, then normalizes it", () => {
  const env = new NormalizeObservation(new ScriptedEnv([1], 100));
  const seen: number[][] = [];
  const check = (obs: Float32Array, raw: number[]) => {
    seen.push(raw);
    for (let j = 0; j < 2; j++) {
      const [mean, variance] = pooledMoments(seen.map((r) => r[j]));
      const expected = Math.fround((raw[j] - mean) / Math.sqrt(variance + 1e-8));
      assertAlmostEquals(obs[j], expected, 1e-6);
    }
  };
  const [first] = env.reset();
  check(first, [0, 0]);
  for (let t = 1; t <= 5; t++) check(env.step(0)[0], [t, 2 * t]);
  assert(first instanceof Float32Array);
  assertThrows(
    () => new NormalizeObservation(new Env0()),
    TypeError,
    "needs a Box observation space",
  );
});

class Env0 extends Env<Float32Array, number> {
  actionSpace = new Discrete(1);
  observationSpace = new Discrete(1) as unknown as Box;
  step(): StepResult<Float32Array> {
    return [new Float32Array(1), 0, false, false, {}];
  }
}

Deno.test("NormalizeReward: 0.29 semantics, reset only by termination, scale by return std", () => {
  const gamma = 0.9;
  // Rewards 1, 2, 3, 1, 2 ...; episode terminates every 3 steps.
  const env = new NormalizeReward(new ScriptedEnv([1, 2, 3], 3), { gamma });
  const returns: number[] = [];
  let g = 0;
  for (let episode = 0; episode < 3; episode++) {
    env.reset();
    for (let t = 0; t < 3; t++) {
      const [, reward, terminated] = env.step(0);
      const raw = t + 1;
      // 0.29.1: a terminating step discards the running return before adding its reward.
      g = terminated ? raw : g * gamma + raw;
      returns.push(g);
      const [, variance] = pooledMoments(returns);
      assertAlmostEquals(reward, raw / Math.sqrt(variance + 1e-8), 1e-9);
    }
  }
  assertEquals(env.discountedReturn, 3, "the last (terminating) step's reward alone");
});

Deno.test("NormalizeReward: truncation and reset() do not zero the running return (0.29)", () => {
  const env = new NormalizeReward(new TimeLimit(new ScriptedEnv([1], 100), 2), { gamma: 0.5 });
  env.reset();
  env.step(0);
  env.step(0); // truncated here
  assertEquals(env.discountedReturn, 1.5);
  env.reset();
  env.step(0);
  assertEquals(env.discountedReturn, 1.75);
  assertThrows(() => new NormalizeReward(new ScriptedEnv([1], 3), { gamma: 2 }), RangeError);
});

Deno.test("ClipAction clips each component to the Box bounds", () => {
  const env = new ClipAction(new EchoEnv());
  env.reset();
  assertEquals(Array.from(env.step([-3, 5])[0]), [-1, 2]);
  assertEquals(Array.from(env.step(Float32Array.from([0.5, 1]))[0]), [0.5, 1]);
  assertEquals(String(env.actionSpace), "Box([-1 0], [1 2], (2,), float32)");
  assertThrows(() => env.step([1]), RangeError, "2 values");
  assertThrows(() => new ClipAction(new ScriptedEnv([1], 1) as never), TypeError, "Box action");
});

Deno.test("TransformObservation and TransformReward apply their functions", () => {
  const space = new Box({ low: -1000, high: 1000, shape: [1] });
  const env = new TransformReward(
    new TransformObservation(
      new ScriptedEnv([2], 5),
      (obs) => Float32Array.from([obs[0] + obs[1]]),
      space,
    ),
    (r) => -r,
  );
  assertEquals(Array.from(env.reset()[0]), [0]);
  const [obs, reward] = env.step(1);
  assertEquals([Array.from(obs), reward], [[3], -2]);
  assert(env.observationSpace === space);
});

Deno.test("RecordFrames keeps the frames of whole episodes; recordEpisode plays one", () => {
  const env = new RecordFrames(make("CartPole-v1", { renderMode: "svg" }), { maxEpisodes: 2 });
  for (let episode = 0; episode < 3; episode++) {
    env.reset({ seed: episode });
    for (;;) {
      const [, , terminated, truncated] = env.step(1);
      if (terminated || truncated) break;
    }
  }
  assertEquals(env.episodes.length, 2);
  for (const frames of env.episodes) {
    assert(frames.length >= 2);
    assert(frames.every((f) => f.startsWith("<svg")));
  }
  assertEquals(env.frames, []);
  const recorded = recordEpisode(make("CartPole-v1", { renderMode: "svg" }), () => 0, { seed: 0 });
  assertEquals(recorded.frames.length, recorded.length + 1);
  assertEquals(recorded.totalReward, recorded.length);
  assert(recorded.terminated);
  assertThrows(() => new RecordFrames(make("CartPole-v1")), Error, "has no render mode");
});
