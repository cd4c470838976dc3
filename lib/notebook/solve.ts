/**
 * Solved copies of notebooks: each exercise cell's stub replaced by the declaration of the
 * same exported name (JSDoc included) from `solutions/<chapter>.ts`.
 *
 * @module
 */
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Notebook } from "./ipynb.ts";
import { clearOutputs, readNotebook, writeNotebook } from "./ipynb.ts";
import { chapterOf } from "./exercises.ts";
import { requireExportedDeclaration } from "./typescript.ts";

/** The repository's `solutions/` directory. */
export function solutionsDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), "..", "..", "solutions");
}

/** `solutions/<chapter>.ts` in the repository. */
export function solutionPathFor(chapter: string): string {
  return join(solutionsDir(), `${chapter}.ts`);
}

/** The default solved copy of `notebooks/NN_topic.ipynb`: `notebooks/NN_topic.solved.ipynb`. */
export function solvedPathFor(notebookPath: string): string {
  const name = basename(notebookPath).replace(/\.ipynb$/, "");
  return join(dirname(notebookPath), `${name}.solved.ipynb`);
}

/**
 * A copy of `nb` (outputs cleared) whose exercise cells hold the solution's declarations.
 * `solutionPath` names the solution in errors. Throws when an exercise has no exported
 * declaration in the solution (the message lists what the solution exports).
 */
export function solveNotebook(
  nb: Notebook,
  solutionSource: string,
  solutionPath: string,
): Notebook {
  const solved = clearOutputs(nb);
  return {
    ...solved,
    cells: solved.cells.map((cell) => {
      const name = cell.metadata.rl_course?.exercise;
      if (cell.cell_type !== "code" || typeof name !== "string") return cell;
      const declaration = requireExportedDeclaration(solutionSource, name, solutionPath);
      return { ...cell, source: declaration.text };
    }),
  };
}

/**
 * Reads the notebook at `notebookPath` and its chapter's solution (default
 * `solutions/<chapter>.ts`, the chapter taken from the notebook metadata) and solves it.
 */
export async function solveNotebookFile(
  notebookPath: string,
  options: { solutionPath?: string } = {},
): Promise<Notebook> {
  const nb = await readNotebook(notebookPath);
  const solutionPath = options.solutionPath ?? solutionPathFor(chapterOf(nb, notebookPath));
  let source: string;
  try {
    source = await Deno.readTextFile(solutionPath);
  } catch (err) {
    throw new Error(
      `cannot read the solution ${solutionPath} for ${notebookPath}: ${(err as Error).message}`,
    );
  }
  return solveNotebook(nb, source, solutionPath);
}

/** Writes the solved copy (default {@link solvedPathFor}); returns the path written. */
export async function writeSolvedNotebook(
  notebookPath: string,
  options: { out?: string; solutionPath?: string } = {},
): Promise<string> {
  const solved = await solveNotebookFile(notebookPath, options);
  const out = options.out ?? solvedPathFor(notebookPath);
  await writeNotebook(out, solved, { clearOutputs: true });
  return out;
}
