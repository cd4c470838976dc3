import { assert, assertEquals, assertThrows } from "@std/assert";
import { Env, type Info, type ResetArgs, type StepResult } from "../core.ts";
import { make } from "../registration.ts";
import "../envs/cartpole.ts";
import { Box, Discrete, MultiDiscrete } from "../spaces.ts";
import { RecordEpisodeStatistics } from "../wrappers/record_episode_statistics.ts";
import { CartPoleVectorEnv } from "./cartpole_batched.ts";
import { RecordEpisodeStatisticsVector } from "./record_episode_statistics.ts";
import { SyncVectorEnv } from "./sync_vector_env.ts";
import { addInfo, batchSpace, vectorSeeds } from "./vector_env.ts";

/**
 * Observation 100 * (number of resets) + (steps since reset); reward = steps since reset;
 * terminates after `length` steps. Reset info: `{ reset_count }`. Records actions.
 */
class CountdownEnv extends Env<number, number> {
  actionSpace = new Discrete(5);
  observationSpace = new Discrete(10000);
  resets = 0;
  t = 0;
  actions: number[] = [];
  constructor(readonly length: number) {
    super();
  }
  override reset(args: ResetArgs = {}): [number, Info] {
    super.reset(args);
    this.resets += 1;
    this.t = 0;
    return [100 * this.resets, { reset_count: this.resets }];
  }
  step(action: number): StepResult<number> {
    this.actions.push(action);
    this.t += 1;
    return [100 * this.resets + this.t, this.t, this.t >= this.length, false, {}];
  }
}

function countdowns(mode: "same-step" | "next-step") {
  return new SyncVectorEnv([() => new CountdownEnv(2), () => new CountdownEnv(3)], {
    autoresetMode: mode,
  });
}

Deno.test("same-step autoreset (Gymnasium 0.29): reset obs returned, final obs in infos", () => {
  const envs = countdowns("same-step");
  const [obs0, info0] = envs.reset();
  assertEquals(Array.from(obs0), [100, 100]);
  assertEquals(info0, { reset_count: [1, 1], _reset_count: [true, true] });

  let [obs, rewards, terminated, truncated, infos] = envs.step([1, 1]);
  assertEquals([Array.from(obs), Array.from(rewards), terminated, truncated, infos], [
    [101, 101],
    [1, 1],
    [false, false],
    [false, false],
    {},
  ]);

  [obs, rewards, terminated, truncated, infos] = envs.step([2, 2]);
  assertEquals([Array.from(obs), Array.from(rewards), terminated], [[200, 102], [2, 2], [
    true,
    false,
  ]]);
  assertEquals(infos, {
    reset_count: [2, 0],
    _reset_count: [true, false],
    // A number-valued entry defaults to 0 (numpy zeros), anything else to null (None).
    final_observation: [102, 0],
    _final_observation: [true, false],
    final_info: [{}, null],
    _final_info: [true, false],
  });

  [obs, rewards, terminated, truncated, infos] = envs.step([3, 3]);
  assertEquals([Array.from(obs), Array.from(rewards), terminated], [[201, 200], [1, 3], [
    false,
    true,
  ]]);
  assertEquals(infos.final_observation, [0, 103]);
  assertEquals(infos._final_observation, [false, true]);

  [obs, rewards, terminated] = envs.step([4, 4]);
  assertEquals([Array.from(obs), Array.from(rewards), terminated], [[300, 201], [2, 1], [
    true,
    false,
  ]]);
  assertEquals((envs.envs[0] as CountdownEnv).actions, [1, 2, 3, 4], "every action is used");
});

Deno.test("next-step autoreset (Gymnasium 1.x): final obs returned, reset on the next step", () => {
  const envs = countdowns("next-step");
  envs.reset();
  let [obs, rewards, terminated, , infos] = envs.step([1, 1]);
  assertEquals([Array.from(obs), Array.from(rewards), terminated], [[101, 101], [1, 1], [
    false,
    false,
  ]]);
  [obs, rewards, terminated, , infos] = envs.step([2, 2]);
  assertEquals([Array.from(obs), Array.from(rewards), terminated, infos], [[102, 102], [2, 2], [
    true,
    false,
  ], {}]);
  [obs, rewards, terminated, , infos] = envs.step([3, 3]);
  assertEquals([Array.from(obs), Array.from(rewards), terminated], [[200, 103], [0, 3], [
    false,
    true,
  ]]);
  assertEquals(infos, { reset_count: [2, 0], _reset_count: [true, false] });
  [obs, rewards, terminated] = envs.step([4, 4]);
  assertEquals([Array.from(obs), Array.from(rewards), terminated], [[201, 200], [1, 0], [
    false,
    false,
  ]]);
  assertEquals((envs.envs[0] as CountdownEnv).actions, [1, 2, 4], "the reset step ignores 3");
  assertEquals((envs.envs[1] as CountdownEnv).actions, [1, 2, 3]);
  envs.reset();
  [obs] = envs.step([1, 1]);
  assertEquals(Array.from(obs), [301, 301], "reset() clears pending autoresets");
});

