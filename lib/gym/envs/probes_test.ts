import { assert, assertEquals, assertThrows } from "@std/assert";
import type { Env } from "../core.ts";
import { make } from "../registration.ts";
import type { Box, Discrete } from "../spaces.ts";
import "./mod.ts";
import { ProbeEnv } from "./probes.ts";

type Step = [number[], number, boolean, boolean];

function episode(id: string, seed: number, actions: number[]): { first: number[]; steps: Step[] } {
  const env = make(id) as unknown as Env<Float32Array, number>;
  const [obs] = env.reset({ seed });
  const steps = actions.map((a) => {
    const [o, r, term, trunc] = env.step(a);
    return [[...o], r, term, trunc] as Step;
  });
  return { first: [...obs], steps };
}

Deno.test("Probe spaces: float32 Box(-1, 1, [1]) observations; 1 or 2 actions", () => {
  for (const [probe, actions] of [[1, 1], [2, 1], [3, 1], [4, 2], [5, 2]]) {
    const env = make(`Probe${probe}-v0`);
    const obsSpace = env.observationSpace as unknown as Box;
    assertEquals([obsSpace.shape, obsSpace.dtype], [[1], "float32"]);
    assertEquals([obsSpace.low[0], obsSpace.high[0]], [-1, 1]);
    assertEquals((env.actionSpace as unknown as Discrete).n, actions);
  }
});

Deno.test("Probe1: obs [0], reward +1, one step", () => {
  assertEquals(episode("Probe1-v0", 0, [0]), { first: [0], steps: [[[0], 1, true, false]] });
});

Deno.test("Probe2: obs +-1 from npRandom.random() < 0.5, reward = obs", () => {
  // First draws of default_rng(seed).random(): seed 0 -> 0.637 (-1), seed 2 -> 0.262 (+1).
  assertEquals(episode("Probe2-v0", 0, [0]), { first: [-1], steps: [[[-1], -1, true, false]] });
  assertEquals(episode("Probe2-v0", 2, [0]), { first: [1], steps: [[[1], 1, true, false]] });
  const env = new ProbeEnv({ probe: 2 });
  env.reset({ seed: 1 });
  let positives = 0;
  for (let i = 0; i < 4000; i++) {
    const [obs] = env.reset();
    assertEquals(env.step(0)[1], obs[0]);
    if (obs[0] === 1) positives++;
  }
  // Binomial(4000, 1/2): sd ~31.6, allow 5 sd.
  assert(Math.abs(positives - 2000) < 160, `${positives} positive observations of 4000`);
});

Deno.test("Probe3: [0] then [1], reward 0 then +1, terminal after two steps", () => {
  assertEquals(episode("Probe3-v0", 0, [0, 0]), {
    first: [0],
    steps: [[[1], 0, false, false], [[1], 1, true, false]],
  });
});

Deno.test("Probe4: reward -1 for action 0, +1 for action 1", () => {
  assertEquals(episode("Probe4-v0", 0, [0]).steps, [[[0], -1, true, false]]);
  assertEquals(episode("Probe4-v0", 0, [1]).steps, [[[0], 1, true, false]]);
});

Deno.test("Probe5: action 0 matches obs -1, action 1 matches obs +1", () => {
  // Seed 0: obs -1; seed 3 (first draw 0.086): obs +1.
  assertEquals(episode("Probe5-v0", 0, [0]), { first: [-1], steps: [[[-1], 1, true, false]] });
  assertEquals(episode("Probe5-v0", 0, [1]).steps[0][1], -1);
  assertEquals(episode("Probe5-v0", 3, [1]), { first: [1], steps: [[[1], 1, true, false]] });
  assertEquals(episode("Probe5-v0", 3, [0]).steps[0][1], -1);
});

Deno.test("Probes: clear errors", () => {
  assertThrows(() => new ProbeEnv({ probe: 6 as never }), Error, "1, 2, 3, 4 or 5");
  assertThrows(() => new ProbeEnv({ probe: 1 }).step(0), Error, "reset() before step()");
  const env = new ProbeEnv({ probe: 4 });
  env.reset({ seed: 0 });
  assertThrows(() => env.step(2), Error, "0 or 1");
});
