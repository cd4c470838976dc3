/**
 * Pendulum-v1, as in Gymnasium 0.29.1 (the inverted-pendulum swing-up).
 *
 * A pendulum of mass 1 and length 1 swings about a fixed pivot; `theta = 0` is upright.
 * The action is the torque `action[0]`, clipped to [-2, 2]. Dynamics with `dt = 0.05`:
 * `thetaDot += (3 g / (2 l) sin(theta) + 3 / (m l^2) u) dt`, clipped to [-8, 8];
 * `theta += thetaDot dt`. Reward: `-(angleNormalize(theta)^2 + 0.1 thetaDot^2 + 0.001 u^2)`
 * computed from the state before the step, so in [-16.2736044, 0]. Never terminates;
 * registered with a 200-step limit. Observation (float32): `[cos theta, sin theta,
 * thetaDot]`. Reset: theta uniform in [-pi, pi] and thetaDot in [-1, 1] (or
 * `reset({ options: { xInit, yInit } })` for [-xInit, xInit] and [-yInit, yInit]).
 * Option `g` (default 10.0) sets gravity.
 *
 * @module
 */
import { Env, type Info, type ResetArgs, type StepResult } from "../core.ts";
import { Box } from "../spaces.ts";
import { circle, line, polygon, rotatedBar, svgDocument } from "../rendering/svg.ts";
import { finiteOption } from "./reset_bounds.ts";
import { checkOptions } from "./options.ts";
import { warnNoRenderMode } from "../rendering/render_mode.ts";

/** Constants of Pendulum-v1 (gravity is an option). */
export const PENDULUM = {
  maxSpeed: 8,
  maxTorque: 2.0,
  dt: 0.05,
  mass: 1.0,
  length: 1.0,
} as const;

/** Options of {@linkcode PendulumEnv}. */
export interface PendulumOptions {
  /** Gravity in m/s^2 (default 10.0). */
  g?: number;
  /** `"svg"` renders a frame. */
  renderMode?: "svg";
}

/**
 * `((x + pi) mod 2 pi) - pi` with Python's (floored) modulo, i.e. the angle in
 * [-pi, pi).
 */
export function angleNormalize(x: number): number {
  const m = 2 * Math.PI;
  let r = (x + Math.PI) % m;
  // numpy's remainder takes the sign of the divisor.
  if (r !== 0 && r < 0) r += m;
  return r - Math.PI;
}

/** Pendulum (see the module documentation). */
export class PendulumEnv extends Env<Float32Array, Float32Array> {
  /** The torque in [-2, 2], shape [1]. */
  actionSpace: Box;
  /** `[cos theta, sin theta, thetaDot]` bounds. */
  observationSpace: Box;
  /** `[theta, thetaDot]` in float64, `undefined` before reset. */
  state: Float64Array | undefined = undefined;
  /** Gravity in m/s^2. */
  readonly g: number;
  /** The clipped torque of the last step (for rendering). */
  lastU: number | undefined = undefined;

  /** Creates the environment; call `reset()` before `step()`. */
  constructor(options: PendulumOptions = {}) {
    super();
    checkOptions("Pendulum", options, ["g", "renderMode"]);
    this.g = options.g ?? 10.0;
    if (!Number.isFinite(this.g)) {
      throw new Error(`Pendulum: g must be a finite number, got ${this.g}`);
    }
    const high = Float32Array.of(1, 1, PENDULUM.maxSpeed);
    this.actionSpace = new Box({
      low: -PENDULUM.maxTorque,
      high: PENDULUM.maxTorque,
      shape: [1],
      dtype: "float32",
    });
    this.observationSpace = new Box({ low: high.map((v) => -v), high, dtype: "float32" });
    this.metadata = { renderModes: ["svg"], renderFps: 30 };
    this.renderMode = options.renderMode;
  }

  /**
   * theta uniform in [-pi, pi], thetaDot uniform in [-1, 1] (two draws, in that order);
   * `options.xInit` / `options.yInit` replace pi / 1.
   */
  override reset(
    { seed, options }: ResetArgs = {},
  ): [Float32Array, Info] {
    super.reset({ seed });
    let x = Math.PI;
    let y = 1.0;
    if (options !== undefined) {
      if ("xInit" in options) x = finiteOption(options.xInit, "xInit");
      if ("yInit" in options) y = finiteOption(options.yInit, "yInit");
    }
    const theta = this.npRandom.uniform(-x, x);
    const thetaDot = this.npRandom.uniform(-y, y);
    this.state = Float64Array.of(theta, thetaDot);
    this.lastU = undefined;
    return [this.observation(), {}];
  }

