/**
 * Graded suite of chapter 01, plus the chapter's regression tests: the textbook tables
 * (typed from the books in lib/mdp/textbook.ts) reproduced by the reference solutions, the
 * grid-world model cross-checked against lib/gym's GridWorld, hand-computed traces of the
 * bandit agents, and Sutton and Barto's chapter-2 comparisons on fixed seeds.
 *
 * @module
 */
import { assert, assertAlmostEquals, assertEquals, assertGreater } from "@std/assert";
import { gradedSuite } from "../lib/grading/harness.ts";
import { GridWorldEnv, type GridWorldOptions } from "../lib/gym/envs/grid_world.ts";
import { Generator } from "../lib/gym/seeding.ts";
import {
  AIMA_FIGURE_17_3,
  compareWithBook,
  type Environment,
  gridWorld,
  runBanditExperiment,
  SUTTON_BARTO_FIGURE_3_2,
  SUTTON_BARTO_FIGURE_3_5,
  SUTTON_BARTO_FIGURE_4_1,
  type TextbookTable,
  toyMdp,
  uniformPolicy,
} from "../lib/mdp/mod.ts";
import {
  findOptimalPolicy,
  gridWorldModel,
  policyEvalExact,
  policyEvalNumerical,
  RewardAveraging,
  toyValues,
  UCBActionSelection,
  valueIteration,
} from "../solutions/01_mdp.ts";
import spec from "./specs/01_mdp.ts";

gradedSuite(spec);

function assertMatchesBook(book: TextbookTable, computed: ArrayLike<number>, how: string) {
  const { matches, mismatches, maxDifference } = compareWithBook(book, computed);
  assert(
    matches,
    `${how} does not reproduce ${book.source} (${book.description}): cells ${
      JSON.stringify(mismatches)
    } differ beyond the book's rounding; largest difference ${maxDifference}.`,
  );
}

const norvig = gridWorld({ map: "norvig3x4" });
const grid4 = gridWorld({ map: "sutton4x4" });
const grid4Random = grid4.underPolicy(uniformPolicy(grid4));
const grid5 = gridWorld({ map: "sutton5x5" });
const grid5Random = grid5.underPolicy(uniformPolicy(grid5));
const always0 = (env: Environment) => new Int32Array(env.numStates);

Deno.test("textbook: the 4x3 world's utilities (AIMA Figure 17.3) by value and policy iteration", () => {
  assertMatchesBook(AIMA_FIGURE_17_3, valueIteration(norvig, 1, 1e-10), "valueIteration");
  const pi = findOptimalPolicy(norvig, 1);
  assertMatchesBook(AIMA_FIGURE_17_3, policyEvalExact(norvig, pi, 1), "policy iteration");
});

Deno.test("textbook: the 4x3 world's optimal policy is AIMA Figure 17.2(a)'s", () => {
  // Typed from the figure: → → → (+1) / ↑ (wall) ↑ (-1) / ↑ ← ← ←; -1 marks cells without
  // an arrow (terminal states and the wall).
  const book = [1, 1, 1, -1, 0, -1, 0, -1, 0, 3, 3, 3];
  const pi = findOptimalPolicy(norvig, 1);
  assertEquals(Array.from(pi).map((a, s) => (book[s] === -1 ? -1 : a)), book);
});

Deno.test("textbook: iterative evaluation after k sweeps (Sutton and Barto Figure 4.1)", () => {
  for (const k of [1, 2, 3, 10]) {
    const book = SUTTON_BARTO_FIGURE_4_1[`k=${k}` as "k=1"];
    const V = policyEvalNumerical(grid4Random, always0(grid4Random), 1, 0, k);
    assertMatchesBook(book, V, `policyEvalNumerical with ${k} sweep(s)`);
  }
  const converged = SUTTON_BARTO_FIGURE_4_1["k=∞"];
  assertMatchesBook(
    converged,
    policyEvalNumerical(grid4Random, always0(grid4Random), 1, 1e-10, 100_000),
    "policyEvalNumerical until convergence",
  );
  assertMatchesBook(
    converged,
    policyEvalExact(grid4Random, always0(grid4Random), 1),
    "policyEvalExact",
  );
});

Deno.test("textbook: the 5x5 gridworld's random-policy values (Sutton and Barto Figure 3.2)", () => {
  assertMatchesBook(
    SUTTON_BARTO_FIGURE_3_2,
    policyEvalExact(grid5Random, always0(grid5Random), 0.9),
    "policyEvalExact",
  );
  assertMatchesBook(
    SUTTON_BARTO_FIGURE_3_2,
    policyEvalNumerical(grid5Random, always0(grid5Random), 0.9),
    "policyEvalNumerical",
  );
});

