/**
 * Small statistics for learning curves: averages over runs and over windows of episodes.
 *
 * @module
 */

function checkCurves(curves: ReadonlyArray<ArrayLike<number>>, who: string): number {
  if (curves.length === 0) throw new Error(`${who}: no curves given.`);
  const n = curves[0].length;
  for (let i = 1; i < curves.length; i++) {
    if (curves[i].length !== n) {
      throw new Error(`${who}: curve ${i} has ${curves[i].length} points, curve 0 has ${n}.`);
    }
  }
  return n;
}

/** The mean of `x[from .. to)` (default: all of it). Throws on an empty range. */
export function mean(x: ArrayLike<number>, from = 0, to = x.length): number {
  if (!(from >= 0 && to <= x.length && from < to)) {
    throw new Error(`mean: empty or invalid range [${from}, ${to}) of ${x.length} values.`);
  }
  let sum = 0;
  for (let i = from; i < to; i++) sum += x[i];
  return sum / (to - from);
}

/** The pointwise mean of several equally long curves, `[length]`. */
export function meanCurve(curves: ReadonlyArray<ArrayLike<number>>): Float64Array {
  const n = checkCurves(curves, "meanCurve");
  const out = new Float64Array(n);
  for (const curve of curves) for (let i = 0; i < n; i++) out[i] += curve[i];
  for (let i = 0; i < n; i++) out[i] /= curves.length;
  return out;
}

/**
 * The trailing moving average: `out[i]` is the mean of `x[max(0, i - window + 1) .. i]`,
 * so the first points average fewer values instead of being dropped.
 */
export function movingAverage(x: ArrayLike<number>, window: number): Float64Array {
  if (!Number.isInteger(window) || window <= 0) {
    throw new Error(`movingAverage: window must be a positive integer, got ${window}.`);
  }
  const out = new Float64Array(x.length);
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    sum += x[i];
    if (i >= window) sum -= x[i - window];
    out[i] = sum / Math.min(i + 1, window);
  }
  return out;
}

/**
 * Means of consecutive blocks of `size` points (the last block may be shorter): a long
 * curve of, say, 20 000 episodes becomes 100 points that are cheap to plot.
 */
export function blockMeans(x: ArrayLike<number>, size: number): Float64Array {
  if (!Number.isInteger(size) || size <= 0) {
    throw new Error(`blockMeans: size must be a positive integer, got ${size}.`);
  }
  const out = new Float64Array(Math.ceil(x.length / size));
  for (let b = 0; b < out.length; b++) {
    out[b] = mean(x, b * size, Math.min(x.length, (b + 1) * size));
  }
  return out;
}
