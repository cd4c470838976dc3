import { assertEquals, assertThrows } from "@std/assert";
import { valueHeatmap } from "./plots.ts";
import { gridWorld, toyMdp } from "./worlds.ts";

Deno.test("valueHeatmap prints values and arrows, blanks walls and labels terminals", () => {
  const env = gridWorld({ map: "norvig3x4" });
  const values = Array.from({ length: 12 }, (_, s) => s / 10);
  const policy = [1, 1, 1, 0, 0, 0, 0, 0, 0, 3, 3, 3];
  const fig = valueHeatmap(env, values, { policy, title: "3x4" });
  const trace = fig.data[0] as { z: number[][]; text: string[][] };
  assertEquals(trace.text[0], ["0.00 →", "0.10 →", "0.20 →", "G"]);
  assertEquals(trace.text[1], ["0.40 ↑", "", "0.60 ↑", "T"]);
  assertEquals(trace.text[2][3], "1.10 ←");
  assertEquals(Number.isNaN(trace.z[1][1]), true);
  assertEquals(trace.z[2][0], 0.8);
});

Deno.test("valueHeatmap explains what is missing", () => {
  assertThrows(() => valueHeatmap(toyMdp(), [0, 0, 0]), Error, "no grid layout");
  assertThrows(() => valueHeatmap(gridWorld(), [0]), Error, "values has 1 entries");
});
