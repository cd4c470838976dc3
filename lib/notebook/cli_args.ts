/**
 * Argument handling shared by the notebook command-line tasks.
 *
 * @module
 */
import { isAbsolute, join, relative } from "node:path";

/**
 * Resolves a path the user typed. `deno task` runs in the directory of deno.json and puts
 * the directory the user ran it from in `INIT_CWD`; paths are relative to the latter.
 */
export function userPath(path: string): string {
  if (isAbsolute(path)) return path;
  const base = Deno.env.get("INIT_CWD") ?? Deno.cwd();
  return join(base, path);
}

/** `path` for printing: relative to where the user is when inside it, else absolute. */
export function displayPath(path: string): string {
  const shown = relative(Deno.env.get("INIT_CWD") ?? Deno.cwd(), path);
  return shown.startsWith("..") || isAbsolute(shown) ? path : shown;
}

/** Parsed arguments: positionals and `--name value` / `--flag` options. */
export interface ParsedArgs {
  positional: string[];
  options: Map<string, string | true>;
}

/** Thrown for a command line that does not fit the usage. */
export class UsageError extends Error {
  /** Creates the error with the problem; the caller prints the usage after it. */
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/**
 * Parses `args`; `valued` are the options that take a value (`--out FILE` or `--out=FILE`),
 * `flags` those that do not. Anything else starting with `--` is an error.
 */
export function parseArgs(args: string[], valued: string[], flags: string[]): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (valued.includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      options.set(name, value);
    } else if (flags.includes(name) && inline === undefined) {
      options.set(name, true);
    } else {
      throw new UsageError(`unknown option ${arg}`);
    }
  }
  return { positional, options };
}
