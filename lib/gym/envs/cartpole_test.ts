import { assert, assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import { make } from "../registration.ts";
import {
  CartPoleEnv,
  cartPoleSvg,
  FORCE_MAG,
  GRAVITY,
  HALF_POLE_LENGTH,
  MASS_POLE,
  POLEMASS_LENGTH,
  TAU,
  THETA_THRESHOLD_RADIANS,
  TOTAL_MASS,
} from "./cartpole.ts";

interface RecordedStep {
  t: number;
  action: number;
  obs: number[];
  reward: number;
  terminated: boolean;
  truncated: boolean;
  state: number[];
}

interface RecordedEpisode {
  reset_seed: number;
  rule: string;
  rule_seed: number;
  state_after_reset: number[];
  initial_obs: number[];
  initial_state: number[];
  reset_obs_before_override?: number[];
  explicit_initial_state?: number[];
  actions: number[];
  length: number;
  end: string;
  termination_cause: string[];
  return: number;
  steps: RecordedStep[];
}

const reference = JSON.parse(
  await Deno.readTextFile(
    new URL("../../../../shared/data/gymnasium_cartpole_v1.json", import.meta.url),
  ),
);
const seeded: RecordedEpisode[] = reference.seeded_episodes;
const explicit: RecordedEpisode[] = reference.explicit_state_episodes;
const STATE_TOLERANCE = 1e-12;

function unwrappedCartPole(env: { unwrapped: unknown }): CartPoleEnv {
  const inner = env.unwrapped;
  assert(inner instanceof CartPoleEnv);
  return inner;
}

Deno.test("CartPole constants are Gymnasium's", () => {
  const c = reference.env_constants;
  assertEquals(GRAVITY, c.gravity);
  assertEquals(TOTAL_MASS, c.total_mass);
  assertEquals(POLEMASS_LENGTH, c.polemass_length);
  assertEquals(FORCE_MAG, c.force_mag);
  assertEquals(TAU, c.tau);
  assertEquals(THETA_THRESHOLD_RADIANS, c.theta_threshold_radians);
  assertEquals(HALF_POLE_LENGTH, c.length);
  assertEquals(MASS_POLE, c.masspole);
});

Deno.test("reset({ seed }) gives exactly Gymnasium's initial state and observation", () => {
  for (const episode of [...seeded, ...explicit]) {
    const env = make("CartPole-v1");
    const [obs, info] = env.reset({ seed: episode.reset_seed });
    const state = unwrappedCartPole(env).state!;
    assertEquals(Array.from(state), episode.state_after_reset, `state, seed ${episode.reset_seed}`);
    const expectedObs = episode.reset_obs_before_override ?? episode.initial_obs;
    assertEquals(Array.from(obs), expectedObs, `obs, seed ${episode.reset_seed}`);
    assert(obs instanceof Float32Array);
    assertEquals(info, {});
  }
});

Deno.test("every recorded step, one step at a time: state within 1e-12, obs/reward/flags exact", () => {
  let checked = 0;
  for (const episode of [...seeded, ...explicit]) {
    const env = make("CartPole-v1");
    env.reset({ seed: episode.reset_seed });
    const cartPole = unwrappedCartPole(env);
    let previous = episode.initial_state;
    for (const step of episode.steps) {
      cartPole.state = Float64Array.from(previous);
      const [obs, reward, terminated, truncated, info] = env.step(step.action);
      const where = `seed ${episode.reset_seed}, t ${step.t}`;
      for (let i = 0; i < 4; i++) {
        assertAlmostEquals(
          cartPole.state[i],
          step.state[i],
          STATE_TOLERANCE,
          `state[${i}], ${where}`,
        );
      }
      assertEquals(Array.from(obs), step.obs, `obs, ${where}`);
      assertEquals(reward, step.reward, `reward, ${where}`);
      assertEquals(terminated, step.terminated, `terminated, ${where}`);
      assertEquals(truncated, step.truncated, `truncated, ${where}`);
      assertEquals(info, {});
      previous = step.state;
      checked += 1;
    }
  }
  assertEquals(checked, [...seeded, ...explicit].reduce((n, e) => n + e.steps.length, 0));
});

Deno.test("replaying the recorded actions reproduces each (short) episode's length and return", () => {
  for (const episode of seeded) {
    const env = make("CartPole-v1");
    env.reset({ seed: episode.reset_seed });
    let total = 0;
    let length = 0;
    for (const action of episode.actions) {
      const [, reward, terminated, truncated] = env.step(action);
      total += reward;
      length += 1;
      if (terminated || truncated) break;
    }
    assertEquals(length, episode.length, `length, seed ${episode.reset_seed}`);
    assertEquals(total, episode.return, `return, seed ${episode.reset_seed}`);
  }
});

function feedbackAction(obs: Float32Array): number {
  return obs[2] + 0.5 * obs[3] > 0 ? 1 : 0;
}

Deno.test("make('CartPole-v1') truncates at exactly 500 steps (v0 at 200)", () => {
  for (const [id, limit] of [["CartPole-v1", 500], ["CartPole-v0", 200]] as const) {
    const env = make(id);
    let [obs] = env.reset({ seed: 14 });
    let steps = 0;
    for (;;) {
      const [next, reward, terminated, truncated] = env.step(feedbackAction(obs));
      steps += 1;
      assertEquals(reward, 1);
      assert(!terminated, `${id}: the feedback controller should balance (step ${steps})`);
      if (truncated) break;
      obs = next;
    }
    assertEquals(steps, limit, id);
  }
});

Deno.test("stepping after termination: reward 0 and a single warning (steps_beyond_terminated)", () => {
  const env = new CartPoleEnv();
  env.reset({ seed: 101 });
  env.state = Float64Array.from([0, 0, 0.21, 0]); // beyond 12 degrees: terminal at once
  const warnings: string[] = [];
  const originalWarn = console.warn;
  console.warn = (message: string) => warnings.push(message);
  try {
    const first = env.step(0);
    assertEquals([first[1], first[2]], [1, true]);
    assertEquals(env.stepsBeyondTerminated, 0);
    const second = env.step(0);
    const third = env.step(0);
    assertEquals([second[1], second[2], third[1], third[2]], [0, true, 0, true]);
    assertEquals(env.stepsBeyondTerminated, 2);
  } finally {
    console.warn = originalWarn;
  }
  assertEquals(warnings.length, 1);
  assert(warnings[0].includes("already returned terminated = True"));
});

Deno.test("suttonBartoReward: 0 per step, -1 on termination", () => {
  const episode = seeded[0];
  const env = make("CartPole-v1", { suttonBartoReward: true });
  env.reset({ seed: episode.reset_seed });
  const rewards = episode.actions.map((a) => env.step(a)[1]);
  assertEquals(rewards, [...new Array(episode.length - 1).fill(0), -1]);
});

Deno.test("semi-implicit Euler updates velocities first (hand computation from rest)", () => {
  const env = new CartPoleEnv({ kinematicsIntegrator: "semi-implicit euler" });
  env.reset({ seed: 0 });
  env.state = new Float64Array(4);
  env.step(1);
  // From rest with theta = 0: temp = F / M, thetaAcc = -temp / (l (4/3 - m / M)).
  const temp = 10 / 1.1;
  const thetaAcc = -temp / (0.5 * (4 / 3 - 0.1 / 1.1));
  const xAcc = temp - 0.05 * thetaAcc / 1.1;
  const xDot = 0.02 * xAcc;
  const thetaDot = 0.02 * thetaAcc;
  const expected = [0.02 * xDot, xDot, 0.02 * thetaDot, thetaDot];
  for (let i = 0; i < 4; i++) assertAlmostEquals(env.state![i], expected[i], 1e-15);
  assertThrows(
    // deno-lint-ignore no-explicit-any
    () => new CartPoleEnv({ kinematicsIntegrator: "rk4" as any }),
    RangeError,
    "kinematicsIntegrator",
  );
});

Deno.test("reset options low/high bound the initial state", () => {
  const env = make("CartPole-v1");
  env.reset({ seed: 3, options: { low: -0.2, high: -0.1 } });
  const state = unwrappedCartPole(env).state!;
  for (const v of state) assert(v >= -0.2 && v < -0.1, `state ${v}`);
  assertThrows(
    () => env.reset({ options: { low: 0.1, high: 0.0 } }),
    Error,
    "must be lower than higher bound",
  );
  assertThrows(() => make("CartPole-v1", { sutonBartoReward: true }), Error, "unknown option");
});

Deno.test("invalid actions are clear errors, naming the action space", () => {
  const bare = new CartPoleEnv();
  bare.reset({ seed: 0 });
  assertThrows(() => bare.step(2), RangeError, "Discrete(2)");
  const env = make("CartPole-v1");
  env.reset({ seed: 0 });
  assertThrows(() => env.step(1.5), RangeError, "invalid action 1.5");
  assertThrows(() => new CartPoleEnv().step(0), Error, "reset()");
});

Deno.test("svg rendering draws the cart and pole where the state says (Gymnasium geometry)", () => {
  // scale = 600 / 4.8 = 125 px/m; cart 50 x 30 with top at y = 400 - 130; axle 7.5 px above
  // the cart's bottom edge (y = 292.5); pole length 125 px.
  const upright = cartPoleSvg(0, 0);
  assert(upright.startsWith("<svg"));
  assert(upright.includes('<rect x="275" y="270" width="50" height="30"'));
  assert(upright.includes('x1="300" y1="292.5" x2="300" y2="167.5"'));
  const moved = cartPoleSvg(1.2, Math.PI / 2);
  assert(moved.includes('<rect x="425"'), "x = 1.2 m -> 300 + 150 px");
  assert(moved.includes('x1="450" y1="292.5" x2="575" y2="292.5"'), "pole horizontal, right");

  const env = make("CartPole-v1", { renderMode: "svg" });
  env.reset({ seed: 0 });
  const state = unwrappedCartPole(env).state!;
  assertEquals(env.render(), cartPoleSvg(state[0], state[2]));
  assertEquals(env.metadata.renderFps, 50);
});

Deno.test("render() without a render mode warns and returns undefined", () => {
  const env = new CartPoleEnv();
  env.reset({ seed: 0 });
  const originalWarn = console.warn;
  const warnings: string[] = [];
  console.warn = (m: string) => warnings.push(m);
  try {
    assertEquals(env.render(), undefined);
  } finally {
    console.warn = originalWarn;
  }
  assert(warnings[0].includes('renderMode: "svg"'));
});
