import { assert, assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import { make } from "../registration.ts";
import "./mod.ts";
import { acrobotDerivatives, AcrobotEnv, wrapAngle } from "./acrobot.ts";

// Link parameters of Acrobot-v1 (Gymnasium's class constants).
const m1 = 1, m2 = 1, l1 = 1, lc1 = 0.5, lc2 = 0.5, I1 = 1, I2 = 1, g = 9.8;

/**
 * The acrobot as a two-link manipulator, `M(q) q'' + C(q, q') + G(q) = [0, tau]`, written
 * from the Lagrangian (Spong; Tedrake, Underactuated Robotics, ch. 3) with angles from
 * the downward vertical, and solved for q'' by Cramer's rule.
 */
function manipulatorAccelerations(q1: number, q2: number, v1: number, v2: number, tau: number) {
  const M11 = I1 + I2 + m1 * lc1 ** 2 + m2 * (l1 ** 2 + lc2 ** 2 + 2 * l1 * lc2 * Math.cos(q2));
  const M12 = I2 + m2 * (lc2 ** 2 + l1 * lc2 * Math.cos(q2));
  const M22 = I2 + m2 * lc2 ** 2;
  const h = m2 * l1 * lc2 * Math.sin(q2);
  const C1 = -h * (2 * v1 * v2 + v2 ** 2);
  const C2 = h * v1 ** 2;
  const G1 = (m1 * lc1 + m2 * l1) * g * Math.sin(q1) + m2 * lc2 * g * Math.sin(q1 + q2);
  const G2 = m2 * lc2 * g * Math.sin(q1 + q2);
  const b1 = -C1 - G1;
  const b2 = tau - C2 - G2;
  const det = M11 * M22 - M12 * M12;
  return [(b1 * M22 - M12 * b2) / det, (M11 * b2 - M12 * b1) / det];
}

/** One RK4 step of 0.2 s of the manipulator model (written independently of rk4Step). */
function referenceStep(state: number[], tau: number): number[] {
  const f = (s: number[]) => [s[2], s[3], ...manipulatorAccelerations(s[0], s[1], s[2], s[3], tau)];
  const add = (s: number[], k: number[], h: number) => s.map((x, i) => x + h * k[i]);
  const dt = 0.2;
  const k1 = f(state);
  const k2 = f(add(state, k1, dt / 2));
  const k3 = f(add(state, k2, dt / 2));
  const k4 = f(add(state, k3, dt));
  return state.map((x, i) => x + (dt / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]));
}

/** Total mechanical energy (kinetic + potential, zero potential at the pivot). */
function energy([q1, q2, v1, v2]: Iterable<number>): number {
  const M11 = I1 + I2 + m1 * lc1 ** 2 + m2 * (l1 ** 2 + lc2 ** 2 + 2 * l1 * lc2 * Math.cos(q2));
  const M12 = I2 + m2 * (lc2 ** 2 + l1 * lc2 * Math.cos(q2));
  const M22 = I2 + m2 * lc2 ** 2;
  const kinetic = 0.5 * (M11 * v1 * v1 + 2 * M12 * v1 * v2 + M22 * v2 * v2);
  const potential = -(m1 * lc1 + m2 * l1) * g * Math.cos(q1) - m2 * lc2 * g * Math.cos(q1 + q2);
  return kinetic + potential;
}

function stepFrom(state: number[], action: number) {
  const env = new AcrobotEnv();
  env.reset({ seed: 0 });
  env.state = Float64Array.from(state);
  const result = env.step(action);
  return { env, result };
}

Deno.test("Acrobot: derivatives at rest, by hand", () => {
  // Hanging still with torque +1: d1 = 4.5, d2 = 1.75, the gravity terms vanish, so
  // ddtheta2 = 1 / (1.25 - 1.75^2 / 4.5) = 72/41 and ddtheta1 = -1.75 ddtheta2 / 4.5 = -28/41.
  const d = acrobotDerivatives([0, 0, 0, 0, 1]);
  assertAlmostEquals(d[0], 0, 1e-15);
  assertAlmostEquals(d[1], 0, 1e-15);
  assertAlmostEquals(d[2], -28 / 41, 1e-12);
  assertAlmostEquals(d[3], 72 / 41, 1e-12);
  assertEquals(d[4], 0);
  const still = acrobotDerivatives([0, 0, 0, 0, 0]);
  for (const x of still) assertAlmostEquals(x, 0, 1e-13);
});

