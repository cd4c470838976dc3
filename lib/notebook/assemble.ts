/**
 * Assembling a notebook's exercises into an importable module: its setup cells and
 * exercise cells, in notebook order, with relative import specifiers (written relative to
 * the notebook's directory, the kernel's working directory) rewritten to absolute file
 * URLs. The module is written to a temporary file and imported; a line map leads errors
 * back to the cell they came from.
 *
 * ```ts
 * const { softmax } = await importNotebookExercises("notebooks/00_tools.ipynb", {
 *   names: ["softmax"],
 * });
 * ```
 *
 * @module
 */
import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { CodeCell, Notebook } from "./ipynb.ts";
import { readNotebook } from "./ipynb.ts";
import { type ExerciseCell, exerciseCells, findExerciseCell } from "./exercises.ts";
import {
  findDeclaration,
  identifiersIn,
  moduleSpecifiers,
  syntaxDiagnostics,
} from "./typescript.ts";

/** Where a run of module lines came from. */
export interface CellSpan {
  /** 1-based module line of the cell's first line. */
  firstLine: number;
  lineCount: number;
  /** The cell's index in the notebook and its id. */
  cellIndex: number;
  cellId: string;
  /** A setup cell, or the exercise cell of `exercise`. */
  role: "setup" | "exercise";
  exercise?: string;
}

/** An assembled module's code and line map. */
export interface AssembledModule {
  code: string;
  spans: CellSpan[];
  /** The exercises included: those asked for and the earlier ones they use. */
  exercises: string[];
}

/** Options for {@link assembleModule}. */
export interface AssembleOptions {
  /** Directory URL that relative imports in cells are relative to (the notebook's). */
  baseUrl: URL;
  /** Only these exercises (plus earlier exercises they refer to); default all. */
  names?: string[];
  /** Names the notebook in error messages (its path). */
  label?: string;
}

/** A syntax or import error in an assembled notebook, located in its cell. */
export class NotebookModuleError extends Error {
  /** Creates the error; `message` names the notebook, cell and line. */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "NotebookModuleError";
  }
}

/**
 * Builds the module text. Exercises the learner left unexported get an `export { NAME }`.
 * Throws `NotebookContentError` (from exercises.ts) for an unknown or duplicated exercise
 * name and
 * {@link NotebookModuleError} for a syntax error or an exercise cell that does not declare
 * its exercise.
 */
export function assembleModule(nb: Notebook, options: AssembleOptions): AssembledModule {
  const label = options.label ?? "notebook";
  const all = exerciseCells(nb);
  const wanted = options.names ?? [...new Set(all.map((e) => e.name))];
  const chosen = new Map<string, ExerciseCell>();
  const queue = wanted.map((name) => findExerciseCell(nb, name));
  while (queue.length > 0) {
    const exercise = queue.pop()!;
    if (chosen.has(exercise.name)) continue;
    chosen.set(exercise.name, exercise);
    // Exercises may call earlier exercises of the chapter: bring those along.
    const used = identifiersIn(exercise.cell.source);
    for (const earlier of all) {
      if (earlier.index < exercise.index && used.has(earlier.name) && !chosen.has(earlier.name)) {
        queue.push(findExerciseCell(nb, earlier.name));
      }
    }
  }

  const lines: string[] = [];
  const spans: CellSpan[] = [];
  const exports: string[] = [];
  nb.cells.forEach((cell, cellIndex) => {
    if (cell.cell_type !== "code") return;
    const setup = cell.metadata.rl_course?.role === "setup";
    const exercise = cell.metadata.rl_course?.exercise;
    const included = setup || (exercise !== undefined && chosen.get(exercise)?.index === cellIndex);
    if (!included) return;
    const where = describeCell(label, cellIndex, cell, setup ? undefined : exercise);
    const problems = syntaxDiagnostics(cell.source, `${cell.id}.ts`);
    if (problems.length > 0) {
      const first = problems[0];
      throw new NotebookModuleError(
        `${where}, line ${first.line} column ${first.column}: ${first.message}`,
      );
    }
    if (exercise !== undefined && !setup) {
      const declaration = findDeclaration(cell.source, exercise, { exportedOnly: false });
      if (!declaration) {
        throw new NotebookModuleError(
          `${where} does not declare ${exercise}: keep the function or class named ${exercise}`,
        );
      }
      if (!declaration.exported) exports.push(exercise);
    }
    lines.push(`// ${where}`);
    const source = rewriteRelativeImports(cell.source, options.baseUrl);
    const cellLines = source.split("\n");
    spans.push({
      firstLine: lines.length + 1,
      lineCount: cellLines.length,
      cellIndex,
      cellId: cell.id,
      role: setup ? "setup" : "exercise",
      ...(setup ? {} : { exercise }),
    });
    lines.push(...cellLines, "");
  });
  if (exports.length > 0) lines.push(`export { ${exports.join(", ")} };`);
  return {
    code: lines.join("\n") + "\n",
    spans,
    exercises: [...chosen.values()].sort((a, b) => a.index - b.index).map((e) => e.name),
  };
}

