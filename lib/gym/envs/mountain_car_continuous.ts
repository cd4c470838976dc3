/**
 * MountainCarContinuous-v0, as in Gymnasium 0.29.1.
 *
 * The mountain car with a continuous push `action[0]`, clipped to [-1, 1]:
 * `velocity += force * 0.0015 - 0.0025 cos(3 position)`, clipped to [-0.07, 0.07];
 * `position += velocity`, clipped to [-1.2, 0.6]; hitting the left wall sets a negative
 * velocity to 0. The episode terminates when `position >= 0.45` (and
 * `velocity >= goalVelocity`, default 0). Reward: `-0.1 action[0]^2` each step (of the
 * unclipped action), plus 100 on reaching the goal. As in Gymnasium the state is stored
 * in float32 after every step (the arithmetic is float64). Observation (float32):
 * `[position, velocity]`. Reset: position uniform in [-0.6, -0.4] (or
 * `reset({ options: { low, high } })`), velocity 0. Registered with a 999-step limit and
 * reward threshold 90.
 *
 * @module
 */
import { Env, type Info, type ResetArgs, type StepResult } from "../core.ts";
import { Box } from "../spaces.ts";
import { mountainCarSvg } from "./mountain_car_render.ts";
import { resetBounds } from "./reset_bounds.ts";
import { checkOptions } from "./options.ts";
import { warnNoRenderMode } from "../rendering/render_mode.ts";

/** Constants of MountainCarContinuous-v0. */
export const MOUNTAIN_CAR_CONTINUOUS = {
  minAction: -1.0,
  maxAction: 1.0,
  minPosition: -1.2,
  maxPosition: 0.6,
  maxSpeed: 0.07,
  goalPosition: 0.45,
  power: 0.0015,
} as const;

/** Options of {@linkcode MountainCarContinuousEnv}. */
export interface MountainCarContinuousOptions {
  /** Minimum velocity at the goal for termination (default 0). */
  goalVelocity?: number;
  /** `"svg"` renders a frame. */
  renderMode?: "svg";
}

/** MountainCar with a continuous action (see the module documentation). */
export class MountainCarContinuousEnv extends Env<Float32Array, Float32Array> {
  /** The push in [-1, 1], shape [1]. */
  actionSpace: Box;
  /** `[position, velocity]` bounds. */
  observationSpace: Box;
  /** `[position, velocity]`, `undefined` before reset (float32 values after a step). */
  state: Float64Array | undefined = undefined;
  /** Minimum velocity at the goal for termination. */
  readonly goalVelocity: number;
  private lastForce: number | undefined = undefined;

  /** Creates the environment; call `reset()` before `step()`. */
  constructor(options: MountainCarContinuousOptions = {}) {
    super();
    checkOptions("MountainCarContinuous", options, ["goalVelocity", "renderMode"]);
    this.goalVelocity = options.goalVelocity ?? 0;
    const c = MOUNTAIN_CAR_CONTINUOUS;
    this.actionSpace = new Box({
      low: c.minAction,
      high: c.maxAction,
      shape: [1],
      dtype: "float32",
    });
    this.observationSpace = new Box({
      low: Float32Array.of(c.minPosition, -c.maxSpeed),
      high: Float32Array.of(c.maxPosition, c.maxSpeed),
      dtype: "float32",
    });
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
    this.lastForce = undefined;
    return [Float32Array.from(this.state), {}];
  }

  /** Pushes with `action[0]` (clipped to [-1, 1]) for one step. */
  step(action: Float32Array): StepResult<Float32Array> {
    if (this.state === undefined) {
      throw new Error("MountainCarContinuous: call reset() before step()");
    }
    if (action === null || typeof action !== "object" || action.length !== 1) {
      throw new Error(
        "MountainCarContinuous: action must be a Float32Array of length 1 (the push in [-1, 1]), " +
          `got ${action}`,
      );
    }
    const c = MOUNTAIN_CAR_CONTINUOUS;
    let [position, velocity] = this.state;
    const push = action[0];
    const force = Math.min(Math.max(push, c.minAction), c.maxAction);
    velocity += force * c.power - 0.0025 * Math.cos(3 * position);
    if (velocity > c.maxSpeed) velocity = c.maxSpeed;
    if (velocity < -c.maxSpeed) velocity = -c.maxSpeed;
    position += velocity;
    if (position > c.maxPosition) position = c.maxPosition;
    if (position < c.minPosition) position = c.minPosition;
    if (position === c.minPosition && velocity < 0) velocity = 0;
    const terminated = position >= c.goalPosition && velocity >= this.goalVelocity;
    let reward = 0;
    if (terminated) reward = 100.0;
    reward -= Math.pow(push, 2) * 0.1;
    this.state = Float64Array.of(Math.fround(position), Math.fround(velocity));
    this.lastForce = force;
    return [Float32Array.from(this.state), reward, terminated, false, {}];
  }

  /** `"svg"`: the valley, the car, the flag and the last push (600 x 400). */
  override render(): string | undefined {
    if (this.renderMode === undefined) return warnNoRenderMode(this);
    if (this.state === undefined) return undefined;
    return mountainCarSvg(
      this.state[0],
      MOUNTAIN_CAR_CONTINUOUS.goalPosition,
      "MountainCarContinuous",
      this.lastForce,
    );
  }
}
