/**
 * The statistics behind line plots of several runs: a trailing moving average and, at each
 * x, the mean across runs with a band (standard deviation, standard error or min-max).
 *
 * @module
 */

/** How the band around the mean of several runs is drawn. */
export type BandKind = "std" | "sem" | "minmax";

/** Mean and band of several runs, index by index. */
export interface RunSummary {
  /** Mean across the runs that reach each index. */
  mean: number[];
  /** Lower edge of the band. */
  lower: number[];
  /** Upper edge of the band. */
  upper: number[];
  /** How many runs reach each index. */
  count: number[];
}

/**
 * Trailing moving average over `window` points: `out[i]` is the mean of
 * `values[max(0, i - window + 1) ..= i]`, so early points average what exists so far.
 * `window` 1 returns a copy. Non-finite values are skipped inside a window.
 */
export function movingAverage(values: ArrayLike<number>, window: number): number[] {
  if (!Number.isInteger(window) || window < 1) {
    throw new RangeError(`movingAverage: window must be a positive integer, got ${window}.`);
  }
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    let sum = 0;
    let n = 0;
    for (let j = Math.max(0, i - window + 1); j <= i; j++) {
      if (Number.isFinite(values[j])) {
        sum += values[j];
        n++;
      }
    }
    out.push(n > 0 ? sum / n : Number.NaN);
  }
  return out;
}

/**
 * Summarises runs of possibly different lengths. At index `i`, the runs that have a finite
 * value at `i` contribute: the mean, and the band
 * - `"std"`: mean ± sample standard deviation (divisor n - 1; zero width for one run),
 * - `"sem"`: mean ± standard error of the mean, sample std / sqrt(n),
 * - `"minmax"`: from the smallest to the largest value.
 */
export function summariseRuns(runs: readonly ArrayLike<number>[], band: BandKind): RunSummary {
  if (runs.length === 0) throw new RangeError("summariseRuns: at least one run is needed.");
  if (!["std", "sem", "minmax"].includes(band)) {
    throw new RangeError(`summariseRuns: band must be "std", "sem" or "minmax", got "${band}".`);
  }
  const length = Math.max(...runs.map((run) => run.length));
  const summary: RunSummary = { mean: [], lower: [], upper: [], count: [] };
  for (let i = 0; i < length; i++) {
    const values: number[] = [];
    for (const run of runs) if (i < run.length && Number.isFinite(run[i])) values.push(run[i]);
    const n = values.length;
    summary.count.push(n);
    if (n === 0) {
      summary.mean.push(Number.NaN);
      summary.lower.push(Number.NaN);
      summary.upper.push(Number.NaN);
      continue;
    }
    const mean = values.reduce((a, b) => a + b, 0) / n;
    summary.mean.push(mean);
    if (band === "minmax") {
      summary.lower.push(Math.min(...values));
      summary.upper.push(Math.max(...values));
      continue;
    }
    const variance = n > 1 ? values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1) : 0;
    const spread = band === "std" ? Math.sqrt(variance) : Math.sqrt(variance / n);
    summary.lower.push(mean - spread);
    summary.upper.push(mean + spread);
  }
  return summary;
}
