import { assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import { blockMeans, mean, meanCurve, movingAverage } from "./curves.ts";

Deno.test("mean averages a range", () => {
  assertEquals(mean([1, 2, 3, 4]), 2.5);
  assertEquals(mean([1, 2, 3, 4], 2), 3.5);
  assertEquals(mean([1, 2, 3, 4], 1, 3), 2.5);
  assertThrows(() => mean([1, 2], 2), Error, "empty or invalid range");
});

Deno.test("meanCurve averages runs pointwise and rejects ragged input", () => {
  assertEquals(Array.from(meanCurve([[1, 2, 3], [3, 4, 5]])), [2, 3, 4]);
  assertThrows(() => meanCurve([[1, 2], [1]]), Error, "curve 1 has 1 points");
  assertThrows(() => meanCurve([]), Error, "no curves");
});

Deno.test("movingAverage uses a trailing window that is shorter at the start", () => {
  const out = movingAverage([2, 4, 6, 8, 10], 3);
  // By hand: [2], [2,4], [2,4,6], [4,6,8], [6,8,10].
  const expected = [2, 3, 4, 6, 8];
  expected.forEach((e, i) => assertAlmostEquals(out[i], e, 1e-12));
  assertEquals(Array.from(movingAverage([5, 7], 1)), [5, 7]);
  assertThrows(() => movingAverage([1], 0), Error, "window must be a positive integer");
});

Deno.test("blockMeans averages consecutive blocks, the last one possibly shorter", () => {
  assertEquals(Array.from(blockMeans([1, 3, 5, 7, 9], 2)), [2, 6, 9]);
  assertEquals(Array.from(blockMeans([4], 3)), [4]);
  assertThrows(() => blockMeans([1], 0), Error, "size must be a positive integer");
});
