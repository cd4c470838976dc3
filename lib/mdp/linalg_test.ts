import { assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import { solveLinearSystem } from "./linalg.ts";

Deno.test("solveLinearSystem solves a 2x2 system worked out by hand", () => {
  // 2x + y = 3, x + 3y = 5  =>  x = 4/5, y = 7/5.
  const x = solveLinearSystem([[2, 1], [1, 3]], [3, 5]);
  assertAlmostEquals(x[0], 0.8, 1e-15);
  assertAlmostEquals(x[1], 1.4, 1e-15);
});

Deno.test("solveLinearSystem pivots when the first diagonal entry is zero", () => {
  // y = 2, x = 3: without row exchanges the first pivot would be 0.
  assertEquals(Array.from(solveLinearSystem([[0, 1], [1, 0]], [2, 3])), [3, 2]);
});

Deno.test("solveLinearSystem is accurate where pivoting matters", () => {
  // A tiny first pivot: elimination without pivoting loses every digit of x.
  const x = solveLinearSystem([[1e-20, 1], [1, 1]], [1, 2]);
  assertAlmostEquals(x[0], 1, 1e-12);
  assertAlmostEquals(x[1], 1, 1e-12);
});

Deno.test("solveLinearSystem agrees with multiplying back on a 6x6 system", () => {
  const A = Array.from(
    { length: 6 },
    (_, i) => Array.from({ length: 6 }, (_, j) => (i === j ? 10 : Math.sin(1 + i * 7 + j * 3))),
  );
  const b = Array.from({ length: 6 }, (_, i) => i - 2.5);
  const x = solveLinearSystem(A, b);
  A.forEach((row, i) => {
    assertAlmostEquals(row.reduce((sum, a, j) => sum + a * x[j], 0), b[i], 1e-12);
  });
});

Deno.test("solveLinearSystem leaves its inputs untouched", () => {
  const A = [[4, 2], [2, 3]];
  const b = [1, 2];
  solveLinearSystem(A, b);
  assertEquals(A, [[4, 2], [2, 3]]);
  assertEquals(b, [1, 2]);
});

Deno.test("solveLinearSystem reports singular matrices and bad shapes clearly", () => {
  assertThrows(() => solveLinearSystem([[1, 1], [1, 1]], [1, 2]), Error, "singular");
  assertThrows(() => solveLinearSystem([[1, 0], [0, 1]], [1]), Error, "2 rows but b has 1");
  assertThrows(() => solveLinearSystem([[1, 0], [0]], [1, 1]), Error, "row 1 has 1 entries");
  assertThrows(() => solveLinearSystem([[1, NaN], [0, 1]], [1, 1]), Error, "A[0][1] is NaN");
});
