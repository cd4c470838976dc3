/**
 * numpy's default random generator, bit for bit: `np.random.default_rng(seed)` is
 * `Generator(PCG64(SeedSequence(seed)))`, and Gymnasium seeds every environment and space
 * that way (`gymnasium.utils.seeding.np_random`). Reproducing it lets `env.reset({ seed })`
 * give exactly the initial state Gymnasium gives for the same seed, and gives the course one
 * seeded RNG for agents too.
 *
 * Exact (same stream as numpy): `random`, `uniform`, `uniformArray`, `integers`, `choice`,
 * `normal` (numpy's 256-layer ziggurat; the rare wedge/tail branches call `Math.exp` /
 * `Math.log1p`, which may differ from C's libm in the last ulp, so an accept/reject decision
 * exactly on a boundary could in principle differ), `shuffle`, `permutation`.
 * Not numpy's stream: `exponential` (inversion instead of numpy's exponential ziggurat).
 *
 * @module
 */

import {
  FI_DOUBLE,
  KI_DOUBLE,
  WI_DOUBLE,
  ZIGGURAT_NOR_INV_R,
  ZIGGURAT_NOR_R,
} from "./ziggurat_tables.ts";

const TWO_POW_32 = 4294967296;
const TWO_POW_MINUS_53 = 1 / 9007199254740992;
const MASK_64 = (1n << 64n) - 1n;
const MASK_128 = (1n << 128n) - 1n;

// SeedSequence hash constants (numpy/random/bit_generator.pyx, all uint32 arithmetic).
const POOL_SIZE = 4;
const INIT_A = 0x43b0d7e5;
const MULT_A = 0x931e8875;
const INIT_B = 0x8b51f9dd;
const MULT_B = 0x58f38ded;
const MIX_MULT_L = 0xca01f9dd;
const MIX_MULT_R = 0x4973f715;
const XSHIFT = 16;

/** PCG64's 128-bit LCG multiplier. */
const PCG_MULTIPLIER = 0x2360ed051fc65da44385df649fccf645n;

/** A seed: a non-negative integer (`number` up to 2^53 - 1, or any `bigint`). */
export type Seed = number | bigint;

function seedToBigInt(seed: Seed, what = "seed"): bigint {
  if (typeof seed === "bigint") {
    if (seed < 0n) throw new RangeError(`${what} must be non-negative, got ${seed}`);
    return seed;
  }
  if (typeof seed !== "number" || !Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(
      `${what} must be a non-negative integer (number up to 2^53-1 or bigint), got ${String(seed)}`,
    );
  }
  return BigInt(seed);
}

/** Little-endian uint32 words of a non-negative integer; 0 gives [0] (as numpy). */
function toUint32Words(value: bigint): number[] {
  if (value === 0n) return [0];
  const words: number[] = [];
  while (value > 0n) {
    words.push(Number(value & 0xffffffffn));
    value >>= 32n;
  }
  return words;
}

function randomEntropy(): bigint {
  const words = new Uint32Array(4);
  crypto.getRandomValues(words);
  let value = 0n;
  for (let i = 3; i >= 0; i--) value = (value << 32n) | BigInt(words[i]);
  return value;
}

/**
 * numpy's `SeedSequence` (pool size 4, no spawn key): hashes any amount of entropy into a
 * pool of four uint32 words and generates well-mixed state words from it.
 */
export class SeedSequence {
  /** The entropy this sequence was built from. */
  readonly entropy: bigint;
  /** The mixed pool of four uint32 words. */
  readonly pool: Uint32Array;

  /** `entropy` omitted: 128 bits from the OS, like numpy. */
  constructor(entropy?: Seed) {
    this.entropy = entropy === undefined ? randomEntropy() : seedToBigInt(entropy, "entropy");
    this.pool = mixEntropy(toUint32Words(this.entropy));
  }

