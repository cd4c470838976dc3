/**
 * ArmedBandit-v0: the k-armed Gaussian testbed of Sutton and Barto, chapter 2.
 *
 * Each arm `a` has a true value `qStar[a]`. Stationary (default): at every reset the
 * values are drawn `qStar[a] ~ N(qStarMean, qStarStd^2)` (defaults N(0, 1)), in arm
 * order, from `npRandom`. Non-stationary (`stationary: false`, Exercise 2.5): all values
 * start equal to `qStarMean` and after every step each takes an independent random-walk
 * increment `N(0, driftStd^2)` (default `driftStd = 0.01`).
 *
 * Pulling arm `a` returns a reward `~ N(qStar[a], rewardStd^2)` (default 1). There is one
 * observation, 0 (`Discrete(1)`), and the episode never terminates: pass
 * `maxEpisodeSteps` to `make` to truncate it (the testbed's runs are 1000 steps).
 * `info.optimalAction` is the best arm (lowest index on ties) and `info.qStar` a copy of
 * the true values, both as they were when the action was taken (before any drift).
 *
 * Random numbers per step, in order: the reward's normal draw, then (non-stationary) one
 * normal draw per arm for the drift.
 *
 * @module
 */
import { Env, type Info, type ResetArgs, type StepResult } from "../core.ts";
import { Discrete } from "../spaces.ts";
import { checkOptions } from "./options.ts";

/** Options of {@linkcode ArmedBanditEnv}. */
export interface ArmedBanditOptions {
  /** Number of arms (default 10). */
  k?: number;
  /** Draw fresh values at each reset (true, default) or random walks from equal values. */
  stationary?: boolean;
  /** Mean of the true values (default 0). */
  qStarMean?: number;
  /** Standard deviation of the true values at reset, stationary case (default 1). */
  qStarStd?: number;
  /** Standard deviation of the reward around the true value (default 1). */
  rewardStd?: number;
  /** Standard deviation of each step's random-walk increment, non-stationary (default 0.01). */
  driftStd?: number;
}

/** Info of {@linkcode ArmedBanditEnv}. */
export interface ArmedBanditInfo extends Info {
  /** The arm with the highest true value (lowest index on ties). */
  optimalAction: number;
  /** Copy of the true values. */
  qStar: Float64Array;
}

function argmax(values: Float64Array): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/** The k-armed bandit (see the module documentation). */
export class ArmedBanditEnv extends Env<number, number> {
  /** One action per arm. */
  actionSpace: Discrete;
  /** The single observation 0. */
  observationSpace: Discrete;
  /** Number of arms. */
  readonly k: number;
  /** Whether the true values are fixed within an episode. */
  readonly stationary: boolean;
  /** Mean of the true values. */
  readonly qStarMean: number;
  /** Standard deviation of the true values at reset (stationary). */
  readonly qStarStd: number;
  /** Standard deviation of the rewards. */
  readonly rewardStd: number;
  /** Standard deviation of the drift per step (non-stationary). */
  readonly driftStd: number;
  /** The true values `qStar[a]` (`undefined` before reset). */
  qStar: Float64Array | undefined = undefined;

  /** Creates the bandit; call `reset()` to draw the true values. */
  constructor(options: ArmedBanditOptions = {}) {
    super();
    checkOptions("ArmedBandit", options, [
      "k",
      "stationary",
      "qStarMean",
      "qStarStd",
      "rewardStd",
      "driftStd",
      "renderMode",
    ]);
    this.k = options.k ?? 10;
    if (!Number.isInteger(this.k) || this.k < 1) {
      throw new Error(`ArmedBandit: k (number of arms) must be a positive integer, got ${this.k}`);
    }
    this.stationary = options.stationary ?? true;
    this.qStarMean = options.qStarMean ?? 0;
    this.qStarStd = options.qStarStd ?? 1;
    this.rewardStd = options.rewardStd ?? 1;
    this.driftStd = options.driftStd ?? 0.01;
    for (const key of ["qStarStd", "rewardStd", "driftStd"] as const) {
      if (!(Number.isFinite(this[key]) && this[key] >= 0)) {
        throw new Error(`ArmedBandit: ${key} must be a finite number >= 0, got ${this[key]}`);
      }
    }
    if (!Number.isFinite(this.qStarMean)) {
      throw new Error(`ArmedBandit: qStarMean must be a finite number, got ${this.qStarMean}`);
    }
    this.actionSpace = new Discrete(this.k);
    this.observationSpace = new Discrete(1);
    this.metadata = { renderModes: [] };
  }

  /** Draws (stationary) or equalises (non-stationary) the true values; observation 0. */
  override reset(
    { seed }: ResetArgs = {},
  ): [number, ArmedBanditInfo] {
    super.reset({ seed });
    const q = new Float64Array(this.k);
    for (let a = 0; a < this.k; a++) {
      q[a] = this.stationary ? this.npRandom.normal(this.qStarMean, this.qStarStd) : this.qStarMean;
    }
    this.qStar = q;
    return [0, { optimalAction: argmax(q), qStar: q.slice() }];
  }

  /** Pulls arm `action`: reward `~ N(qStar[action], rewardStd^2)`, then drifts if non-stationary. */
  step(action: number): StepResult<number> {
    const q = this.qStar;
    if (q === undefined) throw new Error("ArmedBandit: call reset() before step()");
    if (!Number.isInteger(action) || action < 0 || action >= this.k) {
      throw new Error(
        `ArmedBandit: action must be an arm index in 0..${this.k - 1}, got ${action}`,
      );
    }
    const reward = this.npRandom.normal(q[action], this.rewardStd);
    const info: ArmedBanditInfo = { optimalAction: argmax(q), qStar: q.slice() };
    if (!this.stationary) {
      for (let a = 0; a < this.k; a++) q[a] += this.npRandom.normal(0, this.driftStd);
    }
    return [0, reward, false, false, info];
  }
}
