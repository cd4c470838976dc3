import { assert, assertEquals, assertThrows } from "@std/assert";
import { Box, Dict, Discrete, MultiBinary, MultiDiscrete, Tuple } from "./spaces.ts";

// Expected samples were recorded with numpy 2.4.6 by replaying Gymnasium 0.29.1's sampling
// code (e.g. Discrete: start + rng.integers(n); Box: rng.uniform(low, high).astype(float32)).

Deno.test("Discrete: seeded samples match Gymnasium's start + integers(n)", () => {
  const space = new Discrete(5, { start: 2 });
  space.seed(3);
  assertEquals(Array.from({ length: 10 }, () => space.sample()), [6, 2, 2, 3, 2, 6, 6, 4, 2, 2]);
  assertEquals(space.shape, []);
  assertEquals(String(space), "Discrete(5, start=2)");
  assertEquals(String(new Discrete(3)), "Discrete(3)");
});

Deno.test("Discrete: masked sampling chooses among allowed elements like Gymnasium", () => {
  const space = new Discrete(5);
  space.seed(21);
  const mask = Int8Array.from([0, 1, 0, 1, 1]);
  assertEquals(Array.from({ length: 8 }, () => space.sample(mask)), [1, 4, 3, 3, 3, 4, 3, 1]);
  assertEquals(new Discrete(3, { start: 7 }).sample(Int8Array.from([0, 0, 0])), 7);
  assertThrows(() => space.sample([1, 0]), RangeError, "length 5");
  assertThrows(() => space.sample([1, 0, 2, 0, 0]), RangeError, "0 or 1");
});

Deno.test("Discrete: contains checks integer type and range", () => {
  const space = new Discrete(3, { start: -1 });
  for (const x of [-1, 0, 1]) assert(space.contains(x));
  for (const x of [-2, 2, 0.5, NaN, "0", [0], null, undefined]) assert(!space.contains(x));
  assertThrows(() => new Discrete(0), RangeError, "positive integer");
});

Deno.test("Box: bounded float32 samples match numpy's uniform rounded to float32", () => {
  const box = new Box({ low: [-1, -2, 0], high: [1, 2, 10] });
  box.seed(8);
  const samples = Array.from({ length: 3 }, () => Array.from(box.sample()));
  assertEquals(samples, [
    [-0.34605544805526733, 1.9491074085235596, 3.187108278274536],
    [0.5770978927612305, 1.4795860052108765, 3.9108481407165527],
    [-0.12423625588417053, -0.5090044140815735, 1.0695359706878662],
  ]);
  assert(box.sample() instanceof Float32Array);
});

Deno.test("Box: CartPole's observation space (float32 max bounds) samples like Gymnasium", () => {
  const f32max = 3.4028234663852886e38;
  const high = [4.8, f32max, 0.20943951023931953 * 2, f32max];
  const box = new Box({ low: high.map((h) => -h), high });
  box.seed(1);
  assertEquals(Array.from(box.sample()), [
    0.1134876012802124,
    3.06569696126904e+38,
    -0.29810816049575806,
    3.053349638774625e+38,
  ]);
});

Deno.test("Box: unbounded elements are standard normal draws", () => {
  const box = new Box({ low: -Infinity, high: Infinity, shape: [2], dtype: "float64" });
  box.seed(4);
  const x = box.sample();
  assert(x instanceof Float64Array);
  assertEquals(Array.from(x), [-0.6517911526116896, -0.17471729232577715]);
  assert(!box.isBounded());
});

Deno.test("Box: half-bounded elements stay on the bounded side", () => {
  const box = new Box({ low: [0, -Infinity], high: [Infinity, 5] });
  box.seed(0);
  for (let i = 0; i < 200; i++) {
    const [a, b] = box.sample();
    assert(a >= 0 && b <= 5, `sample ${a}, ${b}`);
  }
});

Deno.test("Box: contains checks length, bounds and NaN; number arrays are rounded to float32", () => {
  const box = new Box({ low: -1, high: 1, shape: [2] });
  assert(box.contains(Float32Array.from([0.5, -1])));
  assert(box.contains([1, -1]));
  assert(box.contains([1.00000001, 0]), "rounds to 1 in float32, as np.asarray(x, float32)");
  assert(!box.contains([1.1, 0]));
  assert(!box.contains([NaN, 0]));
  assert(!box.contains([0]));
  assert(!box.contains(0.5));
  assert(!box.contains(["a", 0]));
});

