import { assertEquals } from "@std/assert";
import { fromGridWorld, gridWorld, toyMdp } from "./worlds.ts";
import { GridWorldEnv } from "../gym/envs/grid_world.ts";

Deno.test("toyMdp: left pays +1 now, right pays +2 one step later", () => {
  const toy = toyMdp();
  assertEquals([toy.numStates, toy.numActions], [3, 2]);
  assertEquals(toy.T[0], [[0, 1, 0], [0, 0, 1]]);
  assertEquals([toy.R[0][0][1], toy.R[0][1][2]], [1, 0]);
  for (const a of [0, 1]) {
    assertEquals(toy.T[1][a], [1, 0, 0]);
    assertEquals(toy.T[2][a], [1, 0, 0]);
    assertEquals([toy.R[1][a][0], toy.R[2][a][0]], [0, 2]);
  }
  assertEquals(toy.terminal, [false, false, false]);
});

Deno.test("gridWorld: the 4x3 world's cells, terminal rows, slips and rewards", () => {
  const env = gridWorld({ map: "norvig3x4" });
  assertEquals([env.numStates, env.numActions], [12, 4]);
  // G (3), T (7) and the wall (5) have zero rows.
  assertEquals(env.terminal.flatMap((t, s) => (t ? [s] : [])), [3, 5, 7]);
  // Up from the start (2, 0) = state 8: 0.8 up to (1, 0), 0.1 right to (2, 1), 0.1 left
  // into the edge (stays).
  assertEquals(env.T[8][0][4], 0.8);
  assertEquals(env.T[8][0][9], 0.1);
  assertEquals(env.T[8][0][8], 0.1);
  // Right from (0, 2) enters G: the step reward plus the goal reward.
  assertEquals(env.R[2][1][3], -0.04 + 1);
  assertEquals(env.grid?.map, ["...G", ".#.T", "S..."]);
  assertEquals(env.stateNames[9], "(2, 1)");
  assertEquals(env.actionNames, ["up", "right", "down", "left"]);
});

Deno.test("fromGridWorld keeps the layout of an existing environment", () => {
  const env = fromGridWorld(new GridWorldEnv({ map: ["S.", ".G"], stepReward: -1 }));
  assertEquals(env.grid?.rows, 2);
  assertEquals(env.grid?.cells, [0, 1, 2, 3]);
  assertEquals(env.terminal, [false, false, false, true]);
  assertEquals(env.T[1][2], [0, 0, 0, 1]);
  assertEquals(env.R[1][2][3], 0);
});
