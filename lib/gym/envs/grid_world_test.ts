import { assert, assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import { make } from "../registration.ts";
import { stripAnsi } from "../rendering/ansi.ts";
import "./mod.ts";
import { CliffWalkingEnv } from "./cliff_walking.ts";
import { GridAction, GridWorldEnv } from "./grid_world.ts";
import { checkStepAgainstModel } from "./model_checks.ts";
import { type TabularModel, validateModel } from "./tabular.ts";

const { UP, RIGHT, DOWN, LEFT } = GridAction;

/** Expected value of `sum over outcomes of prob * (reward + gamma * V[next])`, 0 after termination. */
function backup(model: TabularModel, V: Float64Array, s: number, a: number, gamma: number) {
  let q = 0;
  for (const t of model.P[s][a]) q += t.prob * (t.reward + (t.terminated ? 0 : gamma * V[t.next]));
  return q;
}

/** Value iteration to convergence (a plain textbook implementation for the tests). */
function optimalValues(model: TabularModel, gamma: number): Float64Array {
  let V = new Float64Array(model.numStates);
  for (let sweep = 0; sweep < 100000; sweep++) {
    const next = V.map((_, s) =>
      Math.max(...Array.from({ length: model.numActions }, (_, a) => backup(model, V, s, a, gamma)))
    );
    const delta = Math.max(...next.map((v, s) => Math.abs(v - V[s])));
    V = next;
    if (delta < 1e-12) break;
  }
  return V;
}

/** Iterative evaluation of the equiprobable random policy. */
function randomPolicyValues(model: TabularModel, gamma: number): Float64Array {
  let V = new Float64Array(model.numStates);
  for (let sweep = 0; sweep < 100000; sweep++) {
    const next = V.map((_, s) => {
      let v = 0;
      for (let a = 0; a < model.numActions; a++) {
        v += backup(model, V, s, a, gamma) / model.numActions;
      }
      return v;
    });
    const delta = Math.max(...next.map((v, s) => Math.abs(v - V[s])));
    V = next;
    if (delta < 1e-12) break;
  }
  return V;
}

function assertGridValues(
  env: GridWorldEnv,
  V: Float64Array,
  expected: Array<Array<number | null>>,
  tolerance: number,
) {
  for (let r = 0; r < env.nrow; r++) {
    for (let c = 0; c < env.ncol; c++) {
      const want = expected[r][c];
      if (want !== null) {
        assertAlmostEquals(V[env.stateOf(r, c)], want, tolerance, `cell (${r}, ${c})`);
      }
    }
  }
}

Deno.test("GridWorld norvig3x4 reproduces Russell and Norvig's utilities (gamma = 1)", () => {
  const env = new GridWorldEnv({ map: "norvig3x4" });
  validateModel(env);
  const V = optimalValues(env, 1);
  // AIMA 3rd ed., Figure 17.3 (R(s) = -0.04, 0.8/0.1/0.1), rounded to three decimals.
  assertGridValues(env, V, [
    [0.812, 0.868, 0.918, null],
    [0.762, null, 0.660, null],
    [0.705, 0.655, 0.611, 0.388],
  ], 5e-4);
  // Terminal cells and the wall have value 0.
  for (const s of [3, 5, 7]) assertEquals(V[s], 0);
  // The optimal policy of Figure 17.2: right along the top, up the left column, and
  // left along the bottom (the long way round, away from -1).
  const greedy = (s: number) => {
    const q = [0, 1, 2, 3].map((a) => backup(env, V, s, a, 1));
    return q.indexOf(Math.max(...q));
  };
  const expected: Array<[number, number, number]> = [
    [0, 0, RIGHT],
    [0, 1, RIGHT],
    [0, 2, RIGHT],
    [1, 0, UP],
    [1, 2, UP],
    [2, 0, UP],
    [2, 1, LEFT],
    [2, 2, LEFT],
    [2, 3, LEFT],
  ];
  for (const [r, c, a] of expected) assertEquals(greedy(env.stateOf(r, c)), a, `cell (${r}, ${c})`);
});

Deno.test("GridWorld norvig3x4: exact linear solve with zeroed terminal rows", () => {
  const env = new GridWorldEnv({ map: "norvig3x4" });
  const { T, R } = env.denseModel({ zeroRows: [...env.terminalStates, ...env.wallStates] });
  // The optimal policy of Figure 17.2, one action per state (terminal/wall entries unused).
  const policy = [RIGHT, RIGHT, RIGHT, UP, UP, UP, UP, UP, UP, LEFT, LEFT, LEFT];
  const n = env.numStates;
  // Solve (I - T_pi) V = r_pi by Gauss-Jordan elimination.
  const A = Array.from({ length: n }, (_, s) => {
    const row = Array.from({ length: n }, (_, s2) => (s === s2 ? 1 : 0) - T[s][policy[s]][s2]);
    let r = 0;
    for (let s2 = 0; s2 < n; s2++) r += T[s][policy[s]][s2] * R[s][policy[s]][s2];
    return [...row, r];
  });
  for (let col = 0; col < n; col++) {
    const pivot = A.findIndex((row, i) => i >= col && Math.abs(row[col]) > 1e-12);
    [A[col], A[pivot]] = [A[pivot], A[col]];
    for (let i = 0; i < n; i++) {
      if (i === col) continue;
      const f = A[i][col] / A[col][col];
      for (let j = col; j <= n; j++) A[i][j] -= f * A[col][j];
    }
  }
  const V = Float64Array.from(A, (row, i) => row[n] / row[i]);
  assertGridValues(env, V, [
    [0.812, 0.868, 0.918, 0],
    [0.762, 0, 0.660, 0],
    [0.705, 0.655, 0.611, 0.388],
  ], 5e-4);
});

Deno.test("GridWorld sutton4x4 reproduces Sutton and Barto's Figure 4.1 (random policy)", () => {
  const env = new GridWorldEnv({ map: "sutton4x4" });
  const V = randomPolicyValues(env, 1);
  assertGridValues(env, V, [
    [0, -14, -20, -22],
    [-14, -18, -20, -20],
    [-20, -20, -18, -14],
    [-22, -20, -14, 0],
  ], 1e-6);
});

Deno.test("GridWorld sutton5x5 reproduces Sutton and Barto's Figures 3.2 and 3.5", () => {
  const env = new GridWorldEnv({ map: "sutton5x5" });
  assertEquals(env.terminalStates, []);
  assertGridValues(env, randomPolicyValues(env, 0.9), [
    [3.3, 8.8, 4.4, 5.3, 1.5],
    [1.5, 3.0, 2.3, 1.9, 0.5],
    [0.1, 0.7, 0.7, 0.4, -0.4],
    [-1.0, -0.4, -0.4, -0.6, -1.2],
    [-1.9, -1.3, -1.2, -1.4, -2.0],
  ], 0.05);
  assertGridValues(env, optimalValues(env, 0.9), [
    [22.0, 24.4, 22.0, 19.4, 17.5],
    [19.8, 22.0, 19.8, 17.8, 16.0],
    [17.8, 19.8, 17.8, 16.0, 14.4],
    [16.0, 17.8, 16.0, 14.4, 13.0],
    [14.4, 16.0, 14.4, 13.0, 11.7],
  ], 0.05);
});

Deno.test("GridWorld: hand-derived rows with slip, bumps, walls, teleports", () => {
  const env = new GridWorldEnv({ map: "norvig3x4" });
  const s = (r: number, c: number) => env.stateOf(r, c);
  const rows = (state: number, a: number) =>
    env.P[state][a].map((t) => [t.prob, t.next, t.reward, t.terminated]);
  const close = (actual: unknown[][], expected: unknown[][]) => {
    assertEquals(actual.length, expected.length);
    actual.forEach((row, i) => {
      assertAlmostEquals(row[0] as number, expected[i][0] as number, 1e-12);
      assertAlmostEquals(row[2] as number, expected[i][2] as number, 1e-12);
      assertEquals([row[1], row[3]], [expected[i][1], expected[i][3]]);
    });
  };
  // Up from the start: 0.8 up, 0.1 left (off the grid: stay), 0.1 right.
  close(rows(s(2, 0), UP), [[0.8, s(1, 0), -0.04, false], [0.1, s(2, 0), -0.04, false], [
    0.1,
    s(2, 1),
    -0.04,
    false,
  ]]);
  // Right into +1: step reward plus goal reward, terminal.
  close(rows(s(0, 2), RIGHT), [[0.8, s(0, 3), 0.96, true], [0.1, s(0, 2), -0.04, false], [
    0.1,
    s(1, 2),
    -0.04,
    false,
  ]]);
  // Right into -1.
  close(rows(s(1, 2), RIGHT), [[0.8, s(1, 3), -1.04, true], [0.1, s(0, 2), -0.04, false], [
    0.1,
    s(2, 2),
    -0.04,
    false,
  ]]);
  // Down into the wall: stay with 0.8; slips right and left.
  close(rows(s(0, 1), DOWN), [[0.8, s(0, 1), -0.04, false], [0.1, s(0, 2), -0.04, false], [
    0.1,
    s(0, 0),
    -0.04,
    false,
  ]]);
  // Up in the top-left corner: up and left both stay, merged into 0.9.
  close(rows(s(0, 0), UP), [[0.9, s(0, 0), -0.04, false], [0.1, s(0, 1), -0.04, false]]);
  // Terminal cells and walls are absorbing.
  for (const state of [s(0, 3), s(1, 3), s(1, 1)]) {
    for (let a = 0; a < 4; a++) {
      assertEquals(env.P[state][a], [{ prob: 1, next: state, reward: 0, terminated: true }]);
    }
  }
  assertEquals([env.terminalStates, env.wallStates, env.startStates], [[3, 7], [5], [8]]);
  // Teleports and bump rewards of the 5 x 5 world.
  const five = new GridWorldEnv({ map: "sutton5x5" });
  for (let a = 0; a < 4; a++) {
    assertEquals(five.P[five.stateOf(0, 1)][a], [{
      prob: 1,
      next: five.stateOf(4, 1),
      reward: 10,
      terminated: false,
    }]);
    assertEquals(five.P[five.stateOf(0, 3)][a], [{
      prob: 1,
      next: five.stateOf(2, 3),
      reward: 5,
      terminated: false,
    }]);
  }
  assertEquals(five.P[0][UP], [{ prob: 1, next: 0, reward: -1, terminated: false }]);
  assertEquals(five.P[12][UP], [{ prob: 1, next: 7, reward: 0, terminated: false }]);
});

Deno.test("GridWorld cliff4x12 has CliffWalking-v0's model in every reachable state", () => {
  const grid = new GridWorldEnv({ map: "cliff4x12" });
  const cliff = new CliffWalkingEnv();
  // Cliff cells 37..46 are never occupied (the agent is sent back to the start) and the
  // goal 47 is absorbing here; the other 37 states must agree exactly.
  for (let s = 0; s <= 36; s++) {
    for (let a = 0; a < 4; a++) assertEquals(grid.P[s][a], cliff.P[s][a], `P[${s}][${a}]`);
  }
  assertEquals(grid.terminalStates, [47]);
});

Deno.test("GridWorld: step() samples what P says", () => {
  checkStepAgainstModel(new GridWorldEnv({ map: "norvig3x4" }), { samples: 2000 });
  checkStepAgainstModel(new GridWorldEnv({ map: "sutton5x5" }));
  checkStepAgainstModel(new GridWorldEnv({ map: "cliff4x12" }));
  checkStepAgainstModel(
    new GridWorldEnv({ map: ["S.#", ".CG", "T.."], slip: 0.2, stepReward: -1, bumpReward: -2 }),
    { samples: 2000 },
  );
});

Deno.test("GridWorld: states, cells, starts and seeded resets", () => {
  const env = new GridWorldEnv({ map: "sutton4x4" });
  assertEquals([env.nrow, env.ncol, env.numStates, env.numActions], [4, 4, 16, 4]);
  assertEquals(env.stateOf(2, 3), 11);
  assertEquals(env.cellOf(11), [2, 3]);
  assertEquals(env.cellType(0), "G");
  // No S: episodes start uniformly in the 14 non-terminal cells.
  assertEquals(env.startStates, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
  const counts = new Array(16).fill(0);
  env.reset({ seed: 11 });
  for (let i = 0; i < 14000; i++) counts[env.reset()[0]]++;
  assertEquals([counts[0], counts[15]], [0, 0]);
  // Each start has probability 1/14: 1000 expected, sd ~30; allow 5 sd.
  for (let s = 1; s < 15; s++) assert(Math.abs(counts[s] - 1000) < 150, `state ${s}: ${counts[s]}`);
  // Same seed, same episode.
  const run = (seed: number) => {
    const e = new GridWorldEnv({ map: "norvig3x4" });
    const out = [e.reset({ seed })[0]];
    for (let t = 0; t < 30; t++) out.push(e.step(t % 4)[0]);
    return out;
  };
  assertEquals(run(5), run(5));
  assert(JSON.stringify(run(5)) !== JSON.stringify(run(6)), "different seeds differ");
  assertThrows(() => env.stateOf(4, 0), Error, "outside the 4 x 4 map");
  assertThrows(() => env.cellOf(16), Error, "0..15");
});

Deno.test("GridWorld-v0 through make: default Norvig world, options override the preset", () => {
  const env = make("GridWorld-v0");
  const world = env.unwrapped as GridWorldEnv;
  assertEquals(world.map, ["...G", ".#.T", "S..."]);
  assertEquals(world.parameters.slip, 0.1);
  assertEquals(env.reset({ seed: 0 })[0], 8);
  const calm = make("GridWorld-v0", { map: "norvig3x4", slip: 0 }).unwrapped as GridWorldEnv;
  assertEquals(calm.parameters.stepReward, -0.04);
  assertEquals(calm.P[8][UP], [{ prob: 1, next: 4, reward: -0.04, terminated: false }]);
  const custom = make("GridWorld-v0", { map: ["SG"], goalReward: 5 });
  custom.reset({ seed: 0 });
  assertEquals(custom.step(RIGHT).slice(0, 4), [1, 5, true, false]);
  // maxEpisodeSteps truncates a continuing world.
  const five = make("GridWorld-v0", { map: "sutton5x5", maxEpisodeSteps: 7 });
  five.reset({ seed: 0 });
  const truncations = Array.from({ length: 7 }, () => five.step(DOWN)[3]);
  assertEquals(truncations, [false, false, false, false, false, false, true]);
});

Deno.test("GridWorld: clear errors for bad maps and parameters", () => {
  assertThrows(
    () => new GridWorldEnv({ map: ["S.X"] }),
    Error,
    'unknown character "X" at row 0, column 2',
  );
  assertThrows(() => new GridWorldEnv({ map: ["S..", "."] }), Error, "equal length");
  assertThrows(
    () => new GridWorldEnv({ map: "norvig" as never }),
    Error,
    "built-in maps: norvig3x4",
  );
  assertThrows(() => new GridWorldEnv({ map: ["S", "G"], slip: 0.6 }), Error, "[0, 0.5]");
  assertThrows(() => new GridWorldEnv({ map: [".C.G"] }), Error, "exactly one start");
  assertThrows(() => new GridWorldEnv({ map: ["###"] }), Error, "no start");
  assertThrows(
    () => new GridWorldEnv({ map: ["S.G"], teleports: [{ from: [0, 0], to: [0, 2], reward: 1 }] }),
    Error,
    "teleports[0].to",
  );
  assertThrows(() => new GridWorldEnv({ map: ["S.G"], stepReward: NaN }), Error, "stepReward");
  assertThrows(
    () => new GridWorldEnv({ map: ["S.G"], slipProb: 0.1 } as never),
    Error,
    'unknown option "slipProb"',
  );
});

Deno.test("GridWorld renders ansi and svg (with value and policy overlays)", () => {
  const env = make("GridWorld-v0", { renderMode: "ansi", slip: 0 });
  env.reset({ seed: 0 });
  const text = env.render()!;
  assertEquals(stripAnsi(text), "\n...G\n.#.T\nA...\n");
  assert(text.includes("\x1b[41mA\x1b[0m"));
  env.step(UP);
  assertEquals(stripAnsi(env.render()!), "  (Up)\n...G\nA#.T\nS...\n");
  const world = new GridWorldEnv({ map: "norvig3x4", renderMode: "svg" });
  world.reset({ seed: 0 });
  const frame = world.render()!;
  assert(frame.startsWith("<svg") && frame.endsWith("</svg>"));
  assertEquals(frame.match(/<circle /g)?.length, 1, "the agent");
  const V = optimalValues(world, 1);
  const svg = world.svg({ values: V, policy: new Array(12).fill(UP), showAgent: false });
  assert(svg.includes(">0.81<") && svg.includes(">0.39<"));
  // Arrows in the 9 non-terminal, non-wall cells; no value printed in the wall.
  assertEquals(svg.match(/<polygon /g)?.length, 9);
  assertEquals(svg.match(/<circle /g), null);
  assertThrows(() => world.svg({ values: [1, 2] }), Error, "one entry per state (12)");
});
