import { assert, assertEquals } from "@std/assert";
import { make, spec } from "../registration.ts";
import "./mod.ts";
import { CliffWalkingEnv } from "./cliff_walking.ts";
import { checkStepAgainstModel } from "./model_checks.ts";
import { validateModel } from "./tabular.ts";

const UP = 0, RIGHT = 1, DOWN = 2, LEFT = 3;

Deno.test("CliffWalking: hand-derived rows of P", () => {
  const env = new CliffWalkingEnv();
  assertEquals([env.numStates, env.numActions], [48, 4]);
  validateModel(env);
  assertEquals(env.P[36][UP], [{ prob: 1, next: 24, reward: -1, terminated: false }]);
  // Into the cliff: -100 and back to the start, not terminal.
  assertEquals(env.P[36][RIGHT], [{ prob: 1, next: 36, reward: -100, terminated: false }]);
  assertEquals(env.P[25][DOWN], [{ prob: 1, next: 36, reward: -100, terminated: false }]);
  // Off the grid: stay, -1.
  assertEquals(env.P[36][LEFT], [{ prob: 1, next: 36, reward: -1, terminated: false }]);
  assertEquals(env.P[0][UP], [{ prob: 1, next: 0, reward: -1, terminated: false }]);
  // Into the goal: -1 and terminal.
  assertEquals(env.P[35][DOWN], [{ prob: 1, next: 47, reward: -1, terminated: true }]);
  checkStepAgainstModel(env);
});

Deno.test("CliffWalking: the optimal path returns -13, the cliff costs -100 and restarts", () => {
  const env = make("CliffWalking-v0");
  const [s0, info] = env.reset({ seed: 3 });
  assertEquals([s0, info], [36, { prob: 1 }]);
  // Sutton and Barto, Example 6.6: up, 11 x right, down = 13 steps of -1.
  let total = 0;
  let last: unknown[] = [];
  for (const a of [UP, ...Array(11).fill(RIGHT), DOWN]) {
    last = env.step(a);
    total += last[1] as number;
  }
  assertEquals(total, -13);
  assertEquals(last.slice(0, 4), [47, -1, true, false]);
  env.reset();
  assertEquals(env.step(RIGHT).slice(0, 4), [36, -100, false, false]);
});

Deno.test("CliffWalking-v0 has no step limit, as in Gymnasium", () => {
  assertEquals(spec("CliffWalking-v0").maxEpisodeSteps, undefined);
  const env = make("CliffWalking-v0");
  env.reset({ seed: 0 });
  for (let t = 0; t < 1000; t++) assertEquals(env.step(LEFT)[3], false);
});

Deno.test("CliffWalking renders Gymnasium's text grid and an svg", () => {
  const env = make("CliffWalking-v0", { renderMode: "ansi" });
  env.reset({ seed: 0 });
  env.step(UP);
  const row = "o  o  o  o  o  o  o  o  o  o  o  o\n";
  const agentRow = "x  o  o  o  o  o  o  o  o  o  o  o\n";
  const bottom = "o  C  C  C  C  C  C  C  C  C  C  T\n";
  assertEquals(env.render(), row + row + agentRow + bottom + "\n");
  const svgEnv = make("CliffWalking-v0", { renderMode: "svg" });
  svgEnv.reset({ seed: 0 });
  const svg = svgEnv.render()!;
  assert(svg.startsWith("<svg") && svg.endsWith("</svg>"));
  assertEquals(svg.match(/<rect /g)?.length, 49);
  assertEquals(svg.match(/>C</g)?.length, 10, "ten cliff cells");
});
