import { assert, assertEquals, assertThrows } from "@std/assert";
import { CliffWalkingEnv } from "../gym/envs/cliff_walking.ts";
import { optimalQ } from "./planning.ts";
import { QTable } from "./qtable.ts";
import {
  ACTION_ARROWS,
  CLIFF_WALKING_MAP,
  greedyArrows,
  greedyPath,
  gridPathsSvg,
  pathText,
  qHeatmapData,
  recordGreedyEpisode,
} from "./grid.ts";

Deno.test("greedyPath follows Q* along the cliff edge in 13 steps", () => {
  const env = new CliffWalkingEnv();
  const path = greedyPath(env, optimalQ(env.P, { gamma: 1 }));
  assertEquals(path.return, -13);
  assertEquals(path.terminated, true);
  // Up to (2, 0), right along row 2 to (2, 11), down to the goal.
  const row2 = Array.from({ length: 12 }, (_, c) => 24 + c);
  assertEquals(path.states, [36, ...row2, 47]);
});

Deno.test("greedyPath stops after maxSteps when the policy never terminates", () => {
  const env = new CliffWalkingEnv();
  const path = greedyPath(env, new QTable(48, 4), { maxSteps: 5 });
  assertEquals(path.terminated, false);
  assertEquals(path.states, [36, 24, 12, 0, 0, 0]);
  assertEquals(path.return, -5);
});

Deno.test("pathText marks the direction in which each cell is left", () => {
  const text = pathText(["...", "S.G"], [3, 0, 1, 2, 5]);
  assertEquals(text, ">>v\n^.*");
  assertThrows(() => pathText(["..", "."], [0]), Error, "map row 1 has 1 cells");
  assertThrows(() => pathText([".."], [2]), Error, "cell 2 is outside");
});

Deno.test("gridPathsSvg draws the map, one polyline per path and a legend", () => {
  const svg = gridPathsSvg({
    map: CLIFF_WALKING_MAP,
    paths: [{ cells: [36, 24, 25], color: "red", label: "Q-learning" }, {
      cells: [36, 24],
      color: "blue",
      label: "SARSA <safe>",
    }],
    title: "Paths",
  });
  assert(svg.startsWith("<svg"));
  assertEquals(svg.match(/<rect /g)?.length, 48);
  assertEquals(svg.match(/<polyline /g)?.length, 2);
  assert(svg.includes("SARSA &lt;safe&gt;"));
  assertThrows(
    () => gridPathsSvg({ map: ["..."], paths: [{ cells: [3], color: "red" }] }),
    Error,
    "cell 3",
  );
});

Deno.test("greedyArrows maps the greedy action of each state to its glyph", () => {
  const q = QTable.from(2, 4, [0, 1, 0, 0, 0, 0, 0, 2]);
  assertEquals(greedyArrows(q, ACTION_ARROWS.cliffWalking), ["→", "←"]);
  assertEquals(greedyArrows(q, ACTION_ARROWS.frozenLake), ["↓", "↑"]);
  assertThrows(() => greedyArrows(q, ["a"]), Error, "1 arrow glyphs for 4 actions");
});

Deno.test("qHeatmapData lays max Q out on the grid with arrows and values", () => {
  const q = QTable.from(4, 4, [
    0,
    1,
    0,
    0, // right, 1
    -2,
    -3,
    -1,
    -4, // down, -1
    0,
    0,
    0,
    0, // terminal
    5,
    0,
    0,
    0, // up, 5
  ]);
  const { z, text } = qHeatmapData(q, {
    rows: 2,
    cols: 2,
    arrows: ACTION_ARROWS.cliffWalking,
    noArrow: [2],
  });
  assertEquals(z, [[1, -1], [0, 5]]);
  assertEquals(text, [["→ 1.0", "↓ -1.0"], ["0.0", "↑ 5.0"]]);
  assertThrows(
    () => qHeatmapData(q, { rows: 3, cols: 2, arrows: ["a", "b", "c", "d"] }),
    Error,
    "6 cells",
  );
});

Deno.test("recordGreedyEpisode renders the reset and every step", () => {
  const env = new CliffWalkingEnv({ renderMode: "ansi" });
  const frames = recordGreedyEpisode(env, optimalQ(env.P, { gamma: 1 }));
  assertEquals(frames.length, 14);
  assert(frames[0].split("\n")[3].startsWith("x"));
  const inner = new CliffWalkingEnv();
  const noFrames = {
    reset: (options?: { seed?: number }) => inner.reset(options),
    step: (action: number) => inner.step(action),
    render: () => undefined,
  };
  assertThrows(() => recordGreedyEpisode(noFrames, new QTable(48, 4)), Error, "renderMode");
});
