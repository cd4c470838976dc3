/**
 * ANSI colouring for the text (`"ansi"`) renderings of the grid environments, with the
 * colour numbers and attributes Gymnasium's `utils.colorize` uses.
 *
 * @module
 */

/** Foreground colour names understood by {@linkcode colorize}. */
export type AnsiColor =
  | "gray"
  | "red"
  | "green"
  | "yellow"
  | "blue"
  | "magenta"
  | "cyan"
  | "white"
  | "crimson";

const COLOR_CODES: Record<AnsiColor, number> = {
  gray: 30,
  red: 31,
  green: 32,
  yellow: 33,
  blue: 34,
  magenta: 35,
  cyan: 36,
  white: 37,
  crimson: 38,
};

/** Options for {@linkcode colorize}. */
export interface ColorizeOptions {
  /** Bold text. */
  bold?: boolean;
  /** Colour the background instead of the text (the colour code plus 10). */
  highlight?: boolean;
}

/** Wraps `text` in the ANSI escape codes for `color` (and bold/highlight), then resets. */
export function colorize(text: string, color: AnsiColor, options: ColorizeOptions = {}): string {
  const codes = [String(COLOR_CODES[color] + (options.highlight ? 10 : 0))];
  if (options.bold) codes.push("1");
  return `\x1b[${codes.join(";")}m${text}\x1b[0m`;
}

/** Removes ANSI escape sequences (colours, attributes) from `text`. */
export function stripAnsi(text: string): string {
  // deno-lint-ignore no-control-regex
  return text.replace(/\x1b\[[0-9;]*m/g, "");
}
