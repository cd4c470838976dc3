/**
 * Finding a course notebook's exercise and setup cells and its chapter, by metadata:
 * exercise cells carry `rl_course: { exercise: NAME }`, setup cells
 * `rl_course: { role: "setup" }`, and the notebook `rl_course: { chapter: "NN_topic" }`.
 *
 * @module
 */
import type { CodeCell, Notebook } from "./ipynb.ts";

/** An exercise cell with its name and position. */
export interface ExerciseCell {
  /** The exercise name (the exported function or class the cell declares). */
  name: string;
  /** The cell's index in `nb.cells`. */
  index: number;
  cell: CodeCell;
}

/** Thrown when a notebook lacks what a course notebook must have. */
export class NotebookContentError extends Error {
  /** Creates the error with a message naming the problem. */
  constructor(message: string) {
    super(message);
    this.name = "NotebookContentError";
  }
}

/** Every exercise cell, in notebook order (a name may repeat if a learner copied a cell). */
export function exerciseCells(nb: Notebook): ExerciseCell[] {
  const found: ExerciseCell[] = [];
  nb.cells.forEach((cell, index) => {
    const name = cell.metadata.rl_course?.exercise;
    if (cell.cell_type === "code" && typeof name === "string") found.push({ name, index, cell });
  });
  return found;
}

/**
 * The exercise cell named `name`. Throws {@link NotebookContentError} listing the known
 * names when there is none, and naming the cells when there are several.
 */
export function findExerciseCell(nb: Notebook, name: string): ExerciseCell {
  const all = exerciseCells(nb);
  const matches = all.filter((e) => e.name === name);
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) {
    const where = matches.map((m) => `${m.index + 1} (id "${m.cell.id}")`).join(", ");
    throw new NotebookContentError(`exercise "${name}" appears in several cells: ${where}`);
  }
  const known = [...new Set(all.map((e) => e.name))];
  throw new NotebookContentError(
    `no exercise "${name}" in this notebook; known exercises: ${
      known.length ? known.join(", ") : "(none)"
    }`,
  );
}

/** The setup cells (imports and set-up the exercises need), in notebook order. */
export function setupCells(nb: Notebook): CodeCell[] {
  return nb.cells.filter((cell): cell is CodeCell =>
    cell.cell_type === "code" && cell.metadata.rl_course?.role === "setup"
  );
}

/**
 * The chapter id from the notebook metadata (`rl_course.chapter`), e.g. `"01_bandits"`.
 * `label` (a file name) is used in the error when it is missing.
 */
export function chapterOf(nb: Notebook, label = "notebook"): string {
  const chapter = nb.metadata.rl_course?.chapter;
  if (typeof chapter !== "string" || chapter === "") {
    throw new NotebookContentError(
      `${label}: no chapter in the notebook metadata (rl_course.chapter); ` +
        "was it generated with `deno task nb:build`?",
    );
  }
  return chapter;
}