Deno.test("Acrobot: derivatives equal the manipulator-equation model", () => {
  const states = [[0.3, -0.7, 1.1, -2.4], [2.9, 1.4, -3.0, 5.0], [-1.2, 2.8, 0.5, 0.1]];
  for (const [q1, q2, v1, v2] of states) {
    for (const tau of [-1, 0, 1]) {
      const d = acrobotDerivatives([q1, q2, v1, v2, tau]);
      const [a1, a2] = manipulatorAccelerations(q1, q2, v1, v2, tau);
      assertAlmostEquals(d[2], a1, 1e-12);
      assertAlmostEquals(d[3], a2, 1e-12);
    }
  }
});

Deno.test("Acrobot: one step equals an independent RK4 of the manipulator model", () => {
  const states = [[0.05, -0.03, 0.02, 0.01], [0.3, -0.7, 1.1, -2.4], [-1.2, 2.8, 0.5, 0.1]];
  for (const state of states) {
    for (const action of [0, 1, 2]) {
      const { env, result } = stepFrom(state, action);
      const expected = referenceStep(state, action - 1);
      const wrapped = [
        wrapAngle(expected[0], -Math.PI, Math.PI),
        wrapAngle(expected[1], -Math.PI, Math.PI),
      ];
      assertAlmostEquals(env.state![0], wrapped[0], 1e-10);
      assertAlmostEquals(env.state![1], wrapped[1], 1e-10);
      assertAlmostEquals(env.state![2], expected[2], 1e-10);
      assertAlmostEquals(env.state![3], expected[3], 1e-10);
      const obs = result[0];
      assertEquals(obs.length, 6);
      assertEquals(obs[0], Math.fround(Math.cos(env.state![0])));
      assertEquals(obs[3], Math.fround(Math.sin(env.state![1])));
      assertEquals(obs[5], Math.fround(env.state![3]));
      assertEquals(result.slice(1), [-1, false, false, {}]);
    }
  }
});

Deno.test("Acrobot: energy is nearly conserved without torque and grows with pumping", () => {
  const env = new AcrobotEnv();
  env.reset({ seed: 0 });
  env.state = Float64Array.of(1.0, 0.5, 0, 0);
  const e0 = energy(env.state);
  for (let t = 0; t < 25; t++) env.step(1);
  // RK4 with dt = 0.2 drifts slightly (about 0.05 J over these 5 s, under 0.5 % of the
  // 29.4 J potential range); a sign error in any term changes E by O(1).
  assertAlmostEquals(energy(env.state), e0, 0.1);
  // Pumping: torque in the direction of the second joint's velocity adds energy.
  env.state = Float64Array.of(0, 0, 0, 0);
  const start = energy(env.state);
  for (let t = 0; t < 20; t++) env.step(env.state[3] >= 0 ? 2 : 0);
  assert(energy(env.state) > start + 1, "energy increases when torque follows dtheta2");
});

