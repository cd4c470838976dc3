import { assert, assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import { make } from "../registration.ts";
import "./mod.ts";
import { angleNormalize, PendulumEnv } from "./pendulum.ts";

function pendulumFrom(state: [number, number], options = {}) {
  const env = new PendulumEnv(options);
  env.reset({ seed: 0 });
  env.state = Float64Array.from(state);
  return env;
}

Deno.test("Pendulum: angleNormalize maps to [-pi, pi) like Python's modulo", () => {
  assertEquals(angleNormalize(0), 0);
  assertAlmostEquals(angleNormalize(3 * Math.PI / 2), -Math.PI / 2, 1e-15);
  assertAlmostEquals(angleNormalize(-3 * Math.PI / 2), Math.PI / 2, 1e-15);
  assertAlmostEquals(angleNormalize(7), 7 - 2 * Math.PI, 1e-15);
  assertAlmostEquals(angleNormalize(-7), -7 + 2 * Math.PI, 1e-15);
  assertEquals(angleNormalize(Math.PI), -Math.PI);
});

Deno.test("Pendulum: one step by hand", () => {
  // theta = 1, thetaDot = 0.5, u = 1.5, g = 10:
  // cost = 1 + 0.1 * 0.25 + 0.001 * 2.25 = 1.02725;
  // thetaDot' = 0.5 + (15 sin 1 + 3 * 1.5) * 0.05 = 1.3561032386..; theta' = 1 + 0.05 thetaDot'.
  const env = pendulumFrom([1, 0.5]);
  const [obs, reward, terminated, truncated, info] = env.step(Float32Array.of(1.5));
  assertAlmostEquals(reward, -1.02725, 1e-15);
  assertAlmostEquals(env.state![1], 1.3561032386059226, 1e-15);
  assertAlmostEquals(env.state![0], 1.0678051619302962, 1e-15);
  assertEquals([...obs], [
    Math.fround(Math.cos(env.state![0])),
    Math.fround(Math.sin(env.state![0])),
    Math.fround(env.state![1]),
  ]);
  assertEquals([terminated, truncated, info], [false, false, {}]);
  assertEquals(env.lastU, 1.5);
});

Deno.test("Pendulum: torque and speed limits, cost range, gravity option", () => {
  // Torque 5 acts as 2 (and costs 0.001 * 4).
  const clipped = pendulumFrom([0, 0]);
  const [, reward] = clipped.step(Float32Array.of(5));
  assertAlmostEquals(reward, -0.004, 1e-15);
  assertAlmostEquals(clipped.state![1], 3 * 2 * 0.05, 1e-15);
  // Speed is clipped to 8.
  const fast = pendulumFrom([Math.PI / 2, 7.9]);
  fast.step(Float32Array.of(2));
  assertEquals(fast.state![1], 8);
  assertAlmostEquals(fast.state![0], Math.PI / 2 + 8 * 0.05, 1e-15);
  // Worst cost: upside down, full speed, full torque = pi^2 + 6.4 + 0.004.
  const [, worst] = pendulumFrom([Math.PI, 8]).step(Float32Array.of(-2));
  assertAlmostEquals(worst, -(Math.PI ** 2 + 0.1 * 64 + 0.001 * 4), 1e-12);
  // Upright and still: no cost, stays.
  const top = pendulumFrom([0, 0]);
  assertEquals(top.step(Float32Array.of(0))[1], -0);
  assertEquals([...top.state!], [0, 0]);
  // Gravity pulls away from upright: g = 9.81 changes the step as 3 g / 2 sin(theta) dt.
  const light = pendulumFrom([0.2, 0], { g: 9.81 });
  light.step(Float32Array.of(0));
  assertAlmostEquals(light.state![1], 3 * 9.81 / 2 * Math.sin(0.2) * 0.05, 1e-15);
});

Deno.test("Pendulum: seeded resets equal numpy's uniform(low=[-pi, -1], high=[pi, 1])", () => {
  const expected: Record<number, [number, number]> = {
    0: [0.8605556614246863, -0.4604265724722594],
    42: [1.721316619099806, -0.12224312049589536],
  };
  for (const [seed, state] of Object.entries(expected)) {
    const env = new PendulumEnv();
    const [obs] = env.reset({ seed: Number(seed) });
    assertEquals([...env.state!], state);
    assertEquals([...obs], [
      Math.fround(Math.cos(state[0])),
      Math.fround(Math.sin(state[0])),
      Math.fround(state[1]),
    ]);
  }
  const env = new PendulumEnv();
  env.reset({ seed: 4, options: { xInit: 0.1, yInit: 0.01 } });
  assert(Math.abs(env.state![0]) <= 0.1 && Math.abs(env.state![1]) <= 0.01);
  assertThrows(() => env.reset({ options: { xInit: "big" } }), Error, "xInit");
});

Deno.test("Pendulum-v1: never terminates, truncates at 200; same seed same rewards", () => {
  const run = () => {
    const env = make("Pendulum-v1");
    env.reset({ seed: 5 });
    const rewards: number[] = [];
    for (;;) {
      const [, reward, terminated, truncated] = env.step(Float32Array.of(1));
      assertEquals(terminated, false);
      rewards.push(reward);
      if (truncated) return rewards;
    }
  };
  const first = run();
  assertEquals(first.length, 200);
  assertEquals(first, run());
  for (const r of first) assert(r <= 0 && r >= -16.2736044);
});

Deno.test("Pendulum: errors and svg frames", () => {
  assertThrows(() => new PendulumEnv().step(Float32Array.of(0)), Error, "reset() before step()");
  assertThrows(() => pendulumFrom([0, 0]).step(Float32Array.of(1, 2)), Error, "length 1");
  assertThrows(() => new PendulumEnv({ g: Infinity }), Error, "g must be");
  const env = make("Pendulum-v1", { renderMode: "svg" });
  env.reset({ seed: 0 });
  const still = env.render()!;
  env.step(Float32Array.of(-1.5));
  const pushed = env.render()!;
  for (const svg of [still, pushed]) assert(svg.startsWith("<svg") && svg.endsWith("</svg>"));
  assertEquals(still.match(/<line /g), null, "no torque arc before the first step");
  assert((pushed.match(/<line /g)?.length ?? 0) > 0, "a torque arc after a push");
});
