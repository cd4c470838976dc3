/**
 * Notebook sources: `notebooks/src/NN_topic.md` (the format CONTRIBUTING.md fixes) turned
 * into the generated `notebooks/NN_topic.ipynb`.
 *
 * - A fence ```` ```ts setup ````, ```` ```ts exercise=NAME ```` or ```` ```ts cell ```` is a
 *   code cell (setup cell, exercise cell, other code cell).
 * - Everything else is Markdown; a line `<!-- cell -->` starts a new Markdown cell. Other
 *   fences (```` ```ts ```` alone, ```` ```text ````) stay inside the Markdown, and nothing
 *   inside any fence is interpreted.
 *
 * Cell ids are deterministic: `c07` by position, with `-setup` or `-NAME` for setup and
 * exercise cells, so rebuilding an unchanged source gives an identical notebook.
 *
 * @module
 */
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Cell, Notebook, NotebookMetadata } from "./ipynb.ts";
import { NBFORMAT_MINOR, serializeNotebook } from "./ipynb.ts";

/** The course kernelspec, as written by `deno task lab` and named in every notebook. */
export const KERNELSPEC = {
  name: "rl-course",
  display_name: "Deno (RL course)",
  language: "typescript",
} as const;

/**
 * `language_info` as Deno's kernel reports it in `kernel_info_reply` (Deno 2.9.6 reports
 * TypeScript 6.0.3, the compiler bundled in the Deno binary).
 */
export const LANGUAGE_INFO = {
  name: "typescript",
  version: "6.0.3",
  mimetype: "text/x.typescript",
  file_extension: ".ts",
  pygments_lexer: "typescript",
  codemirror_mode: "typescript",
  nbconvert_exporter: "script",
} as const;

/** Thrown for a malformed notebook source; the message names the file and line. */
export class NotebookSourceError extends Error {
  /** Creates the error for `path`, 1-based `line`. */
  constructor(path: string, line: number, problem: string) {
    super(`${path}:${line}: ${problem}`);
    this.name = "NotebookSourceError";
  }
}

type CodeKind = { kind: "setup" } | { kind: "exercise"; name: string } | { kind: "cell" };

interface Fence {
  char: "`" | "~";
  length: number;
  line: number;
  code?: CodeKind;
  lines: string[];
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const CELL_BREAK = /^\s*<!--\s*cell\s*-->\s*$/;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Parses a notebook source. `chapter` goes into the notebook metadata (`rl_course.chapter`);
 * `path` names the file in errors. Blank lines around each cell's text are dropped. Throws
 * {@link NotebookSourceError} for an unclosed fence, an unknown cell keyword after `ts`, a
 * bad or repeated exercise name.
 */
export function parseNotebookSource(
  markdown: string,
  options: { chapter: string; path?: string },
): Notebook {
  const path = options.path ?? `${options.chapter}.md`;
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  type Draft = { type: "markdown"; lines: string[] } | {
    type: "code";
    code: CodeKind;
    lines: string[];
  };
  const drafts: Draft[] = [];
  let markdownLines: string[] = [];
  let fence: Fence | undefined;
  const exercises = new Map<string, number>();

  const flushMarkdown = () => {
    const text = trimBlankLines(markdownLines);
    if (text.length > 0) drafts.push({ type: "markdown", lines: text });
    markdownLines = [];
  };

  lines.forEach((line, i) => {
    const lineNo = i + 1;
    if (fence) {
      if (isFenceClose(line, fence)) {
        if (fence.code) {
          drafts.push({ type: "code", code: fence.code, lines: trimBlankLines(fence.lines) });
        } else markdownLines.push(line);
        fence = undefined;
      } else if (fence.code) {
        fence.lines.push(line);
      } else {
        markdownLines.push(line);
      }
      return;
    }
    const open = line.match(FENCE_OPEN);
    if (open && !(open[1][0] === "`" && open[2].includes("`"))) {
      const code = codeKind(open[2], path, lineNo);
      fence = {
        char: open[1][0] as "`" | "~",
        length: open[1].length,
        line: lineNo,
        code,
        lines: [],
      };
      if (code) {
        if (code.kind === "exercise") {
          const earlier = exercises.get(code.name);
          if (earlier !== undefined) {
            throw new NotebookSourceError(
              path,
              lineNo,
              `exercise "${code.name}" is declared twice (first on line ${earlier})`,
            );
          }
          exercises.set(code.name, lineNo);
        }
        flushMarkdown();
      } else {
        markdownLines.push(line);
      }
      return;
    }
    if (CELL_BREAK.test(line)) {
      flushMarkdown();
      return;
    }
    markdownLines.push(line);
  });
  if (fence) {
    // CommonMark would close it at the end of the file, but here it would silently swallow
    // every later cell into one block.
    const what = fence.code ? "code cell fence" : "fence";
    throw new NotebookSourceError(path, fence.line, `${what} is never closed`);
  }
  flushMarkdown();

  const width = Math.max(2, String(drafts.length).length);
  const cells: Cell[] = drafts.map((draft, i) => {
    const number = `c${String(i + 1).padStart(width, "0")}`;
    const source = draft.lines.join("\n");
    if (draft.type === "markdown") {
      return { cell_type: "markdown", id: number, metadata: {}, source };
    }
    const code = draft.code;
    const id = code.kind === "setup"
      ? `${number}-setup`
      : code.kind === "exercise"
      ? `${number}-${code.name.replaceAll("$", "_")}`.slice(0, 64)
      : number;
    const metadata = code.kind === "setup"
      ? { rl_course: { role: "setup" } }
      : code.kind === "exercise"
      ? { rl_course: { exercise: code.name } }
      : {};
    return { cell_type: "code", id, metadata, source, execution_count: null, outputs: [] };
  });
  const metadata: NotebookMetadata = {
    kernelspec: { ...KERNELSPEC },
    language_info: { ...LANGUAGE_INFO },
    rl_course: { chapter: options.chapter },
  };
  return { nbformat: 4, nbformat_minor: NBFORMAT_MINOR, metadata, cells };
}

/** The chapter id of a source path: its base name without `.md`, e.g. `"00_tools"`. */
export function chapterOfSource(path: string): string {
  return basename(path).replace(/\.md$/, "");
}

/** A source and the notebook generated from it. */
export interface BuiltNotebook {
  /** The source file, `notebooks/src/NN_topic.md`. */
  source: string;
  /** The generated notebook's path, `notebooks/NN_topic.ipynb`. */
  target: string;
  notebook: Notebook;
  /** The notebook file's exact text. */
  text: string;
}

/** The repository's `notebooks/` directory (this module lives in `lib/notebook/`). */
export function notebooksDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), "..", "..", "notebooks");
}

