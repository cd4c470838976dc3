import { assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import { GridWorldEnv } from "../gym/envs/grid_world.ts";
import { CliffWalkingEnv } from "../gym/envs/cliff_walking.ts";
import { evaluatePolicy, type Model, optimalQ } from "./planning.ts";

/** A two-state chain by hand: from 0, action 0 pays 1 and ends; action 1 pays 0 and moves to 1;
 * from 1 every action pays 2 and ends. */
const CHAIN: Model = [
  [[{ prob: 1, next: 1, reward: 1, terminated: true }], [{
    prob: 1,
    next: 1,
    reward: 0,
    terminated: false,
  }]],
  [[{ prob: 1, next: 1, reward: 2, terminated: true }], [{
    prob: 1,
    next: 1,
    reward: 2,
    terminated: true,
  }]],
];

Deno.test("optimalQ solves a hand-computed chain", () => {
  // Q*(0, 0) = 1, Q*(0, 1) = 0 + gamma * 2, Q*(1, .) = 2.
  const q = optimalQ(CHAIN, { gamma: 0.4 });
  assertAlmostEquals(q.get(0, 0), 1, 1e-9);
  assertAlmostEquals(q.get(0, 1), 0.8, 1e-9);
  assertAlmostEquals(q.get(1, 0), 2, 1e-9);
  assertEquals(optimalQ(CHAIN, { gamma: 0.6 }).greedyAction(0), 1);
});

Deno.test("optimalQ reproduces Russell and Norvig's 4x3 utilities", () => {
  const env = new GridWorldEnv({ map: "norvig3x4" });
  const v = optimalQ(env.P, { gamma: 1 }).stateValues();
  // AIMA Figure 17.3: utilities with R = -0.04, gamma = 1 (row 0 is the top row).
  const book: Array<[number, number, number]> = [
    [0, 0, 0.812],
    [0, 1, 0.868],
    [0, 2, 0.918],
    [1, 0, 0.762],
    [1, 2, 0.660],
    [2, 0, 0.705],
    [2, 1, 0.655],
    [2, 2, 0.611],
    [2, 3, 0.388],
  ];
  for (const [r, c, u] of book) assertAlmostEquals(v[r * 4 + c], u, 1e-3);
});

Deno.test("optimalQ on CliffWalking: the best return from the start is -13", () => {
  const env = new CliffWalkingEnv();
  const q = optimalQ(env.P, { gamma: 1 });
  // Up, 11 steps right along the cliff edge, down: 13 moves at -1 each.
  assertAlmostEquals(q.maxValue(36), -13, 1e-9);
});

Deno.test("evaluatePolicy gives the value of a fixed policy and flags endless ones", () => {
  const v = evaluatePolicy(CHAIN, [1, 0], { gamma: 0.5 });
  assertAlmostEquals(v[0], 1, 1e-9); // 0 + 0.5 * 2
  assertAlmostEquals(v[1], 2, 1e-9);
  const cliff = new CliffWalkingEnv();
  // "Always left" bumps into the left edge at the start forever, -1 per step.
  assertThrows(
    () => evaluatePolicy(cliff.P, new Array(48).fill(3), { gamma: 1, maxIterations: 500 }),
    Error,
    "did not converge within 500 sweeps",
  );
});

Deno.test("the solvers reject malformed models and options", () => {
  assertThrows(() => optimalQ([], { gamma: 1 }), Error, "no states");
  assertThrows(() => optimalQ(CHAIN, { gamma: 1.5 }), Error, "gamma must be in [0, 1]");
  assertThrows(
    () => optimalQ([[[{ prob: 1, next: 5, reward: 0, terminated: true }]]], { gamma: 1 }),
    Error,
    "leads to state 5",
  );
  assertThrows(() => evaluatePolicy(CHAIN, [0], { gamma: 1 }), Error, "one per state");
  assertThrows(() => evaluatePolicy(CHAIN, [0, 2], { gamma: 1 }), Error, "policy[1] = 2");
});
