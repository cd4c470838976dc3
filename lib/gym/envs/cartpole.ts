/**
 * CartPole (Barto, Sutton & Anderson 1983), reproducing Gymnasium 0.29.1's `CartPoleEnv` step
 * for step: the same constants, explicit Euler integration in float64, the same termination
 * thresholds, reward 1 for every step including the terminating one, and the same seeded
 * initial state (`uniform(-0.05, 0.05)` four times from numpy's PCG64).
 *
 * Importing this module registers `CartPole-v0` (200 steps, threshold 195) and `CartPole-v1`
 * (500 steps, threshold 475).
 *
 * Observation `Float32Array [x, xDot, theta, thetaDot]` (the float64 state rounded to
 * float32); actions `0` (push left) and `1` (push right).
 *
 * @module
 */
import { Env, type EnvMetadata, type Info, type ResetArgs, type StepResult } from "../core.ts";
import { register } from "../registration.ts";
import { Box, Discrete } from "../spaces.ts";
import { newFloat32Array } from "../typed_arrays.ts";
import { checkOptions } from "./options.ts";
import { resetBounds } from "./reset_bounds.ts";

/** Gravity (m/s^2). */
export const GRAVITY = 9.8;
/** Cart mass (kg). */
export const MASS_CART = 1.0;
/** Pole mass (kg). */
export const MASS_POLE = 0.1;
/** masspole + masscart, as Gymnasium computes it. */
export const TOTAL_MASS = MASS_POLE + MASS_CART;
/** Half the pole's length (m); Gymnasium calls it `length`. */
export const HALF_POLE_LENGTH = 0.5;
/** masspole * length. */
export const POLEMASS_LENGTH = MASS_POLE * HALF_POLE_LENGTH;
/** Magnitude of the push (N). */
export const FORCE_MAG = 10.0;
/** Seconds between state updates. */
export const TAU = 0.02;
/** Pole angle at which the episode terminates (12 degrees, computed as Gymnasium does). */
export const THETA_THRESHOLD_RADIANS = 12 * 2 * Math.PI / 360;
/** Cart position at which the episode terminates (m). */
export const X_THRESHOLD = 2.4;
/** numpy's `np.finfo(np.float32).max`. */
const FLOAT32_MAX = 3.4028234663852886e38;

/** Integration scheme: Gymnasium's default `"euler"` or `"semi-implicit euler"`. */
export type KinematicsIntegrator = "euler" | "semi-implicit euler";

/** Options of `CartPoleEnv` (`make("CartPole-v1", options)`). */
export interface CartPoleOptions {
  /** `"svg"` to make `render()` return an SVG frame. */
  renderMode?: string;
  /**
   * Sutton & Barto's reward: 0 per step and -1 on termination (Gymnasium 1.x's
   * `sutton_barto_reward`). Default false: +1 per step.
   */
  suttonBartoReward?: boolean;
  /** Integration scheme (default `"euler"`, as Gymnasium). */
  kinematicsIntegrator?: KinematicsIntegrator;
}

/** The state `[x, xDot, theta, thetaDot]` in float64, `[4]`. */
export type CartPoleState = Float64Array;

/**
 * One CartPole step on a float64 state in place, with Gymnasium's operation order (so results
 * agree to the last bit where Math.cos/Math.sin agree with libm). Shared with the batched
 * vector env so that both have the same dynamics.
 *
 * @returns whether the new state is terminal.
 */
