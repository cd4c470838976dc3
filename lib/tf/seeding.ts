/**
 * Seeds for tfjs. tfjs has no global seed: every random op (`tf.randomUniform`,
 * `tf.randomNormal`, `tf.multinomial`, dropout) and every random layer initializer takes its
 * own optional `seed`, and without one it draws from `Math.random`. A {@link SeedSource}
 * hands out a reproducible stream of distinct integer seeds from one experiment seed, so a
 * whole model is reproducible from that number.
 *
 * How a model becomes reproducible:
 * 1. Create one source per model from the experiment seed: `const seeds = seedSource(1)`.
 * 2. Give every layer with random weights a seeded initializer, e.g.
 *    `tf.layers.dense({ units: 64, kernelInitializer: seeds.glorotUniform() })`
 *    (biases default to zeros, which need no seed); dropout gets `seed: seeds.next()`.
 * 3. Pass `seeds.next()` to every random op (`tf.randomNormal(shape, 0, 1, "float32",
 *    seeds.next())`), and use the course's `Generator` (lib/gym/seeding.ts) for the agent's
 *    and the environment's own randomness.
 * 4. Build layers in the same order every run: the n-th seed goes to the n-th request.
 *
 * The initial weights are then bit-identical on every backend (they are generated in
 * JavaScript). Training results are reproducible on the same backend; wasm and cpu may differ
 * in the last bits of float arithmetic, so compare runs on one backend.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";

/** An initializer as accepted by `kernelInitializer` and friends of tfjs layers. */
export type Initializer = ReturnType<typeof tf.initializers.glorotUniform>;

/** Seeds are drawn below 2^31 so they are exact integers in any tfjs code path. */
const SEED_LIMIT = 2 ** 31;

/**
 * A deterministic stream of distinct integer seeds, derived from one experiment seed, with
 * shortcuts for seeded initializers.
 */
export class SeedSource {
  readonly #seed: number;
  #counter = 0;
  readonly #issued = new Set<number>();

  /** @param seed the experiment seed: a non-negative safe integer. */
  constructor(seed: number) {
    if (!Number.isSafeInteger(seed) || seed < 0) {
      throw new Error(`SeedSource: seed must be a non-negative safe integer, got ${seed}.`);
    }
    this.#seed = seed;
  }

  /** The next seed: an integer in [0, 2^31), never one this source returned before. */
  next(): number {
    for (;;) {
      const candidate = mix(this.#seed, this.#counter++) % SEED_LIMIT;
      if (!this.#issued.has(candidate)) {
        this.#issued.add(candidate);
        return candidate;
      }
    }
  }

  /** Glorot (Xavier) uniform, the Keras default for dense kernels, with the next seed. */
  glorotUniform(): Initializer {
    return tf.initializers.glorotUniform({ seed: this.next() });
  }

  /** He uniform (for ReLU layers), with the next seed. */
  heUniform(): Initializer {
    return tf.initializers.heUniform({ seed: this.next() });
  }

  /**
   * Orthogonal with the given gain (CleanRL initialises hidden layers with gain `sqrt(2)`,
   * the policy head with 0.01 and the value head with 1), with the next seed.
   *
   * tfjs's own initializer, with its "Slowness may result" warning for matrices above 2000
   * elements turned off: a 64x64 layer is not slow to initialise, and the warning would land
   * on stderr of every notebook and grader run.
   */
  orthogonal(gain = 1): Initializer {
    const initializer = tf.initializers.orthogonal({ gain, seed: this.next() });
    (initializer as unknown as { ELEMENTS_WARN_SLOW: number }).ELEMENTS_WARN_SLOW = Infinity;
    return initializer;
  }
}

/** A {@link SeedSource} for the experiment seed `seed`. */
export function seedSource(seed: number): SeedSource {
  return new SeedSource(seed);
}

/**
 * Hashes (seed, counter) to a 32-bit unsigned integer: the seed and the counter are folded
 * in with distinct odd multipliers, then a murmur3-style finaliser spreads the bits, so
 * nearby seeds and counters give unrelated outputs.
 */
function mix(seed: number, counter: number): number {
  let h = Math.imul((seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b);
  h ^= Math.imul(Math.floor(seed / 2 ** 32) + 0x632be5ab, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h ^= Math.imul(counter + 1, 0x27d4eb2f);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
