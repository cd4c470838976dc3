/**
 * Reading and writing Jupyter notebooks (nbformat 4, written as 4.5 with cell ids).
 *
 * In memory, every multi-line string (cell `source`, stream `text`, text-like MIME data) is
 * one `string`; on disk it is written the way Jupyter writes it (nbformat's `split_lines`):
 * a list of lines, keys sorted, one-space indent, a final newline. So a notebook saved by
 * Jupyter and rewritten here gives a small diff or none.
 *
 * @module
 */

/** The notebook's metadata; `rl_course.chapter` names the chapter, e.g. `"01_bandits"`. */
export interface NotebookMetadata {
  kernelspec?: { name: string; display_name: string; language?: string };
  language_info?: Record<string, unknown>;
  rl_course?: { chapter?: string; [key: string]: unknown };
  [key: string]: unknown;
}

/** Cell metadata; `rl_course` marks exercise (`exercise: NAME`) and setup (`role`) cells. */
export interface CellMetadata {
  rl_course?: { exercise?: string; role?: string; [key: string]: unknown };
  [key: string]: unknown;
}

/** A MIME bundle: MIME type to data (text types as one string, JSON types as values). */
export type MimeBundle = Record<string, unknown>;

/** Text written to stdout or stderr. */
export interface StreamOutput {
  output_type: "stream";
  name: "stdout" | "stderr";
  text: string;
}

/** A rich display (`Deno.jupyter.display`, plots, check cards). */
export interface DisplayDataOutput {
  output_type: "display_data";
  data: MimeBundle;
  metadata: Record<string, unknown>;
}

/** The value of a cell's last expression. */
export interface ExecuteResultOutput {
  output_type: "execute_result";
  execution_count: number | null;
  data: MimeBundle;
  metadata: Record<string, unknown>;
}

/** An uncaught error. */
export interface ErrorOutput {
  output_type: "error";
  ename: string;
  evalue: string;
  traceback: string[];
}

/** One output of a code cell. */
export type Output = StreamOutput | DisplayDataOutput | ExecuteResultOutput | ErrorOutput;

/** A code cell. */
export interface CodeCell {
  cell_type: "code";
  id: string;
  metadata: CellMetadata;
  source: string;
  execution_count: number | null;
  outputs: Output[];
}

/** A Markdown cell. */
export interface MarkdownCell {
  cell_type: "markdown";
  id: string;
  metadata: CellMetadata;
  source: string;
  attachments?: Record<string, MimeBundle>;
}

/** A raw cell (passed through untouched by front-ends). */
export interface RawCell {
  cell_type: "raw";
  id: string;
  metadata: CellMetadata;
  source: string;
  attachments?: Record<string, MimeBundle>;
}

/** Any cell. */
export type Cell = CodeCell | MarkdownCell | RawCell;

/** A notebook in nbformat 4. */
export interface Notebook {
  nbformat: 4;
  nbformat_minor: number;
  metadata: NotebookMetadata;
  cells: Cell[];
}

/** The nbformat minor version written (4.5 introduced cell ids). */
export const NBFORMAT_MINOR = 5;

/** Thrown for a notebook that cannot be read; the message names the file and the problem. */
export class NotebookFormatError extends Error {
  /** The file (or label) the notebook came from. */
  readonly path: string;

  /** Creates the error; `problem` says what is wrong and, where it helps, what to do. */
  constructor(path: string, problem: string) {
    super(`${path}: ${problem}`);
    this.name = "NotebookFormatError";
    this.path = path;
  }
}

const CELL_ID = /^[a-zA-Z0-9-_]{1,64}$/;
const OUTPUT_TYPES = new Set(["stream", "display_data", "execute_result", "error"]);

/**
 * Parses notebook JSON. `path` names the source in error messages. Notebooks older than
 * 4.5 are accepted: cells without an id get `cell-N`, duplicated ids get a suffix, and the
 * result is nbformat 4.5. Throws {@link NotebookFormatError} for bad JSON (with line and
 * column), another nbformat major version, or cells missing required fields.
 */