Deno.test("textbook: the 5x5 gridworld's optimal values (Sutton and Barto Figure 3.5)", () => {
  assertMatchesBook(SUTTON_BARTO_FIGURE_3_5, valueIteration(grid5, 0.9), "valueIteration");
  const pi = findOptimalPolicy(grid5, 0.9);
  assertMatchesBook(SUTTON_BARTO_FIGURE_3_5, policyEvalExact(grid5, pi, 0.9), "policy iteration");
});

Deno.test("textbook: the book tables are told apart from wrong values", () => {
  // The comparison itself must be able to fail: values without the discount, or off by one
  // unit of the last decimal in one cell.
  const undiscounted = policyEvalNumerical(grid5Random, always0(grid5Random), 0.99);
  assert(!compareWithBook(SUTTON_BARTO_FIGURE_3_2, undiscounted).matches);
  const nudged = Float64Array.from(valueIteration(norvig, 1, 1e-10));
  nudged[0] += 0.001;
  assertEquals(compareWithBook(AIMA_FIGURE_17_3, nudged).mismatches, [[0, 0]]);
});

Deno.test("the toy MDP: hand-derived values equal the linear solve, and the optimum flips at 1/2", () => {
  const toy = toyMdp();
  for (const gamma of [0, 0.25, 0.5, 0.75, 0.9, 0.99]) {
    const { left, right } = toyValues(gamma);
    assertAlmostEquals(policyEvalExact(toy, [0, 0, 0], gamma)[0], left, 1e-9);
    assertAlmostEquals(policyEvalExact(toy, [1, 0, 0], gamma)[0], right, 1e-9);
  }
  // V_left = 1 / (1 - g^2) and V_right = 2 g / (1 - g^2): left wins iff g < 1/2.
  assertEquals(findOptimalPolicy(toy, 0.4)[0], 0);
  assertEquals(findOptimalPolicy(toy, 0.6)[0], 1);
  assertAlmostEquals(valueIteration(toy, 0.9)[0], 2 * 0.9 / (1 - 0.81), 1e-6);
});

/** lib/gym's dense model of a grid world, terminal cells and walls zeroed. */
function gymTables(options: GridWorldOptions) {
  const world = new GridWorldEnv(options);
  return world.denseModel({ zeroRows: [...world.terminalStates, ...world.wallStates] });
}

Deno.test("gridWorldModel agrees with lib/gym's GridWorld on built-in and custom maps", () => {
  const defaults = {
    stepReward: 0,
    goalReward: 1,
    trapReward: -1,
    cliffReward: -100,
    bumpReward: 0,
    slip: 0,
  };
  const worlds: Array<{ map: string[]; params: Partial<typeof defaults> }> = [
    { map: ["...G", ".#.T", "S..."], params: { stepReward: -0.04, slip: 0.1 } },
    { map: ["G...", "....", "....", "...G"], params: { stepReward: -1, goalReward: 0 } },
    {
      map: ["............", "............", "............", "SCCCCCCCCCCG"],
      params: { stepReward: -1, goalReward: 0, cliffReward: -99 },
    },
    { map: ["S.#G", "..#.", "C..T"], params: { stepReward: -1, bumpReward: -2, slip: 0.2 } },
    { map: ["T.S.G"], params: { bumpReward: -0.1, slip: 0.25 } },
  ];
  for (const { map, params } of worlds) {
    const mine = gridWorldModel(map, { ...defaults, ...params });
    const gym = gymTables({ map, ...params });
    for (let s = 0; s < mine.numStates; s++) {
      for (let a = 0; a < 4; a++) {
        for (let s2 = 0; s2 < mine.numStates; s2++) {
          const where = `${JSON.stringify(map)}: [${s}][${a}][${s2}]`;
          assertAlmostEquals(mine.T[s][a][s2], gym.T[s][a][s2], 1e-12, `T${where}`);
          assertAlmostEquals(mine.R[s][a][s2], gym.R[s][a][s2], 1e-12, `R${where}`);
        }
      }
    }
  }
});