  /** `generate_state(n, uint32)`. */
  generateState32(nWords: number): Uint32Array {
    const out = new Uint32Array(nWords);
    let hashConst = INIT_B;
    for (let i = 0; i < nWords; i++) {
      let value = this.pool[i % POOL_SIZE];
      value = (value ^ hashConst) >>> 0;
      hashConst = Math.imul(hashConst, MULT_B) >>> 0;
      value = Math.imul(value, hashConst) >>> 0;
      value = (value ^ (value >>> XSHIFT)) >>> 0;
      out[i] = value;
    }
    return out;
  }

  /** `generate_state(n, uint64)`: pairs of uint32 words, low word first. */
  generateState64(nWords: number): bigint[] {
    const words = this.generateState32(2 * nWords);
    const out: bigint[] = [];
    for (let i = 0; i < nWords; i++) {
      out.push((BigInt(words[2 * i + 1]) << 32n) | BigInt(words[2 * i]));
    }
    return out;
  }
}

function mixEntropy(entropy: number[]): Uint32Array {
  let hashConst = INIT_A;
  const hashmix = (value: number): number => {
    value = (value ^ hashConst) >>> 0;
    hashConst = Math.imul(hashConst, MULT_A) >>> 0;
    value = Math.imul(value, hashConst) >>> 0;
    return (value ^ (value >>> XSHIFT)) >>> 0;
  };
  const mix = (x: number, y: number): number => {
    const result = (Math.imul(MIX_MULT_L, x) - Math.imul(MIX_MULT_R, y)) >>> 0;
    return (result ^ (result >>> XSHIFT)) >>> 0;
  };
  const pool = new Uint32Array(POOL_SIZE);
  for (let i = 0; i < POOL_SIZE; i++) pool[i] = hashmix(i < entropy.length ? entropy[i] : 0);
  for (let src = 0; src < POOL_SIZE; src++) {
    for (let dst = 0; dst < POOL_SIZE; dst++) {
      if (src !== dst) pool[dst] = mix(pool[dst], hashmix(pool[src]));
    }
  }
  for (let src = POOL_SIZE; src < entropy.length; src++) {
    for (let dst = 0; dst < POOL_SIZE; dst++) pool[dst] = mix(pool[dst], hashmix(entropy[src]));
  }
  return pool;
}

/** The full state of a PCG64 bit generator (numpy's `bit_generator.state["state"]` + buffer). */
export interface PCG64State {
  /** The 128-bit LCG state. */
  state: bigint;
  /** The 128-bit (odd) increment. */
  inc: bigint;
  /** Whether a buffered upper half of a 64-bit draw is waiting (numpy's `has_uint32`). */
  hasUint32: boolean;
  /** The buffered 32-bit value (numpy's `uinteger`). */
  uinteger: number;
}

/** The 16-bit digits of a 128-bit value, least significant first. */
function toDigits16(value: bigint): number[] {
  const digits: number[] = [];
  for (let i = 0; i < 8; i++) digits.push(Number((value >> BigInt(16 * i)) & 0xffffn));
  return digits;
}

/** PCG64's multiplier in 16-bit digits, least significant first. */
const M0 = 0xf645;
const M1 = 0x9fcc;
const M2 = 0xdf64;
const M3 = 0x4385;
const M4 = 0x5da4;
const M5 = 0x1fc6;
const M6 = 0xed05;
const M7 = 0x2360;

/**
 * numpy's PCG64: a 128-bit LCG (`state = state * MULT + inc mod 2^128`) with the XSL-RR output
 * function. The state is kept in eight 16-bit digits so that a step is exact 32-bit integer
 * arithmetic (`Math.imul` digit products, carries by shifts): no BigInt and no float rounding
 * in the hot path, and no long float carry chain (integer carries are cheap).
 */
export class PCG64 {
  // State digits, least significant first.
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private s4 = 0;
  private s5 = 0;
  private s6 = 0;
  private s7 = 0;
  // Increment digits.
  private c0 = 0;
  private c1 = 0;
  private c2 = 0;
  private c3 = 0;
  private c4 = 0;
  private c5 = 0;
  private c6 = 0;
  private c7 = 0;
  private hasUint32 = false;
  private uinteger = 0;
  /** High 32 bits of the last 64-bit output. */
  hi = 0;
  /** Low 32 bits of the last 64-bit output. */
  lo = 0;

