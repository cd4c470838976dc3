/**
 * The vector-environment API: `numEnvs` copies of an environment stepped together with a
 * batch of actions, automatically reset when their episodes end.
 *
 * Autoreset modes (choose explicitly, they change what a training loop must do):
 * - `"same-step"` (Gymnasium 0.29, what CleanRL and ARENA rely on): when sub-env i ends an
 *   episode, it is reset within the same `step()` call; `obs[i]` is the first observation of
 *   the next episode, the last observation of the finished episode is in
 *   `infos.final_observation[i]` (and its info in `infos.final_info[i]`), with
 *   `infos._final_observation[i] = true`.
 * - `"next-step"` (Gymnasium 1.x default): `step()` returns the final observation of the
 *   finished episode in `obs[i]`; the following `step()` resets sub-env i, ignores its
 *   action, and returns the reset observation with reward 0 and terminated = truncated =
 *   false.
 *
 * @module
 */
import type { Info } from "../core.ts";
import type { Seed } from "../seeding.ts";
import { Box, Discrete, MultiDiscrete, type Space, Tuple } from "../spaces.ts";

/** When sub-environments are reset after an episode ends (see the module doc). */
export type AutoresetMode = "same-step" | "next-step";

/** Arguments of a vector env's `reset`. */
export interface VectorResetArgs {
  /** One seed (sub-env i gets `seed + i`, as Gymnasium) or one seed per sub-env. */
  seed?: Seed | readonly (Seed | undefined)[];
  /** Reset options passed to every sub-env. */
  options?: Record<string, unknown>;
}

/** What a vector env's `step` returns. */
export type VectorStepResult<ObsBatch> = [
  obs: ObsBatch,
  rewards: Float64Array,
  terminated: boolean[],
  truncated: boolean[],
  infos: Info,
];

/** `numEnvs` environments stepped in lock-step. */
export interface VectorEnv<ObsBatch, ActBatch> {
  /** Number of sub-environments. */
  readonly numEnvs: number;
  /** The autoreset mode. */
  readonly autoresetMode: AutoresetMode;
  /** Observation space of one sub-env. */
  readonly singleObservationSpace: Space<unknown>;
  /** Action space of one sub-env. */
  readonly singleActionSpace: Space<unknown>;
  /** Space of a batch of observations (see `batchSpace`). */
  readonly observationSpace: Space<ObsBatch>;
  /** Space of a batch of actions (see `batchSpace`). */
  readonly actionSpace: Space<ActBatch>;
  /** Resets every sub-env; returns the batch of first observations and merged infos. */
  reset(args?: VectorResetArgs): [ObsBatch, Info];
  /** Steps every sub-env with its action. */
  step(actions: ActBatch): VectorStepResult<ObsBatch>;
  /** Closes every sub-env. */
  close(): void;
}

/** The batch type of a value type: numbers batch to Int32Array, typed arrays stay flat. */
export type BatchOf<T> = T extends number ? Int32Array
  : T extends Float32Array ? Float32Array
  : T extends Float64Array ? Float64Array
  : T[];

/**
 * The space of `n` stacked values of `space` (Gymnasium's `batch_space`): `Discrete(k)` ->
 * `MultiDiscrete([k, ..., k])` (values `Int32Array [n]`); `Box(shape)` -> `Box([n, ...shape])`
 * with tiled bounds (values flat, `[n * size]`); any other space -> `Tuple` of n copies
 * (values: arrays of n sub-values).
 */
export function batchSpace<T>(space: Space<T>, n: number): Space<BatchOf<T>> {
  if (!Number.isSafeInteger(n) || n <= 0) {
    throw new RangeError(`batchSpace: n must be a positive integer, got ${n}`);
  }
  if (space instanceof Discrete) {
    return new MultiDiscrete(new Array(n).fill(space.n), {
      start: new Array(n).fill(space.start),
    }) as unknown as Space<BatchOf<T>>;
  }
  if (space instanceof Box) {
    const low = new Float64Array(n * space.size);
    const high = new Float64Array(n * space.size);
    for (let i = 0; i < n; i++) {
      low.set(space.low, i * space.size);
      high.set(space.high, i * space.size);
    }
    return new Box({
      low,
      high,
      shape: [n, ...space.shape],
      dtype: space.dtype,
    }) as unknown as Space<
      BatchOf<T>
    >;
  }
  return new Tuple(new Array(n).fill(space)) as unknown as Space<BatchOf<T>>;
}

/** Per-sub-env seeds for a vector reset (`seed + i` for a single seed, as Gymnasium). */
export function vectorSeeds(
  seed: VectorResetArgs["seed"],
  numEnvs: number,
): (Seed | undefined)[] {
  if (seed === undefined) return new Array(numEnvs).fill(undefined);
  if (Array.isArray(seed)) {
    if (seed.length !== numEnvs) {
      throw new RangeError(`reset: got ${seed.length} seeds for ${numEnvs} sub-environments`);
    }
    return [...seed];
  }
  if (typeof seed === "bigint") return Array.from({ length: numEnvs }, (_, i) => seed + BigInt(i));
  return Array.from({ length: numEnvs }, (_, i) => (seed as number) + i);
}

function initialArray(value: unknown, numEnvs: number): unknown[] {
  if (typeof value === "number") return new Array(numEnvs).fill(0);
  if (typeof value === "boolean") return new Array(numEnvs).fill(false);
  return new Array(numEnvs).fill(null);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) &&
    !ArrayBuffer.isView(value) && Object.getPrototypeOf(value) === Object.prototype;
}

/**
 * Merges sub-env `envIndex`'s `info` into the vector `infos` like Gymnasium's `_add_info`:
 * each key becomes an array over sub-envs (numbers default to 0, booleans to false, anything
 * else to null) plus a boolean mask `_key` saying which sub-envs set it. With
 * `recursive` (Gymnasium 1.x) plain-object values are merged key by key into nested infos;
 * without it (0.29) they are stored whole.
 */
export function addInfo(
  infos: Info,
  info: Info,
  envIndex: number,
  numEnvs: number,
  recursive: boolean,
): Info {
  for (const [key, value] of Object.entries(info)) {
    if (recursive && isPlainObject(value)) {
      infos[key] = addInfo((infos[key] ?? {}) as Info, value, envIndex, numEnvs, true);
    } else {
      const array = (infos[key] as unknown[] | undefined) ?? initialArray(value, numEnvs);
      array[envIndex] = value;
      infos[key] = array;
    }
    const mask = (infos[`_${key}`] as boolean[] | undefined) ?? new Array(numEnvs).fill(false);
    mask[envIndex] = true;
    infos[`_${key}`] = mask;
  }
  return infos;
}