export function parseNotebook(text: string, path: string): Notebook {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new NotebookFormatError(path, `not valid JSON: ${jsonErrorText(err as Error, text)}`);
  }
  if (!isObject(raw)) {
    throw new NotebookFormatError(path, "not a notebook: the top level is not a JSON object");
  }
  if (!("nbformat" in raw)) {
    throw new NotebookFormatError(path, 'not a notebook: no "nbformat" field');
  }
  if (raw.nbformat !== 4) {
    throw new NotebookFormatError(
      path,
      `nbformat ${JSON.stringify(raw.nbformat)} is not supported, only 4 ` +
        "(open and save it in a current Jupyter to convert it)",
    );
  }
  const minor = raw.nbformat_minor ?? 0;
  if (typeof minor !== "number" || !Number.isInteger(minor) || minor < 0) {
    throw new NotebookFormatError(path, `"nbformat_minor" must be an integer, got ${show(minor)}`);
  }
  const metadata = raw.metadata ?? {};
  if (!isObject(metadata)) {
    throw new NotebookFormatError(path, `"metadata" must be an object, got ${show(metadata)}`);
  }
  if (!("cells" in raw)) throw new NotebookFormatError(path, 'no "cells" list');
  if (!Array.isArray(raw.cells)) {
    throw new NotebookFormatError(path, `"cells" must be a list, got ${show(raw.cells)}`);
  }
  const used = new Set<string>();
  const cells = raw.cells.map((cell, index) => parseCell(cell, index, path, used));
  return {
    nbformat: 4,
    nbformat_minor: Math.max(minor, NBFORMAT_MINOR),
    metadata: metadata as NotebookMetadata,
    cells,
  };
}

/** Reads and parses the notebook at `path` (see {@link parseNotebook}). */
export async function readNotebook(path: string): Promise<Notebook> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (err) {
    throw new NotebookFormatError(path, `cannot read the file: ${(err as Error).message}`);
  }
  return parseNotebook(text, path);
}

/** Options for {@link serializeNotebook} and {@link writeNotebook}. */
export interface WriteOptions {
  /** Drop every output and execution count (student notebooks are committed this way). */
  clearOutputs?: boolean;
}

/** The notebook as Jupyter writes it: sorted keys, one-space indent, lines split, final newline. */
export function serializeNotebook(nb: Notebook, options: WriteOptions = {}): string {
  const cells = nb.cells.map((cell) => {
    const out: Record<string, unknown> = { ...cell, source: splitLines(cell.source) };
    if (cell.cell_type === "code") {
      out.outputs = options.clearOutputs ? [] : cell.outputs.map(splitOutput);
      if (options.clearOutputs) out.execution_count = null;
    } else if (cell.attachments) {
      out.attachments = Object.fromEntries(
        Object.entries(cell.attachments).map(([name, bundle]) => [name, splitBundle(bundle)]),
      );
    }
    return out;
  });
  const doc = { ...nb, nbformat: 4, nbformat_minor: Math.max(nb.nbformat_minor, NBFORMAT_MINOR) };
  return JSON.stringify(sortKeys({ ...doc, cells }), null, 1) + "\n";
}

/** Writes `nb` to `path` as {@link serializeNotebook} formats it. */
export async function writeNotebook(
  path: string,
  nb: Notebook,
  options: WriteOptions = {},
): Promise<void> {
  await Deno.writeTextFile(path, serializeNotebook(nb, options));
}

/** A copy of `nb` without outputs and execution counts. */
export function clearOutputs(nb: Notebook): Notebook {
  return {
    ...nb,
    cells: nb.cells.map((cell) =>
      cell.cell_type === "code" ? { ...cell, outputs: [], execution_count: null } : cell
    ),
  };
}

/**
 * Splits text after each line break, keeping the breaks, as Python's
 * `str.splitlines(True)` does (nbformat writes multi-line strings this way). An empty
 * string stays a string, as in nbformat.
 */
export function splitLines(text: string): string | string[] {
  if (text === "") return text;
  return text.match(LINE)!.filter((line) => line !== "");
}

/** Python's `str.splitlines` breaks lines at these (as regular-expression escapes). */
const BREAKS = String.raw`\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029`;
/** A line and its break. */
const LINE = new RegExp(String.raw`[^${BREAKS}]*(?:\r\n|[${BREAKS}]|$)`, "g");

