import { assert, assertEquals, assertNotEquals, assertThrows } from "@std/assert";
import { seedSource, setupTf, tf } from "./mod.ts";

await setupTf();

Deno.test("seedSource: same seed, same stream; other seed, other stream", () => {
  const a = seedSource(42);
  const b = seedSource(42);
  const c = seedSource(43);
  const streamA = Array.from({ length: 100 }, () => a.next());
  const streamB = Array.from({ length: 100 }, () => b.next());
  const streamC = Array.from({ length: 100 }, () => c.next());
  assertEquals(streamA, streamB);
  assertEquals(streamA.filter((s, i) => s === streamC[i]).length, 0);
});

Deno.test("seedSource: seeds are distinct integers in [0, 2^31)", () => {
  const source = seedSource(0);
  const seen = new Set<number>();
  for (let i = 0; i < 20_000; i++) {
    const seed = source.next();
    assert(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 31, `bad seed ${seed}`);
    assert(!seen.has(seed), `seed ${seed} repeated at draw ${i}`);
    seen.add(seed);
  }
});

Deno.test("seedSource rejects seeds that are not non-negative safe integers", () => {
  for (const bad of [-1, 1.5, Number.NaN, 2 ** 60]) {
    assertThrows(() => seedSource(bad), Error, "non-negative safe integer");
  }
});

function denseModel(seed: number): tf.Sequential {
  const seeds = seedSource(seed);
  return tf.sequential({
    layers: [
      tf.layers.dense({
        inputShape: [3],
        units: 8,
        activation: "relu",
        kernelInitializer: seeds.heUniform(),
      }),
      tf.layers.dense({ units: 2, kernelInitializer: seeds.glorotUniform() }),
    ],
  });
}

function weightsOf(model: tf.LayersModel): number[][] {
  return model.getWeights().map((w) => Array.from(w.dataSync()));
}

Deno.test("a model built from the same seed has identical weights, another seed differs", () => {
  const [a, b, c] = [denseModel(7), denseModel(7), denseModel(8)];
  assertEquals(weightsOf(a), weightsOf(b));
  assertNotEquals(weightsOf(a)[0], weightsOf(c)[0]);
  // The two layers' kernels come from different seeds: their first entries differ in scale
  // and value, not a copy of one stream.
  assertNotEquals(weightsOf(a)[0].slice(0, 16), weightsOf(a)[2].slice(0, 16));
  for (const model of [a, b, c]) model.dispose();
});

Deno.test("glorotUniform respects its limit sqrt(6 / (fanIn + fanOut))", () => {
  const values = tf.tidy(() => seedSource(1).glorotUniform().apply([20, 30]).arraySync());
  const limit = Math.sqrt(6 / (20 + 30));
  const flat = (values as number[][]).flat();
  assert(flat.every((v) => Math.abs(v) <= limit), "a value is outside the Glorot limit");
  // Uniform on [-limit, limit]: a sample of 600 spans most of it.
  assert(Math.max(...flat) > 0.9 * limit && Math.min(...flat) < -0.9 * limit);
});

Deno.test("orthogonal(gain): W^T W = gain^2 I, reproducible, no warning on stderr", () => {
  const gain = Math.SQRT2;
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(" "));
  let gram: number[][];
  let first: number[][];
  let again: number[][];
  try {
    const w = seedSource(3).orthogonal(gain).apply([64, 64]) as tf.Tensor2D;
    const w2 = seedSource(3).orthogonal(gain).apply([64, 64]) as tf.Tensor2D;
    const product = tf.tidy(() => w.transpose().matMul(w));
    gram = product.arraySync() as number[][];
    product.dispose();
    [first, again] = [w.arraySync(), w2.arraySync()];
    tf.dispose([w, w2]);
  } finally {
    console.warn = warn;
  }
  assertEquals(warnings, []);
  assertEquals(first, again);
  for (let i = 0; i < 64; i++) {
    for (let j = 0; j < 64; j++) {
      const expected = i === j ? gain * gain : 0;
      assert(Math.abs(gram[i][j] - expected) < 1e-4, `(W^T W)[${i}][${j}] = ${gram[i][j]}`);
    }
  }
});

Deno.test("tfjs's own orthogonal initializer warns on a 64x64 matrix (why we silence it)", () => {
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(" "));
  try {
    tf.tidy(() => tf.initializers.orthogonal({ gain: 1, seed: 1 }).apply([64, 64]));
  } finally {
    console.warn = warn;
  }
  assertEquals(warnings.length, 1);
  assert(warnings[0].includes("Slowness may result"), warnings[0]);
});

Deno.test("seeded random ops: the same seed repeats, successive seeds differ", () => {
  const source = seedSource(11);
  const [s1, s2] = [source.next(), source.next()];
  const [a, b, c] = tf.tidy(() => [
    tf.randomNormal([5], 0, 1, "float32", s1).arraySync(),
    tf.randomNormal([5], 0, 1, "float32", s1).arraySync(),
    tf.randomNormal([5], 0, 1, "float32", s2).arraySync(),
  ]);
  assertEquals(a, b);
  assertNotEquals(a, c);
});
