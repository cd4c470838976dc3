import { assert, assertEquals, assertThrows } from "@std/assert";
import { QTable } from "./qtable.ts";

Deno.test("QTable stores Q(s, a) row-major and rows are views", () => {
  const q = new QTable(3, 2, 0.5);
  assertEquals(Array.from(q.values), [0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
  q.set(1, 1, -2);
  assertEquals(q.values[1 * 2 + 1], -2);
  assertEquals(q.get(1, 1), -2);
  q.row(2)[0] = 7;
  assertEquals(q.get(2, 0), 7);
  assertEquals(Array.from(q.row(1)), [0.5, -2]);
});

Deno.test("QTable greedy helpers take the lowest action among ties", () => {
  const q = QTable.from(3, 4, [
    0,
    1,
    1,
    0, // tie between 1 and 2
    -3,
    -1,
    -2,
    -1, // tie between 1 and 3
    0,
    0,
    0,
    0, // all tie
  ]);
  assertEquals(q.greedyAction(0), 1);
  assertEquals(q.greedyAction(1), 1);
  assertEquals(q.greedyAction(2), 0);
  assertEquals(Array.from(q.greedyPolicy()), [1, 1, 0]);
  assertEquals(Array.from(q.stateValues()), [1, -1, 0]);
  assertEquals(q.maxValue(1), -1);
});

Deno.test("QTable.clone and fill are independent of the original", () => {
  const q = QTable.from(1, 3, [1, 2, 3]);
  const copy = q.clone();
  q.fill(0);
  assertEquals(Array.from(copy.values), [1, 2, 3]);
  assertEquals(Array.from(q.values), [0, 0, 0]);
});

Deno.test("QTable rejects bad sizes, indices and lengths with specific errors", () => {
  assertThrows(() => new QTable(0, 2), Error, "numStates must be a positive integer");
  assertThrows(() => new QTable(2, 1.5), Error, "numActions must be a positive integer");
  assertThrows(() => new QTable(2, 2, NaN), Error, "initialValue is NaN");
  const q = new QTable(2, 2);
  assertThrows(() => q.get(2, 0), Error, "state 2 is out of range 0..1");
  assertThrows(() => q.set(0, -1, 1), Error, "action -1 is out of range 0..1");
  assertThrows(() => q.row(0.5), Error, "out of range");
  assertThrows(() => QTable.from(2, 2, [1, 2, 3]), Error, "got 3 values");
  assert(q.values instanceof Float64Array);
});
