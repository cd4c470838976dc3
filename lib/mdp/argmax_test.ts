import { assertEquals, assertThrows } from "@std/assert";
import { argmax } from "./argmax.ts";

Deno.test("argmax returns the index of the largest entry", () => {
  assertEquals(argmax([3, -1, 7, 2]), 2);
  assertEquals(argmax(new Float64Array([-5, -2, -9])), 1);
});

Deno.test("argmax breaks ties towards the lowest index", () => {
  assertEquals(argmax([1, 3, 3, 2]), 1);
  assertEquals(argmax([0, 0, 0]), 0);
});

Deno.test("argmax skips NaN and rejects empty arrays", () => {
  assertEquals(argmax([NaN, 1, 2]), 2);
  assertEquals(argmax([NaN, NaN]), 0);
  assertThrows(() => argmax([]), Error, "empty");
});