Deno.test("Box: shapes, broadcasting, toString and errors", () => {
  const box = new Box({ low: 0, high: 1, shape: [2, 3] });
  assertEquals(box.shape, [2, 3]);
  assertEquals(box.size, 6);
  assertEquals(box.sample().length, 6);
  assertEquals(String(box), "Box(0, 1, (2, 3), float32)");
  assertEquals(String(new Box({ low: [0, -1], high: 1 })), "Box([0 -1], 1, (2,), float32)");
  assertThrows(() => new Box({ low: 0, high: 1 }), TypeError, "shape");
  assertThrows(() => new Box({ low: [0, 0], high: [1] }), RangeError, "high has 1 elements");
  assertThrows(() => new Box({ low: 1, high: 0, shape: [1] }), RangeError, "low must be <= high");
  assertEquals(Array.from(new Box({ low: 0.1, high: 1, shape: [1] }).low), [Math.fround(0.1)]);
});

Deno.test("MultiDiscrete: samples are floor(random * nvec) + start", () => {
  const space = new MultiDiscrete([3, 5, 7]);
  space.seed(3);
  const samples = Array.from({ length: 3 }, () => Array.from(space.sample()));
  assertEquals(samples, [[0, 1, 5], [1, 0, 3], [1, 0, 5]]);
  assert(space.contains([2, 4, 6]));
  assert(!space.contains([3, 0, 0]));
  assert(!space.contains([0, 0]));
  const shifted = new MultiDiscrete([2, 2], { start: [5, -1] });
  assert(shifted.contains(Int32Array.from([6, -1])));
  assert(!shifted.contains([4, 0]));
  assertEquals(String(space), "MultiDiscrete([3 5 7])");
});

Deno.test("MultiBinary: samples are numpy's int8 integers(0, 2, size=n)", () => {
  const space = new MultiBinary(10);
  space.seed(3);
  assertEquals(Array.from(space.sample()), [1, 1, 1, 1, 1, 0, 1, 0, 1, 1]);
  assertEquals(Array.from(space.sample()), [0, 1, 1, 0, 0, 1, 0, 0, 1, 0]);
  assert(space.contains(new Int8Array(10)));
  assert(!space.contains([2, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
});

Deno.test("Tuple: an integer seed seeds subspaces through integers(2^31 - 1) like Gymnasium", () => {
  const space = new Tuple([new Discrete(5), new Discrete(9)] as const);
  space.seed(7);
  assertEquals(Array.from({ length: 4 }, () => space.sample()), [[2, 8], [1, 3], [0, 6], [3, 3]]);
  assert(space.contains([4, 8]));
  assert(!space.contains([5, 0]));
  assert(!space.contains([0]));
  assertEquals(String(space), "Tuple(Discrete(5), Discrete(9))");
  space.seed([1, 2]);
  assertThrows(() => space.seed([1]), RangeError, "1 seeds for 2 subspaces");
});

Deno.test("Dict: keys sorted, seeded in key order like Gymnasium", () => {
  const space = new Dict({ b: new Discrete(4), a: new Discrete(6) });
  assertEquals(Object.keys(space.spaces), ["a", "b"]);
  space.seed(13);
  assertEquals(Array.from({ length: 3 }, () => space.sample()), [
    { a: 1, b: 3 },
    { a: 0, b: 3 },
    { a: 4, b: 2 },
  ]);
  assert(space.contains({ a: 5, b: 0 }));
  assert(!space.contains({ a: 5 }));
  assert(!space.contains({ a: 5, b: 0, c: 1 }));
  assertEquals(String(space), "Dict('a': Discrete(6), 'b': Discrete(4))");
});

Deno.test("an unseeded space samples without error and differs between instances", () => {
  const a = new Box({ low: 0, high: 1, shape: [8] });
  const b = new Box({ low: 0, high: 1, shape: [8] });
  assert(Array.from(a.sample()).some((v, i) => v !== b.sample()[i]));
});
