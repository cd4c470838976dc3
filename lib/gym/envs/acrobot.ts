/**
 * Acrobot-v1, as in Gymnasium 0.29.1 (Sutton 1996; Sutton and Barto's book dynamics).
 *
 * Two links hang from a fixed pivot; the joint between them is actuated. Swing the tip
 * above the line one link length above the pivot: the episode terminates when
 * `-cos(theta1) - cos(theta1 + theta2) > 1`. Actions: 0, 1, 2 = torque -1, 0, +1 on the
 * middle joint (no torque noise). Reward -1 per step, 0 on the terminating step.
 * Observation (float32): `[cos theta1, sin theta1, cos theta2, sin theta2, dtheta1, dtheta2]`
 * with `theta2` relative to the first link and 0 = hanging down. The state is integrated
 * with one fourth-order Runge-Kutta step of `dt = 0.2`; angles are wrapped to [-pi, pi]
 * and the angular velocities clipped to +-4 pi and +-9 pi. Reset: the four state
 * variables uniform in [-0.1, 0.1] (stored as float32), or `[low, high]` from
 * `reset({ options: { low, high } })`. Registered with a 500-step limit and reward
 * threshold -100.
 *
 * @module
 */
import { Env, type Info, type ResetArgs, type StepResult } from "../core.ts";
import { Box, Discrete } from "../spaces.ts";
import { circle, line, polygon, rotatedBar, svgDocument } from "../rendering/svg.ts";
import { resetBounds } from "./reset_bounds.ts";
import { checkOptions } from "./options.ts";
import { warnNoRenderMode } from "../rendering/render_mode.ts";

/** Physical constants of Acrobot-v1 (SI units). */
export const ACROBOT = {
  dt: 0.2,
  linkLength1: 1.0,
  linkLength2: 1.0,
  linkMass1: 1.0,
  linkMass2: 1.0,
  linkComPos1: 0.5,
  linkComPos2: 0.5,
  linkMoi: 1.0,
  gravity: 9.8,
  maxVel1: 4 * Math.PI,
  maxVel2: 9 * Math.PI,
  availableTorque: [-1.0, 0.0, 1.0],
} as const;

/** Options of {@linkcode AcrobotEnv}. */
export interface AcrobotOptions {
  /** `"book"` (default, Sutton and Barto's equations) or `"nips"` (the 1996 paper's). */
  bookOrNips?: "book" | "nips";
  /** Uniform noise added to the torque, in [-torqueNoiseMax, torqueNoiseMax] (default 0). */
  torqueNoiseMax?: number;
  /** `"svg"` renders a frame. */
  renderMode?: "svg";
}

/**
 * Time derivative of `[theta1, theta2, dtheta1, dtheta2, torque]` (the torque is constant
 * over the step). Written term by term as Gymnasium's `_dsdt` so that the float64
 * arithmetic matches.
 */
export function acrobotDerivatives(
  y: ArrayLike<number>,
  bookOrNips: "book" | "nips" = "book",
): Float64Array {
  const m1 = ACROBOT.linkMass1;
  const m2 = ACROBOT.linkMass2;
  const l1 = ACROBOT.linkLength1;
  const lc1 = ACROBOT.linkComPos1;
  const lc2 = ACROBOT.linkComPos2;
  const I1 = ACROBOT.linkMoi;
  const I2 = ACROBOT.linkMoi;
  const g = ACROBOT.gravity;
  const [theta1, theta2, dtheta1, dtheta2, a] = [y[0], y[1], y[2], y[3], y[4]];
  const d1 = m1 * (lc1 * lc1) + m2 * (l1 * l1 + lc2 * lc2 + 2 * l1 * lc2 * Math.cos(theta2)) +
    I1 + I2;
  const d2 = m2 * (lc2 * lc2 + l1 * lc2 * Math.cos(theta2)) + I2;
  const phi2 = m2 * lc2 * g * Math.cos(theta1 + theta2 - Math.PI / 2.0);
  const phi1 = -m2 * l1 * lc2 * (dtheta2 * dtheta2) * Math.sin(theta2) -
    2 * m2 * l1 * lc2 * dtheta2 * dtheta1 * Math.sin(theta2) +
    (m1 * lc1 + m2 * l1) * g * Math.cos(theta1 - Math.PI / 2) + phi2;
  const ddtheta2 = bookOrNips === "nips"
    ? (a + d2 / d1 * phi1 - phi2) / (m2 * (lc2 * lc2) + I2 - (d2 * d2) / d1)
    : (a + d2 / d1 * phi1 - m2 * l1 * lc2 * (dtheta1 * dtheta1) * Math.sin(theta2) - phi2) /
      (m2 * (lc2 * lc2) + I2 - (d2 * d2) / d1);
  const ddtheta1 = -(d2 * ddtheta2 + phi1) / d1;
  return Float64Array.of(dtheta1, dtheta2, ddtheta1, ddtheta2, 0.0);
}

