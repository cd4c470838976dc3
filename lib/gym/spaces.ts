/**
 * Gymnasium's spaces (0.29.1 semantics) in TypeScript: the set an observation or action lives
 * in, with seeded `sample()` drawing the same numbers as Gymnasium for the same seed (see
 * `seeding.ts` for which draws are numpy-exact) and `contains()` as the membership test the
 * environment checker uses.
 *
 * Value types: `Discrete` -> `number`; `Box` -> `Float32Array` or `Float64Array` (flat,
 * row-major, `shape` gives the layout); `MultiDiscrete` -> `Int32Array`; `MultiBinary` ->
 * `Int8Array`; `Tuple` -> array of sub-values; `Dict` -> object of sub-values.
 *
 * @module
 */
import { Generator, npRandom, type Seed } from "./seeding.ts";
import { newFloat32Array, newFloat64Array, newInt32Array } from "./typed_arrays.ts";

/** A set of values with a seeded sampler (Gymnasium's `Space`). */
export abstract class Space<T> {
  /** The shape of a value (`[]` for scalars), or undefined for composite spaces. */
  readonly shape: readonly number[] | undefined;
  private rng?: Generator;

  /** Sets the shape; the generator is created lazily (from entropy) unless seeded. */
  constructor(shape: readonly number[] | undefined) {
    this.shape = shape;
  }

  /** The space's generator, created from OS entropy on first use unless `seed()` was called. */
  get npRandom(): Generator {
    if (this.rng === undefined) this.seed();
    return this.rng!;
  }

  set npRandom(generator: Generator) {
    this.rng = generator;
  }

  /** Reseeds the sampler like Gymnasium (`np_random(seed)`); returns the seeds used. */
  seed(seed?: Seed): Seed[] {
    const [generator, used] = npRandom(seed);
    this.rng = generator;
    return [used];
  }

  /** A random element of the space. */
  abstract sample(): T;

  /** Whether `x` is an element of the space (right type, shape and bounds). */
  abstract contains(x: unknown): boolean;

  /** A short description like Gymnasium's repr, e.g. `Discrete(2)`. */
  abstract toString(): string;
}

/** Options of `Discrete`. */
export interface DiscreteOptions {
  /** The smallest element (default 0). */
  start?: number;
}

/** The integers `{start, ..., start + n - 1}` (Gymnasium's `Discrete`). */
export class Discrete extends Space<number> {
  /** Number of elements. */
  readonly n: number;
  /** Smallest element. */
  readonly start: number;

  /** `n` elements starting at `start` (default 0). */
  constructor(n: number, { start = 0 }: DiscreteOptions = {}) {
    super([]);
    if (!Number.isSafeInteger(n) || n <= 0) {
      throw new RangeError(`Discrete: n must be a positive integer, got ${n}`);
    }
    if (!Number.isSafeInteger(start)) {
      throw new RangeError(`Discrete: start must be an integer, got ${start}`);
    }
    this.n = n;
    this.start = start;
  }

  /**
   * `start + integers(0, n)`. With a `mask` (length n, 1 = allowed, 0 = not) a uniform choice
   * among the allowed elements, or `start` when none is allowed (as Gymnasium).
   */
  sample(mask?: ArrayLike<number>): number {
    if (mask === undefined) return this.start + this.npRandom.integers(0, this.n);
    if (mask.length !== this.n) {
      throw new RangeError(`Discrete.sample: mask must have length ${this.n}, got ${mask.length}`);
    }
    const allowed: number[] = [];
    for (let i = 0; i < this.n; i++) {
      if (mask[i] !== 0 && mask[i] !== 1) {
        throw new RangeError(`Discrete.sample: mask values must be 0 or 1, got ${mask[i]} at ${i}`);
      }
      if (mask[i] === 1) allowed.push(i);
    }
    if (allowed.length === 0) return this.start;
    return this.start + allowed[this.npRandom.integers(0, allowed.length)];
  }

  /** An integer `number` in `[start, start + n)`. */
  contains(x: unknown): boolean {
    return typeof x === "number" && Number.isInteger(x) && x >= this.start &&
      x < this.start + this.n;
  }

  /** `Discrete(n)` or `Discrete(n, start=s)`. */
  toString(): string {
    return this.start === 0 ? `Discrete(${this.n})` : `Discrete(${this.n}, start=${this.start})`;
  }
}

/** Element type of a `Box`. */
export type BoxDtype = "float32" | "float64";

/** The array type of a Box value for a dtype. */
export type BoxArray<D extends BoxDtype> = D extends "float64" ? Float64Array : Float32Array;

