import { assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import { movingAverage, summariseRuns } from "./stats.ts";

Deno.test("movingAverage: trailing window, shorter at the start, NaN skipped", () => {
  assertEquals(movingAverage([1, 2, 3, 4], 2), [1, 1.5, 2.5, 3.5]);
  assertEquals(movingAverage([3, 6, 9, 12], 3), [3, 4.5, 6, 9]);
  assertEquals(movingAverage(new Float32Array([1, 2]), 1), [1, 2]);
  assertEquals(movingAverage([1, Number.NaN, 3], 2), [1, 1, 3]);
  assertThrows(() => movingAverage([1], 0), RangeError, "positive integer");
});

// Hand computation. Index 0: values 1, 3, 5: mean 3, sample variance (4 + 0 + 4) / 2 = 4,
// std 2. Index 1: 2, 4, 6: mean 4, std 2. Index 2 (two runs reach it): 3, 9: mean 6,
// sample variance (9 + 9) / 1 = 18, std sqrt(18).
const runs = [[1, 2, 3], [3, 4], [5, 6, 9]];

Deno.test("summariseRuns std: mean ± sample standard deviation over ragged runs", () => {
  const s = summariseRuns(runs, "std");
  assertEquals(s.mean, [3, 4, 6]);
  assertEquals(s.count, [3, 3, 2]);
  assertEquals(s.lower.slice(0, 2), [1, 2]);
  assertEquals(s.upper.slice(0, 2), [5, 6]);
  assertAlmostEquals(s.lower[2], 6 - Math.sqrt(18), 1e-12);
  assertAlmostEquals(s.upper[2], 6 + Math.sqrt(18), 1e-12);
});

Deno.test("summariseRuns sem: std / sqrt(n)", () => {
  const s = summariseRuns(runs, "sem");
  assertAlmostEquals(s.upper[0], 3 + 2 / Math.sqrt(3), 1e-12);
  assertAlmostEquals(s.lower[1], 4 - 2 / Math.sqrt(3), 1e-12);
  assertAlmostEquals(s.upper[2], 6 + Math.sqrt(18) / Math.sqrt(2), 1e-12);
});

Deno.test("summariseRuns minmax, a single run, and missing values", () => {
  const s = summariseRuns(runs, "minmax");
  assertEquals([s.lower, s.upper], [[1, 2, 3], [5, 6, 9]]);
  const one = summariseRuns([[2, 4]], "std");
  assertEquals([one.mean, one.lower, one.upper], [[2, 4], [2, 4], [2, 4]]);
  const gap = summariseRuns([[1, Number.NaN], [3]], "std");
  assertEquals(gap.count, [2, 0]);
  assertEquals(gap.mean[1], Number.NaN);
});

Deno.test("summariseRuns explains bad input", () => {
  assertThrows(() => summariseRuns([], "std"), RangeError, "at least one run");
  // @ts-expect-error: an invalid band, as plain JavaScript could pass
  assertThrows(() => summariseRuns([[1]], "ci"), RangeError, `got "ci"`);
});
