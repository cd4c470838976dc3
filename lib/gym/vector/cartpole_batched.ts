/**
 * A batched CartPole-v1 vector environment on typed arrays, for fast training: the same
 * dynamics as `CartPoleEnv` bit for bit, stored as a struct of arrays and stepped without
 * allocating (except when an episode ends and its final observation is handed out).
 *
 * It behaves like `new SyncVectorEnv(Array.from({ length: n }, () => () =>
 * make("CartPole-v1")), { autoresetMode })` with the same seeds, with one difference:
 * `reset` and `step` return the env's own buffers (`obs`, `rewards`, `terminated`,
 * `truncated`), overwritten by the next call. Copy what you keep (`obs.slice()`).
 *
 * @module
 */
import type { Info } from "../core.ts";
import {
  FORCE_MAG,
  GRAVITY,
  HALF_POLE_LENGTH,
  MASS_POLE,
  POLEMASS_LENGTH,
  TAU,
  THETA_THRESHOLD_RADIANS,
  TOTAL_MASS,
  X_THRESHOLD,
} from "../envs/cartpole.ts";
import { CartPoleEnv } from "../envs/cartpole.ts";
import { resetBounds } from "../envs/reset_bounds.ts";
import { Generator, npRandom } from "../seeding.ts";
import { newFloat32Array } from "../typed_arrays.ts";
import type { Box, Discrete, MultiDiscrete } from "../spaces.ts";
import {
  type AutoresetMode,
  batchSpace,
  type VectorEnv,
  type VectorResetArgs,
  vectorSeeds,
  type VectorStepResult,
} from "./vector_env.ts";

/** Options of `CartPoleVectorEnv`. */
export interface CartPoleVectorEnvOptions {
  /** Number of sub-environments. */
  numEnvs: number;
  /** Required: `"same-step"` (Gymnasium 0.29) or `"next-step"` (Gymnasium 1.x). */
  autoresetMode: AutoresetMode;
  /** Truncation limit per episode (default 500, as CartPole-v1). */
  maxEpisodeSteps?: number;
}

const EMPTY_INFO: Info = Object.freeze({}) as Info;

/** The same-step infos of a step where episodes ended (SyncVectorEnv's keys). */
interface FinalInfos extends Info {
  final_observation: (Float32Array | null)[];
  _final_observation: boolean[];
  final_info: (Info | null)[];
  _final_info: boolean[];
}

/**
 * `numEnvs` CartPoles in struct-of-arrays form. Observations: `Float32Array [numEnvs * 4]`
 * (row i = sub-env i); actions: `ArrayLike<number>` of 0/1, one per sub-env.
 *
 * Infos follow SyncVectorEnv: empty while no episode ends; in "same-step" mode a step that
 * ends episodes returns `final_observation` / `final_info` arrays (with `_final_observation`
 * / `_final_info` masks). That infos object is reused too (rewritten by the next step that
 * ends an episode); each final observation is its own array, safe to keep.
 */
export class CartPoleVectorEnv implements VectorEnv<Float32Array, ArrayLike<number>> {
  /** Number of sub-environments. */
  readonly numEnvs: number;
  /** The autoreset mode. */
  readonly autoresetMode: AutoresetMode;
  /** Truncation limit per episode. */
  readonly maxEpisodeSteps: number;
  /** `Box([4])` of one CartPole. */
  readonly singleObservationSpace: Box<"float32">;
  /** `Discrete(2)`. */
  readonly singleActionSpace: Discrete;
  /** `Box([numEnvs, 4])`. */
  readonly observationSpace: Box<"float32">;
  /** `MultiDiscrete([2, ..., 2])`. */
  readonly actionSpace: MultiDiscrete;
  /** Cart positions `[numEnvs]` (float64 state). */
  readonly x: Float64Array;
  /** Cart velocities `[numEnvs]`. */
  readonly xDot: Float64Array;
  /** Pole angles `[numEnvs]`. */
  readonly theta: Float64Array;
  /** Pole angular velocities `[numEnvs]`. */
  readonly thetaDot: Float64Array;
  /** Steps since each sub-env's last reset `[numEnvs]`. */
  readonly elapsedSteps: Int32Array;
  /** Observation buffer `[numEnvs * 4]`, returned by `reset` and `step`. */
  readonly obs: Float32Array;
  /** Reward buffer `[numEnvs]`. */
  readonly rewards: Float64Array;
  /** Termination flags `[numEnvs]`. */
  readonly terminated: boolean[];
  /** Truncation flags `[numEnvs]`. */
  readonly truncated: boolean[];
  /** One generator per sub-env (sub-env i reset with seed s uses `Generator.fromSeed(s + i)`). */
  readonly generators: Generator[];
  private readonly autoresetEnvs: Uint8Array;
  /** Scratch `[numEnvs]`: cos and sin of each pole angle within a step. */
  private readonly cosThetas: Float64Array;
  private readonly sinThetas: Float64Array;
  private readonly finalInfos: FinalInfos;
  /** Sub-envs whose entries in `finalInfos` are set (cleared at the next step). */
  private readonly finished: Int32Array;
  private finishedCount = 0;
  private hasReset = false;

