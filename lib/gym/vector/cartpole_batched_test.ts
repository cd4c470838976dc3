import { assert, assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import { make } from "../registration.ts";
import "../envs/cartpole.ts";
import { Generator } from "../seeding.ts";
import { CartPoleVectorEnv } from "./cartpole_batched.ts";
import { SyncVectorEnv } from "./sync_vector_env.ts";
import type { AutoresetMode } from "./vector_env.ts";

const reference = JSON.parse(
  await Deno.readTextFile(
    new URL("../../../../shared/data/gymnasium_cartpole_v1.json", import.meta.url),
  ),
);

for (const mode of ["same-step", "next-step"] as AutoresetMode[]) {
  Deno.test(`batched CartPole equals SyncVectorEnv of make("CartPole-v1"), ${mode}`, () => {
    const numEnvs = 6;
    const maxEpisodeSteps = 40; // short, so that truncation happens too
    const batched = new CartPoleVectorEnv({ numEnvs, autoresetMode: mode, maxEpisodeSteps });
    const sync = new SyncVectorEnv(
      Array.from({ length: numEnvs }, () => () => make("CartPole-v1", { maxEpisodeSteps })),
      { autoresetMode: mode },
    );
    const [obsA] = batched.reset({ seed: 7 });
    const [obsB] = sync.reset({ seed: 7 });
    assertEquals(Array.from(obsA), Array.from(obsB));
    const rng = Generator.fromSeed(99);
    let terminations = 0;
    let truncations = 0;
    for (let t = 0; t < 400; t++) {
      const actions = Array.from({ length: numEnvs }, () => rng.integers(0, 2));
      const [oA, rA, termA, truncA, infoA] = batched.step(actions);
      const [oB, rB, termB, truncB, infoB] = sync.step(actions);
      assertEquals(Array.from(oA), Array.from(oB), `obs, step ${t}`);
      assertEquals(Array.from(rA), Array.from(rB), `rewards, step ${t}`);
      assertEquals(termA, termB, `terminated, step ${t}`);
      assertEquals(truncA, truncB, `truncated, step ${t}`);
      const normalize = (infos: Record<string, unknown>) =>
        JSON.parse(JSON.stringify(infos, (_k, v) => v instanceof Float32Array ? Array.from(v) : v));
      assertEquals(normalize(infoA), normalize(infoB), `infos, step ${t}`);
      terminations += termA.filter(Boolean).length;
      truncations += truncA.filter(Boolean).length;
    }
    assert(terminations > 20 && truncations > 0, `${terminations} / ${truncations}`);
  });
}

Deno.test("batched CartPole reproduces every recorded Gymnasium step", () => {
  const episodes = [...reference.seeded_episodes, ...reference.explicit_state_episodes];
  const env = new CartPoleVectorEnv({ numEnvs: 3, autoresetMode: "same-step" });
  env.reset({ seed: 0 });
  for (const episode of episodes) {
    let previous: number[] = episode.initial_state;
    for (const step of episode.steps) {
      const i = step.t % 3; // exercise different rows
      [env.x[i], env.xDot[i], env.theta[i], env.thetaDot[i]] = previous;
      env.elapsedSteps[i] = 0;
      const actions = [0, 0, 0];
      actions[i] = step.action;
      const [obs, rewards, terminated, truncated, infos] = env.step(actions);
      const state = step.terminated
        ? (infos.final_observation as Float32Array[])[i]
        : obs.subarray(4 * i, 4 * i + 4);
      assertEquals(Array.from(state), step.obs, `obs, seed ${episode.reset_seed} t ${step.t}`);
      assertEquals([rewards[i], terminated[i], truncated[i]], [1, step.terminated, false]);
      if (!step.terminated) {
        const got = [env.x[i], env.xDot[i], env.theta[i], env.thetaDot[i]];
        for (let k = 0; k < 4; k++) assertAlmostEquals(got[k], step.state[k], 1e-12);
      }
      previous = step.state;
    }
  }
});

Deno.test("batched CartPole returns its own buffers (no allocation per step)", () => {
  const env = new CartPoleVectorEnv({ numEnvs: 4, autoresetMode: "same-step" });
  const [obs0] = env.reset({ seed: 1 });
  const [obs1, rewards1, term1] = env.step([0, 1, 0, 1]);
  const [obs2, rewards2, term2] = env.step([1, 1, 0, 0]);
  assert(obs0 === obs1 && obs1 === obs2 && obs2 === env.obs);
  assert(rewards1 === rewards2 && term1 === term2);
  assertEquals(env.observationSpace.shape, [4, 4]);
  assertEquals(String(env.actionSpace), "MultiDiscrete([2 2 2 2])");
});

Deno.test("batched CartPole errors: bad actions, step before reset, options", () => {
  const env = new CartPoleVectorEnv({ numEnvs: 2, autoresetMode: "next-step" });
  assertThrows(() => env.step([0, 0]), Error, "call reset() before step()");
  env.reset({ seed: 0 });
  assertThrows(() => env.step([0, 2]), RangeError, "invalid action 2 for sub-env 1");
  assertThrows(() => env.step([0]), RangeError, "expected 2 actions");
  assertThrows(
    // deno-lint-ignore no-explicit-any
    () => new CartPoleVectorEnv({ numEnvs: 2 } as any),
    TypeError,
    "autoresetMode",
  );
  assertThrows(
    () => new CartPoleVectorEnv({ numEnvs: 0, autoresetMode: "same-step" }),
    RangeError,
    "numEnvs",
  );
});