  /** Seeds like numpy's `PCG64(seedSequence)`. */
  constructor(seedSequence: SeedSequence) {
    const [s0, s1, s2, s3] = seedSequence.generateState64(4);
    const initState = (s0 << 64n) | s1;
    const initSeq = (s2 << 64n) | s3;
    const inc = ((initSeq << 1n) | 1n) & MASK_128;
    let state = 0n;
    state = (state * PCG_MULTIPLIER + inc) & MASK_128;
    state = (state + initState) & MASK_128;
    state = (state * PCG_MULTIPLIER + inc) & MASK_128;
    this.state = { state, inc, hasUint32: false, uinteger: 0 };
  }

  /** The generator's state (a copy); assign to restore. */
  get state(): PCG64State {
    let state = 0n;
    let inc = 0n;
    const s = [this.s0, this.s1, this.s2, this.s3, this.s4, this.s5, this.s6, this.s7];
    const c = [this.c0, this.c1, this.c2, this.c3, this.c4, this.c5, this.c6, this.c7];
    for (let i = 7; i >= 0; i--) {
      state = (state << 16n) | BigInt(s[i]);
      inc = (inc << 16n) | BigInt(c[i]);
    }
    return { state, inc, hasUint32: this.hasUint32, uinteger: this.uinteger };
  }

  set state(value: PCG64State) {
    if ((value.inc & 1n) !== 1n) throw new RangeError("PCG64 increment must be odd");
    [this.s0, this.s1, this.s2, this.s3, this.s4, this.s5, this.s6, this.s7] = toDigits16(
      value.state & MASK_128,
    );
    [this.c0, this.c1, this.c2, this.c3, this.c4, this.c5, this.c6, this.c7] = toDigits16(
      value.inc & MASK_128,
    );
    this.hasUint32 = value.hasUint32;
    this.uinteger = value.uinteger >>> 0;
  }

