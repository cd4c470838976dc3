/**
 * Consistency of a chapter's four faces (CONTRIBUTING.md, "Exercises"): the notebook's
 * exercise cells, the solutions module, and the specs.
 *
 * - every exercise cell declares its exercise with the same signature and doc comment as the
 *   solution module's export, and has a spec;
 * - every spec has an exercise cell and a solution export, and its `solution` is that export;
 * - every function or class the solution module exports is covered by a spec.
 *
 * {@link consistencyProblems} works on values (testable with fixtures);
 * {@link chapterConsistencyProblems} reads a chapter of this repository.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { exerciseCells } from "../notebook/exercises.ts";
import { type Notebook, readNotebook } from "../notebook/ipynb.ts";
import { declarations, findDeclaration } from "../notebook/typescript.ts";
import { loadChapterSpec } from "./notebook.ts";
import type { ChapterSpec } from "./spec.ts";

/** What {@link consistencyProblems} compares. */
export interface ChapterParts {
  spec: ChapterSpec;
  notebook: Notebook;
  /** The solution module's source text and its imported namespace. */
  solutionSource: string;
  solutionModule: Record<string, unknown>;
  /** File names used in messages (defaults: `notebooks/<id>.ipynb`, `solutions/<id>.ts`). */
  notebookFile?: string;
  solutionFile?: string;
}

/** Whitespace-insensitive form of a signature or doc comment. */
function normalise(text: string | undefined): string {
  return (text ?? "").replace(/\s+/g, " ").trim();
}

/** Every disagreement between a chapter's notebook, solutions and specs; empty when none. */
export function consistencyProblems(parts: ChapterParts): string[] {
  const { spec, solutionSource, solutionModule } = parts;
  const notebookFile = parts.notebookFile ?? `notebooks/${spec.id}.ipynb`;
  const solutionFile = parts.solutionFile ?? `solutions/${spec.id}.ts`;
  const cells = exerciseCells(parts.notebook);
  const specNames = new Set(spec.exercises.map((ex) => ex.name));
  const cellNames = new Set(cells.map((c) => c.name));
  const problems: string[] = [];

  for (const { name, index, cell } of cells) {
    const where = `${notebookFile} cell ${index + 1} (exercise ${name})`;
    if (!specNames.has(name)) problems.push(`${where} has no spec in tests/specs/${spec.id}.ts`);
    const stub = findDeclaration(cell.source, name, { exportedOnly: false });
    if (stub === undefined) {
      problems.push(`${where} does not declare ${name}`);
      continue;
    }
    const solution = findDeclaration(solutionSource, name);
    if (solution === undefined) {
      problems.push(`${where} has no exported solution ${name} in ${solutionFile}`);
      continue;
    }
    if (normalise(stub.signature) !== normalise(solution.signature)) {
      problems.push(
        `${where}: the signature differs from ${solutionFile}'s\n` +
          `      cell:     ${normalise(stub.signature)}\n` +
          `      solution: ${normalise(solution.signature)}`,
      );
    }
    if (normalise(stub.jsDoc) !== normalise(solution.jsDoc)) {
      problems.push(
        `${where}: the doc comment differs from ${solutionFile}'s (copy it verbatim: ` +
          "`deno task solve` substitutes the solution with its doc comment)",
      );
    }
  }

  for (const ex of spec.exercises) {
    if (!cellNames.has(ex.name)) {
      problems.push(`spec "${ex.name}" has no exercise cell in ${notebookFile}`);
    }
    if (!(ex.name in solutionModule)) {
      problems.push(`spec "${ex.name}" has no export ${ex.name} in ${solutionFile}`);
    } else if (solutionModule[ex.name] !== ex.solution) {
      problems.push(`spec "${ex.name}": its solution is not ${solutionFile}'s export ${ex.name}`);
    }
  }

  for (const d of declarations(solutionSource)) {
    const callable = typeof solutionModule[d.name] === "function";
    if (d.exported && callable && !specNames.has(d.name)) {
      problems.push(
        `${solutionFile} exports ${d.name}, which no spec covers: add a spec, or move a ` +
          "helper into lib/ or into the body of the solution that uses it",
      );
    }
  }
  return problems;
}

/** The problems of chapter `id` of this repository (its spec, notebook and solutions). */
export async function chapterConsistencyProblems(id: string): Promise<string[]> {
  const root = new URL("../../", import.meta.url);
  const solutionUrl = new URL(`solutions/${id}.ts`, root);
  const notebookPath = fileURLToPath(new URL(`notebooks/${id}.ipynb`, root));
  const missing = [
    ...(await exists(notebookPath) ? [] : [
      `notebooks/${id}.ipynb does not exist: write notebooks/src/${id}.md and run ` +
      "`deno task nb:build`",
    ]),
    ...(await exists(fileURLToPath(solutionUrl)) ? [] : [`solutions/${id}.ts does not exist`]),
  ];
  if (missing.length > 0) return missing;
  return consistencyProblems({
    spec: await loadChapterSpec(id),
    notebook: await readNotebook(notebookPath),
    solutionSource: await Deno.readTextFile(solutionUrl),
    solutionModule: await import(solutionUrl.href),
  });
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return false;
    throw err;
  }
}
