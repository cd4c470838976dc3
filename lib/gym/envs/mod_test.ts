import { assert, assertEquals, assertThrows } from "@std/assert";
import { make, registry, spec } from "../registration.ts";
import "./mod.ts";

// Gymnasium 0.29.1's registrations (max_episode_steps, reward_threshold) and the course's.
const EXPECTED: Array<[string, number | undefined, number | undefined]> = [
  ["Acrobot-v1", 500, -100],
  ["MountainCar-v0", 200, -110],
  ["MountainCarContinuous-v0", 999, 90],
  ["Pendulum-v1", 200, undefined],
  ["FrozenLake-v1", 100, 0.7],
  ["FrozenLake8x8-v1", 200, 0.85],
  ["CliffWalking-v0", undefined, undefined],
  ["Taxi-v3", 200, 8],
  ["GridWorld-v0", undefined, undefined],
  ["ArmedBandit-v0", undefined, undefined],
  ["Probe1-v0", undefined, undefined],
  ["Probe2-v0", undefined, undefined],
  ["Probe3-v0", undefined, undefined],
  ["Probe4-v0", undefined, undefined],
  ["Probe5-v0", undefined, undefined],
];

Deno.test("every environment id is registered with Gymnasium's limits and thresholds", () => {
  for (const [id, maxEpisodeSteps, rewardThreshold] of EXPECTED) {
    assert(registry.has(id), `${id} is registered`);
    const s = spec(id);
    assertEquals([s.maxEpisodeSteps, s.rewardThreshold], [maxEpisodeSteps, rewardThreshold], id);
  }
});

Deno.test("every environment steps through make with sampled actions inside its spaces", () => {
  for (const [id] of EXPECTED) {
    const env = make(id);
    env.actionSpace.seed(0);
    const [obs] = env.reset({ seed: 0 });
    assert(env.observationSpace.contains(obs), `${id}: reset observation in the space`);
    for (let t = 0; t < 20; t++) {
      const [next, reward, terminated, truncated] = env.step(env.actionSpace.sample());
      assert(env.observationSpace.contains(next), `${id}: observation in the space`);
      assert(Number.isFinite(reward), `${id}: finite reward`);
      if (terminated || truncated) env.reset();
    }
  }
});

Deno.test("render modes: svg for classic control, ansi and svg for grids, none otherwise", () => {
  const modes: Record<string, string[]> = {
    "Acrobot-v1": ["svg"],
    "MountainCar-v0": ["svg"],
    "MountainCarContinuous-v0": ["svg"],
    "Pendulum-v1": ["svg"],
    "FrozenLake-v1": ["ansi", "svg"],
    "CliffWalking-v0": ["ansi", "svg"],
    "Taxi-v3": ["ansi", "svg"],
    "GridWorld-v0": ["ansi", "svg"],
    "ArmedBandit-v0": [],
    "Probe1-v0": [],
  };
  for (const [id, expected] of Object.entries(modes)) {
    assertEquals(make(id).metadata.renderModes, expected, id);
    for (const mode of expected) {
      const env = make(id, { renderMode: mode });
      env.reset({ seed: 0 });
      const frame = env.render();
      assert(typeof frame === "string" && frame.length > 0, `${id} renders ${mode}`);
      if (mode === "svg") assert(frame.startsWith("<svg") && frame.endsWith("</svg>"));
    }
  }
  assertThrows(() => make("Pendulum-v1", { renderMode: "ansi" }), RangeError, "not supported");
  // Without a render mode, render() warns (as Gymnasium does) and returns undefined.
  const plain = make("FrozenLake-v1");
  plain.reset({ seed: 0 });
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (message: string) => warnings.push(message);
  try {
    assertEquals(plain.render(), undefined);
  } finally {
    console.warn = warn;
  }
  assertEquals(warnings, [
    'WARN: FrozenLake.render() called without a render mode; use make("FrozenLake-v1", ' +
    '{ renderMode: "ansi" or "svg" }).',
  ]);
});

Deno.test("make passes options to the constructor and rejects misspelt ones", () => {
  assertThrows(
    () => make("FrozenLake-v1", { is_slippery: false }),
    Error,
    'unknown option "is_slippery"',
  );
  assertThrows(
    () => make("Pendulum-v1", { gravity: 9.81 }),
    Error,
    "accepted options: g, renderMode",
  );
});
