import { assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import { Generator } from "../gym/seeding.ts";
import {
  goesLeft,
  MaximizationBiasEnv,
  STATE_A,
  STATE_B,
  STATE_TERMINAL,
} from "./maximization_bias.ts";
import { optimalQ } from "./planning.ts";

Deno.test("from A, action 0 goes left to B and every other action ends the episode", () => {
  const env = new MaximizationBiasEnv();
  assertEquals(env.reset({ seed: 0 }), [STATE_A, {}]);
  assertEquals(env.step(1), [STATE_TERMINAL, 0, true, false, {}]);
  env.reset();
  assertEquals(env.step(0), [STATE_B, 0, false, false, {}]);
  const [next, , terminated, truncated] = env.step(7);
  assertEquals([next, terminated, truncated], [STATE_TERMINAL, true, false]);
  env.reset();
  assertEquals(env.step(9), [STATE_TERMINAL, 0, true, false, {}]);
  assertEquals([goesLeft(0), goesLeft(1), goesLeft(9)], [true, false, false]);
});

Deno.test("rewards from B are N(-0.1, 1) drawn from the seeded generator", () => {
  const env = new MaximizationBiasEnv();
  env.reset({ seed: 42 });
  env.step(0);
  const [, reward] = env.step(3);
  // The env reseeds with 42 and draws one normal: the same number as a fresh generator.
  assertEquals(reward, Generator.fromSeed(42).normal(-0.1, 1));
  let sum = 0;
  const n = 20000;
  for (let i = 0; i < n; i++) {
    env.reset();
    env.step(0);
    sum += env.step(0)[1];
  }
  // Standard error 1 / sqrt(20000) = 0.007; 0.03 is over 4 standard errors.
  assertAlmostEquals(sum / n, -0.1, 0.03);
});

Deno.test("the expected-reward model gives Q*(A, left) = -0.1 and Q*(A, right) = 0", () => {
  const env = new MaximizationBiasEnv({ numActions: 4 });
  const q = optimalQ(env.P, { gamma: 1 });
  assertAlmostEquals(q.get(STATE_A, 0), -0.1, 1e-12);
  assertAlmostEquals(q.get(STATE_A, 1), 0, 1e-12);
  assertAlmostEquals(q.get(STATE_B, 2), -0.1, 1e-12);
  assertEquals(q.greedyAction(STATE_A), 1);
});

Deno.test("bad options and stepping after the end are clear errors", () => {
  assertThrows(
    () => new MaximizationBiasEnv({ numActions: 1 }),
    Error,
    "numActions must be an integer >= 2",
  );
  assertThrows(() => new MaximizationBiasEnv({ stdB: -1 }), Error, "stdB finite and >= 0");
  const env = new MaximizationBiasEnv();
  assertThrows(() => env.step(0), Error, "call reset() first");
  env.reset();
  assertThrows(() => env.step(10), Error, "action must be an integer in 0..9");
  env.step(1);
  assertThrows(() => env.step(0), Error, "the episode is over");
});