export function cartPoleDynamics(
  state: Float64Array,
  offset: number,
  action: number,
  semiImplicit: boolean,
): boolean {
  const x = state[offset];
  const xDot = state[offset + 1];
  const theta = state[offset + 2];
  const thetaDot = state[offset + 3];
  const force = action === 1 ? FORCE_MAG : -FORCE_MAG;
  const cosTheta = Math.cos(theta);
  const sinTheta = Math.sin(theta);
  const temp = (force + POLEMASS_LENGTH * (thetaDot * thetaDot) * sinTheta) / TOTAL_MASS;
  const thetaAcc = (GRAVITY * sinTheta - cosTheta * temp) /
    (HALF_POLE_LENGTH * (4.0 / 3.0 - MASS_POLE * (cosTheta * cosTheta) / TOTAL_MASS));
  const xAcc = temp - POLEMASS_LENGTH * thetaAcc * cosTheta / TOTAL_MASS;
  let nx: number, nxDot: number, nTheta: number, nThetaDot: number;
  if (semiImplicit) {
    nxDot = xDot + TAU * xAcc;
    nx = x + TAU * nxDot;
    nThetaDot = thetaDot + TAU * thetaAcc;
    nTheta = theta + TAU * nThetaDot;
  } else {
    nx = x + TAU * xDot;
    nxDot = xDot + TAU * xAcc;
    nTheta = theta + TAU * thetaDot;
    nThetaDot = thetaDot + TAU * thetaAcc;
  }
  state[offset] = nx;
  state[offset + 1] = nxDot;
  state[offset + 2] = nTheta;
  state[offset + 3] = nThetaDot;
  return nx < -X_THRESHOLD || nx > X_THRESHOLD || nTheta < -THETA_THRESHOLD_RADIANS ||
    nTheta > THETA_THRESHOLD_RADIANS;
}

/** The observation of a state: the float64 state rounded to float32 (numpy's `astype`). */
function toObservation(state: Float64Array): Float32Array {
  const obs = newFloat32Array(4);
  obs[0] = state[0];
  obs[1] = state[1];
  obs[2] = state[2];
  obs[3] = state[3];
  return obs;
}

/**
 * A pole hinged on a cart moving along a frictionless track; keep it upright by pushing the
 * cart left (0) or right (1). Episodes terminate when |theta| > 12 degrees or |x| > 2.4;
 * `make` truncates them at 500 steps (v1) or 200 (v0).
 */
export class CartPoleEnv extends Env<Float32Array, number> {
  /** 0: push left, 1: push right. */
  actionSpace: Discrete = new Discrete(2);
  /** Bounds `[4.8, float32 max, 0.418 rad, float32 max]` (twice the thresholds). */
  observationSpace: Box<"float32">;
  override metadata: EnvMetadata = { renderModes: ["svg"], renderFps: 50 };
  /** The float64 state `[x, xDot, theta, thetaDot]`, or undefined before the first reset. */
  state?: CartPoleState;
  /** Steps taken after termination (Gymnasium's `steps_beyond_terminated`). */
  stepsBeyondTerminated?: number;
  /** Whether the Sutton & Barto reward (0 per step, -1 on termination) is used. */
  readonly suttonBartoReward: boolean;
  /** The integration scheme. */
  readonly kinematicsIntegrator: KinematicsIntegrator;

  /** See `CartPoleOptions`. */
  constructor(options: CartPoleOptions = {}) {
    super();
    checkOptions("CartPole", options, ["renderMode", "suttonBartoReward", "kinematicsIntegrator"]);
    const integrator = options.kinematicsIntegrator ?? "euler";
    if (integrator !== "euler" && integrator !== "semi-implicit euler") {
      throw new RangeError(
        `CartPole: kinematicsIntegrator must be "euler" or "semi-implicit euler", got ${
          String(integrator)
        }`,
      );
    }
    this.kinematicsIntegrator = integrator;
    this.suttonBartoReward = options.suttonBartoReward ?? false;
    this.renderMode = options.renderMode;
    const high = [X_THRESHOLD * 2, FLOAT32_MAX, THETA_THRESHOLD_RADIANS * 2, FLOAT32_MAX];
    this.observationSpace = new Box({ low: high.map((h) => -h), high, dtype: "float32" });
  }

  /** Applies a push; reward 1 per step (the terminating step too), 0 after termination. */
  step(action: number): StepResult<Float32Array> {
    if (action !== 0 && action !== 1) {
      throw new RangeError(
        `CartPole: invalid action ${String(action)} (${typeof action}); ` +
          `it is not in the action space ${this.actionSpace}.`,
      );
    }
    const state = this.state;
    if (state === undefined) throw new Error("CartPole: call reset() before step().");
    const terminated = cartPoleDynamics(
      state,
      0,
      action,
      this.kinematicsIntegrator !== "euler",
    );
    let reward: number;
    if (!terminated) {
      reward = this.suttonBartoReward ? 0.0 : 1.0;
    } else if (this.stepsBeyondTerminated === undefined) {
      this.stepsBeyondTerminated = 0;
      reward = this.suttonBartoReward ? -1.0 : 1.0;
    } else {
      if (this.stepsBeyondTerminated === 0) {
        console.warn(
          "WARN: You are calling 'step()' even though this environment has already returned " +
            "terminated = True. You should always call 'reset()' once you receive " +
            "'terminated = True' -- any further steps are undefined behavior.",
        );
      }
      this.stepsBeyondTerminated += 1;
      reward = this.suttonBartoReward ? -1.0 : 0.0;
    }
    return [toObservation(state), reward, terminated, false, {}];
  }

