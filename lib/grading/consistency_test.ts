import { assertEquals, assertStringIncludes } from "@std/assert";
import type { CodeCell, Notebook } from "../notebook/ipynb.ts";
import { type ChapterParts, consistencyProblems } from "./consistency.ts";
import { chapter, exercise } from "./spec.ts";

const DOC = "/** Doubles `x`. */";
const solutionSource = `${DOC}
export function double(x: number): number {
  return 2 * x;
}

/** Adds one. */
export function addOne(x: number): number {
  return x + 1;
}

/** A constant is not an exercise. */
export const FACTOR = 2;

/** Types are not exercises either. */
export interface Pair {
  a: number;
}
`;
const double = (x: number) => 2 * x;
const addOne = (x: number) => x + 1;

function cell(source: string, exercise?: string): CodeCell {
  return {
    cell_type: "code",
    id: `c${exercise ?? "x"}`,
    metadata: exercise ? { rl_course: { exercise } } : {},
    source,
    execution_count: null,
    outputs: [],
  };
}

function notebook(...cells: CodeCell[]): Notebook {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { rl_course: { chapter: "99_demo" } },
    cells,
  } as Notebook;
}

const stub = (name: string, signature: string, doc = DOC) =>
  cell(`${doc}\nfunction ${name}${signature} {\n  throw new Error("not implemented");\n}`, name);

function spec(...names: string[]) {
  const impls: Record<string, (x: number) => number> = { double, addOne };
  return chapter({
    id: "99_demo",
    title: "Demo",
    exercises: names.map((name) =>
      exercise({
        name,
        title: name,
        points: 1,
        difficulty: 1,
        importance: 1,
        minutes: 1,
        solution: impls[name],
        mistakes: [],
        check() {},
      })
    ),
  });
}

const good: ChapterParts = {
  spec: spec("double", "addOne"),
  notebook: notebook(
    cell('import { tf } from "../lib/tf/mod.ts";'),
    stub("double", "(x: number): number"),
    stub("addOne", "(x: number): number", "/** Adds one. */"),
  ),
  solutionSource,
  solutionModule: { double, addOne, FACTOR: 2 },
};

Deno.test("a consistent chapter has no problems", () => {
  assertEquals(consistencyProblems(good), []);
});

Deno.test("a changed signature or doc comment in a cell is reported", () => {
  const problems = consistencyProblems({
    ...good,
    notebook: notebook(
      stub("double", "(x: number, y = 1): number"),
      stub("addOne", "(x: number): number", "/** Adds two. */"),
    ),
  });
  assertEquals(problems.length, 2, problems.join("\n"));
  assertStringIncludes(problems[0], "cell 1 (exercise double): the signature differs");
  assertStringIncludes(problems[0], "double(x: number, y = 1): number");
  assertStringIncludes(problems[1], "cell 2 (exercise addOne): the doc comment differs");
});

Deno.test("cells, specs and solution exports missing on either side are reported", () => {
  const problems = consistencyProblems({
    ...good,
    spec: spec("double"),
    notebook: notebook(stub("double", "(x: number): number"), cell("const y = 1;", "triple")),
  });
  assertEquals(problems, [
    "notebooks/99_demo.ipynb cell 2 (exercise triple) has no spec in tests/specs/99_demo.ts",
    "notebooks/99_demo.ipynb cell 2 (exercise triple) does not declare triple",
    "solutions/99_demo.ts exports addOne, which no spec covers: add a spec, or move a " +
    "helper into lib/ or into the body of the solution that uses it",
  ]);
  const noCell = consistencyProblems({
    ...good,
    notebook: notebook(stub("double", "(x: number): number")),
  });
  assertEquals(noCell, ['spec "addOne" has no exercise cell in notebooks/99_demo.ipynb']);
});

Deno.test("a spec whose solution is not the module's export is reported", () => {
  const problems = consistencyProblems({
    ...good,
    solutionModule: { double: (x: number) => x + x, addOne, FACTOR: 2 },
  });
  assertEquals(problems, [
    `spec "double": its solution is not solutions/99_demo.ts's export double`,
  ]);
  const missing = consistencyProblems({
    ...good,
    solutionSource: solutionSource.replace("export function addOne", "function addOne"),
    solutionModule: { double, FACTOR: 2 },
  });
  assertEquals(missing, [
    "notebooks/99_demo.ipynb cell 3 (exercise addOne) has no exported solution addOne in " +
    "solutions/99_demo.ts",
    'spec "addOne" has no export addOne in solutions/99_demo.ts',
  ]);
});