/** Options of `Box`. A scalar `low`/`high` is broadcast to `shape`. */
export interface BoxOptions<D extends BoxDtype = "float32"> {
  /** Lower bound(s); `-Infinity` for unbounded below. */
  low: number | ArrayLike<number>;
  /** Upper bound(s); `Infinity` for unbounded above. */
  high: number | ArrayLike<number>;
  /** Shape; required when both bounds are scalars, else inferred as `[length]`. */
  shape?: readonly number[];
  /** Element type, default `"float32"`. */
  dtype?: D;
}

function product(shape: readonly number[]): number {
  let size = 1;
  for (const d of shape) size *= d;
  return size;
}

function formatShape(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
}

/**
 * A (possibly unbounded) box in R^shape (Gymnasium's `Box`), values stored flat in row-major
 * order as `Float32Array` (default) or `Float64Array`.
 */
export class Box<D extends BoxDtype = "float32"> extends Space<BoxArray<D>> {
  /** Element type. */
  readonly dtype: D;
  /** Lower bounds (flat, in the box's dtype). */
  readonly low: BoxArray<D>;
  /** Upper bounds (flat, in the box's dtype). */
  readonly high: BoxArray<D>;
  /** Number of elements (product of `shape`). */
  readonly size: number;
  declare readonly shape: readonly number[];

  /** See `BoxOptions`; bounds are rounded to the dtype like numpy's `astype`. */
  constructor({ low, high, shape, dtype }: BoxOptions<D>) {
    const inferred = shape ??
      (typeof low !== "number"
        ? [low.length]
        : typeof high !== "number"
        ? [high.length]
        : undefined);
    if (inferred === undefined) {
      throw new TypeError("Box: give `shape` when both low and high are scalars");
    }
    for (const d of inferred) {
      if (!Number.isSafeInteger(d) || d < 0) {
        throw new RangeError(`Box: shape must be non-negative integers, got [${inferred}]`);
      }
    }
    super([...inferred]);
    this.dtype = (dtype ?? "float32") as D;
    if (this.dtype !== "float32" && this.dtype !== "float64") {
      throw new TypeError(`Box: dtype must be "float32" or "float64", got ${String(dtype)}`);
    }
    this.size = product(inferred);
    this.low = this.broadcast(low, "low");
    this.high = this.broadcast(high, "high");
    for (let i = 0; i < this.size; i++) {
      if (Number.isNaN(this.low[i]) || Number.isNaN(this.high[i])) {
        throw new RangeError(`Box: bounds must not be NaN (index ${i})`);
      }
      if (this.low[i] > this.high[i]) {
        throw new RangeError(
          `Box: low must be <= high, got low[${i}]=${this.low[i]} > high[${i}]=${this.high[i]}`,
        );
      }
    }
  }

  private allocate(n: number): BoxArray<D> {
    return (this.dtype === "float64" ? newFloat64Array(n) : newFloat32Array(n)) as BoxArray<D>;
  }

  private broadcast(bound: number | ArrayLike<number>, name: string): BoxArray<D> {
    const out = this.allocate(this.size);
    if (typeof bound === "number") {
      out.fill(bound);
    } else {
      if (bound.length !== this.size) {
        throw new RangeError(
          `Box: ${name} has ${bound.length} elements but shape ${
            formatShape(this.shape)
          } needs ${this.size}`,
        );
      }
      for (let i = 0; i < this.size; i++) out[i] = bound[i];
    }
    return out;
  }

  /** Whether every element is bounded on both sides. */
  isBounded(): boolean {
    for (let i = 0; i < this.size; i++) {
      if (this.low[i] === -Infinity || this.high[i] === Infinity) return false;
    }
    return true;
  }

  /**
   * Gymnasium 0.29's sampler: first a normal draw for every unbounded element, then
   * `low + exponential` for elements bounded only below, then `high - exponential` for those
   * bounded only above, then `uniform(low, high)` for bounded elements (computed in float64,
   * then rounded to the dtype). Bounded boxes draw numpy's exact stream.
   */
  sample(): BoxArray<D> {
    const rng = this.npRandom;
    const out = this.allocate(this.size);
    const { low, high, size } = this;
    for (let i = 0; i < size; i++) {
      if (low[i] === -Infinity && high[i] === Infinity) out[i] = rng.standardNormal();
    }
    for (let i = 0; i < size; i++) {
      if (low[i] !== -Infinity && high[i] === Infinity) out[i] = rng.exponential() + low[i];
    }
    for (let i = 0; i < size; i++) {
      if (low[i] === -Infinity && high[i] !== Infinity) out[i] = high[i] - rng.exponential();
    }
    for (let i = 0; i < size; i++) {
      if (low[i] !== -Infinity && high[i] !== Infinity) out[i] = rng.uniform(low[i], high[i]);
    }
    return out;
  }