  /** Advances the LCG and leaves the 64-bit output in `hi`/`lo` (uint32 each). */
  next(): void {
    const s0 = this.s0, s1 = this.s1, s2 = this.s2, s3 = this.s3;
    const s4 = this.s4, s5 = this.s5, s6 = this.s6, s7 = this.s7;
    // Schoolbook state * multiplier + increment mod 2^128 in 16-bit digits: each digit
    // product is exact in 32 bits (Math.imul); its low half goes to digit i + j, its high
    // half to digit i + j + 1 (dropped above digit 7). Every digit sum stays below 2^21.
    let d0 = this.c0, d1 = this.c1, d2 = this.c2, d3 = this.c3;
    let d4 = this.c4, d5 = this.c5, d6 = this.c6, d7 = this.c7;
    let p: number;
    p = Math.imul(s0, M0);
    d0 += p & 0xffff;
    d1 += p >>> 16;
    p = Math.imul(s0, M1);
    d1 += p & 0xffff;
    d2 += p >>> 16;
    p = Math.imul(s0, M2);
    d2 += p & 0xffff;
    d3 += p >>> 16;
    p = Math.imul(s0, M3);
    d3 += p & 0xffff;
    d4 += p >>> 16;
    p = Math.imul(s0, M4);
    d4 += p & 0xffff;
    d5 += p >>> 16;
    p = Math.imul(s0, M5);
    d5 += p & 0xffff;
    d6 += p >>> 16;
    p = Math.imul(s0, M6);
    d6 += p & 0xffff;
    d7 += p >>> 16;
    d7 += Math.imul(s0, M7) & 0xffff;
    p = Math.imul(s1, M0);
    d1 += p & 0xffff;
    d2 += p >>> 16;
    p = Math.imul(s1, M1);
    d2 += p & 0xffff;
    d3 += p >>> 16;
    p = Math.imul(s1, M2);
    d3 += p & 0xffff;
    d4 += p >>> 16;
    p = Math.imul(s1, M3);
    d4 += p & 0xffff;
    d5 += p >>> 16;
    p = Math.imul(s1, M4);
    d5 += p & 0xffff;
    d6 += p >>> 16;
    p = Math.imul(s1, M5);
    d6 += p & 0xffff;
    d7 += p >>> 16;
    d7 += Math.imul(s1, M6) & 0xffff;
    p = Math.imul(s2, M0);
    d2 += p & 0xffff;
    d3 += p >>> 16;
    p = Math.imul(s2, M1);
    d3 += p & 0xffff;
    d4 += p >>> 16;
    p = Math.imul(s2, M2);
    d4 += p & 0xffff;
    d5 += p >>> 16;
    p = Math.imul(s2, M3);
    d5 += p & 0xffff;
    d6 += p >>> 16;
    p = Math.imul(s2, M4);
    d6 += p & 0xffff;
    d7 += p >>> 16;
    d7 += Math.imul(s2, M5) & 0xffff;
    p = Math.imul(s3, M0);
    d3 += p & 0xffff;
    d4 += p >>> 16;
    p = Math.imul(s3, M1);
    d4 += p & 0xffff;
    d5 += p >>> 16;
    p = Math.imul(s3, M2);
    d5 += p & 0xffff;
    d6 += p >>> 16;
    p = Math.imul(s3, M3);
    d6 += p & 0xffff;
    d7 += p >>> 16;
    d7 += Math.imul(s3, M4) & 0xffff;
    p = Math.imul(s4, M0);
    d4 += p & 0xffff;
    d5 += p >>> 16;
    p = Math.imul(s4, M1);
    d5 += p & 0xffff;
    d6 += p >>> 16;
    p = Math.imul(s4, M2);
    d6 += p & 0xffff;
    d7 += p >>> 16;
    d7 += Math.imul(s4, M3) & 0xffff;
    p = Math.imul(s5, M0);
    d5 += p & 0xffff;
    d6 += p >>> 16;
    p = Math.imul(s5, M1);
    d6 += p & 0xffff;
    d7 += p >>> 16;
    d7 += Math.imul(s5, M2) & 0xffff;
    p = Math.imul(s6, M0);
    d6 += p & 0xffff;
    d7 += p >>> 16;
    d7 += Math.imul(s6, M1) & 0xffff;
    d7 += Math.imul(s7, M0) & 0xffff;
    d1 += d0 >>> 16;
    d2 += d1 >>> 16;
    d3 += d2 >>> 16;
    d4 += d3 >>> 16;
    d5 += d4 >>> 16;
    d6 += d5 >>> 16;
    d7 += d6 >>> 16;
    const n0 = d0 & 0xffff;
    const n1 = d1 & 0xffff;
    const n2 = d2 & 0xffff;
    const n3 = d3 & 0xffff;
    const n4 = d4 & 0xffff;
    const n5 = d5 & 0xffff;
    const n6 = d6 & 0xffff;
    const n7 = d7 & 0xffff;
    this.s0 = n0;
    this.s1 = n1;
    this.s2 = n2;
    this.s3 = n3;
    this.s4 = n4;
    this.s5 = n5;
    this.s6 = n6;
    this.s7 = n7;
    // XSL-RR: xor the two 64-bit halves, rotate right by the top 6 bits of the state.
    let xlo = (n0 | (n1 << 16)) ^ (n4 | (n5 << 16));
    let xhi = (n2 | (n3 << 16)) ^ (n6 | (n7 << 16));
    let rot = n7 >>> 10;
    if (rot >= 32) {
      const t = xlo;
      xlo = xhi;
      xhi = t;
      rot -= 32;
    }
    if (rot !== 0) {
      const lo = (xlo >>> rot) | (xhi << (32 - rot));
      xhi = (xhi >>> rot) | (xlo << (32 - rot));
      xlo = lo;
    }
    this.hi = xhi >>> 0;
    this.lo = xlo >>> 0;
  }