/**
 * Builds every `src/*.md` under `dir` (default: the repository's `notebooks/`) in name
 * order, without writing anything.
 */
export async function buildNotebooks(dir: string = notebooksDir()): Promise<BuiltNotebook[]> {
  const srcDir = join(dir, "src");
  const names: string[] = [];
  try {
    for await (const entry of Deno.readDir(srcDir)) {
      if (entry.isFile && entry.name.endsWith(".md")) names.push(entry.name);
    }
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return [];
    throw err;
  }
  names.sort();
  const built: BuiltNotebook[] = [];
  for (const name of names) {
    const source = join(srcDir, name);
    const chapter = chapterOfSource(name);
    const notebook = parseNotebookSource(await Deno.readTextFile(source), {
      chapter,
      path: source,
    });
    built.push({
      source,
      target: join(dir, `${chapter}.ipynb`),
      notebook,
      text: serializeNotebook(notebook, { clearOutputs: true }),
    });
  }
  return built;
}

function codeKind(info: string, path: string, line: number): CodeKind | undefined {
  const words = info.trim().split(/\s+/).filter((w) => w !== "");
  if (words[0] !== "ts" || words.length === 1) return undefined;
  const [, keyword, ...rest] = words;
  if (rest.length > 0) {
    throw new NotebookSourceError(
      path,
      line,
      `unexpected "${rest.join(" ")}" after "ts ${keyword}" (one cell keyword per fence)`,
    );
  }
  if (keyword === "setup") return { kind: "setup" };
  if (keyword === "cell") return { kind: "cell" };
  if (keyword.startsWith("exercise")) {
    const match = keyword.match(/^exercise=(.*)$/);
    if (!match || !IDENTIFIER.test(match[1])) {
      throw new NotebookSourceError(
        path,
        line,
        `"${keyword}" must be exercise=NAME with NAME the exported identifier, ` +
          'e.g. "```ts exercise=softmax"',
      );
    }
    return { kind: "exercise", name: match[1] };
  }
  throw new NotebookSourceError(
    path,
    line,
    `unknown cell keyword "${keyword}" after "ts": use setup, cell or exercise=NAME ` +
      '(a plain "```ts" fence stays in the Markdown)',
  );
}

function isFenceClose(line: string, fence: Fence): boolean {
  const match = line.match(/^ {0,3}(`{3,}|~{3,})\s*$/);
  return match !== null && match[1][0] === fence.char && match[1].length >= fence.length;
}

function trimBlankLines(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start].trim() === "") start++;
  while (end > start && lines[end - 1].trim() === "") end--;
  return lines.slice(start, end);
}
