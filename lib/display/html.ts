/**
 * HTML outputs with a plain-text fallback: `html` for any markup, `htmlTable` for rows of
 * data (rendered as an HTML table in notebooks and as aligned columns in a terminal).
 *
 * @module
 */
import { displayable, type MimeBundle } from "./bundle.ts";
import { formatValue } from "./format.ts";

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for use inside HTML content or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** A rough plain-text rendering of markup: tags dropped, common entities decoded. */
export function htmlToText(markup: string): string {
  return markup
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, "")
    .replace(/<br\s*\/?>|<\/(p|div|li|tr|h[1-6])>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(
      /&(lt|gt|quot|#39|nbsp|amp);/g,
      (_, name: string) =>
        ({ lt: "<", gt: ">", quot: '"', "#39": "'", nbsp: " ", amp: "&" })[name] ?? "",
    )
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * A bundle showing `markup` as HTML, with `plain` (default: the markup's text) for
 * terminals. The last expression of a cell renders it; `display(html(...))` anywhere.
 */
export function html(markup: string, plain?: string): MimeBundle {
  return displayable({ "text/html": markup, "text/plain": plain ?? htmlToText(markup) });
}

/** A table row: an object keyed by column name, or an array in column order. */
export type TableRow = Record<string, unknown> | readonly unknown[];

/** Options of {@link htmlTable}. */
export interface TableOptions {
  /**
   * Column names. For object rows: which keys to show, in order (default: every key, in
   * order of first appearance). For array rows: the header (default: none).
   */
  columns?: readonly string[];
  /** A caption above the table. */
  caption?: string;
  /** Formats a cell (default: numbers to 4 significant digits, integers in full). */
  format?: (value: unknown, column: string) => string;
}

/**
 * A bundle showing `rows` as an HTML table, with an aligned plain-text table as fallback.
 * Numeric columns are right-aligned.
 *
 * @example
 * ```ts
 * htmlTable([{ algorithm: "SARSA", return: -17.2 }, { algorithm: "Q-learning", return: -13 }],
 *   { caption: "CliffWalking, mean return of the last 100 episodes" });
 * ```
 */
export function htmlTable(rows: readonly TableRow[], options: TableOptions = {}): MimeBundle {
  if (!Array.isArray(rows)) {
    throw new TypeError(`htmlTable: rows must be an array of objects or arrays, got ${rows}.`);
  }
  const format = options.format ?? ((value: unknown) => formatValue(value));
  const arrayRows = rows.length > 0 && Array.isArray(rows[0]);
  const isObject = (row: unknown) => row !== null && typeof row === "object" && !Array.isArray(row);
  const bad = rows.findIndex((row) => arrayRows ? !Array.isArray(row) : !isObject(row));
  if (bad >= 0) {
    throw new TypeError(
      `htmlTable: rows must be all objects or all arrays, like row 0; row ${bad} is ${
        JSON.stringify(rows[bad])
      }.`,
    );
  }
  let header: string[] | undefined;
  let cells: unknown[][];
  if (arrayRows) {
    const width = Math.max(...rows.map((row) => (row as unknown[]).length));
    header = options.columns ? [...options.columns] : undefined;
    if (header && header.length !== width) {
      throw new TypeError(
        `htmlTable: ${header.length} column names for rows of up to ${width} cells.`,
      );
    }
    cells = rows.map((row) => Array.from({ length: width }, (_, i) => (row as unknown[])[i]));
  } else {
    const keys = options.columns ? [...options.columns] : [];
    if (!options.columns) {
      for (const row of rows) {
        for (const key of Object.keys(row)) if (!keys.includes(key)) keys.push(key);
      }
    }
    header = keys;
    cells = rows.map((row) => keys.map((key) => (row as Record<string, unknown>)[key]));
  }
  const columnNames = header ?? cells[0]?.map((_, i) => String(i)) ?? [];
  const text = cells.map((row) => row.map((value, i) => format(value, columnNames[i])));
  const numeric = columnNames.map((_, i) =>
    cells.some((row) => typeof row[i] === "number") &&
    cells.every((row) => row[i] === undefined || row[i] === null || typeof row[i] === "number")
  );
  return displayable({
    "text/html": tableHtml(header, text, numeric, options.caption),
    "text/plain": tableText(header, text, numeric, options.caption),
  });
}

function tableHtml(
  header: string[] | undefined,
  text: string[][],
  numeric: boolean[],
  caption: string | undefined,
): string {
  const align = (i: number) => numeric[i] ? ' style="text-align:right"' : "";
  const parts = ['<table class="rl-table">'];
  if (caption !== undefined) parts.push(`<caption>${escapeHtml(caption)}</caption>`);
  if (header) {
    const ths = header.map((name, i) => `<th${align(i)}>${escapeHtml(name)}</th>`).join("");
    parts.push(`<thead><tr>${ths}</tr></thead>`);
  }
  parts.push("<tbody>");
  for (const row of text) {
    parts.push(
      `<tr>${row.map((cell, i) => `<td${align(i)}>${escapeHtml(cell)}</td>`).join("")}</tr>`,
    );
  }
  parts.push("</tbody></table>");
  return parts.join("");
}

function tableText(
  header: string[] | undefined,
  text: string[][],
  numeric: boolean[],
  caption: string | undefined,
): string {
  const columns = Math.max(header?.length ?? 0, ...text.map((row) => row.length));
  const widths = Array.from(
    { length: columns },
    (_, i) => Math.max((header?.[i] ?? "").length, ...text.map((row) => (row[i] ?? "").length)),
  );
  const line = (cells: string[]) =>
    cells.map((cell, i) => numeric[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))
      .join("  ").trimEnd();
  const lines: string[] = [];
  if (caption !== undefined) lines.push(caption);
  if (header) {
    lines.push(line(header));
    lines.push(widths.map((w) => "-".repeat(w)).join("  "));
  }
  for (const row of text) lines.push(line(row));
  return lines.join("\n");
}
