/**
 * The index of the largest value, the course's one tie-breaking rule.
 *
 * @module
 */

/**
 * Returns the index of the largest entry of `values`; ties go to the lowest index, so the
 * result is deterministic. NaN entries are never chosen unless every entry is NaN (then 0).
 *
 * @throws when `values` is empty.
 *
 * @example
 * ```ts
 * argmax([1, 3, 3, 2]); // 1
 * ```
 */
export function argmax(values: ArrayLike<number>): number {
  if (values.length === 0) throw new Error("argmax: the array is empty; it has no largest entry.");
  let best = 0;
  for (let i = 1; i < values.length; i++) {
    if (values[i] > values[best] || (Number.isNaN(values[best]) && !Number.isNaN(values[i]))) {
      best = i;
    }
  }
  return best;
}
