/**
 * Fast allocation of small typed arrays for per-step results.
 *
 * In V8, `new Float32Array(4)` creates a new ArrayBuffer and costs about as much as a whole
 * CartPole step (measured ~15x the cost of a view); a view into an existing buffer is cheap.
 * `newFloat32Array(n)`, `newFloat64Array(n)` and `newInt32Array(n)` hand out fresh, zero-filled, non-overlapping
 * views into shared 16 KiB slabs. Each array behaves like a new one (independent values,
 * safe to keep); only its `.buffer` is shared (and keeps its slab alive while referenced).
 *
 * @module
 */

const SLAB_BYTES = 16384;

type SlabArray = Float32Array | Float64Array | Int32Array;

/** Hands out views of one element type from a sequence of slabs. */
class Slab<T extends SlabArray> {
  private readonly capacity: number;
  private buffer: ArrayBuffer;
  private used = 0;

  constructor(
    private readonly create: (length: number) => T,
    // `new T(buffer, byteOffset, length)`: cheaper in V8 than `subarray` (no species lookup).
    private readonly view: (buffer: ArrayBuffer, byteOffset: number, length: number) => T,
    private readonly bytesPerElement: number,
  ) {
    this.capacity = SLAB_BYTES / bytesPerElement;
    this.buffer = new ArrayBuffer(SLAB_BYTES);
  }

  take(length: number): T {
    if (length > this.capacity / 4) return this.create(length);
    if (this.used + length > this.capacity) {
      this.buffer = new ArrayBuffer(SLAB_BYTES);
      this.used = 0;
    }
    const array = this.view(this.buffer, this.used * this.bytesPerElement, length);
    this.used += length;
    return array;
  }
}

const float32Slab = new Slab(
  (n) => new Float32Array(n),
  (buffer, offset, n) => new Float32Array(buffer, offset, n),
  4,
);
const float64Slab = new Slab(
  (n) => new Float64Array(n),
  (buffer, offset, n) => new Float64Array(buffer, offset, n),
  8,
);
const int32Slab = new Slab(
  (n) => new Int32Array(n),
  (buffer, offset, n) => new Int32Array(buffer, offset, n),
  4,
);

/** A new zero-filled `Float32Array` of `length` elements (a view into a shared slab). */
export function newFloat32Array(length: number): Float32Array {
  return float32Slab.take(length);
}

/** A new zero-filled `Float64Array` of `length` elements (a view into a shared slab). */
export function newFloat64Array(length: number): Float64Array {
  return float64Slab.take(length);
}

/** A new zero-filled `Int32Array` of `length` elements (a view into a shared slab). */
export function newInt32Array(length: number): Int32Array {
  return int32Slab.take(length);
}