  /** Applies the torque `action[0]` (clipped to [-2, 2]) for `dt` = 0.05 s. */
  step(action: Float32Array): StepResult<Float32Array> {
    if (this.state === undefined) throw new Error("Pendulum: call reset() before step()");
    if (action === null || typeof action !== "object" || action.length !== 1) {
      throw new Error(
        `Pendulum: action must be a Float32Array of length 1 (the torque in [-2, 2]), got ${action}`,
      );
    }
    const [th, thdot] = this.state;
    const { maxSpeed, maxTorque, dt, mass: m, length: l } = PENDULUM;
    const g = this.g;
    const u = Math.min(Math.max(Math.fround(action[0]), -maxTorque), maxTorque);
    this.lastU = u;
    const normalized = angleNormalize(th);
    const costs = normalized * normalized + 0.1 * (thdot * thdot) + 0.001 * (u * u);
    let newthdot = thdot + (3 * g / (2 * l) * Math.sin(th) + 3.0 / (m * (l * l)) * u) * dt;
    newthdot = Math.min(Math.max(newthdot, -maxSpeed), maxSpeed);
    const newth = th + newthdot * dt;
    this.state = Float64Array.of(newth, newthdot);
    return [this.observation(), -costs, false, false, {}];
  }

  /** `[cos theta, sin theta, thetaDot]` of the state, in float32. */
  private observation(): Float32Array {
    const [theta, thetaDot] = this.state!;
    return Float32Array.of(Math.cos(theta), Math.sin(theta), thetaDot);
  }

  /** `"svg"`: the rod, the pivot and an arc for the last torque (500 x 500). */
  override render(): string | undefined {
    if (this.renderMode === undefined) return warnNoRenderMode(this);
    if (this.state === undefined) return undefined;
    const size = 500;
    const scale = size / 4.4;
    const c = size / 2;
    // theta = 0 points up; positive theta is counter-clockwise in the world (y up),
    // hence clockwise-negative on the screen (y down).
    const angle = -Math.PI / 2 - this.state[0];
    const rodWidth = 0.2 * scale;
    const tip: [number, number] = [c + scale * Math.cos(angle), c + scale * Math.sin(angle)];
    const parts = [
      polygon(rotatedBar(c, c, scale, rodWidth, angle), { fill: "#cc4d4d" }),
      circle(c, c, rodWidth / 2, { fill: "#cc4d4d" }),
      circle(tip[0], tip[1], rodWidth / 2, { fill: "#cc4d4d" }),
    ];
    if (this.lastU !== undefined && this.lastU !== 0) {
      // An arc around the pivot whose length shows |u|; its arrow head shows the sense.
      const radius = 0.35 * scale;
      const sweep = (Math.abs(this.lastU) / PENDULUM.maxTorque) * Math.PI;
      const sense = this.lastU > 0 ? -1 : 1; // counter-clockwise on screen for u > 0
      const start = -Math.PI / 2;
      const steps = 24;
      const arc: Array<[number, number]> = [];
      for (let i = 0; i <= steps; i++) {
        const a = start + sense * sweep * i / steps;
        arc.push([c + radius * Math.cos(a), c + radius * Math.sin(a)]);
      }
      for (let i = 1; i < arc.length; i++) {
        parts.push(line(arc[i - 1][0], arc[i - 1][1], arc[i][0], arc[i][1], {
          stroke: "#333333",
          strokeWidth: 3,
          lineCap: "round",
        }));
      }
      const end = start + sense * sweep;
      const [ex, ey] = [c + radius * Math.cos(end), c + radius * Math.sin(end)];
      const tangent = end + sense * Math.PI / 2;
      parts.push(polygon([
        [ex + 10 * Math.cos(tangent), ey + 10 * Math.sin(tangent)],
        [ex + 6 * Math.cos(tangent + 2.3), ey + 6 * Math.sin(tangent + 2.3)],
        [ex + 6 * Math.cos(tangent - 2.3), ey + 6 * Math.sin(tangent - 2.3)],
      ], { fill: "#333333" }));
    }
    parts.push(circle(c, c, 0.05 * scale, { fill: "#000000" }));
    return svgDocument(size, size, parts, { title: "Pendulum" });
  }
}