  /**
   * A typed array or number array with `size` elements, each in `[low, high]` (a number array
   * is first rounded to the dtype, like `np.asarray(x, dtype)`). NaN is never contained.
   */
  contains(x: unknown): boolean {
    if (!ArrayBuffer.isView(x) && !Array.isArray(x)) return false;
    const values = x as unknown as ArrayLike<unknown>;
    if (values.length !== this.size) return false;
    const round = this.dtype === "float32" && Array.isArray(x) ? Math.fround : undefined;
    for (let i = 0; i < this.size; i++) {
      const raw = values[i];
      if (typeof raw !== "number") return false;
      const v = round ? round(raw) : raw;
      if (!(v >= this.low[i] && v <= this.high[i])) return false;
    }
    return true;
  }

  /** `Box(low, high, shape, dtype)`, with scalar bounds when all elements share them. */
  toString(): string {
    const show = (a: ArrayLike<number>) => {
      const first = a[0];
      for (let i = 1; i < a.length; i++) if (a[i] !== first) return `[${Array.from(a).join(" ")}]`;
      return String(first);
    };
    return `Box(${show(this.low)}, ${show(this.high)}, ${formatShape(this.shape)}, ${this.dtype})`;
  }
}

/** Options of `MultiDiscrete`. */
export interface MultiDiscreteOptions {
  /** Smallest value of each component (default all 0). */
  start?: ArrayLike<number>;
}

/** A vector of independent discrete components, component i in `[start_i, start_i + nvec_i)`. */
export class MultiDiscrete extends Space<Int32Array> {
  /** Number of values of each component. */
  readonly nvec: Int32Array;
  /** Smallest value of each component. */
  readonly start: Int32Array;

  /** One component per entry of `nvec` (each a positive integer). */
  constructor(nvec: ArrayLike<number>, { start }: MultiDiscreteOptions = {}) {
    super([nvec.length]);
    for (let i = 0; i < nvec.length; i++) {
      if (!Number.isSafeInteger(nvec[i]) || nvec[i] <= 0 || nvec[i] > 0x7fffffff) {
        throw new RangeError(
          `MultiDiscrete: nvec[${i}] must be a positive integer, got ${nvec[i]}`,
        );
      }
    }
    if (start !== undefined && start.length !== nvec.length) {
      throw new RangeError(
        `MultiDiscrete: start has ${start.length} entries but nvec has ${nvec.length}`,
      );
    }
    this.nvec = Int32Array.from(nvec);
    this.start = start === undefined ? new Int32Array(nvec.length) : Int32Array.from(start);
  }

  /** Gymnasium's `floor(random() * nvec) + start`, component by component. */
  sample(): Int32Array {
    const rng = this.npRandom;
    const out = newInt32Array(this.nvec.length);
    for (let i = 0; i < out.length; i++) {
      out[i] = Math.floor(rng.random() * this.nvec[i]) + this.start[i];
    }
    return out;
  }

  /** An integer array (typed or plain) of the right length with every component in range. */
  contains(x: unknown): boolean {
    if (!ArrayBuffer.isView(x) && !Array.isArray(x)) return false;
    const values = x as unknown as ArrayLike<unknown>;
    if (values.length !== this.nvec.length) return false;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (typeof v !== "number" || !Number.isInteger(v)) return false;
      if (v < this.start[i] || v >= this.start[i] + this.nvec[i]) return false;
    }
    return true;
  }

  /** `MultiDiscrete([n0 n1 ...])`. */
  toString(): string {
    const starts = this.start.some((s) => s !== 0) ? `, start=[${this.start.join(" ")}]` : "";
    return `MultiDiscrete([${this.nvec.join(" ")}]${starts})`;
  }
}

/** A vector of `n` bits (Gymnasium's `MultiBinary` with a 1-D shape). */
export class MultiBinary extends Space<Int8Array> {
  /** Number of bits. */
  readonly n: number;

  /** `n` independent bits. */
  constructor(n: number) {
    super([n]);
    if (!Number.isSafeInteger(n) || n <= 0) {
      throw new RangeError(`MultiBinary: n must be a positive integer, got ${n}`);
    }
    this.n = n;
  }

  /** `integers(0, 2, size=n, dtype=int8)`, numpy's byte-buffered stream. */
  sample(): Int8Array {
    return Int8Array.from(this.npRandom.integersArray(0, 2, this.n, "int8"));
  }

  /** An array of length n whose entries are 0 or 1. */
  contains(x: unknown): boolean {
    if (!ArrayBuffer.isView(x) && !Array.isArray(x)) return false;
    const values = x as unknown as ArrayLike<unknown>;
    if (values.length !== this.n) return false;
    for (let i = 0; i < this.n; i++) if (values[i] !== 0 && values[i] !== 1) return false;
    return true;
  }

  /** `MultiBinary(n)`. */
  toString(): string {
    return `MultiBinary(${this.n})`;
  }
}

/** The value type of a space. */
export type ValueOf<S> = S extends Space<infer T> ? T : never;

