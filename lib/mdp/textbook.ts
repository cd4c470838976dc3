/**
 * Value tables typed from the textbooks, and side-by-side comparisons with computed values.
 *
 * The numbers here were copied from the books' figures, not produced by this course's code,
 * so they are an independent check of the planning algorithms. Grids are row by row from
 * the top left, like lib/gym's GridWorld states. A string cell is a label the book prints
 * instead of a value (a wall, or a terminal state's reward): it is shown, not compared.
 *
 * @module
 */
import { htmlTable, type MimeBundle } from "../display/mod.ts";

/** A grid of values printed in a textbook figure. */
export interface TextbookTable {
  /** Book and figure, e.g. `"Sutton and Barto (2018), Figure 3.5"`. */
  source: string;
  /** What the values are. */
  description: string;
  /** The discount the book used. */
  gamma: number;
  /** Decimals the book prints: values match when within half a unit of the last one. */
  decimals: number;
  /** The values, `[rows][cols]`; strings are labels (walls, terminal rewards). */
  values: (number | string)[][];
}

/** Russell and Norvig, AIMA 3rd ed., Figure 17.3: utilities of the 4x3 world, R(s) = -0.04. */
export const AIMA_FIGURE_17_3: TextbookTable = {
  source: "Russell and Norvig, AIMA (3rd ed.), Figure 17.3",
  description: "utilities of the 4 x 3 world with step reward -0.04 and gamma = 1",
  gamma: 1,
  decimals: 3,
  values: [
    [0.812, 0.868, 0.918, "+1"],
    [0.762, "wall", 0.660, "-1"],
    [0.705, 0.655, 0.611, 0.388],
  ],
};

/**
 * Sutton and Barto (2018), Figure 4.1: iterative evaluation of the equiprobable random
 * policy on the 4x4 gridworld (gamma = 1), the values after k synchronous sweeps.
 */
export const SUTTON_BARTO_FIGURE_4_1: Readonly<
  Record<"k=1" | "k=2" | "k=3" | "k=10" | "k=∞", TextbookTable>
> = {
  "k=1": figure41(1, 1, [
    [0.0, -1.0, -1.0, -1.0],
    [-1.0, -1.0, -1.0, -1.0],
    [-1.0, -1.0, -1.0, -1.0],
    [-1.0, -1.0, -1.0, 0.0],
  ]),
  "k=2": figure41(2, 1, [
    [0.0, -1.7, -2.0, -2.0],
    [-1.7, -2.0, -2.0, -2.0],
    [-2.0, -2.0, -2.0, -1.7],
    [-2.0, -2.0, -1.7, 0.0],
  ]),
  "k=3": figure41(3, 1, [
    [0.0, -2.4, -2.9, -3.0],
    [-2.4, -2.9, -3.0, -2.9],
    [-2.9, -3.0, -2.9, -2.4],
    [-3.0, -2.9, -2.4, 0.0],
  ]),
  "k=10": figure41(10, 1, [
    [0.0, -6.1, -8.4, -9.0],
    [-6.1, -7.7, -8.4, -8.4],
    [-8.4, -8.4, -7.7, -6.1],
    [-9.0, -8.4, -6.1, 0.0],
  ]),
  "k=∞": figure41(Infinity, 0, [
    [0, -14, -20, -22],
    [-14, -18, -20, -20],
    [-20, -20, -18, -14],
    [-22, -20, -14, 0],
  ]),
};

function figure41(k: number, decimals: number, values: number[][]): TextbookTable {
  return {
    source: "Sutton and Barto (2018), Figure 4.1",
    description: `values of the random policy on the 4 x 4 gridworld after ${
      k === Infinity ? "convergence" : `k = ${k} synchronous sweep${k === 1 ? "" : "s"}`
    }, gamma = 1`,
    gamma: 1,
    decimals,
    values,
  };
}

/** Sutton and Barto (2018), Figure 3.2: the random policy's values on the 5x5 gridworld. */
export const SUTTON_BARTO_FIGURE_3_2: TextbookTable = {
  source: "Sutton and Barto (2018), Figure 3.2",
  description: "values of the equiprobable random policy on the 5 x 5 gridworld, gamma = 0.9",
  gamma: 0.9,
  decimals: 1,
  values: [
    [3.3, 8.8, 4.4, 5.3, 1.5],
    [1.5, 3.0, 2.3, 1.9, 0.5],
    [0.1, 0.7, 0.7, 0.4, -0.4],
    [-1.0, -0.4, -0.4, -0.6, -1.2],
    [-1.9, -1.3, -1.2, -1.4, -2.0],
  ],
};