function parseCell(raw: unknown, index: number, path: string, used: Set<string>): Cell {
  const where = `cell ${index + 1}`;
  if (!isObject(raw)) throw new NotebookFormatError(path, `${where} is not an object`);
  const named = typeof raw.id === "string" ? `${where} (id "${raw.id}")` : where;
  const type = raw.cell_type;
  if (type === undefined) throw new NotebookFormatError(path, `${named} has no "cell_type"`);
  if (type !== "code" && type !== "markdown" && type !== "raw") {
    throw new NotebookFormatError(
      path,
      `${named} has cell_type ${show(type)}, expected "code", "markdown" or "raw"`,
    );
  }
  if (!("source" in raw)) throw new NotebookFormatError(path, `${named} has no "source"`);
  const source = joinText(raw.source, path, `${named} "source"`);
  const metadata = raw.metadata ?? {};
  if (!isObject(metadata)) {
    throw new NotebookFormatError(path, `${named} "metadata" must be an object`);
  }
  const id = uniqueId(raw.id, index, path, named, used);
  if (type === "code") {
    const count = raw.execution_count ?? null;
    if (count !== null && typeof count !== "number") {
      throw new NotebookFormatError(path, `${named} "execution_count" must be a number or null`);
    }
    const outputs = raw.outputs ?? [];
    if (!Array.isArray(outputs)) {
      throw new NotebookFormatError(path, `${named} "outputs" must be a list`);
    }
    return {
      cell_type: "code",
      id,
      metadata: metadata as CellMetadata,
      source,
      execution_count: count,
      outputs: outputs.map((o, i) => parseOutput(o, path, `${named} output ${i + 1}`)),
    };
  }
  const cell: MarkdownCell | RawCell = {
    cell_type: type,
    id,
    metadata: metadata as CellMetadata,
    source,
  };
  if (isObject(raw.attachments)) {
    cell.attachments = Object.fromEntries(
      Object.entries(raw.attachments).map(([name, bundle]) => [
        name,
        joinBundle(bundle, path, `${named} attachment "${name}"`),
      ]),
    );
  }
  return cell;
}

function uniqueId(
  raw: unknown,
  index: number,
  path: string,
  named: string,
  used: Set<string>,
): string {
  if (raw !== undefined && (typeof raw !== "string" || !CELL_ID.test(raw))) {
    throw new NotebookFormatError(
      path,
      `${named} has an invalid id ${show(raw)} (1-64 letters, digits, "-" or "_")`,
    );
  }
  let id = raw ?? `cell-${index + 1}`;
  for (let n = 2; used.has(id); n++) id = `${(raw ?? `cell-${index + 1}`).slice(0, 60)}-${n}`;
  used.add(id);
  return id;
}

function parseOutput(raw: unknown, path: string, where: string): Output {
  if (!isObject(raw)) throw new NotebookFormatError(path, `${where} is not an object`);
  const type = raw.output_type;
  if (typeof type !== "string" || !OUTPUT_TYPES.has(type)) {
    throw new NotebookFormatError(
      path,
      `${where} has output_type ${show(type)}, expected one of ${[...OUTPUT_TYPES].join(", ")}`,
    );
  }
  const metadata = isObject(raw.metadata) ? raw.metadata : {};
  switch (type) {
    case "stream": {
      const name = raw.name;
      if (name !== "stdout" && name !== "stderr") {
        throw new NotebookFormatError(path, `${where}: stream name must be stdout or stderr`);
      }
      return { output_type: "stream", name, text: joinText(raw.text, path, `${where} "text"`) };
    }
    case "display_data":
      return {
        output_type: "display_data",
        data: joinBundle(raw.data ?? {}, path, `${where} "data"`),
        metadata,
      };
    case "execute_result":
      return {
        output_type: "execute_result",
        execution_count: typeof raw.execution_count === "number" ? raw.execution_count : null,
        data: joinBundle(raw.data ?? {}, path, `${where} "data"`),
        metadata,
      };
    default:
      return {
        output_type: "error",
        ename: String(raw.ename ?? ""),
        evalue: String(raw.evalue ?? ""),
        traceback: Array.isArray(raw.traceback) ? raw.traceback.map(String) : [],
      };
  }
}