const INT32_MAX = 2147483647;

/** A product of spaces; values are arrays with one element per subspace. */
export class Tuple<S extends readonly Space<unknown>[]>
  extends Space<{ [K in keyof S]: ValueOf<S[K]> }> {
  /** The subspaces. */
  readonly spaces: S;

  /** The product of `spaces`. */
  constructor(spaces: S) {
    super(undefined);
    spaces.forEach((s, i) => {
      if (!(s instanceof Space)) throw new TypeError(`Tuple: element ${i} is not a Space`);
    });
    this.spaces = spaces;
  }

  /**
   * Like Gymnasium: an integer seeds this space, whose generator then draws one
   * `integers(0, 2^31 - 1)` seed per subspace; an array gives each subspace its own seed;
   * no seed reseeds every subspace from entropy.
   */
  override seed(seed?: Seed | readonly Seed[]): Seed[] {
    if (Array.isArray(seed)) {
      if (seed.length !== this.spaces.length) {
        throw new RangeError(
          `Tuple.seed: got ${seed.length} seeds for ${this.spaces.length} subspaces`,
        );
      }
      return this.spaces.flatMap((s, i) => s.seed(seed[i]));
    }
    if (seed === undefined) return this.spaces.flatMap((s) => s.seed());
    const seeds = super.seed(seed as Seed);
    const subseeds = this.spaces.map(() => this.npRandom.integers(0, INT32_MAX));
    return [...seeds, ...this.spaces.flatMap((s, i) => s.seed(subseeds[i]))];
  }

  /** One sample per subspace, in order. */
  sample(): { [K in keyof S]: ValueOf<S[K]> } {
    return this.spaces.map((s) => s.sample()) as { [K in keyof S]: ValueOf<S[K]> };
  }

  /** An array with one contained element per subspace. */
  contains(x: unknown): boolean {
    return Array.isArray(x) && x.length === this.spaces.length &&
      this.spaces.every((s, i) => s.contains(x[i]));
  }

  /** `Tuple(space0, space1, ...)`. */
  toString(): string {
    return `Tuple(${this.spaces.map(String).join(", ")})`;
  }
}

/** A named product of spaces; values are objects with one entry per key (keys sorted). */
export class Dict<S extends Record<string, Space<unknown>>>
  extends Space<{ [K in keyof S]: ValueOf<S[K]> }> {
  /** The subspaces, keys in sorted order (as Gymnasium sorts a plain dict). */
  readonly spaces: S;

  /** The product of `spaces`. */
  constructor(spaces: S) {
    super(undefined);
    const sorted = {} as Record<string, Space<unknown>>;
    for (const key of Object.keys(spaces).sort()) {
      if (!(spaces[key] instanceof Space)) {
        throw new TypeError(`Dict: entry "${key}" is not a Space`);
      }
      sorted[key] = spaces[key];
    }
    this.spaces = sorted as S;
  }

  /** Like `Tuple.seed`, with subspaces in sorted key order (or an object of seeds by key). */
  override seed(seed?: Seed | Readonly<Record<string, Seed>>): Seed[] {
    const keys = Object.keys(this.spaces);
    if (typeof seed === "object" && seed !== null) {
      const given = seed as Record<string, Seed>;
      const unknown = Object.keys(given).filter((k) => !(k in this.spaces));
      if (unknown.length > 0 || keys.some((k) => !(k in given))) {
        throw new RangeError(
          `Dict.seed: seed keys [${Object.keys(given)}] must match space keys [${keys}]`,
        );
      }
      return keys.flatMap((k) => this.spaces[k].seed(given[k]));
    }
    if (seed === undefined) return keys.flatMap((k) => this.spaces[k].seed());
    const seeds = super.seed(seed);
    const subseeds = keys.map(() => this.npRandom.integers(0, INT32_MAX));
    return [...seeds, ...keys.flatMap((k, i) => this.spaces[k].seed(subseeds[i]))];
  }

  /** One sample per key, in sorted key order. */
  sample(): { [K in keyof S]: ValueOf<S[K]> } {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(this.spaces)) out[key] = this.spaces[key].sample();
    return out as { [K in keyof S]: ValueOf<S[K]> };
  }

  /** An object with exactly the space's keys, each value contained in its subspace. */
  contains(x: unknown): boolean {
    if (typeof x !== "object" || x === null || Array.isArray(x)) return false;
    const value = x as Record<string, unknown>;
    const keys = Object.keys(this.spaces);
    if (Object.keys(value).length !== keys.length) return false;
    return keys.every((k) => k in value && this.spaces[k].contains(value[k]));
  }

  /** `Dict('a': space, ...)`. */
  toString(): string {
    const entries = Object.entries(this.spaces).map(([k, s]) => `'${k}': ${s}`);
    return `Dict(${entries.join(", ")})`;
  }
}