/** Sutton and Barto (2018), Figure 3.5: the optimal values of the 5x5 gridworld. */
export const SUTTON_BARTO_FIGURE_3_5: TextbookTable = {
  source: "Sutton and Barto (2018), Figure 3.5",
  description: "optimal values v* of the 5 x 5 gridworld, gamma = 0.9",
  gamma: 0.9,
  decimals: 1,
  values: [
    [22.0, 24.4, 22.0, 19.4, 17.5],
    [19.8, 22.0, 19.8, 17.8, 16.0],
    [17.8, 19.8, 17.8, 16.0, 14.4],
    [16.0, 17.8, 16.0, 14.4, 13.0],
    [14.4, 16.0, 14.4, 13.0, 11.7],
  ],
};

/** How computed values compare with a book's table. */
export interface BookComparison {
  /** Largest |computed - book| over the numeric cells. */
  maxDifference: number;
  /** Cells `[row, col]` where the difference exceeds the book's rounding. */
  mismatches: [number, number][];
  /** Whether every numeric cell agrees within half a unit of the book's last decimal. */
  matches: boolean;
}

function checkShape(book: TextbookTable, computed: ArrayLike<number>): number {
  const rows = book.values.length;
  const cols = book.values[0].length;
  if (computed.length !== rows * cols) {
    throw new Error(
      `compareWithBook: ${book.source} is a ${rows} x ${cols} grid (${rows * cols} values), ` +
        `but ${computed.length} computed values were given (one per cell, row by row).`,
    );
  }
  return cols;
}

/**
 * Compares computed values (one per cell, row-major) with a book's table, within the book's
 * rounding: half a unit of its last printed decimal (plus 1e-9 for floating point).
 *
 * @throws when the number of values does not match the book's grid.
 */
export function compareWithBook(book: TextbookTable, computed: ArrayLike<number>): BookComparison {
  const cols = checkShape(book, computed);
  const tolerance = 0.5 * 10 ** -book.decimals + 1e-9;
  let maxDifference = 0;
  const mismatches: [number, number][] = [];
  book.values.forEach((row, r) =>
    row.forEach((printed, c) => {
      if (typeof printed !== "number") return;
      const difference = Math.abs(computed[r * cols + c] - printed);
      maxDifference = Math.max(maxDifference, difference);
      if (!(difference <= tolerance)) mismatches.push([r, c]);
    })
  );
  return { maxDifference, mismatches, matches: mismatches.length === 0 };
}

/**
 * A table showing a book's values next to computed ones, row by row: for each grid row, the
 * book's cells, then the computed cells with one decimal more than the book prints. The
 * caption says where the numbers come from (`computedBy` names the method) and whether they
 * agree.
 */
export function bookComparisonTable(
  book: TextbookTable,
  computed: ArrayLike<number>,
  options: { computedBy?: string } = {},
): MimeBundle {
  const cols = checkShape(book, computed);
  const { maxDifference, matches, mismatches } = compareWithBook(book, computed);
  // One decimal more than the book, so that its rounding is visible (-1.75 printed as -1.7).
  const show = (x: number | string, extra = 0) =>
    typeof x === "number" ? x.toFixed(book.decimals + extra) : x;
  const rows = book.values.map((row, r) => [
    r,
    ...row.map((printed) => show(printed)),
    "│",
    ...row.map((printed, c) =>
      typeof printed === "number" ? show(computed[r * cols + c], 1) : printed
    ),
  ]);
  const columns = [
    "row",
    ...columnIndices(cols).map((c) => `book ${c}`),
    "",
    ...columnIndices(cols).map((c) => `computed ${c}`),
  ];
  const verdict = matches
    ? `all cells agree within the book's rounding (largest difference ${maxDifference.toFixed(4)})`
    : `${mismatches.length} cell(s) differ beyond the book's rounding: ${
      mismatches.map(([r, c]) => `(${r}, ${c})`).join(", ")
    }`;
  return htmlTable(rows, {
    columns,
    caption: `${book.source}: ${book.description}. Book vs computed${
      options.computedBy === undefined ? "" : ` (${options.computedBy})`
    }: ${verdict}.`,
    format: (value) => String(value),
  });
}

function columnIndices(cols: number): number[] {
  return Array.from({ length: cols }, (_, c) => c);
}
