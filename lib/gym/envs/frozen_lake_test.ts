import { assert, assertEquals, assertThrows } from "@std/assert";
import { make } from "../registration.ts";
import { stripAnsi } from "../rendering/ansi.ts";
import "./mod.ts";
import { FrozenLakeAction, FrozenLakeEnv, generateRandomMap } from "./frozen_lake.ts";
import { checkStepAgainstModel } from "./model_checks.ts";
import { validateModel } from "./tabular.ts";

const { LEFT, DOWN, RIGHT } = FrozenLakeAction;
const THIRD = 1 / 3;

Deno.test("FrozenLake 4x4 slippery: hand-derived rows of P", () => {
  const env = new FrozenLakeEnv();
  assertEquals(env.numStates, 16);
  assertEquals(env.numActions, 4);
  validateModel(env);
  // Left from the corner: slips up (stays), left (stays) or down to state 4, in that order.
  assertEquals(env.P[0][LEFT], [
    { prob: THIRD, next: 0, reward: 0, terminated: false },
    { prob: THIRD, next: 0, reward: 0, terminated: false },
    { prob: THIRD, next: 4, reward: 0, terminated: false },
  ]);
  // Right from (3, 2): down (stays), right into G (reward 1, terminal), up to (2, 2).
  assertEquals(env.P[14][RIGHT], [
    { prob: THIRD, next: 14, reward: 0, terminated: false },
    { prob: THIRD, next: 15, reward: 1, terminated: true },
    { prob: THIRD, next: 10, reward: 0, terminated: false },
  ]);
  // Down from (0, 1): right to 2, down into the hole at 5 (terminal, reward 0), left to 0.
  assertEquals(env.P[1][DOWN], [
    { prob: THIRD, next: 0, reward: 0, terminated: false },
    { prob: THIRD, next: 5, reward: 0, terminated: true },
    { prob: THIRD, next: 2, reward: 0, terminated: false },
  ]);
  // Holes and the goal are absorbing.
  for (const s of [5, 7, 11, 12, 15]) {
    for (let a = 0; a < 4; a++) {
      assertEquals(env.P[s][a], [{ prob: 1, next: s, reward: 0, terminated: true }]);
    }
  }
});

Deno.test("FrozenLake not slippery: deterministic moves", () => {
  const env = new FrozenLakeEnv({ isSlippery: false });
  assertEquals(env.P[14][RIGHT], [{ prob: 1, next: 15, reward: 1, terminated: true }]);
  assertEquals(env.P[0][LEFT], [{ prob: 1, next: 0, reward: 0, terminated: false }]);
  assertEquals(env.P[0][DOWN], [{ prob: 1, next: 4, reward: 0, terminated: false }]);
  // The shortest path right, right, down, down, down, right reaches G.
  env.reset({ seed: 1 });
  const rewards = [RIGHT, RIGHT, DOWN, DOWN, DOWN, RIGHT].map((a) => env.step(a));
  assertEquals(rewards.map((r) => r[0]), [1, 2, 6, 10, 14, 15]);
  assertEquals(rewards.at(-1)!.slice(1, 4), [1, true, false]);
});

Deno.test("FrozenLake: step() samples what P says (4x4 and 8x8, slippery)", () => {
  checkStepAgainstModel(new FrozenLakeEnv(), { samples: 1500 });
  checkStepAgainstModel(new FrozenLakeEnv({ mapName: "8x8" }), { samples: 600 });
  checkStepAgainstModel(new FrozenLakeEnv({ isSlippery: false }));
});

Deno.test("FrozenLake: a seeded episode follows numpy's draws", () => {
  // np.random.default_rng(7).random(6) = 0.625.., 0.897.., 0.776.., 0.225.., 0.300.., 0.874..;
  // the first draw is the reset's, then one per step. Running sums of the three outcomes
  // are 1/3, 2/3, 1, so the draws pick outcomes 2, 2, 0, 0, 2 of [left, down, right] for
  // the action "down": right, right, left, left, right.
  const env = new FrozenLakeEnv();
  const [s0, info0] = env.reset({ seed: 7 });
  assertEquals([s0, info0], [0, { prob: 1 }]);
  const states = [1, 2, 3, 4, 5].map(() => env.step(DOWN));
  assertEquals(states.map((r) => r[0]), [1, 2, 1, 0, 1]);
  assertEquals(states.map((r) => r[4]), Array(5).fill({ prob: THIRD }));
  // Seed 0 (draws 0.637, then 0.270, 0.041, 0.017): "right" slips down three times, into
  // the hole at (3, 0).
  env.reset({ seed: 0 });
  const fall = [1, 2, 3].map(() => env.step(RIGHT));
  assertEquals(fall.map((r) => r[0]), [4, 8, 12]);
  assertEquals(fall[2].slice(1, 4), [0, true, false]);
});

Deno.test("FrozenLake: registered ids truncate at 100 (4x4) and 200 (8x8) steps", () => {
  for (
    const [id, limit, states] of [["FrozenLake-v1", 100, 16], [
      "FrozenLake8x8-v1",
      200,
      64,
    ]] as const
  ) {
    // Left from the start, not slippery: the agent never moves.
    const env = make(id, { isSlippery: false });
    assertEquals((env.unwrapped as FrozenLakeEnv).numStates, states);
    env.reset({ seed: 0 });
    let steps = 0;
    let truncated = false;
    while (!truncated) {
      const [obs, reward, terminated, trunc] = env.step(LEFT);
      assertEquals([obs, reward, terminated], [0, 0, false]);
      truncated = trunc;
      steps++;
    }
    assertEquals(steps, limit);
  }
});