Deno.test("reset({ seed }) seeds sub-env i with seed + i; observations are stacked flat", () => {
  const n = 3;
  const envs = new SyncVectorEnv(
    Array.from({ length: n }, () => () => make("CartPole-v1")),
    { autoresetMode: "same-step" },
  );
  const [obs] = envs.reset({ seed: 10 });
  assert(obs instanceof Float32Array);
  assertEquals(obs.length, 4 * n);
  for (let i = 0; i < n; i++) {
    const [single] = make("CartPole-v1").reset({ seed: 10 + i });
    assertEquals(Array.from(obs.subarray(4 * i, 4 * i + 4)), Array.from(single));
  }
  const [explicit] = envs.reset({ seed: [12, 11, 10] });
  assertEquals(
    Array.from(explicit.subarray(0, 4)),
    Array.from(make("CartPole-v1").reset({ seed: 12 })[0]),
  );
  assertEquals(envs.observationSpace.shape, [3, 4]);
  assert(envs.actionSpace instanceof MultiDiscrete);
  assertEquals(String(envs.actionSpace), "MultiDiscrete([2 2 2])");
});

/** Echoes its (continuous) action as the observation. */
class EchoEnv extends Env<Float32Array, Float32Array> {
  actionSpace = new Box({ low: -1, high: 1, shape: [2] });
  observationSpace = new Box({ low: -1, high: 1, shape: [2] });
  override reset(): [Float32Array, Info] {
    return [new Float32Array(2), {}];
  }
  step(action: Float32Array): StepResult<Float32Array> {
    return [Float32Array.from(action), 0, false, false, {}];
  }
}

Deno.test("Box actions: a flat [numEnvs * size] array or one array per sub-env", () => {
  const envs = new SyncVectorEnv([() => new EchoEnv(), () => new EchoEnv()], {
    autoresetMode: "next-step",
  });
  envs.reset();
  assertEquals(Array.from(envs.step(Float32Array.from([0.5, -0.5, 0.25, 1]))[0]), [
    0.5,
    -0.5,
    0.25,
    1,
  ]);
  assertEquals(
    Array.from(envs.step([Float32Array.from([1, 0]), Float32Array.from([0, 1])])[0]),
    [1, 0, 0, 1],
  );
  assertThrows(() => envs.step([Float32Array.from([1, 0])]), RangeError, "expected 2 actions");
});

Deno.test("SyncVectorEnv errors: no autoreset mode, step before reset, mismatched spaces", () => {
  assertThrows(
    // deno-lint-ignore no-explicit-any
    () => new SyncVectorEnv([() => new CountdownEnv(2)], {} as any),
    TypeError,
    'autoresetMode must be "same-step"',
  );
  const envs = countdowns("same-step");
  assertThrows(() => envs.step([0, 0]), Error, "call reset() before step()");
  envs.reset();
  assertThrows(() => envs.step([0]), RangeError, "expected 2 actions");
  assertThrows(
    () =>
      new SyncVectorEnv<unknown, unknown>([
        () => new CountdownEnv(2),
        () => new EchoEnv() as unknown as Env<unknown, unknown>,
      ], { autoresetMode: "same-step" }),
    TypeError,
    "sub-env 1 has observation space",
  );
});

