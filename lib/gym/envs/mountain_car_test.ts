import { assert, assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import { make } from "../registration.ts";
import "./mod.ts";
import { MountainCarEnv } from "./mountain_car.ts";
import { MountainCarContinuousEnv } from "./mountain_car_continuous.ts";

// np.random.default_rng(seed).uniform(-0.6, -0.4)
const NUMPY_RESETS: Record<number, number> = {
  0: -0.4726076625357092,
  1: -0.49763567505994866,
  42: -0.44520879028880733,
};

function discreteFrom(state: [number, number], options = {}) {
  const env = new MountainCarEnv(options);
  env.reset({ seed: 0 });
  env.state = Float64Array.from(state);
  return env;
}

function continuousFrom(state: [number, number]) {
  const env = new MountainCarContinuousEnv();
  env.reset({ seed: 0 });
  env.state = Float64Array.from(state);
  return env;
}

Deno.test("MountainCar: seeded resets equal numpy's uniform(-0.6, -0.4), velocity 0", () => {
  for (const Env of [MountainCarEnv, MountainCarContinuousEnv]) {
    for (const [seed, position] of Object.entries(NUMPY_RESETS)) {
      const env = new Env();
      const [obs, info] = env.reset({ seed: Number(seed) });
      assertEquals([...env.state!], [position, 0]);
      assertEquals([...obs], [Math.fround(position), 0]);
      assert(obs instanceof Float32Array);
      assertEquals(info, {});
    }
    const env = new Env();
    env.reset({ seed: 0, options: { low: -0.1, high: 0.1 } });
    assert(Math.abs(env.state![0]) <= 0.1);
  }
});

Deno.test("MountainCar: one step by hand", () => {
  // From x = -0.5, v = 0, push right: v' = 0.001 - 0.0025 cos(-1.5) = 8.2315699583074e-4.
  const env = discreteFrom([-0.5, 0]);
  const [obs, reward, terminated, truncated, info] = env.step(2);
  assertAlmostEquals(env.state![1], 0.0008231569958307428, 1e-18);
  assertAlmostEquals(env.state![0], -0.49917684300416926, 1e-16);
  assertEquals(env.state![1], 0.001 + Math.cos(-1.5) * -0.0025);
  assertEquals([...obs], [Math.fround(env.state![0]), Math.fround(env.state![1])]);
  assertEquals([reward, terminated, truncated, info], [-1, false, false, {}]);
  // No push: gravity alone; push left: -0.001.
  assertEquals(discreteFrom([-0.5, 0]).step(1)[0][1], Math.fround(Math.cos(-1.5) * -0.0025));
  assertEquals(
    discreteFrom([-0.5, 0]).step(0)[0][1],
    Math.fround(-0.001 + Math.cos(-1.5) * -0.0025),
  );
});

Deno.test("MountainCar: speed limit, inelastic left wall, goal", () => {
  // At x = -pi/6 the slope is flat (cos(3x) = 0): 0.0695 + 0.001 exceeds 0.07 and is clipped.
  const fast = discreteFrom([-Math.PI / 6, 0.0695]);
  fast.step(2);
  assertEquals(fast.state![1], 0.07);
  // Hitting the left wall at full speed: position clipped to -1.2, velocity set to 0.
  const wall = discreteFrom([-1.19, -0.07]);
  wall.step(0);
  assertEquals([...wall.state!], [-1.2, 0]);
  // Crossing x = 0.5 moving right terminates with reward -1.
  const goal = discreteFrom([0.45, 0.06]);
  const [obs, reward, terminated] = goal.step(2);
  assert(obs[0] >= 0.5);
  assertEquals([reward, terminated], [-1, true]);
  // With goalVelocity 0.1 the same step is not terminal.
  assertEquals(discreteFrom([0.45, 0.06], { goalVelocity: 0.1 }).step(2)[2], false);
});

Deno.test("MountainCar-v0: idling truncates at 200; pumping energy reaches the flag", () => {
  const env = make("MountainCar-v0");
  env.reset({ seed: 0 });
  let steps = 0;
  for (;;) {
    const [, reward, terminated, truncated] = env.step(1);
    steps++;
    assertEquals([reward, terminated], [-1, false]);
    if (truncated) break;
  }
  assertEquals(steps, 200);
  // Pushing in the direction of motion (the classic energy-pumping policy) solves it.
  let [obs] = env.reset({ seed: 0 });
  for (steps = 1; steps <= 200; steps++) {
    const [next, , terminated, truncated] = env.step(obs[1] >= 0 ? 2 : 0);
    obs = next;
    if (terminated || truncated) {
      assert(terminated, "the flag is reached before the time limit");
      break;
    }
  }
  assert(steps < 200, `reached the flag in ${steps} steps`);
});

Deno.test("MountainCarContinuous: one step by hand, reward of the unclipped action", () => {
  // From x = -0.5, v = 0, push 0.5: v' = 0.5 * 0.0015 - 0.0025 cos(-1.5).
  const env = continuousFrom([-0.5, 0]);
  const [obs, reward, terminated] = env.step(Float32Array.of(0.5));
  const v = 0.5 * 0.0015 - 0.0025 * Math.cos(-1.5);
  assertAlmostEquals(v, 5.731569958307428e-4, 1e-18);
  // The state is stored in float32, as Gymnasium's np.array(..., dtype=float32).
  assertEquals([...env.state!], [Math.fround(-0.5 + v), Math.fround(v)]);
  assertEquals([...obs], [...env.state!]);
  assertEquals([reward, terminated], [-0.1 * 0.25, false]);
  // A push of 2 is clipped to 1 in the dynamics but costs 0.1 * 2^2 = 0.4.
  const strong = continuousFrom([-0.5, 0]);
  const [, cost] = strong.step(Float32Array.of(2));
  assertEquals(strong.state![1], Math.fround(1 * 0.0015 - 0.0025 * Math.cos(-1.5)));
  assertAlmostEquals(cost, -0.4, 1e-15);
});

Deno.test("MountainCarContinuous: goal at 0.45 gives +100 minus the action cost", () => {
  const env = continuousFrom([0.44, 0.05]);
  const [obs, reward, terminated, truncated] = env.step(Float32Array.of(1));
  assert(obs[0] >= 0.45);
  assertEquals([terminated, truncated], [true, false]);
  assertAlmostEquals(reward, 100 - 0.1, 1e-12);
  const wall = continuousFrom([-1.19, -0.07]);
  wall.step(Float32Array.of(-1));
  assertEquals([...wall.state!], [Math.fround(-1.2), 0]);
});

Deno.test("MountainCarContinuous-v0 truncates at 999 steps", () => {
  const env = make("MountainCarContinuous-v0");
  env.reset({ seed: 1 });
  let steps = 0;
  for (;;) {
    const [, reward, terminated, truncated] = env.step(Float32Array.of(0));
    steps++;
    assertEquals([reward, terminated], [0, false]);
    if (truncated) break;
  }
  assertEquals(steps, 999);
});

Deno.test("MountainCar: errors and svg frames", () => {
  assertThrows(() => new MountainCarEnv().step(1), Error, "reset() before step()");
  assertThrows(() => discreteFrom([0, 0]).step(3), Error, "0, 1 or 2");
  assertThrows(
    () => continuousFrom([0, 0]).step(0.5 as unknown as Float32Array),
    Error,
    "Float32Array of length 1",
  );
  for (const id of ["MountainCar-v0", "MountainCarContinuous-v0"] as const) {
    const env = make(id, { renderMode: "svg" });
    env.reset({ seed: 0 });
    const svg = env.render()!;
    assert(svg.startsWith("<svg") && svg.endsWith("</svg>"));
    assert(svg.includes("<polyline"), "the valley");
    assertEquals(svg.match(/<circle /g)?.length, 2, "two wheels");
  }
});
