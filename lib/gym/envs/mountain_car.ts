/**
 * MountainCar-v0, as in Gymnasium 0.29.1 (Moore 1990; Sutton and Barto, Example 10.1).
 *
 * An under-powered car in a valley must rock back and forth to reach the flag at
 * position 0.5 on the right hill. Actions: 0 push left, 1 no push, 2 push right.
 * Dynamics: `velocity += (action - 1) * 0.001 + cos(3 position) * (-0.0025)`, clipped to
 * [-0.07, 0.07]; `position += velocity`, clipped to [-1.2, 0.6]; hitting the left wall
 * sets a negative velocity to 0. Reward -1 per step; the episode terminates when
 * `position >= 0.5` (and `velocity >= goalVelocity`, default 0). Observation (float32):
 * `[position, velocity]`. Reset: position uniform in [-0.6, -0.4] (or
 * `reset({ options: { low, high } })`), velocity 0. Registered with a 200-step limit
 * and reward threshold -110.
 *
 * @module
 */
import { Env, type Info, type ResetArgs, type StepResult } from "../core.ts";
import { Box, Discrete } from "../spaces.ts";
import { mountainCarSvg } from "./mountain_car_render.ts";
import { resetBounds } from "./reset_bounds.ts";
import { checkOptions } from "./options.ts";
import { warnNoRenderMode } from "../rendering/render_mode.ts";

/** Constants of MountainCar-v0. */
export const MOUNTAIN_CAR = {
  minPosition: -1.2,
  maxPosition: 0.6,
  maxSpeed: 0.07,
  goalPosition: 0.5,
  force: 0.001,
  gravity: 0.0025,
} as const;

/** Options of {@linkcode MountainCarEnv}. */
export interface MountainCarOptions {
  /** Minimum velocity at the goal for termination (default 0). */
  goalVelocity?: number;
  /** `"svg"` renders a frame. */
  renderMode?: "svg";
}

/** MountainCar with discrete actions (see the module documentation). */
export class MountainCarEnv extends Env<Float32Array, number> {
  /** Push left, none, right. */
  actionSpace: Discrete;
  /** `[position, velocity]` bounds. */
  observationSpace: Box;
  /** `[position, velocity]` in float64, `undefined` before reset. */
  state: Float64Array | undefined = undefined;
  /** Minimum velocity at the goal for termination. */
  readonly goalVelocity: number;
  private lastAction: number | undefined = undefined;

  /** Creates the environment; call `reset()` before `step()`. */
  constructor(options: MountainCarOptions = {}) {
    super();
    checkOptions("MountainCar", options, ["goalVelocity", "renderMode"]);
    this.goalVelocity = options.goalVelocity ?? 0;
    const { minPosition, maxPosition, maxSpeed } = MOUNTAIN_CAR;
    this.observationSpace = new Box({
      low: Float32Array.of(minPosition, -maxSpeed),
      high: Float32Array.of(maxPosition, maxSpeed),
      dtype: "float32",
    });
    this.actionSpace = new Discrete(3);
    this.metadata = { renderModes: ["svg"], renderFps: 30 };
    this.renderMode = options.renderMode;
  }

  /** Position uniform in [-0.6, -0.4] (or `options.low/high`), velocity 0. */
  override reset(
    { seed, options }: ResetArgs = {},
  ): [Float32Array, Info] {
    super.reset({ seed });
    const [low, high] = resetBounds(options, -0.6, -0.4);
    this.state = Float64Array.of(this.npRandom.uniform(low, high), 0);
    this.lastAction = undefined;
    return [Float32Array.from(this.state), {}];
  }

  /** Pushes left (0), not at all (1) or right (2) for one step. */
  step(action: number): StepResult<Float32Array> {
    if (this.state === undefined) throw new Error("MountainCar: call reset() before step()");
    if (action !== 0 && action !== 1 && action !== 2) {
      throw new Error(`MountainCar: action must be 0, 1 or 2 (left, none, right), got ${action}`);
    }
    const { minPosition, maxPosition, maxSpeed, goalPosition, force, gravity } = MOUNTAIN_CAR;
    let [position, velocity] = this.state;
    velocity += (action - 1) * force + Math.cos(3 * position) * (-gravity);
    velocity = Math.min(Math.max(velocity, -maxSpeed), maxSpeed);
    position += velocity;
    position = Math.min(Math.max(position, minPosition), maxPosition);
    if (position === minPosition && velocity < 0) velocity = 0;
    const terminated = position >= goalPosition && velocity >= this.goalVelocity;
    this.state = Float64Array.of(position, velocity);
    this.lastAction = action;
    return [Float32Array.from(this.state), -1.0, terminated, false, {}];
  }

  /** `"svg"`: the valley, the car and the flag (600 x 400). */
  override render(): string | undefined {
    if (this.renderMode === undefined) return warnNoRenderMode(this);
    if (this.state === undefined) return undefined;
    const force = this.lastAction === undefined ? undefined : this.lastAction - 1;
    return mountainCarSvg(this.state[0], MOUNTAIN_CAR.goalPosition, "MountainCar", force);
  }
}
