/**
 * `SyncVectorEnv`: several environments stepped one after the other in this thread
 * (Gymnasium's `SyncVectorEnv`), with an explicit autoreset mode.
 *
 * @module
 */
import type { Env, Info } from "../core.ts";
import { Box, Discrete, type Space } from "../spaces.ts";
import { newFloat32Array, newFloat64Array } from "../typed_arrays.ts";
import {
  addInfo,
  type AutoresetMode,
  type BatchOf,
  batchSpace,
  type VectorEnv,
  type VectorResetArgs,
  vectorSeeds,
  type VectorStepResult,
} from "./vector_env.ts";

/** Options of `SyncVectorEnv`. */
export interface SyncVectorEnvOptions {
  /** Required: `"same-step"` (Gymnasium 0.29) or `"next-step"` (Gymnasium 1.x). */
  autoresetMode: AutoresetMode;
}

/** A batch of actions: one number per sub-env, or flat `[numEnvs * size]` / per-env arrays. */
export type ActionBatchInput<Act> = Act extends number ? ArrayLike<number>
  : Act extends Float32Array | Float64Array ? ArrayLike<number> | readonly Act[]
  : readonly Act[];

/**
 * Runs `envFns.length` environments in lock-step. Observations are stacked as `batchSpace`
 * describes (a Box observation gives one flat `Float32Array [numEnvs * obsSize]`); rewards
 * are a `Float64Array [numEnvs]`; terminated/truncated are `boolean[]`. Every returned array
 * is new (safe to keep).
 *
 * @example
 * ```ts
 * const envs = new SyncVectorEnv(
 *   Array.from({ length: 4 }, () => () => make("CartPole-v1")),
 *   { autoresetMode: "same-step" },
 * );
 * const [obs] = envs.reset({ seed: 1 }); // sub-env i seeded with 1 + i
 * ```
 */
export class SyncVectorEnv<Obs, Act> implements VectorEnv<BatchOf<Obs>, ActionBatchInput<Act>> {
  /** The sub-environments. */
  readonly envs: Env<Obs, Act>[];
  /** Number of sub-environments. */
  readonly numEnvs: number;
  /** The autoreset mode. */
  readonly autoresetMode: AutoresetMode;
  /** Observation space of one sub-env. */
  readonly singleObservationSpace: Space<Obs>;
  /** Action space of one sub-env. */
  readonly singleActionSpace: Space<Act>;
  /** Space of a batch of observations. */
  readonly observationSpace: Space<BatchOf<Obs>>;
  /** Space of a batch of actions. */
  readonly actionSpace: Space<ActionBatchInput<Act>>;
  private readonly autoresetEnvs: boolean[];
  private hasReset = false;

  /** Creates one environment per function; all must have the same spaces. */
  constructor(envFns: readonly (() => Env<Obs, Act>)[], options: SyncVectorEnvOptions) {
    if (envFns.length === 0) throw new RangeError("SyncVectorEnv needs at least one env function");
    const mode = options?.autoresetMode;
    if (mode !== "same-step" && mode !== "next-step") {
      throw new TypeError(
        `SyncVectorEnv: options.autoresetMode must be "same-step" (Gymnasium 0.29: reset in the ` +
          `same step, final observation in infos) or "next-step" (Gymnasium 1.x), got ${
            String(mode)
          }`,
      );
    }
    this.autoresetMode = mode;
    this.envs = envFns.map((fn) => fn());
    this.numEnvs = this.envs.length;
    this.singleObservationSpace = this.envs[0].observationSpace;
    this.singleActionSpace = this.envs[0].actionSpace;
    this.envs.forEach((env, i) => {
      if (String(env.observationSpace) !== String(this.singleObservationSpace)) {
        throw new TypeError(
          `SyncVectorEnv: sub-env ${i} has observation space ${env.observationSpace}, ` +
            `sub-env 0 has ${this.singleObservationSpace}`,
        );
      }
      if (String(env.actionSpace) !== String(this.singleActionSpace)) {
        throw new TypeError(
          `SyncVectorEnv: sub-env ${i} has action space ${env.actionSpace}, ` +
            `sub-env 0 has ${this.singleActionSpace}`,
        );
      }
    });
    this.observationSpace = batchSpace(this.singleObservationSpace, this.numEnvs);
    this.actionSpace = batchSpace(this.singleActionSpace, this.numEnvs) as unknown as Space<
      ActionBatchInput<Act>
    >;
    this.autoresetEnvs = new Array(this.numEnvs).fill(false);
  }

  /** Resets every sub-env (seeds: `seed + i`, or one per sub-env). */
  reset({ seed, options }: VectorResetArgs = {}): [BatchOf<Obs>, Info] {
    const seeds = vectorSeeds(seed, this.numEnvs);
    const observations: Obs[] = [];
    let infos: Info = {};
    this.envs.forEach((env, i) => {
      const [obs, info] = env.reset({ seed: seeds[i], options });
      observations.push(obs);
      infos = addInfo(infos, info, i, this.numEnvs, this.autoresetMode === "next-step");
    });
    this.autoresetEnvs.fill(false);
    this.hasReset = true;
    return [this.concatenate(observations), infos];
  }

