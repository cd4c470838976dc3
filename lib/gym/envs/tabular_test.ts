import { assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import type { Generator } from "../seeding.ts";
import { categoricalSample, denseModel, type TabularModel, validateModel } from "./tabular.ts";

/** A stand-in generator whose `random()` returns the given numbers in turn. */
function fixedDraws(...draws: number[]): Generator {
  return { random: () => draws.shift()! } as unknown as Generator;
}

Deno.test("categoricalSample picks the first index whose running sum exceeds the draw", () => {
  const probs = [0.2, 0.5, 0.3];
  // Running sums 0.2, 0.7, 1.0 (a draw equal to a sum moves to the next index: strict >).
  assertEquals(categoricalSample(probs, fixedDraws(0)), 0);
  assertEquals(categoricalSample(probs, fixedDraws(0.19)), 0);
  assertEquals(categoricalSample(probs, fixedDraws(0.2)), 1);
  assertEquals(categoricalSample(probs, fixedDraws(0.69)), 1);
  assertEquals(categoricalSample(probs, fixedDraws(0.7)), 2);
  assertEquals(categoricalSample(probs, fixedDraws(0.999)), 2);
  // numpy's argmax of an all-false mask is 0: a draw no sum exceeds gives index 0.
  assertEquals(categoricalSample([0.25, 0.25], fixedDraws(0.75)), 0);
});

// A two-state model: from state 0 action 0 goes to 1 with prob 0.25 (reward 4) and stays
// with prob 0.75 in two ways (rewards 1 and 3, prob 0.5 and 0.25); state 1 is absorbing.
const toy: TabularModel = {
  numStates: 2,
  numActions: 1,
  P: [
    [[
      { prob: 0.5, next: 0, reward: 1, terminated: false },
      { prob: 0.25, next: 1, reward: 4, terminated: true },
      { prob: 0.25, next: 0, reward: 3, terminated: false },
    ]],
    [[{ prob: 1, next: 1, reward: 0, terminated: true }]],
  ],
};

Deno.test("denseModel: T sums outcome probabilities, R is the probability-weighted reward", () => {
  const { T, R } = denseModel(toy);
  assertEquals(T, [[[0.75, 0.25]], [[0, 1]]]);
  // R[0][0][0] = (0.5 * 1 + 0.25 * 3) / 0.75 = 5/3.
  assertAlmostEquals(R[0][0][0], 5 / 3, 1e-15);
  assertEquals(R[0][0][1], 4);
  assertEquals(R[1][0], [0, 0]);
  // Expected reward of (0, 0) = 0.5 * 1 + 0.25 * 4 + 0.25 * 3 = 2.25.
  assertAlmostEquals(T[0][0][0] * R[0][0][0] + T[0][0][1] * R[0][0][1], 2.25, 1e-15);
});

Deno.test("denseModel: zeroRows empties the rows of the given states", () => {
  const { T, R } = denseModel(toy, { zeroRows: [1] });
  assertEquals(T[1], [[0, 0]]);
  assertEquals(R[1], [[0, 0]]);
  assertEquals(T[0], [[0.75, 0.25]]);
});

Deno.test("validateModel accepts a stochastic model and names the first bad row", () => {
  validateModel(toy);
  const badSum: TabularModel = {
    numStates: 1,
    numActions: 1,
    P: [[[{ prob: 0.5, next: 0, reward: 0, terminated: false }]]],
  };
  assertThrows(() => validateModel(badSum), Error, "P[0][0] probabilities sum to 0.5");
  const badNext: TabularModel = {
    numStates: 1,
    numActions: 1,
    P: [[[{ prob: 1, next: 3, reward: 0, terminated: false }]]],
  };
  assertThrows(() => validateModel(badNext), Error, "P[0][0] leads to state 3");
  assertThrows(
    () => validateModel({ ...toy, numActions: 2 }),
    Error,
    "P[0] has 1 actions, expected numActions = 2",
  );
});