  /** See `CartPoleVectorEnvOptions`. */
  constructor({ numEnvs, autoresetMode, maxEpisodeSteps = 500 }: CartPoleVectorEnvOptions) {
    if (!Number.isSafeInteger(numEnvs) || numEnvs <= 0) {
      throw new RangeError(`CartPoleVectorEnv: numEnvs must be a positive integer, got ${numEnvs}`);
    }
    if (autoresetMode !== "same-step" && autoresetMode !== "next-step") {
      throw new TypeError(
        `CartPoleVectorEnv: autoresetMode must be "same-step" or "next-step", got ${
          String(autoresetMode)
        }`,
      );
    }
    if (!Number.isSafeInteger(maxEpisodeSteps) || maxEpisodeSteps <= 0) {
      throw new RangeError(
        `CartPoleVectorEnv: maxEpisodeSteps must be a positive integer, got ${maxEpisodeSteps}`,
      );
    }
    this.numEnvs = numEnvs;
    this.autoresetMode = autoresetMode;
    this.maxEpisodeSteps = maxEpisodeSteps;
    const single = new CartPoleEnv();
    this.singleObservationSpace = single.observationSpace;
    this.singleActionSpace = single.actionSpace;
    this.observationSpace = batchSpace(single.observationSpace, numEnvs) as Box<"float32">;
    this.actionSpace = batchSpace(single.actionSpace, numEnvs) as MultiDiscrete;
    this.x = new Float64Array(numEnvs);
    this.xDot = new Float64Array(numEnvs);
    this.theta = new Float64Array(numEnvs);
    this.thetaDot = new Float64Array(numEnvs);
    this.elapsedSteps = new Int32Array(numEnvs);
    this.obs = new Float32Array(numEnvs * 4);
    this.rewards = new Float64Array(numEnvs);
    this.terminated = new Array(numEnvs).fill(false);
    this.truncated = new Array(numEnvs).fill(false);
    this.autoresetEnvs = new Uint8Array(numEnvs);
    this.cosThetas = new Float64Array(numEnvs);
    this.sinThetas = new Float64Array(numEnvs);
    this.finished = new Int32Array(numEnvs);
    this.finalInfos = {
      final_observation: new Array(numEnvs).fill(null),
      _final_observation: new Array(numEnvs).fill(false),
      final_info: new Array(numEnvs).fill(null),
      _final_info: new Array(numEnvs).fill(false),
    };
    this.generators = Array.from({ length: numEnvs }, () => npRandom()[0]);
  }

  /** Resets every sub-env; returns the observation buffer. */
  reset({ seed, options }: VectorResetArgs = {}): [Float32Array, Info] {
    const seeds = vectorSeeds(seed, this.numEnvs);
    const [low, high] = resetBounds(options, -0.05, 0.05);
    if (!Number.isFinite(high - low)) {
      throw new RangeError(`uniform: range high - low must be finite, got [${low}, ${high})`);
    }
    for (let i = 0; i < this.numEnvs; i++) {
      if (seeds[i] !== undefined) this.generators[i] = Generator.fromSeed(seeds[i]);
      this.resetOne(i, low, high);
    }
    this.autoresetEnvs.fill(0);
    this.terminated.fill(false);
    this.truncated.fill(false);
    this.rewards.fill(0);
    this.hasReset = true;
    return [this.obs, {}];
  }