/** One classical Runge-Kutta step of size `dt` of `dy/dt = f(y)`, as Gymnasium's `rk4`. */
export function rk4Step(
  f: (y: Float64Array) => Float64Array,
  y0: Float64Array,
  dt: number,
): Float64Array {
  const n = y0.length;
  const dt2 = dt / 2.0;
  const shifted = (k: Float64Array, h: number) => y0.map((v, i) => v + h * k[i]);
  const k1 = f(y0);
  const k2 = f(shifted(k1, dt2));
  const k3 = f(shifted(k2, dt2));
  const k4 = f(shifted(k3, dt));
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = y0[i] + dt / 6.0 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
  }
  return out;
}

/** Wraps `x` into [m, M] by adding or subtracting `M - m` (Gymnasium's `wrap`). */
export function wrapAngle(x: number, m: number, M: number): number {
  const diff = M - m;
  while (x > M) x = x - diff;
  while (x < m) x = x + diff;
  return x;
}

/** Acrobot (see the module documentation). */
export class AcrobotEnv extends Env<Float32Array, number> {
  /** Torque -1, 0, +1. */
  actionSpace: Discrete;
  /** `[cos t1, sin t1, cos t2, sin t2, dt1, dt2]` bounds. */
  observationSpace: Box;
  /** `[theta1, theta2, dtheta1, dtheta2]` in float64, `undefined` before reset. */
  state: Float64Array | undefined = undefined;
  /** Which equations of motion are used. */
  readonly bookOrNips: "book" | "nips";
  /** Maximum of the uniform torque noise. */
  readonly torqueNoiseMax: number;
  private lastTorque: number | undefined = undefined;

  /** Creates the environment; call `reset()` before `step()`. */
  constructor(options: AcrobotOptions = {}) {
    super();
    checkOptions("Acrobot", options, ["bookOrNips", "torqueNoiseMax", "renderMode"]);
    this.bookOrNips = options.bookOrNips ?? "book";
    if (this.bookOrNips !== "book" && this.bookOrNips !== "nips") {
      throw new Error(`Acrobot: bookOrNips must be "book" or "nips", got ${this.bookOrNips}`);
    }
    this.torqueNoiseMax = options.torqueNoiseMax ?? 0;
    const high = Float32Array.of(1, 1, 1, 1, ACROBOT.maxVel1, ACROBOT.maxVel2);
    this.observationSpace = new Box({ low: high.map((v) => -v), high, dtype: "float32" });
    this.actionSpace = new Discrete(3);
    this.metadata = { renderModes: ["svg"], renderFps: 15 };
    this.renderMode = options.renderMode;
  }

  /** Draws the initial state uniformly in [-0.1, 0.1] (or `options.low/high`). */
  override reset(
    { seed, options }: ResetArgs = {},
  ): [Float32Array, Info] {
    super.reset({ seed });
    const [low, high] = resetBounds(options, -0.1, 0.1);
    this.state = this.npRandom.uniformArray(low, high, 4).map(Math.fround);
    this.lastTorque = undefined;
    return [this.observation(), {}];
  }

