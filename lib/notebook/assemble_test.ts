import { assert, assertEquals, assertRejects, assertThrows } from "@std/assert";
import {
  assembleModule,
  importAssembled,
  importNotebookExercises,
  locateLine,
  NotebookModuleError,
  rewriteRelativeImports,
} from "./assemble.ts";
import { NotebookContentError } from "./exercises.ts";
import type { Cell, Notebook } from "./ipynb.ts";
import { writeNotebook } from "./ipynb.ts";

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

function notebookOf(cells: Cell[]): Notebook {
  return { nbformat: 4, nbformat_minor: 5, metadata: { rl_course: { chapter: "99_t" } }, cells };
}

const CELLS: Cell[] = [
  { cell_type: "markdown", id: "m", metadata: {}, source: "# Test" },
  code("s", 'import { twice } from "../lib/helper.ts";', { role: "setup" }),
  code("a", "/** a */\nexport function a(x: number): number {\n  return twice(x) + 1;\n}", {
    exercise: "a",
  }),
  // An ordinary cell: never part of the module (it would run the check at import time).
  code("run", 'throw new Error("ordinary cells are not assembled");'),
  code("b", "export function b(x: number): number {\n  return a(x) * 10;\n}", { exercise: "b" }),
  // A learner who dropped `export`: the assembler exports it.
  code("c", 'function c(): string {\n  return "c";\n}', { exercise: "c" }),
  code("d", "export const d = 5;", { exercise: "d" }),
];

/** A repository-like layout: lib/helper.ts and notebooks/nb.ipynb. */
async function layout(cells: Cell[]): Promise<{ root: string; path: string }> {
  const root = await Deno.makeTempDir({ prefix: "rl-course-assemble-test-" });
  await Deno.mkdir(`${root}/lib`);
  await Deno.mkdir(`${root}/notebooks`);
  await Deno.writeTextFile(
    `${root}/lib/helper.ts`,
    "export function twice(x: number): number {\n  return 2 * x;\n}\n",
  );
  const path = `${root}/notebooks/nb.ipynb`;
  await writeNotebook(path, notebookOf(cells));
  return { root, path };
}

Deno.test("importNotebookExercises: setup + exercise cells, relative imports resolved", async () => {
  const { root, path } = await layout(CELLS);
  const m = await importNotebookExercises(path);
  assertEquals(Object.keys(m).sort(), ["a", "b", "c", "d"]);
  const a = m.a as (x: number) => number;
  const b = m.b as (x: number) => number;
  // a(1) = twice(1) + 1 = 3; b(1) = a(1) * 10 = 30, by hand from the cells above.
  assertEquals([a(1), b(1), (m.c as () => string)(), m.d], [3, 30, "c", 5]);
  await Deno.remove(root, { recursive: true });
});

Deno.test("importNotebookExercises: names pull in the earlier exercises they use", async () => {
  const { root, path } = await layout(CELLS);
  const m = await importNotebookExercises(path, { names: ["b"] });
  assertEquals(Object.keys(m).sort(), ["a", "b"]);
  assertEquals((m.b as (x: number) => number)(2), 50);
  await assertRejects(
    () => importNotebookExercises(path, { names: ["e"] }),
    NotebookContentError,
    'no exercise "e" in this notebook; known exercises: a, b, c, d',
  );
  await Deno.remove(root, { recursive: true });
});

Deno.test("assembleModule: a syntax error names the cell and its line", () => {
  const nb = notebookOf([
    code("s", "const ok = 1;", { role: "setup" }),
    code("f", "export function f(x: number): number {\n  return (x;\n}", { exercise: "f" }),
  ]);
  const err = assertThrows(
    () => assembleModule(nb, { baseUrl: new URL("file:///r/notebooks/"), label: "nb.ipynb" }),
    NotebookModuleError,
  );
  assertEquals(
    err.message,
    `nb.ipynb cell 2 "f" (exercise f), line 2 column 12: ')' expected.`,
  );
});

Deno.test("assembleModule: an exercise cell that does not declare its exercise", () => {
  const nb = notebookOf([code("f", "export function g() {}", { exercise: "f" })]);
  const err = assertThrows(
    () => assembleModule(nb, { baseUrl: new URL("file:///r/notebooks/"), label: "nb.ipynb" }),
    NotebookModuleError,
  );
  assertEquals(
    err.message,
    `nb.ipynb cell 1 "f" (exercise f) does not declare f: keep the function or class named f`,
  );
});

Deno.test("assembleModule: the line map leads module lines back to cells", () => {
  const module = assembleModule(notebookOf(CELLS), {
    baseUrl: new URL("file:///r/notebooks/"),
    names: ["b"],
  });
  assertEquals(module.exercises, ["a", "b"]);
  const lines = module.code.split("\n");
  const at = (text: string) => lines.findIndex((l) => l.includes(text)) + 1;
  const twice = locateLine(module, at("return twice(x) + 1;"))!;
  assertEquals([twice.span.cellId, twice.span.exercise, twice.line], ["a", "a", 3]);
  const setup = locateLine(module, at("import { twice }"))!;
  assertEquals([setup.span.cellId, setup.span.role, setup.line], ["s", "setup", 1]);
  assertEquals(locateLine(module, 1), undefined);
  assert(!module.code.includes("ordinary cells"));
  assert(module.code.includes('from "file:///r/lib/helper.ts"'));
});

Deno.test("importAssembled: an error while importing points at the cell and line", async () => {
  const nb = notebookOf([
    code("s", 'const ok = 1;\nthrow new Error("setup broke");', { role: "setup" }),
    code("f", "export const f = ok;", { exercise: "f" }),
  ]);
  const err = await assertRejects(
    () => importAssembled(nb, { baseUrl: new URL("file:///r/notebooks/"), label: "nb.ipynb" }),
    NotebookModuleError,
  );
  assert(err.message.includes("setup broke"), err.message);
  assert(err.message.includes('nb.ipynb cell 1 "s" (setup) line 2:7'), err.message);
});

Deno.test("rewriteRelativeImports: only ./ and ../ specifiers", () => {
  const base = new URL("file:///repo/notebooks/");
  assertEquals(
    rewriteRelativeImports(
      'import { tf } from "../lib/tf/mod.ts";\nimport * as z from "zeromq";\n' +
        'import "npm:x@1";\nconst p = await import("./local.ts");',
      base,
    ),
    'import { tf } from "file:///repo/lib/tf/mod.ts";\nimport * as z from "zeromq";\n' +
      'import "npm:x@1";\nconst p = await import("file:///repo/notebooks/local.ts");',
  );
});