  /** Steps every sub-env; returns the env's buffers (see the class doc). */
  step(actions: ArrayLike<number>): VectorStepResult<Float32Array> {
    if (!this.hasReset) throw new Error("CartPoleVectorEnv: call reset() before step().");
    const n = this.numEnvs;
    if (actions.length !== n) {
      throw new RangeError(
        `CartPoleVectorEnv.step: expected ${n} actions (one per sub-env), got ${actions.length}`,
      );
    }
    const finalInfos = this.finalInfos;
    for (let k = 0; k < this.finishedCount; k++) {
      const i = this.finished[k];
      finalInfos.final_observation[i] = null;
      finalInfos._final_observation[i] = false;
      finalInfos.final_info[i] = null;
      finalInfos._final_info[i] = false;
    }
    this.finishedCount = 0;
    const { x, xDot, theta, thetaDot, obs, rewards, terminated, truncated, elapsedSteps } = this;
    const sameStep = this.autoresetMode === "same-step";
    const autoresetEnvs = this.autoresetEnvs;
    const maxEpisodeSteps = this.maxEpisodeSteps;
    // Locals rather than module bindings inside the hot loop.
    const forceMag = FORCE_MAG;
    const gravity = GRAVITY;
    const halfPoleLength = HALF_POLE_LENGTH;
    const massPole = MASS_POLE;
    const polemassLength = POLEMASS_LENGTH;
    const totalMass = TOTAL_MASS;
    const tau = TAU;
    const xThreshold = X_THRESHOLD;
    const thetaThreshold = THETA_THRESHOLD_RADIANS;
    // Trigonometry first, in a loop of its own: Math.cos/Math.sin are calls, and keeping them
    // out of the arithmetic loop below lets that loop keep its values in registers.
    const cosThetas = this.cosThetas;
    const sinThetas = this.sinThetas;
    for (let i = 0; i < n; i++) {
      const th = theta[i];
      cosThetas[i] = Math.cos(th);
      sinThetas[i] = Math.sin(th);
    }
    for (let i = 0; i < n; i++) {
      const action = actions[i];
      if (action !== 0 && action !== 1) this.invalidAction(action, i);
      if (!sameStep && autoresetEnvs[i] === 1) {
        this.resetOne(i, -0.05, 0.05);
        autoresetEnvs[i] = 0;
        rewards[i] = 0;
        terminated[i] = false;
        truncated[i] = false;
        continue;
      }
      // The expressions and their order are CartPoleEnv's (cartPoleDynamics), for bit-exactness.
      const xI = x[i];
      const xDotI = xDot[i];
      const th = theta[i];
      const thDot = thetaDot[i];
      const force = action === 1 ? forceMag : -forceMag;
      const cosTheta = cosThetas[i];
      const sinTheta = sinThetas[i];
      const temp = (force + polemassLength * (thDot * thDot) * sinTheta) / totalMass;
      const thetaAcc = (gravity * sinTheta - cosTheta * temp) /
        (halfPoleLength * (4.0 / 3.0 - massPole * (cosTheta * cosTheta) / totalMass));
      const xAcc = temp - polemassLength * thetaAcc * cosTheta / totalMass;
      const nx = xI + tau * xDotI;
      const nxDot = xDotI + tau * xAcc;
      const nTheta = th + tau * thDot;
      const nThetaDot = thDot + tau * thetaAcc;
      x[i] = nx;
      xDot[i] = nxDot;
      theta[i] = nTheta;
      thetaDot[i] = nThetaDot;
      const o = 4 * i;
      obs[o] = nx;
      obs[o + 1] = nxDot;
      obs[o + 2] = nTheta;
      obs[o + 3] = nThetaDot;
      const term = nx < -xThreshold || nx > xThreshold || nTheta < -thetaThreshold ||
        nTheta > thetaThreshold;
      const steps = elapsedSteps[i] + 1;
      elapsedSteps[i] = steps;
      const trunc = steps >= maxEpisodeSteps;
      rewards[i] = 1.0;
      terminated[i] = term;
      truncated[i] = trunc;
      if (term || trunc) {
        if (sameStep) this.finishSameStep(i);
        else autoresetEnvs[i] = 1;
      }
    }
    return [obs, rewards, terminated, truncated, this.finishedCount > 0 ? finalInfos : EMPTY_INFO];
  }

  /** Nothing to release. */
  close(): void {}

  private invalidAction(action: unknown, i: number): never {
    throw new RangeError(
      `CartPoleVectorEnv.step: invalid action ${String(action)} for sub-env ${i}; ` +
        "actions must be 0 (push left) or 1 (push right).",
    );
  }

  /** Same-step autoreset: records sub-env i's final observation, then resets it. */
  private finishSameStep(i: number): void {
    const obs = this.obs;
    const o = 4 * i;
    const finalObs = newFloat32Array(4);
    finalObs[0] = obs[o];
    finalObs[1] = obs[o + 1];
    finalObs[2] = obs[o + 2];
    finalObs[3] = obs[o + 3];
    const finalInfos = this.finalInfos;
    finalInfos.final_observation[i] = finalObs;
    finalInfos._final_observation[i] = true;
    finalInfos.final_info[i] = EMPTY_INFO;
    finalInfos._final_info[i] = true;
    this.finished[this.finishedCount++] = i;
    this.resetOne(i, -0.05, 0.05);
  }

  /** Draws sub-env i's state like `Generator.uniform(low, high)` four times. */
  private resetOne(i: number, low: number, high: number): void {
    const bits = this.generators[i].bitGenerator;
    const range = high - low;
    this.x[i] = low + range * bits.nextDouble();
    this.xDot[i] = low + range * bits.nextDouble();
    this.theta[i] = low + range * bits.nextDouble();
    this.thetaDot[i] = low + range * bits.nextDouble();
    this.elapsedSteps[i] = 0;
    this.writeObs(i);
  }

  private writeObs(i: number): void {
    const o = 4 * i;
    this.obs[o] = this.x[i];
    this.obs[o + 1] = this.xDot[i];
    this.obs[o + 2] = this.theta[i];
    this.obs[o + 3] = this.thetaDot[i];
  }
}
