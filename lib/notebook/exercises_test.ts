import { assertEquals, assertThrows } from "@std/assert";
import {
  chapterOf,
  exerciseCells,
  findExerciseCell,
  NotebookContentError,
  setupCells,
} from "./exercises.ts";
import type { Cell, Notebook } from "./ipynb.ts";

function code(id: string, source: string, rl_course?: Record<string, string>): Cell {
  return {
    cell_type: "code",
    id,
    metadata: rl_course ? { rl_course } : {},
    source,
    execution_count: null,
    outputs: [],
  };
}

const NOTEBOOK: Notebook = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: { rl_course: { chapter: "01_bandits" } },
  cells: [
    { cell_type: "markdown", id: "m1", metadata: {}, source: "# Bandits" },
    code("s1", 'import { tf } from "../lib/tf/mod.ts";', { role: "setup" }),
    code("e1", "export function greedy() {}", { exercise: "greedy" }),
    // Metadata on a markdown cell does not make it an exercise.
    { cell_type: "markdown", id: "m2", metadata: { rl_course: { exercise: "fake" } }, source: "" },
    code("c1", 'await check("greedy", greedy);'),
    code("e2", "export class Ucb {}", { exercise: "Ucb" }),
  ],
};

Deno.test("exerciseCells: code cells with rl_course.exercise, in order", () => {
  assertEquals(
    exerciseCells(NOTEBOOK).map((e) => [e.name, e.index, e.cell.id]),
    [["greedy", 2, "e1"], ["Ucb", 5, "e2"]],
  );
});

Deno.test("findExerciseCell: by name", () => {
  assertEquals(findExerciseCell(NOTEBOOK, "Ucb").cell.id, "e2");
});

Deno.test("findExerciseCell: an unknown name lists the known ones", () => {
  const err = assertThrows(() => findExerciseCell(NOTEBOOK, "greed"), NotebookContentError);
  assertEquals(err.message, 'no exercise "greed" in this notebook; known exercises: greedy, Ucb');
});

Deno.test("findExerciseCell: a duplicated exercise names its cells", () => {
  const copied = {
    ...NOTEBOOK,
    cells: [...NOTEBOOK.cells, code("e3", "", { exercise: "greedy" })],
  };
  const err = assertThrows(() => findExerciseCell(copied, "greedy"), NotebookContentError);
  assertEquals(
    err.message,
    'exercise "greedy" appears in several cells: 3 (id "e1"), 7 (id "e3")',
  );
});

Deno.test("setupCells and chapterOf", () => {
  assertEquals(setupCells(NOTEBOOK).map((c) => c.id), ["s1"]);
  assertEquals(chapterOf(NOTEBOOK), "01_bandits");
  const err = assertThrows(
    () => chapterOf({ ...NOTEBOOK, metadata: {} }, "submissions/ana.ipynb"),
    NotebookContentError,
  );
  assertEquals(
    err.message,
    "submissions/ana.ipynb: no chapter in the notebook metadata (rl_course.chapter); " +
      "was it generated with `deno task nb:build`?",
  );
});