  /** numpy's `next_uint64` as a bigint (for tests and rare wide ranges). */
  nextUint64(): bigint {
    this.next();
    return (BigInt(this.hi) << 32n) | BigInt(this.lo);
  }

  /** numpy's `next_uint32`: the low half of a 64-bit draw, then its buffered high half. */
  nextUint32(): number {
    if (this.hasUint32) {
      this.hasUint32 = false;
      return this.uinteger;
    }
    this.next();
    this.hasUint32 = true;
    this.uinteger = this.hi;
    return this.lo;
  }

  /** numpy's `next_double`: `(next_uint64 >> 11) * 2^-53`, in [0, 1). */
  nextDouble(): number {
    this.next();
    return (this.hi * 2097152 + (this.lo >>> 11)) * TWO_POW_MINUS_53;
  }
}

function checkInteger(value: number, name: string): void {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${name} must be an integer (safe, |x| < 2^53), got ${value}`);
  }
}

/**
 * numpy's `Generator` on a PCG64 bit generator. `Generator.fromSeed(s)` is
 * `np.random.default_rng(s)`; every method below draws the same numbers from the same stream
 * as the numpy method of the same name (see the module doc for the exceptions).
 *
 * @example
 * ```ts
 * const rng = Generator.fromSeed(0);
 * rng.random(); // 0.6369616873214543, as np.random.default_rng(0).random()
 * ```
 */
export class Generator {
  /** The underlying bit generator. */
  readonly bitGenerator: PCG64;

  /** Wraps a bit generator (normally use `Generator.fromSeed`). */
  constructor(bitGenerator: PCG64) {
    this.bitGenerator = bitGenerator;
  }

  /** `np.random.default_rng(seed)`; no seed: seeded from OS entropy. */
  static fromSeed(seed?: Seed): Generator {
    return new Generator(new PCG64(new SeedSequence(seed)));
  }

  /** A float64 in [0, 1): `(next_uint64 >> 11) * 2^-53`. */
  random(): number {
    return this.bitGenerator.nextDouble();
  }

  /** `uniform(low, high)`: `low + (high - low) * random()`. */
  uniform(low = 0, high = 1): number {
    const range = high - low;
    if (!Number.isFinite(range)) {
      throw new RangeError(`uniform: range high - low must be finite, got [${low}, ${high})`);
    }
    return low + range * this.bitGenerator.nextDouble();
  }

  /** `uniform(low, high, size=n)` as a Float64Array (same stream as n scalar calls). */
  uniformArray(low: number, high: number, n: number): Float64Array {
    checkInteger(n, "uniformArray: n");
    const range = high - low;
    if (!Number.isFinite(range)) {
      throw new RangeError(`uniformArray: range high - low must be finite, got [${low}, ${high})`);
    }
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = low + range * this.bitGenerator.nextDouble();
    return out;
  }

  /**
   * `integers(low, high)`: a uniform integer in [low, high) (int64 semantics, Lemire's
   * bounded method as numpy). `integers(high)` is `integers(0, high)`.
   */
  integers(low: number, high?: number): number {
    if (high === undefined) {
      high = low;
      low = 0;
    }
    checkInteger(low, "integers: low");
    checkInteger(high, "integers: high");
    if (low >= high) {
      throw new RangeError(`integers: low >= high (low=${low}, high=${high}; high is exclusive)`);
    }
    if (high - low > 2 ** 52 && BigInt(high) - BigInt(low) > 2n ** 53n) {
      throw new RangeError(`integers: high - low must be at most 2^53, got [${low}, ${high})`);
    }
    const range = high - low - 1;
    if (range === 0) return low;
    if (range < 0xffffffff) return low + this.boundedUint32(range);
    if (range === 0xffffffff) return low + this.bitGenerator.nextUint32();
    return low + this.boundedUint64(range);
  }

  /**
   * `integers(low, high, size=n, dtype=dtype)`. `"int64"` (numpy's default) is the same stream
   * as n scalar `integers` calls; `"int8"` is numpy's byte-buffered path (one 32-bit draw
   * serves four values), which `MultiBinary.sample` uses.
   */
  integersArray(low: number, high: number, n: number, dtype: "int64" | "int8" = "int64"): number[] {
    checkInteger(n, "integersArray: n");
    if (dtype === "int64") return Array.from({ length: n }, () => this.integers(low, high));
    checkInteger(low, "integersArray: low");
    checkInteger(high, "integersArray: high");
    if (low < -128 || high > 128 || low >= high) {
      throw new RangeError(
        `integersArray: int8 needs -128 <= low < high <= 128, got [${low}, ${high})`,
      );
    }
    const range = high - low - 1;
    const rangeExcl = range + 1;
    const threshold = (256 - rangeExcl) % rangeExcl;
    const out: number[] = [];
    // numpy's byte buffer lives for one fill call: a fresh 32-bit draw every fourth value.
    let buffer = 0;
    let buffered = 0;
    const nextByte = () => {
      if (buffered === 0) {
        buffer = this.bitGenerator.nextUint32();
        buffered = 3;
      } else {
        buffer >>>= 8;
        buffered -= 1;
      }
      return buffer & 0xff;
    };
    for (let i = 0; i < n; i++) {
      if (range === 0) {
        out.push(low);
      } else if (range === 0xff) {
        out.push(low + nextByte());
      } else {
        let m = nextByte() * rangeExcl;
        let leftover = m & 0xff;
        if (leftover < rangeExcl) {
          while (leftover < threshold) {
            m = nextByte() * rangeExcl;
            leftover = m & 0xff;
          }
        }
        out.push(low + (m >>> 8));
      }
    }
    return out;
  }

  /** `choice(n)`: a uniform index in [0, n) (numpy draws it with `integers(0, n)`). */
  choice(n: number): number {
    checkInteger(n, "choice: n");
    if (n <= 0) throw new RangeError(`choice: n must be positive, got ${n}`);
    return this.integers(0, n);
  }

  /** `normal(loc, scale)`: `loc + scale * standard_normal()` with numpy's ziggurat. */
  normal(loc = 0, scale = 1): number {
    if (!(scale >= 0)) throw new RangeError(`normal: scale must be >= 0, got ${scale}`);
    return loc + scale * this.standardNormal();
  }

  /** numpy's `standard_normal()` (256-layer ziggurat, `random_standard_normal`). */
  standardNormal(): number {
    const bg = this.bitGenerator;
    for (;;) {
      bg.next();
      const lo = bg.lo;
      const idx = lo & 0xff;
      // rabs = bits 9..60 of the 64-bit draw (52 bits, exact as a double).
      const rabs = (bg.hi & 0x1fffffff) * 8388608 + (lo >>> 9);
      let x = rabs * WI_DOUBLE[idx];
      if (lo & 0x100) x = -x;
      if (rabs < KI_DOUBLE[idx]) return x;
      if (idx === 0) {
        for (;;) {
          const xx = -ZIGGURAT_NOR_INV_R * Math.log1p(-bg.nextDouble());
          const yy = -Math.log1p(-bg.nextDouble());
          if (yy + yy > xx * xx) {
            return (lo >>> 17) & 1 ? -(ZIGGURAT_NOR_R + xx) : ZIGGURAT_NOR_R + xx;
          }
        }
      }
      if (
        (FI_DOUBLE[idx - 1] - FI_DOUBLE[idx]) * bg.nextDouble() + FI_DOUBLE[idx] <
          Math.exp(-0.5 * x * x)
      ) return x;
    }
  }

  /**
   * An exponential variate with the given scale (mean). Inversion, `-scale * log1p(-random())`:
   * the right distribution, but NOT numpy's stream (numpy uses an exponential ziggurat).
   */
  exponential(scale = 1): number {
    if (!(scale >= 0)) throw new RangeError(`exponential: scale must be >= 0, got ${scale}`);
    return -scale * Math.log1p(-this.bitGenerator.nextDouble());
  }

  /** Shuffles `array` in place like numpy's `shuffle` (Fisher-Yates, masked draws). */
  shuffle<T extends { length: number; [i: number]: unknown }>(array: T): T {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.interval(i);
      const t = array[i];
      array[i] = array[j];
      array[j] = t;
    }
    return array;
  }

  /** `permutation(n)`: a shuffled `[0, 1, ..., n-1]`. */
  permutation(n: number): number[] {
    checkInteger(n, "permutation: n");
    if (n < 0) throw new RangeError(`permutation: n must be >= 0, got ${n}`);
    const out = Array.from({ length: n }, (_, i) => i);
    return this.shuffle(out);
  }

  /** Lemire's bounded uint32 in [0, range] (numpy `buffered_bounded_lemire_uint32`). */
  private boundedUint32(range: number): number {
    const bg = this.bitGenerator;
    const rangeExcl = range + 1;
    if (rangeExcl <= 2097152) {
      // x * rangeExcl < 2^53: the 64-bit product is exact as a double.
      let m = bg.nextUint32() * rangeExcl;
      let leftover = m >>> 0;
      if (leftover < rangeExcl) {
        const threshold = (TWO_POW_32 - rangeExcl) % rangeExcl;
        while (leftover < threshold) {
          m = bg.nextUint32() * rangeExcl;
          leftover = m >>> 0;
        }
      }
      return (m - leftover) / TWO_POW_32;
    }
    let x = bg.nextUint32();
    let leftover = Math.imul(x, rangeExcl) >>> 0;
    if (leftover < rangeExcl) {
      const threshold = (TWO_POW_32 - rangeExcl) % rangeExcl;
      while (leftover < threshold) {
        x = bg.nextUint32();
        leftover = Math.imul(x, rangeExcl) >>> 0;
      }
    }
    // High 32 bits of x * rangeExcl, splitting x into 16-bit halves to stay exact.
    const a = (x >>> 16) * rangeExcl;
    const b = (x & 0xffff) * rangeExcl;
    const aHigh = Math.floor(a / 65536);
    return aHigh + Math.floor(((a - aHigh * 65536) * 65536 + b) / TWO_POW_32);
  }

  /** Lemire's bounded uint64 in [0, range] (numpy `bounded_lemire_uint64`); rare, BigInt. */
  private boundedUint64(range: number): number {
    const bg = this.bitGenerator;
    const rangeExcl = BigInt(range) + 1n;
    let m = bg.nextUint64() * rangeExcl;
    let leftover = m & MASK_64;
    if (leftover < rangeExcl) {
      const threshold = ((1n << 64n) - rangeExcl) % rangeExcl;
      while (leftover < threshold) {
        m = bg.nextUint64() * rangeExcl;
        leftover = m & MASK_64;
      }
    }
    return Number(m >> 64n);
  }

  /** numpy's `random_interval(max)`: masked rejection sampling in [0, max]. */
  private interval(max: number): number {
    if (max === 0) return 0;
    if (max <= 0xffffffff) {
      let mask = max;
      mask |= mask >>> 1;
      mask |= mask >>> 2;
      mask |= mask >>> 4;
      mask |= mask >>> 8;
      mask |= mask >>> 16;
      mask >>>= 0;
      for (;;) {
        const value = (this.bitGenerator.nextUint32() & mask) >>> 0;
        if (value <= max) return value;
      }
    }
    let mask = BigInt(max);
    for (const shift of [1n, 2n, 4n, 8n, 16n, 32n]) mask |= mask >> shift;
    for (;;) {
      const value = this.bitGenerator.nextUint64() & mask;
      if (value <= BigInt(max)) return Number(value);
    }
  }
}

/**
 * `gymnasium.utils.seeding.np_random(seed)`: a fresh generator and the seed it was built from
 * (the OS-drawn 128-bit entropy when `seed` is omitted).
 */
export function npRandom(seed?: Seed): [Generator, Seed] {
  const seedSequence = new SeedSequence(seed);
  const usedSeed = seed ?? seedSequence.entropy;
  return [new Generator(new PCG64(seedSequence)), usedSeed];
}