Deno.test("RewardAveraging: sample averages and constant steps, computed by hand", () => {
  const averaging = new RewardAveraging(2, Generator.fromSeed(0), { epsilon: 0, initialValue: 5 });
  for (const r of [1, 2, 3, 4]) averaging.observe(1, r);
  assertEquals(Array.from(averaging.Q), [5, 2.5]);
  assertEquals(Array.from(averaging.N), [0, 4]);
  // Q: 0 -> 0.5 -> 1.25 -> 2.125 -> 3.0625 with alpha = 0.5.
  const constant = new RewardAveraging(1, Generator.fromSeed(0), { epsilon: 0, stepSize: 0.5 });
  for (const r of [1, 2, 3, 4]) constant.observe(0, r);
  assertEquals(constant.Q[0], 3.0625);
  // Greedy ties go to the lowest index; optimism makes untried arms look best.
  assertEquals(averaging.getAction(), 0);
});

Deno.test("UCBActionSelection: a two-armed trace computed by hand", () => {
  // Arm 0 always pays 1, arm 1 pays 0, c = 1. Both arms are tried first; then arm 1's bound
  // sqrt(ln t) first beats arm 0's 1 + sqrt(ln t / (t - 2)) at t = 11:
  // sqrt(ln 11) = 1.549 > 1 + sqrt(ln 11 / 9) = 1.516 (at t = 10: 1.517 < 1.537).
  const agent = new UCBActionSelection(2, Generator.fromSeed(0), { c: 1 });
  const actions: number[] = [];
  for (let t = 1; t <= 12; t++) {
    const a = agent.getAction();
    actions.push(a);
    agent.observe(a, a === 0 ? 1 : 0);
  }
  assertEquals(actions, [0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]);
});

/** Mean of `values[from..to)`. */
function meanOf(values: Float64Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += values[i];
  return sum / (to - from);
}

Deno.test("bandits reproduce Sutton and Barto's chapter-2 comparisons (200 runs, fixed seeds)", () => {
  const run = (makeAgent: Parameters<typeof runBanditExperiment>[0]["makeAgent"]) =>
    runBanditExperiment({ makeAgent, runs: 200, steps: 1000, seed: 2018 });
  const greedy = run((k, rng) => new RewardAveraging(k, rng, { epsilon: 0 }));
  const epsilon = run((k, rng) => new RewardAveraging(k, rng, { epsilon: 0.1 }));
  const optimistic = run((k, rng) =>
    new RewardAveraging(k, rng, { epsilon: 0, initialValue: 5, stepSize: 0.1 })
  );
  const realistic = run((k, rng) => new RewardAveraging(k, rng, { epsilon: 0.1, stepSize: 0.1 }));
  const ucb = run((k, rng) => new UCBActionSelection(k, rng, { c: 2 }));
  // Figure 2.2: in the long run epsilon = 0.1 beats greedy in reward and in % optimal action
  // (book: about 1.35 vs 1.0, and 80% vs 35%, at step 1000).
  assertGreater(meanOf(epsilon.meanReward, 500, 1000), meanOf(greedy.meanReward, 500, 1000) + 0.2);
  assertGreater(
    meanOf(epsilon.optimalFraction, 500, 1000),
    meanOf(greedy.optimalFraction, 500, 1000) + 0.3,
  );
  // Figure 2.3: optimistic greedy starts worse, then picks the best arm more often.
  assertGreater(
    meanOf(realistic.optimalFraction, 0, 50),
    meanOf(optimistic.optimalFraction, 0, 50),
  );
  assertGreater(
    meanOf(optimistic.optimalFraction, 500, 1000),
    meanOf(realistic.optimalFraction, 500, 1000) + 0.05,
  );
  // Figure 2.4: UCB with c = 2 earns more than epsilon-greedy with epsilon = 0.1.
  assertGreater(meanOf(ucb.meanReward, 100, 1000), meanOf(epsilon.meanReward, 100, 1000) + 0.05);
});

Deno.test("bandits: a constant step size tracks drifting arms better (Exercise 2.5, fixed seeds)", () => {
  const steps = 3000;
  const drifting = (stepSize?: number) =>
    runBanditExperiment({
      makeAgent: (k, rng) => new RewardAveraging(k, rng, { epsilon: 0.1, stepSize }),
      runs: 100,
      steps,
      seed: 25,
      bandit: { stationary: false },
    });
  const averaged = drifting(undefined);
  const constant = drifting(0.1);
  assertGreater(
    meanOf(constant.optimalFraction, steps - 1000, steps),
    meanOf(averaged.optimalFraction, steps - 1000, steps) + 0.1,
  );
  assertGreater(
    meanOf(constant.meanReward, steps - 1000, steps),
    meanOf(averaged.meanReward, steps - 1000, steps),
  );
});