  /** Applies torque -1, 0 or +1 for `dt` = 0.2 s. */
  step(action: number): StepResult<Float32Array> {
    const s = this.state;
    if (s === undefined) throw new Error("Acrobot: call reset() before step()");
    if (action !== 0 && action !== 1 && action !== 2) {
      throw new Error(`Acrobot: action must be 0, 1 or 2 (torque -1, 0, +1), got ${action}`);
    }
    let torque: number = ACROBOT.availableTorque[action];
    if (this.torqueNoiseMax > 0) {
      torque += this.npRandom.uniform(-this.torqueNoiseMax, this.torqueNoiseMax);
    }
    const augmented = Float64Array.of(s[0], s[1], s[2], s[3], torque);
    const ns = rk4Step((y) => acrobotDerivatives(y, this.bookOrNips), augmented, ACROBOT.dt);
    const next = new Float64Array(4);
    next[0] = wrapAngle(ns[0], -Math.PI, Math.PI);
    next[1] = wrapAngle(ns[1], -Math.PI, Math.PI);
    next[2] = Math.min(Math.max(ns[2], -ACROBOT.maxVel1), ACROBOT.maxVel1);
    next[3] = Math.min(Math.max(ns[3], -ACROBOT.maxVel2), ACROBOT.maxVel2);
    this.state = next;
    this.lastTorque = torque;
    const terminated = -Math.cos(next[0]) - Math.cos(next[1] + next[0]) > 1.0;
    return [this.observation(), terminated ? 0.0 : -1.0, terminated, false, {}];
  }

  /** `[cos t1, sin t1, cos t2, sin t2, dt1, dt2]` of the state, in float32. */
  private observation(): Float32Array {
    const s = this.state!;
    return Float32Array.of(
      Math.cos(s[0]),
      Math.sin(s[0]),
      Math.cos(s[1]),
      Math.sin(s[1]),
      s[2],
      s[3],
    );
  }

  /** `"svg"`: the two links, the joints and the target line (500 x 500). */
  override render(): string | undefined {
    if (this.renderMode === undefined) return warnNoRenderMode(this);
    if (this.state === undefined) return undefined;
    const [t1, t2] = this.state;
    const size = 500;
    const scale = size / (2 * (ACROBOT.linkLength1 + ACROBOT.linkLength2 + 0.2));
    const cx = size / 2;
    const cy = size / 2;
    // World: pivot at the origin, y up, theta = 0 hanging down. Screen: y down.
    const p1 = [
      cx + ACROBOT.linkLength1 * Math.sin(t1) * scale,
      cy + ACROBOT.linkLength1 * Math.cos(t1) * scale,
    ];
    const linkAngle1 = Math.PI / 2 - t1;
    const linkAngle2 = Math.PI / 2 - t1 - t2;
    const parts = [
      line(cx - 2.2 * scale, cy - scale, cx + 2.2 * scale, cy - scale, {
        stroke: "#000000",
        strokeWidth: 1.5,
      }),
      polygon(rotatedBar(cx, cy, ACROBOT.linkLength1 * scale, 0.2 * scale, linkAngle1), {
        fill: "#00cccc",
      }),
      polygon(rotatedBar(p1[0], p1[1], ACROBOT.linkLength2 * scale, 0.2 * scale, linkAngle2), {
        fill: "#00cccc",
      }),
      circle(cx, cy, 0.1 * scale, { fill: "#cccc00" }),
      circle(p1[0], p1[1], 0.1 * scale, { fill: "#cccc00" }),
    ];
    if (this.lastTorque !== undefined && this.lastTorque !== 0) {
      const sign = Math.sign(this.lastTorque);
      parts.push(circle(p1[0], p1[1], 0.16 * scale, {
        fill: "none",
        stroke: sign > 0 ? "#2a9d8f" : "#e76f51",
        strokeWidth: 3,
        dash: "5 4",
      }));
    }
    return svgDocument(size, size, parts, { title: "Acrobot" });
  }
}
