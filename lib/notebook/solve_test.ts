import { assert, assertEquals, assertRejects, assertThrows } from "@std/assert";
import { solvedPathFor, solveNotebook, solveNotebookFile, writeSolvedNotebook } from "./solve.ts";
import type { Cell, CodeCell, Notebook } from "./ipynb.ts";
import { readNotebook, writeNotebook } from "./ipynb.ts";
import { DeclarationNotFoundError } from "./typescript.ts";

const SOLUTION = `/** Solutions of chapter 99. @module */
import { twice } from "../lib/helper.ts";

/**
 * Adds one.
 * @param x a number
 */
export function inc(x: number): number {
  return x + 1;
}

/** A counter. */
export class Counter {
  n = 0;
  tick(): number {
    return ++this.n;
  }
}
`;

function notebook(): Notebook {
  const cells: Cell[] = [
    { cell_type: "markdown", id: "m", metadata: {}, source: "# 99" },
    {
      cell_type: "code",
      id: "c02-inc",
      metadata: { rl_course: { exercise: "inc" } },
      source:
        '/** Adds one. */\nexport function inc(x: number): number {\n  throw new Error("not implemented");\n}',
      execution_count: 4,
      outputs: [{ output_type: "stream", name: "stdout", text: "old output\n" }],
    },
    {
      cell_type: "code",
      id: "c03",
      metadata: {},
      source: 'await check("inc", inc);',
      execution_count: null,
      outputs: [],
    },
    {
      cell_type: "code",
      id: "c04-Counter",
      metadata: { rl_course: { exercise: "Counter" } },
      source: "export class Counter {}",
      execution_count: null,
      outputs: [],
    },
  ];
  return { nbformat: 4, nbformat_minor: 5, metadata: { rl_course: { chapter: "99_t" } }, cells };
}

Deno.test("solveNotebook: exercise cells get the solution's declaration with its JSDoc", () => {
  const solved = solveNotebook(notebook(), SOLUTION, "solutions/99_t.ts");
  const inc = solved.cells[1] as CodeCell;
  assertEquals(
    inc.source,
    "/**\n * Adds one.\n * @param x a number\n */\nexport function inc(x: number): number {\n" +
      "  return x + 1;\n}",
  );
  // Ids and metadata stay; outputs are cleared.
  assertEquals([inc.id, inc.metadata, inc.outputs, inc.execution_count], [
    "c02-inc",
    { rl_course: { exercise: "inc" } },
    [],
    null,
  ]);
  assert(solved.cells[3].source.startsWith("/** A counter. */\nexport class Counter {"));
  // Other cells are untouched.
  assertEquals(solved.cells[2].source, 'await check("inc", inc);');
  assertEquals(solved.cells[0], notebook().cells[0]);
});

Deno.test("solveNotebook: an exercise missing from the solution is an error", () => {
  const err = assertThrows(
    () => solveNotebook(notebook(), "export function inc() {}", "solutions/99_t.ts"),
    DeclarationNotFoundError,
  );
  assertEquals(
    err.message,
    'solutions/99_t.ts has no exported declaration "Counter"; exported: inc',
  );
});

Deno.test("writeSolvedNotebook: default path next to the notebook; a missing solution", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/99_t.ipynb`;
  await writeNotebook(path, notebook());
  await Deno.writeTextFile(`${dir}/sol.ts`, SOLUTION);
  assertEquals(solvedPathFor(path), `${dir}/99_t.solved.ipynb`);
  const written = await writeSolvedNotebook(path, { solutionPath: `${dir}/sol.ts` });
  assertEquals(written, `${dir}/99_t.solved.ipynb`);
  const solved = await readNotebook(written);
  assert(solved.cells[1].source.includes("return x + 1;"));
  const err = await assertRejects(() =>
    solveNotebookFile(path, { solutionPath: `${dir}/missing.ts` })
  );
  assert(err.message.startsWith(`cannot read the solution ${dir}/missing.ts for ${path}`));
  await Deno.remove(dir, { recursive: true });
});