  /** Steps every sub-env; autoresets finished ones according to `autoresetMode`. */
  step(actions: ActionBatchInput<Act>): VectorStepResult<BatchOf<Obs>> {
    if (!this.hasReset) {
      throw new Error("SyncVectorEnv: call reset() before step().");
    }
    const perEnv = this.split(actions);
    const n = this.numEnvs;
    const nextStep = this.autoresetMode === "next-step";
    const observations = this.observationCollector();
    const rewards = newFloat64Array(n);
    const terminated: boolean[] = new Array(n).fill(false);
    const truncated: boolean[] = new Array(n).fill(false);
    let infos: Info = {};
    for (let i = 0; i < n; i++) {
      const env = this.envs[i];
      let obs: Obs;
      let info: Info;
      if (nextStep && this.autoresetEnvs[i]) {
        const reset = env.reset();
        obs = reset[0];
        info = reset[1];
      } else {
        // Indexing rather than destructuring: this loop is the hot path of every rollout.
        const result = env.step(perEnv[i]);
        obs = result[0];
        rewards[i] = result[1];
        terminated[i] = result[2];
        truncated[i] = result[3];
        info = result[4];
        if (!nextStep && (result[2] || result[3])) {
          const reset = env.reset();
          obs = reset[0];
          info = { ...reset[1], final_observation: result[0], final_info: result[4] };
        }
      }
      if (!isEmpty(info)) infos = addInfo(infos, info, i, n, nextStep);
      observations.add(obs, i);
    }
    for (let i = 0; i < n; i++) this.autoresetEnvs[i] = terminated[i] || truncated[i];
    return [observations.batch(), rewards, terminated, truncated, infos];
  }

  /** Closes every sub-env. */
  close(): void {
    for (const env of this.envs) env.close();
  }

  private concatenate(observations: Obs[]): BatchOf<Obs> {
    const collector = this.observationCollector();
    for (let i = 0; i < observations.length; i++) collector.add(observations[i], i);
    return collector.batch();
  }

  /** A fresh batch that sub-env observations are written into as they arrive. */
  private observationCollector(): ObservationCollector<Obs> {
    const space = this.singleObservationSpace;
    const n = this.numEnvs;
    if (space instanceof Box) {
      return new BoxCollector(
        space.dtype === "float64"
          ? newFloat64Array(n * space.size)
          : newFloat32Array(n * space.size),
        space.size,
      ) as unknown as ObservationCollector<Obs>;
    }
    if (space instanceof Discrete) {
      return new DiscreteCollector(n) as unknown as ObservationCollector<Obs>;
    }
    return new ArrayCollector<Obs>(n);
  }

  private split(actions: ActionBatchInput<Act>): ArrayLike<Act> {
    const n = this.numEnvs;
    const space = this.singleActionSpace;
    const list = actions as unknown as ArrayLike<unknown>;
    if (space instanceof Box && list.length === n * space.size && typeof list[0] === "number") {
      const flat = list as ArrayLike<number>;
      const size = space.size;
      return Array.from({ length: n }, (_, i) => {
        const a = space.dtype === "float64" ? newFloat64Array(size) : newFloat32Array(size);
        for (let k = 0; k < size; k++) a[k] = flat[i * size + k];
        return a as unknown as Act;
      });
    }
    if (list.length !== n) {
      throw new RangeError(
        `SyncVectorEnv.step: expected ${n} actions (one per sub-env)` +
          (space instanceof Box ? ` or a flat array of ${n * space.size} numbers` : "") +
          `, got ${list.length}`,
      );
    }
    // One action per sub-env: read in place (each env's checker validates its own action).
    return list as ArrayLike<Act>;
  }
}

/** Whether an info object has no own keys (the common case: nothing to merge). */
function isEmpty(info: Info): boolean {
  for (const key in info) if (Object.hasOwn(info, key)) return false;
  return true;
}

/** Builds the batch of observations of one step, sub-env by sub-env. */
interface ObservationCollector<Obs> {
  add(obs: Obs, i: number): void;
  batch(): BatchOf<Obs>;
}

/** Box observations: copied into one flat typed array `[numEnvs * size]`. */
class BoxCollector implements ObservationCollector<ArrayLike<number>> {
  constructor(private readonly out: Float32Array | Float64Array, private readonly size: number) {}

  add(obs: ArrayLike<number>, i: number): void {
    const out = this.out;
    const size = this.size;
    const offset = i * size;
    for (let k = 0; k < size; k++) out[offset + k] = obs[k];
  }

  batch(): BatchOf<ArrayLike<number>> {
    return this.out as unknown as BatchOf<ArrayLike<number>>;
  }
}

/** Discrete observations: an `Int32Array [numEnvs]`. */
class DiscreteCollector implements ObservationCollector<number> {
  private readonly out: Int32Array;

  constructor(n: number) {
    this.out = new Int32Array(n);
  }

  add(obs: number, i: number): void {
    this.out[i] = obs;
  }

  batch(): Int32Array {
    return this.out;
  }
}

/** Any other observation: an array of the sub-env values. */
class ArrayCollector<Obs> implements ObservationCollector<Obs> {
  private readonly out: Obs[];

  constructor(n: number) {
    this.out = new Array(n);
  }

  add(obs: Obs, i: number): void {
    this.out[i] = obs;
  }

  batch(): BatchOf<Obs> {
    return this.out as unknown as BatchOf<Obs>;
  }
}