Deno.test("Acrobot: termination above the line, velocity clipping, angle wrapping", () => {
  // Both links pointing up: -cos(pi) - cos(2 pi) = 2 > 1.
  const up = stepFrom([Math.PI, 0, 0, 0], 1);
  assertEquals(up.result.slice(1, 4), [0, true, false]);
  // Hanging: not terminal, reward -1.
  assertEquals(stepFrom([0, 0, 0, 0], 1).result.slice(1, 4), [-1, false, false]);
  // Velocities beyond the limits are clipped to +-4 pi and +-9 pi.
  const fast = stepFrom([0, 0, 100, -100], 1);
  const unclipped = referenceStep([0, 0, 100, -100], 0);
  assert(Math.abs(unclipped[2]) > 4 * Math.PI && Math.abs(unclipped[3]) > 9 * Math.PI);
  assertEquals(fast.env.state![2], Math.sign(unclipped[2]) * 4 * Math.PI);
  assertEquals(fast.env.state![3], Math.sign(unclipped[3]) * 9 * Math.PI);
  assertEquals(fast.result[0][4], Math.fround(fast.env.state![2]));
  for (const angle of [fast.env.state![0], fast.env.state![1]]) {
    assert(angle >= -Math.PI && angle <= Math.PI);
  }
  assertEquals(wrapAngle(4, -Math.PI, Math.PI), 4 - 2 * Math.PI);
  assertEquals(wrapAngle(-7, -Math.PI, Math.PI), -7 + 2 * Math.PI);
  assertEquals(wrapAngle(10, -Math.PI, Math.PI), 10 - 2 * Math.PI - 2 * Math.PI);
  assertEquals(wrapAngle(1, -Math.PI, Math.PI), 1);
});

Deno.test("Acrobot: seeded reset equals numpy's draws, rounded to float32", () => {
  // np.random.default_rng(seed).uniform(-0.1, 0.1, size=4).astype(np.float32)
  const expected: Record<number, number[]> = {
    0: [0.02739233709871769, -0.046042658388614655, -0.09180529415607452, -0.0966944694519043],
    42: [0.05479120835661888, -0.01222431194037199, 0.07171958684921265, 0.039473604410886765],
  };
  for (const [seed, state] of Object.entries(expected)) {
    const env = new AcrobotEnv();
    const [obs, info] = env.reset({ seed: Number(seed) });
    assertEquals([...env.state!], state);
    assertEquals(info, {});
    assertEquals([...obs], [
      Math.fround(Math.cos(state[0])),
      Math.fround(Math.sin(state[0])),
      Math.fround(Math.cos(state[1])),
      Math.fround(Math.sin(state[1])),
      state[2],
      state[3],
    ]);
  }
  const env = new AcrobotEnv();
  env.reset({ seed: 3, options: { low: 0.5, high: 0.6 } });
  for (const x of env.state!) assert(x >= Math.fround(0.5) && x <= Math.fround(0.6));
  assertThrows(() => env.reset({ options: { low: 1, high: 0 } }), Error, "lower bound");
  assertThrows(() => env.reset({ options: { low: "a" } }), Error, "finite number");
});

Deno.test("Acrobot-v1: same seed same trajectory; truncation at 500 steps", () => {
  const run = () => {
    const env = make("Acrobot-v1");
    env.reset({ seed: 9 });
    const out: number[] = [];
    for (let t = 0; t < 50; t++) out.push(...env.step(t % 3)[0]);
    return out;
  };
  assertEquals(run(), run());
  // Without torque the links only swing a little from the start: never terminal.
  const env = make("Acrobot-v1");
  env.reset({ seed: 0 });
  let steps = 0;
  for (;;) {
    const [, reward, terminated, truncated] = env.step(1);
    steps++;
    assertEquals([reward, terminated], [-1, false]);
    if (truncated) break;
  }
  assertEquals(steps, 500);
});

Deno.test("Acrobot: options, errors, svg", () => {
  assertThrows(() => new AcrobotEnv({ bookOrNips: "paper" as never }), Error, "bookOrNips");
  assertThrows(() => new AcrobotEnv({ dt: 0.1 } as never), Error, 'unknown option "dt"');
  const env = make("Acrobot-v1", { renderMode: "svg" });
  env.reset({ seed: 0 });
  env.step(2);
  const svg = env.render()!;
  assert(svg.startsWith("<svg") && svg.endsWith("</svg>"));
  assertEquals(svg.match(/<polygon /g)?.length, 2, "two links");
  assert(svg.includes("<line"), "the target line");
  assertThrows(() => new AcrobotEnv().step(1), Error, "reset() before step()");
});