Deno.test("FrozenLake: custom desc, multiple starts, and clear errors", () => {
  const env = new FrozenLakeEnv({ desc: ["SFS", "HFG"], isSlippery: false });
  assertEquals([env.nrow, env.ncol, env.numStates], [2, 3, 6]);
  assertEquals([...env.initialStateDistribution], [0.5, 0, 0.5, 0, 0, 0]);
  const starts = new Set<number>();
  for (let seed = 0; seed < 20; seed++) starts.add(env.reset({ seed })[0]);
  assertEquals([...starts].sort(), [0, 2]);
  assertThrows(() => new FrozenLakeEnv({ desc: ["SFX", "FFG"] }), Error, 'unknown tile "X"');
  assertThrows(() => new FrozenLakeEnv({ desc: ["SF", "FFG"] }), Error, "same length");
  assertThrows(() => new FrozenLakeEnv({ desc: ["FF", "FG"] }), Error, "start tile S");
  assertThrows(
    () => new FrozenLakeEnv({ is_slippery: false } as never),
    Error,
    'unknown option "is_slippery"',
  );
  assertThrows(() => new FrozenLakeEnv({ mapName: "5x5" as never }), Error, "unknown mapName");
});

Deno.test("generateRandomMap reproduces Gymnasium's maps for the same seed", () => {
  // Expected maps from Gymnasium's generate_random_map algorithm run with numpy
  // (np.random.default_rng(seed).choice(["F", "H"], (size, size), p=[p, 1 - p]), redrawn
  // until a path exists).
  assertEquals(generateRandomMap(4, 0.8, 0), ["SFFF", "HHFF", "FHHF", "HFFG"]);
  assertEquals(generateRandomMap(8, 0.8, 42), [
    "SFHFFHFF",
    "FFFHFHFF",
    "FFHFFFHH",
    "FFFFFFFH",
    "FFFFFFFF",
    "FHFFHHFF",
    "FFFFFFFF",
    "FFFFFFFG",
  ]);
  assertEquals(generateRandomMap(5, 0.5, 3), ["SFFFH", "FHHFF", "FHFFH", "FHFFH", "FFFFG"]);
  assertEquals(generateRandomMap(6, 0.6, 7), [
    "SHFHHH",
    "FFFHFF",
    "HHFFFF",
    "FHFFFH",
    "FFFFHH",
    "FFHFFG",
  ]);
});

Deno.test("generateRandomMap: every map has a path from S to G", () => {
  for (let seed = 0; seed < 30; seed++) {
    const map = generateRandomMap(6, 0.55, seed);
    // Breadth-first search over non-hole cells.
    const seen = new Set(["0,0"]);
    const queue: Array<[number, number]> = [[0, 0]];
    let found = false;
    while (queue.length > 0) {
      const [r, c] = queue.shift()!;
      if (map[r][c] === "G") found = true;
      for (const [dr, dc] of [[0, 1], [1, 0], [0, -1], [-1, 0]]) {
        const [nr, nc] = [r + dr, c + dc];
        if (nr < 0 || nr >= 6 || nc < 0 || nc >= 6 || map[nr][nc] === "H") continue;
        if (!seen.has(`${nr},${nc}`)) {
          seen.add(`${nr},${nc}`);
          queue.push([nr, nc]);
        }
      }
    }
    assert(found, `seed ${seed}: no path in ${map.join("/")}`);
  }
  assertThrows(() => generateRandomMap(1), Error, "size");
  assertThrows(() => generateRandomMap(4, 0), Error, "p");
});

Deno.test("FrozenLake: mapName null generates a random 8x8 map", () => {
  const env = new FrozenLakeEnv({ mapName: null });
  assertEquals([env.nrow, env.ncol], [8, 8]);
  assertEquals(env.desc[0][0], "S");
  assertEquals(env.desc[7][7], "G");
});

Deno.test("FrozenLake renders ansi (agent highlighted, last action) and svg", () => {
  const env = make("FrozenLake-v1", { renderMode: "ansi", isSlippery: false });
  env.reset({ seed: 0 });
  const first = env.render()!;
  assertEquals(stripAnsi(first), "\nSFFF\nFHFH\nFFFH\nHFFG\n");
  assert(first.includes("\x1b[41mS\x1b[0m"), "start tile highlighted in red");
  env.step(RIGHT);
  const second = env.render()!;
  assertEquals(stripAnsi(second), "  (Right)\nSFFF\nFHFH\nFFFH\nHFFG\n");
  assert(second.includes("S\x1b[41mF\x1b[0m"), "agent on (0, 1)");
  const svgEnv = make("FrozenLake-v1", { renderMode: "svg" });
  svgEnv.reset({ seed: 0 });
  const svg = svgEnv.render()!;
  assert(svg.startsWith("<svg") && svg.endsWith("</svg>"));
  assertEquals(svg.match(/<rect /g)?.length, 17, "16 tiles and the background");
  assert(svg.includes("<circle"), "the agent");
});
