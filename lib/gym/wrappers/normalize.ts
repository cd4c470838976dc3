/**
 * Observation and reward normalization with running statistics (Gymnasium 0.29.1's
 * `NormalizeObservation`, `NormalizeReward` and `RunningMeanStd`, single-environment form).
 *
 * @module
 */
import { type Env, type Info, type ResetArgs, type StepResult, Wrapper } from "../core.ts";

/**
 * Running mean and (population) variance of a stream of vectors, merged batch by batch with
 * the parallel algorithm of Chan et al. Starts at mean 0, variance 1, count `epsilon`
 * (1e-4), exactly like Gymnasium's `RunningMeanStd`.
 */
export class RunningMeanStd {
  /** Running mean, `[dim]`. */
  readonly mean: Float64Array;
  /** Running variance, `[dim]`. */
  readonly var: Float64Array;
  /** Effective number of samples seen. */
  count: number;

  /** Statistics of vectors with `dim` components. */
  constructor(dim: number, epsilon = 1e-4) {
    if (!Number.isSafeInteger(dim) || dim <= 0) {
      throw new RangeError(`RunningMeanStd: dim must be a positive integer, got ${dim}`);
    }
    this.mean = new Float64Array(dim);
    this.var = new Float64Array(dim).fill(1);
    this.count = epsilon;
  }

  /** Merges a batch of `batchCount` vectors stored flat, `[batchCount, dim]`. */
  update(batch: ArrayLike<number>, batchCount = 1): void {
    const dim = this.mean.length;
    if (batch.length !== batchCount * dim) {
      throw new RangeError(
        `RunningMeanStd.update: expected ${batchCount} x ${dim} values, got ${batch.length}`,
      );
    }
    const totCount = this.count + batchCount;
    for (let j = 0; j < dim; j++) {
      let sum = 0;
      for (let b = 0; b < batchCount; b++) sum += batch[b * dim + j];
      const batchMean = sum / batchCount;
      let squares = 0;
      for (let b = 0; b < batchCount; b++) {
        const d = batch[b * dim + j] - batchMean;
        squares += d * d;
      }
      const batchVar = squares / batchCount;
      const delta = batchMean - this.mean[j];
      const mA = this.var[j] * this.count;
      const mB = batchVar * batchCount;
      const m2 = mA + mB + delta * delta * this.count * batchCount / totCount;
      this.mean[j] = this.mean[j] + delta * batchCount / totCount;
      this.var[j] = m2 / totCount;
    }
    this.count = totCount;
  }
}

/** Options of `NormalizeObservation`. */
export interface NormalizeObservationOptions {
  /** Added to the variance before the square root (default 1e-8). */
  epsilon?: number;
}

type FloatArray = Float32Array | Float64Array;

/**
 * Normalizes each observation to `(obs - mean) / sqrt(var + epsilon)` with running
 * statistics that are updated with every observation (reset ones included) before it is
 * normalized. Computed in float64, returned in the observation's own array type.
 * Observations must be `Float32Array` or `Float64Array`.
 */
export class NormalizeObservation<Obs extends FloatArray, Act> extends Wrapper<Obs, Act> {
  /** The running statistics (inspect or copy them to reuse at evaluation time). */
  readonly obsRms: RunningMeanStd;
  /** Added to the variance before the square root. */
  readonly epsilon: number;

  /** Wraps `env`, whose observation space must have a shape. */
  constructor(env: Env<Obs, Act>, { epsilon = 1e-8 }: NormalizeObservationOptions = {}) {
    super(env);
    const shape = env.observationSpace.shape;
    if (shape === undefined || shape.length === 0) {
      throw new TypeError(
        `NormalizeObservation needs a Box observation space, got ${env.observationSpace}`,
      );
    }
    this.obsRms = new RunningMeanStd(shape.reduce((a, b) => a * b, 1));
    this.epsilon = epsilon;
  }

  /** Updates the statistics with `obs` and returns it normalized. */
  normalize(obs: Obs): Obs {
    if (!(obs instanceof Float32Array || obs instanceof Float64Array)) {
      throw new TypeError("NormalizeObservation expects Float32Array or Float64Array observations");
    }
    this.obsRms.update(obs, 1);
    const out = new (obs.constructor as { new (n: number): Obs })(obs.length);
    const { mean, var: variance } = this.obsRms;
    for (let i = 0; i < obs.length; i++) {
      out[i] = (obs[i] - mean[i]) / Math.sqrt(variance[i] + this.epsilon);
    }
    return out;
  }

  /** Resets and normalizes the first observation. */
  override reset(args: ResetArgs = {}): [Obs, Info] {
    const [obs, info] = this.env.reset(args);
    return [this.normalize(obs), info];
  }

  /** Steps and normalizes the observation. */
  override step(action: Act): StepResult<Obs> {
    const result = this.env.step(action);
    result[0] = this.normalize(result[0]);
    return result;
  }
}

/** Options of `NormalizeReward`. */
export interface NormalizeRewardOptions {
  /** Discount of the running return (default 0.99). */
  gamma?: number;
  /** Added to the variance before the square root (default 1e-8). */
  epsilon?: number;
}

/**
 * Scales rewards by the running standard deviation of the discounted return, Gymnasium 0.29.1
 * semantics: after each step `return = return * gamma * (1 - terminated) + reward`, the
 * statistics are updated with that return, and the reward becomes
 * `reward / sqrt(var + epsilon)`. As in 0.29.1: a terminating step discards the previous
 * running return before adding its own reward (so the return after it is just that reward),
 * truncation and `reset()` do not touch the running return, and rewards are not centred.
 */
export class NormalizeReward<Obs, Act> extends Wrapper<Obs, Act> {
  /** Statistics of the discounted return. */
  readonly returnRms: RunningMeanStd = new RunningMeanStd(1);
  /** The running discounted return. */
  discountedReturn = 0;
  /** Discount factor. */
  readonly gamma: number;
  /** Added to the variance before the square root. */
  readonly epsilon: number;

  /** Wraps `env`. */
  constructor(env: Env<Obs, Act>, { gamma = 0.99, epsilon = 1e-8 }: NormalizeRewardOptions = {}) {
    super(env);
    if (!(gamma >= 0 && gamma <= 1)) {
      throw new RangeError(`NormalizeReward: gamma must be in [0, 1], got ${gamma}`);
    }
    this.gamma = gamma;
    this.epsilon = epsilon;
  }

  /** Steps and scales the reward. */
  override step(action: Act): StepResult<Obs> {
    const result = this.env.step(action);
    const reward = result[1];
    this.discountedReturn = this.discountedReturn * this.gamma * (1 - Number(result[2])) + reward;
    this.returnRms.update([this.discountedReturn], 1);
    result[1] = reward / Math.sqrt(this.returnRms.var[0] + this.epsilon);
    return result;
  }
}