/**
 * Rewrites relative module specifiers (`./x.ts`, `../lib/tf/mod.ts`) in `source` to
 * absolute URLs against `baseUrl`; bare, `npm:`, `node:` and URL specifiers are kept.
 */
export function rewriteRelativeImports(source: string, baseUrl: URL): string {
  let out = source;
  for (const spec of moduleSpecifiers(source).reverse()) {
    if (spec.specifier.startsWith("./") || spec.specifier.startsWith("../")) {
      const absolute = new URL(spec.specifier, baseUrl).href;
      out = out.slice(0, spec.start) + absolute + out.slice(spec.end);
    }
  }
  return out;
}

/**
 * The cell a 1-based module line came from, and the line within that cell, e.g. to turn a
 * stack frame `module.ts:12:5` into "cell 7, line 3".
 */
export function locateLine(
  module: AssembledModule,
  line: number,
): { span: CellSpan; line: number } | undefined {
  const span = module.spans.find((s) => line >= s.firstLine && line < s.firstLine + s.lineCount);
  return span ? { span, line: line - span.firstLine + 1 } : undefined;
}

/**
 * Replaces every `URL:line:column` of the assembled module in `text` (an error message or
 * stack) with the cell it points into, e.g. `cell 7 "c07-softmax" (exercise softmax) line 3:5`.
 */
export function mapModuleLocations(
  text: string,
  module: AssembledModule,
  moduleUrl: string,
  label = "notebook",
): string {
  const escaped = moduleUrl.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return text.replace(new RegExp(`${escaped}:(\\d+):(\\d+)`, "g"), (whole, line, column) => {
    const found = locateLine(module, Number(line));
    if (!found) return whole;
    const { span } = found;
    return `${label} cell ${span.cellIndex + 1} "${span.cellId}"` +
      `${span.exercise ? ` (exercise ${span.exercise})` : " (setup)"} line ${found.line}:${column}`;
  });
}

/** A notebook module that was imported, with what is needed to map its errors. */
export interface ImportedNotebook {
  /** The module namespace: every included exercise by name, and the setup cells' exports. */
  exports: Record<string, unknown>;
  module: AssembledModule;
  /** The URL the module was imported from (stack frames name it). */
  url: string;
}

/**
 * Assembles, writes to a temporary file and imports `nb`'s exercises (see
 * {@link assembleModule}). An error while importing is rethrown as a
 * {@link NotebookModuleError} whose message points at the cell and line.
 */
export async function importAssembled(
  nb: Notebook,
  options: AssembleOptions,
): Promise<ImportedNotebook> {
  const module = assembleModule(nb, options);
  const file = await Deno.makeTempFile({ prefix: "rl-course-notebook-", suffix: ".ts" });
  const url = pathToFileURL(file).href;
  try {
    await Deno.writeTextFile(file, module.code);
    const exports = await import(url) as Record<string, unknown>;
    return { exports, module, url };
  } catch (err) {
    // The message, plus the stack frames inside the notebook's cells.
    const frames = err instanceof Error && err.stack
      ? err.stack.split("\n").filter((line) => line.includes(url))
      : [];
    const text = [err instanceof Error ? err.message : String(err), ...frames].join("\n");
    throw new NotebookModuleError(
      `importing the exercises of ${options.label ?? "the notebook"} failed: ` +
        mapModuleLocations(text, module, url, options.label),
      { cause: err },
    );
  } finally {
    await Deno.remove(file).catch(() => undefined);
  }
}

/**
 * Reads the notebook at `notebookPath` and imports its setup and exercise cells as a
 * module (all exercises, or `names` and the earlier exercises they use).
 */
export async function importNotebookExercises(
  notebookPath: string,
  options: { names?: string[] } = {},
): Promise<Record<string, unknown>> {
  return (await importNotebookModule(notebookPath, options)).exports;
}

/** Like {@link importNotebookExercises}, also returning the line map and module URL. */
export async function importNotebookModule(
  notebookPath: string,
  options: { names?: string[] } = {},
): Promise<ImportedNotebook> {
  const nb = await readNotebook(notebookPath);
  const baseUrl = pathToFileURL(dirname(resolve(notebookPath)) + "/");
  return await importAssembled(nb, { baseUrl, names: options.names, label: notebookPath });
}

function describeCell(label: string, index: number, cell: CodeCell, exercise?: string): string {
  const what = exercise === undefined ? "setup" : `exercise ${exercise}`;
  return `${label} cell ${index + 1} "${cell.id}" (${what})`;
}
