/**
 * Reset options of the classic-control environments (Gymnasium's
 * `utils.maybe_parse_reset_bounds`): `reset({ options: { low, high } })` changes the range
 * the initial state is drawn from.
 *
 * @module
 */

/** Reset options accepted by Acrobot and the mountain cars. */
export interface ResetBoundsOptions {
  /** Lower bound of the uniform initial state. */
  low?: number;
  /** Upper bound of the uniform initial state. */
  high?: number;
}

/** A reset option that must be a finite number (Gymnasium's `verify_number_and_cast`). */
export function finiteOption(value: unknown, name: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new Error(`reset option ${name} must be a finite number, got ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * `[low, high]` from `options` (each defaulting to `defaultLow` / `defaultHigh`).
 * @throws if a bound is not a finite number or `low > high`.
 */
export function resetBounds(
  options: Record<string, unknown> | undefined,
  defaultLow: number,
  defaultHigh: number,
): [number, number] {
  if (options === undefined) return [defaultLow, defaultHigh];
  const low = "low" in options ? finiteOption(options.low, "low") : defaultLow;
  const high = "high" in options ? finiteOption(options.high, "high") : defaultHigh;
  if (low > high) {
    throw new Error(
      `reset options: lower bound (${low}) must be lower than higher bound (${high})`,
    );
  }
  return [low, high];
}