function joinText(value: unknown, path: string, what: string): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value) && value.every((line) => typeof line === "string")) {
    return value.join("");
  }
  throw new NotebookFormatError(path, `${what} must be a string or a list of strings`);
}

function joinBundle(value: unknown, path: string, what: string): MimeBundle {
  if (!isObject(value)) throw new NotebookFormatError(path, `${what} must be an object`);
  return Object.fromEntries(
    Object.entries(value).map(([mime, data]) => [
      mime,
      isSplitMime(mime) && Array.isArray(data) ? joinText(data, path, `${what} ${mime}`) : data,
    ]),
  );
}

/** nbformat splits string data of `text/*`, JavaScript and SVG into lines. */
function isSplitMime(mime: string): boolean {
  return mime.startsWith("text/") || mime === "application/javascript" ||
    mime === "image/svg+xml";
}

function splitBundle(bundle: MimeBundle): MimeBundle {
  return Object.fromEntries(
    Object.entries(bundle).map(([mime, data]) => [
      mime,
      isSplitMime(mime) && typeof data === "string" ? splitLines(data) : data,
    ]),
  );
}

function splitOutput(output: Output): Record<string, unknown> {
  switch (output.output_type) {
    case "stream":
      return { ...output, text: splitLines(output.text) };
    case "display_data":
    case "execute_result":
      return { ...output, data: splitBundle(output.data) };
    default:
      return { ...output };
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isObject(value)) return value;
  const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
  return Object.fromEntries(keys.map((k) => [k, sortKeys(value[k])]));
}

/**
 * Where and why JSON.parse failed, as "line L column C: expected X, found Y". V8's message
 * gives no position for some errors and quotes the whole input, so the text is scanned
 * again by a small JSON syntax checker that stops at the first error.
 */
function jsonErrorText(err: Error, text: string): string {
  const found = findJsonError(text);
  if (!found) return err.message;
  const before = text.slice(0, found.offset).split("\n");
  const at = found.offset < text.length
    ? JSON.stringify(text[found.offset])
    : "the end of the file";
  return `line ${before.length} column ${before[before.length - 1].length + 1}: ` +
    `expected ${found.expected}, found ${at}`;
}

/** The offset of the first JSON syntax error in `text` and what was expected there. */
function findJsonError(text: string): { offset: number; expected: string } | undefined {
  let i = 0;
  class Stop {
    constructor(readonly expected: string) {}
  }
  const fail = (expected: string): never => {
    throw new Stop(expected);
  };
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i])) i++;
  };
  const literal = (word: string) => {
    if (!text.startsWith(word, i)) fail(`"${word}"`);
    i += word.length;
  };
  const string = () => {
    if (text[i] !== '"') fail("a string");
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail("a closing quote before the line break");
      if (text[i] === "\\") {
        i++;
        if (text[i] === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail("four hex digits");
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? "")) {
          fail("an escape character");
        }
      }
      i++;
    }
    if (i >= text.length) fail("a closing quote");
    i++;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      if (text[i] === "}") {
        i++;
        return;
      }
      for (;;) {
        ws();
        string();
        ws();
        if (text[i] !== ":") fail("':'");
        i++;
        value();
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "}") return void i++;
        else fail("',' or '}'");
      }
    } else if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "]") return void i++;
        else fail("',' or ']'");
      }
    } else if (c === '"') {
      string();
    } else if (c === "t") {
      literal("true");
    } else if (c === "f") {
      literal("false");
    } else if (c === "n") {
      literal("null");
    } else {
      const number = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
      number.lastIndex = i;
      if (c === undefined || !number.test(text)) fail("a value");
      i = number.lastIndex;
    }
  };
  try {
    value();
    ws();
    if (i < text.length) fail("the end of the file");
    return undefined;
  } catch (stop) {
    if (stop instanceof Stop) return { offset: i, expected: stop.expected };
    throw stop;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 40 ? `${text.slice(0, 40)}...` : text;
}