  /**
   * Draws the state from `uniform(low, high)` with the env's generator; `low`/`high` come
   * from `options` (default -0.05 and 0.05).
   */
  override reset(args: ResetArgs = {}): [Float32Array, Info] {
    super.reset(args);
    const [low, high] = resetBounds(args.options, -0.05, 0.05);
    this.state = this.npRandom.uniformArray(low, high, 4);
    this.stepsBeyondTerminated = undefined;
    return [toObservation(this.state), {}];
  }

  /** An SVG frame (600 x 400, as Gymnasium's pygame frame) in render mode "svg". */
  override render(): string | undefined {
    if (this.renderMode === undefined) {
      console.warn(
        'WARN: CartPole.render() called without a render mode; use make("CartPole-v1", ' +
          '{ renderMode: "svg" }).',
      );
      return undefined;
    }
    if (this.state === undefined) return undefined;
    return cartPoleSvg(this.state[0], this.state[2]);
  }
}

/** Gymnasium's rendering geometry: 600 x 400 pixels, the track spanning +-2 * x threshold. */
const SCREEN_WIDTH = 600;
const SCREEN_HEIGHT = 400;

/**
 * An SVG picture of the cart at position `x` (m) with the pole at angle `theta` (rad,
 * clockwise from upright), drawn like Gymnasium's frame.
 */
export function cartPoleSvg(x: number, theta: number): string {
  const worldWidth = X_THRESHOLD * 2;
  const scale = SCREEN_WIDTH / worldWidth;
  const poleWidth = 10;
  const poleLength = scale * (2 * HALF_POLE_LENGTH);
  const cartWidth = 50;
  const cartHeight = 30;
  const cartY = 100; // from the bottom
  const cartX = x * scale + SCREEN_WIDTH / 2;
  const axleOffset = cartHeight / 4;
  const toScreenY = (y: number) => SCREEN_HEIGHT - y;
  const r = (v: number) => Math.round(v * 100) / 100;
  const axleX = cartX;
  const axleY = toScreenY(cartY + axleOffset);
  const tipX = axleX + poleLength * Math.sin(theta);
  const tipY = axleY - poleLength * Math.cos(theta);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SCREEN_WIDTH}" height="${SCREEN_HEIGHT}" ` +
    `viewBox="0 0 ${SCREEN_WIDTH} ${SCREEN_HEIGHT}">`,
    `<rect width="${SCREEN_WIDTH}" height="${SCREEN_HEIGHT}" fill="#ffffff"/>`,
    `<line x1="0" y1="${toScreenY(cartY)}" x2="${SCREEN_WIDTH}" y2="${
      toScreenY(cartY)
    }" stroke="#000000" stroke-width="1"/>`,
    `<rect x="${r(cartX - cartWidth / 2)}" y="${toScreenY(cartY + cartHeight)}" ` +
    `width="${cartWidth}" height="${cartHeight}" fill="#000000"/>`,
    `<line x1="${r(axleX)}" y1="${r(axleY)}" x2="${r(tipX)}" y2="${r(tipY)}" ` +
    `stroke="#ca9865" stroke-width="${poleWidth}" stroke-linecap="butt"/>`,
    `<circle cx="${r(axleX)}" cy="${r(axleY)}" r="${poleWidth / 2}" fill="#8184cb"/>`,
    `</svg>`,
  ].join("");
}

// Gymnasium 0.29.1's registrations: same dynamics, different limits and thresholds.
register({
  id: "CartPole-v0",
  entryPoint: (options: CartPoleOptions) => new CartPoleEnv(options),
  maxEpisodeSteps: 200,
  rewardThreshold: 195.0,
});
register({
  id: "CartPole-v1",
  entryPoint: (options: CartPoleOptions) => new CartPoleEnv(options),
  maxEpisodeSteps: 500,
  rewardThreshold: 475.0,
});
