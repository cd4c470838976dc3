import { assert, assertEquals, assertThrows } from "@std/assert";
import { make } from "../registration.ts";
import { stripAnsi } from "../rendering/ansi.ts";
import "./mod.ts";
import { checkStepAgainstModel } from "./model_checks.ts";
import { validateModel } from "./tabular.ts";
import { TAXI_MAP, taxiActionMask, taxiDecode, taxiEncode, TaxiEnv } from "./taxi.ts";

const SOUTH = 0, NORTH = 1, EAST = 2, WEST = 3, PICKUP = 4, DROPOFF = 5;

Deno.test("Taxi: encode and decode are inverse; Gymnasium's example state 328", () => {
  // Gymnasium's docs: taxi at (3, 1), passenger at Y (2), destination R (0) is state 328.
  assertEquals(taxiEncode(3, 1, 2, 0), 328);
  assertEquals(taxiDecode(328), { taxiRow: 3, taxiCol: 1, passengerLocation: 2, destination: 0 });
  for (let s = 0; s < 500; s++) {
    const d = taxiDecode(s);
    assertEquals(taxiEncode(d.taxiRow, d.taxiCol, d.passengerLocation, d.destination), s);
  }
  assertThrows(() => taxiDecode(500), Error, "0..499");
});

Deno.test("Taxi: hand-derived rows of P", () => {
  const env = new TaxiEnv();
  assertEquals([env.numStates, env.numActions], [500, 6]);
  validateModel(env);
  const only = (next: number, reward: number, terminated = false) => [
    { prob: 1, next, reward, terminated },
  ];
  // From 328: south to (4, 1); west is blocked by the wall "|" left of (3, 1); east to
  // (3, 2); pickup and dropoff are illegal (the passenger is at Y).
  assertEquals(env.P[328][SOUTH], only(taxiEncode(4, 1, 2, 0), -1));
  assertEquals(env.P[328][WEST], only(328, -1));
  assertEquals(env.P[328][EAST], only(taxiEncode(3, 2, 2, 0), -1));
  assertEquals(env.P[328][PICKUP], only(328, -10));
  assertEquals(env.P[328][DROPOFF], only(328, -10));
  // Pickup at Y: the passenger gets in (location 4).
  assertEquals(env.P[taxiEncode(4, 0, 2, 1)][PICKUP], only(taxiEncode(4, 0, 4, 1), -1));
  // Delivery at the destination: +20, terminal.
  assertEquals(env.P[taxiEncode(0, 0, 4, 0)][DROPOFF], only(taxiEncode(0, 0, 0, 0), 20, true));
  // Dropping at another stand (B) leaves the passenger there, -1.
  assertEquals(env.P[taxiEncode(4, 3, 4, 0)][DROPOFF], only(taxiEncode(4, 3, 3, 0), -1));
  checkStepAgainstModel(env);
});

Deno.test("Taxi: the action mask is 1 exactly for actions that change the state", () => {
  const env = new TaxiEnv();
  assertEquals([...taxiActionMask(328)], [1, 1, 1, 0, 0, 0]);
  assertEquals([...taxiActionMask(taxiEncode(0, 0, 4, 0))], [1, 0, 1, 0, 0, 1]);
  for (let s = 0; s < 500; s++) {
    const mask = taxiActionMask(s);
    for (let a = 0; a < 6; a++) {
      assertEquals(mask[a], env.P[s][a][0].next !== s ? 1 : 0, `state ${s}, action ${a}`);
    }
  }
});

Deno.test("Taxi: seeded resets give Gymnasium's initial states", () => {
  // Expected: np.argmax(np.cumsum(initial_state_distrib) > default_rng(seed).random()),
  // the 300 start states (passenger at a stand that is not the destination) uniform.
  const env = new TaxiEnv();
  assertEquals(env.initialStateDistribution.filter((p) => p > 0).length, 300);
  const expected: Record<number, number> = { 0: 314, 1: 252, 2: 128, 3: 42, 42: 386 };
  for (const [seed, state] of Object.entries(expected)) {
    const [obs, info] = env.reset({ seed: Number(seed) });
    assertEquals(obs, state, `seed ${seed}`);
    assertEquals(info.prob, 1);
    assertEquals([...(info.actionMask as Int8Array)], [...taxiActionMask(state)]);
  }
  // One generator across resets: reset(seed=5), reset(), reset().
  assertEquals([env.reset({ seed: 5 })[0], env.reset()[0], env.reset()[0]], [402, 403, 253]);
});

Deno.test("Taxi: a hand-planned episode from state 328 returns 11", () => {
  const env = make("Taxi-v3");
  env.reset({ seed: 0 });
  (env.unwrapped as TaxiEnv).s = 328;
  // North to (2, 1), west to (2, 0), south twice to Y, pickup, north four times to R, drop.
  const plan = [NORTH, WEST, SOUTH, SOUTH, PICKUP, NORTH, NORTH, NORTH, NORTH, DROPOFF];
  const results = plan.map((a) => env.step(a));
  assertEquals(results.map((r) => r[1]), [...Array(9).fill(-1), 20]);
  assertEquals(results.map((r) => r[2]), [...Array(9).fill(false), true]);
  assertEquals(results.at(-1)![0], taxiEncode(0, 0, 0, 0));
});

Deno.test("Taxi-v3 truncates at 200 steps", () => {
  const env = make("Taxi-v3");
  env.reset({ seed: 1 });
  let steps = 0;
  for (;;) {
    const [, reward, terminated, truncated] = env.step(NORTH);
    steps++;
    assertEquals([reward, terminated], [-1, false]);
    if (truncated) break;
  }
  assertEquals(steps, 200);
});

Deno.test("Taxi renders Gymnasium's text map and an svg", () => {
  const env = make("Taxi-v3", { renderMode: "ansi" });
  env.reset({ seed: 0 });
  (env.unwrapped as TaxiEnv).s = 328;
  const text = env.render()!;
  assertEquals(stripAnsi(text), TAXI_MAP.join("\n") + "\n\n");
  // Taxi at (3, 1) highlighted yellow; passenger at Y blue; destination R magenta.
  assert(text.includes("\x1b[43m \x1b[0m"));
  assert(text.includes("\x1b[34;1mY\x1b[0m"));
  assert(text.includes("\x1b[35mR\x1b[0m"));
  env.step(SOUTH);
  assert(stripAnsi(env.render()!).endsWith("+---------+\n  (South)\n"));
  const svgEnv = make("Taxi-v3", { renderMode: "svg" });
  svgEnv.reset({ seed: 0 });
  const svg = svgEnv.render()!;
  assert(svg.startsWith("<svg") && svg.endsWith("</svg>"));
  for (const letter of "RGYB") assert(svg.includes(`>${letter}<`));
});
