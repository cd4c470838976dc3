/**
 * A small dense linear solver, so that exact policy evaluation needs no numeric library.
 *
 * @module
 */

/**
 * Solves `A x = b` by Gaussian elimination with partial pivoting.
 *
 * `A` is a square matrix given as rows (`A[i][j]` is row i, column j) and is not modified;
 * `b` has one entry per row. The cost is O(n^3), fine for the few hundred states of the
 * course's worlds.
 *
 * @param A square matrix `[n][n]`
 * @param b right-hand side `[n]`
 * @returns the solution `x`, `[n]`
 * @throws when the shapes do not match, an entry is not finite, or `A` is singular (for
 * policy evaluation: a policy that never reaches a terminal state with `gamma = 1`).
 *
 * @example
 * ```ts
 * solveLinearSystem([[2, 1], [1, 3]], [3, 5]); // Float64Array [0.8, 1.4]
 * ```
 */
export function solveLinearSystem(
  A: ArrayLike<ArrayLike<number>>,
  b: ArrayLike<number>,
): Float64Array {
  const n = A.length;
  if (b.length !== n) {
    throw new Error(
      `solveLinearSystem: A has ${n} rows but b has ${b.length} entries; they must match.`,
    );
  }
  // Augmented matrix [A | b], copied so the caller's arrays stay untouched.
  const m: Float64Array[] = [];
  for (let i = 0; i < n; i++) {
    const row = A[i];
    if (row.length !== n) {
      throw new Error(
        `solveLinearSystem: A must be square (${n}x${n}) but row ${i} has ${row.length} entries.`,
      );
    }
    const r = new Float64Array(n + 1);
    for (let j = 0; j < n; j++) r[j] = row[j];
    r[n] = b[i];
    for (let j = 0; j <= n; j++) {
      if (!Number.isFinite(r[j])) {
        const where = j === n ? `b[${i}]` : `A[${i}][${j}]`;
        throw new Error(`solveLinearSystem: ${where} is ${r[j]}; every entry must be finite.`);
      }
    }
    m.push(r);
  }
  let scale = 0;
  for (const r of m) for (let j = 0; j < n; j++) scale = Math.max(scale, Math.abs(r[j]));
  const tiny = Math.max(scale, 1) * n * 1e-13;
  for (let col = 0; col < n; col++) {
    // Partial pivoting: the largest remaining entry of this column keeps rounding errors small.
    let pivot = col;
    for (let i = col + 1; i < n; i++) {
      if (Math.abs(m[i][col]) > Math.abs(m[pivot][col])) pivot = i;
    }
    if (Math.abs(m[pivot][col]) <= tiny) {
      throw new Error(
        `solveLinearSystem: the matrix is singular (no usable pivot in column ${col}). ` +
          `For policy evaluation this means that, under the policy, some states never reach a ` +
          `terminal state while gamma = 1: use gamma < 1 or a policy that terminates.`,
      );
    }
    [m[col], m[pivot]] = [m[pivot], m[col]];
    const p = m[col];
    for (let i = col + 1; i < n; i++) {
      const r = m[i];
      const factor = r[col] / p[col];
      if (factor === 0) continue;
      for (let j = col; j <= n; j++) r[j] -= factor * p[j];
    }
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    const r = m[i];
    let sum = r[n];
    for (let j = i + 1; j < n; j++) sum -= r[j] * x[j];
    x[i] = sum / r[i];
  }
  return x;
}