Deno.test("batchSpace, vectorSeeds and addInfo follow Gymnasium's vector utilities", () => {
  const box = batchSpace(new Box({ low: [0, -1], high: [1, 1] }), 3) as Box;
  assertEquals(box.shape, [3, 2]);
  assertEquals(Array.from(box.low), [0, -1, 0, -1, 0, -1]);
  const discrete = batchSpace(new Discrete(4, { start: 1 }), 2) as MultiDiscrete;
  assertEquals(Array.from(discrete.nvec), [4, 4]);
  assertEquals(Array.from(discrete.start), [1, 1]);
  assertEquals(
    String(batchSpace(new MultiDiscrete([2, 3]), 2)),
    "Tuple(MultiDiscrete([2 3]), MultiDiscrete([2 3]))",
  );
  assertEquals(vectorSeeds(5, 3), [5, 6, 7]);
  assertEquals(vectorSeeds(undefined, 2), [undefined, undefined]);
  assertThrows(() => vectorSeeds([1], 2), RangeError, "1 seeds for 2");

  const flat = addInfo({}, { n: 3, ok: true, s: "x", d: { r: 1 } }, 1, 3, false);
  assertEquals(flat, {
    n: [0, 3, 0],
    _n: [false, true, false],
    ok: [false, true, false],
    _ok: [false, true, false],
    s: [null, "x", null],
    _s: [false, true, false],
    d: [null, { r: 1 }, null],
    _d: [false, true, false],
  });
  const nested = addInfo({}, { episode: { r: 2, l: 5 } }, 0, 2, true);
  assertEquals(nested, {
    episode: { r: [2, 0], _r: [true, false], l: [5, 0], _l: [true, false] },
    _episode: [true, false],
  });
});

Deno.test("RecordEpisodeStatisticsVector reports r, l per finished sub-env (both modes)", () => {
  for (const mode of ["same-step", "next-step"] as const) {
    const envs = new RecordEpisodeStatisticsVector(countdowns(mode));
    envs.reset();
    const reports: [number, number, number][] = []; // [env, r, l]
    for (let t = 0; t < 13; t++) {
      const infos = envs.step([0, 0])[4];
      if (!("episode" in infos)) continue;
      const episode = infos.episode as { r: number[]; l: number[]; t: number[] };
      const mask = infos._episode as boolean[];
      for (let i = 0; i < 2; i++) {
        if (mask[i]) reports.push([i, episode.r[i], episode.l[i]]);
        else assertEquals([episode.r[i], episode.l[i]], [0, 0]);
      }
    }
    // Rewards 1, 2 (, 3): returns 3 and 6. Next-step mode spends one step per reset.
    const perEnv = (i: number) => reports.filter((r) => r[0] === i).map((r) => [r[1], r[2]]);
    const expected0 = mode === "same-step" ? 6 : 4;
    const expected1 = mode === "same-step" ? 4 : 3;
    assertEquals(perEnv(0), new Array(expected0).fill([3, 2]), mode);
    assertEquals(perEnv(1), new Array(expected1).fill([6, 3]), mode);
    assertEquals(envs.episodeCount, expected0 + expected1);
  }
});

Deno.test("RecordEpisodeStatisticsVector on the batched env agrees with per-env statistics", () => {
  const numEnvs = 4;
  const batched = new RecordEpisodeStatisticsVector(
    new CartPoleVectorEnv({ numEnvs, autoresetMode: "same-step" }),
  );
  const sync = new SyncVectorEnv(
    Array.from({ length: numEnvs }, () => () => new RecordEpisodeStatistics(make("CartPole-v1"))),
    { autoresetMode: "same-step" },
  );
  batched.reset({ seed: 3 });
  sync.reset({ seed: 3 });
  let episodes = 0;
  for (let t = 0; t < 300; t++) {
    const actions = Array.from({ length: numEnvs }, (_, i) => (t * 7 + i) % 3 === 0 ? 1 : 0);
    const infosA = batched.step(actions)[4];
    const infosB = sync.step(actions)[4];
    const finalInfo =
      (infosB.final_info ?? []) as ({ episode?: { r: number; l: number } } | null)[];
    for (let i = 0; i < numEnvs; i++) {
      const fromSync = finalInfo[i]?.episode;
      const mask = infosA._episode as boolean[] | undefined;
      assertEquals(mask?.[i] ?? false, fromSync !== undefined, `step ${t}, env ${i}`);
      if (fromSync) {
        const episode = infosA.episode as { r: number[]; l: number[] };
        assertEquals([episode.r[i], episode.l[i]], [fromSync.r, fromSync.l]);
        episodes += 1;
      }
    }
  }
  assert(episodes > 20, `${episodes} episodes`);
});
