import { assertEquals, assertInstanceOf, assertThrows } from "@std/assert";
import { CartPoleVectorEnv, SyncVectorEnv } from "../gym/mod.ts";
import { envSizes, makeVectorEnv } from "./envs.ts";

Deno.test("makeVectorEnv uses the batched CartPole and SyncVectorEnv otherwise, same-step", () => {
  const cartPoles = makeVectorEnv("CartPole-v1", 3);
  assertInstanceOf(cartPoles, CartPoleVectorEnv);
  assertEquals(cartPoles.autoresetMode, "same-step");
  assertEquals(envSizes(cartPoles), { obsDim: 4, numActions: 2 });
  const probes = makeVectorEnv("Probe5-v0", 2);
  assertInstanceOf(probes, SyncVectorEnv);
  assertEquals(probes.autoresetMode, "same-step");
  assertEquals(envSizes(probes), { obsDim: 1, numActions: 2 });
});

Deno.test("makeVectorEnv's sub-environment i is seeded with seed + i", () => {
  const envs = makeVectorEnv("CartPole-v1", 2);
  const single = makeVectorEnv("CartPole-v1", 1);
  const [obs] = envs.reset({ seed: 5 });
  const [second] = single.reset({ seed: 6 });
  assertEquals(Array.from(obs.subarray(4, 8)), Array.from(second));
});

Deno.test("makeVectorEnv rejects environments DQN cannot handle", () => {
  assertThrows(() => makeVectorEnv("CartPole-v1", 0), RangeError, "numEnvs");
  assertThrows(() => makeVectorEnv("Pendulum-v1", 1), TypeError, "Discrete action space");
  assertThrows(() => makeVectorEnv("FrozenLake-v1", 1), TypeError, "1-D float32 Box");
});
