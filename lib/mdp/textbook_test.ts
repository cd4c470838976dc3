import { assert, assertEquals, assertStringIncludes, assertThrows } from "@std/assert";
import {
  AIMA_FIGURE_17_3,
  bookComparisonTable,
  compareWithBook,
  SUTTON_BARTO_FIGURE_4_1,
} from "./textbook.ts";

const aima = [0.8116, 0.8678, 0.9178, 0, 0.7616, 0, 0.6603, 0, 0.7053, 0.6553, 0.6114, 0.3879];

Deno.test("compareWithBook accepts values within half a unit of the last printed decimal", () => {
  const result = compareWithBook(AIMA_FIGURE_17_3, aima);
  assert(result.matches);
  assert(result.maxDifference < 0.0005);
});

Deno.test("compareWithBook ignores label cells and reports mismatching cells", () => {
  const wrong = [...aima];
  wrong[3] = 123; // the "+1" label cell: not compared
  wrong[10] = 0.6125; // (2, 2): 0.0015 away from 0.611
  const result = compareWithBook(AIMA_FIGURE_17_3, wrong);
  assertEquals(result.mismatches, [[2, 2]]);
  assert(!result.matches);
});

Deno.test("compareWithBook uses the rounding of each table", () => {
  // Figure 4.1, k = 2 prints -1.7 for -1.75: one decimal, so within 0.05.
  const k2 = [0, -1.75, -2, -2, -1.75, -2, -2, -2, -2, -2, -2, -1.75, -2, -2, -1.75, 0];
  assert(compareWithBook(SUTTON_BARTO_FIGURE_4_1["k=2"], k2).matches);
  k2[5] = -2.06;
  assertEquals(compareWithBook(SUTTON_BARTO_FIGURE_4_1["k=2"], k2).mismatches, [[1, 1]]);
});

Deno.test("compareWithBook rejects a grid of the wrong size", () => {
  assertThrows(() => compareWithBook(AIMA_FIGURE_17_3, [1, 2, 3]), Error, "3 x 4 grid");
});

Deno.test("bookComparisonTable shows both grids and the verdict", () => {
  const table = bookComparisonTable(AIMA_FIGURE_17_3, aima, { computedBy: "value iteration" });
  const text = table["text/plain"] as string;
  assertStringIncludes(text, "Figure 17.3");
  assertStringIncludes(text, "Book vs computed (value iteration): all cells agree");
  assertStringIncludes(text, "0.812");
  assertStringIncludes(text, "wall");
  assertStringIncludes(table["text/html"] as string, "<table");
});
