import { assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import { Environment, uniformPolicy, zeros3 } from "./environment.ts";

/** Two states: 0 moves to 1 (action 0, reward 1) or stays (action 1, reward 0.5); 1 is terminal. */
function twoStates(): Environment {
  const T = zeros3(2, 2);
  const R = zeros3(2, 2);
  T[0][0][1] = 1;
  R[0][0][1] = 1;
  T[0][1][0] = 1;
  R[0][1][0] = 0.5;
  return new Environment(T, R, { stateNames: ["start", "end"], actionNames: ["go", "stay"] });
}

Deno.test("Environment exposes sizes and finds terminal states by their zero rows", () => {
  const env = twoStates();
  assertEquals([env.numStates, env.numActions], [2, 2]);
  assertEquals(env.terminal, [false, true]);
  assertEquals(env.actionNames, ["go", "stay"]);
});

Deno.test("Environment rejects malformed tables with the offending entry", () => {
  const T = zeros3(2, 2);
  const R = zeros3(2, 2);
  T[0][0][1] = 0.7;
  T[0][1][0] = 1;
  assertThrows(() => new Environment(T, R), Error, "T[0][0] sums to 0.7");
  T[0][0][1] = 1;
  T[1][0][1] = 1;
  assertThrows(() => new Environment(T, R), Error, "state 1 has all-zero transition rows for 1");
  T[1][0][1] = 0;
  R[0][0][1] = NaN;
  assertThrows(() => new Environment(T, R), Error, "R[0][0][1] = NaN");
  R[0][0][1] = 0;
  assertThrows(() => new Environment(T, R.slice(1)), Error, "R has 1");
  T[0][0][1] = -0.5;
  T[0][0][0] = 1.5;
  assertThrows(() => new Environment(T, R), Error, "not a probability");
});

Deno.test("fromModel merges outcomes and zeroes the rows of terminal states", () => {
  // State 0, action 0: two outcomes into state 1 with rewards 1 and 3 (probability 0.25
  // each) and one into state 2 (terminal). State 2's own self-loop is dropped.
  const P = [
    [
      [
        { prob: 0.25, next: 1, reward: 1, terminated: false },
        { prob: 0.25, next: 1, reward: 3, terminated: false },
        { prob: 0.5, next: 2, reward: 10, terminated: true },
      ],
    ],
    [[{ prob: 1, next: 0, reward: 0, terminated: false }]],
    [[{ prob: 1, next: 2, reward: 0, terminated: true }]],
  ];
  const env = Environment.fromModel({ P, numStates: 3, numActions: 1 });
  assertEquals(env.T[0][0], [0, 0.5, 0.5]);
  assertEquals(env.R[0][0], [0, 2, 10]);
  assertEquals(env.T[2][0], [0, 0, 0]);
  assertEquals(env.terminal, [false, false, true]);
});

Deno.test("fromModel rejects a state entered both as terminal and not", () => {
  const P = [
    [[{ prob: 1, next: 1, reward: 0, terminated: true }]],
    [[{ prob: 1, next: 1, reward: 0, terminated: false }]],
  ];
  assertThrows(
    () => Environment.fromModel({ P, numStates: 2, numActions: 1 }),
    Error,
    "state 1 is entered both",
  );
});

Deno.test("underPolicy mixes transitions and keeps expected rewards", () => {
  const env = twoStates();
  const mrp = env.underPolicy([[0.25, 0.75], [0.5, 0.5]]);
  assertEquals(mrp.numActions, 1);
  assertEquals(mrp.T[0][0], [0.75, 0.25]);
  // Expected one-step reward from state 0: 0.25 * 1 + 0.75 * 0.5 = 0.625.
  const expected = mrp.T[0][0].reduce((sum, p, s2) => sum + p * mrp.R[0][0][s2], 0);
  assertAlmostEquals(expected, 0.625, 1e-15);
  assertEquals(mrp.terminal, [false, true]);
  assertThrows(() => env.underPolicy([[0.5, 0.6], [1, 0]]), Error, "pi[0] sums to 1.1");
  assertThrows(() => env.underPolicy([[1, 0]]), Error, "1 rows");
});

Deno.test("uniformPolicy gives every action the same probability", () => {
  assertEquals(uniformPolicy(twoStates()), [[0.5, 0.5], [0.5, 0.5]]);
});
