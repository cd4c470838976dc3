/**
 * Where displays go: the Jupyter kernel's iopub channel inside `deno jupyter`, the terminal
 * outside it. Everything in lib/display and lib/plot writes through the current
 * {@link OutputTarget}, which tests replace with a recording one.
 *
 * @module
 */

/** The iopub messages the display helpers send. */
export type DisplayMessage = "display_data" | "update_display_data";

/** A destination for displays. */
export interface OutputTarget {
  /** Whether displays go to a Jupyter front-end (MIME bundles) or a terminal (text). */
  readonly kernel: boolean;
  /** Sends a display message to the front-end. Only called when `kernel` is true. */
  broadcast(type: DisplayMessage, content: Record<string, unknown>): Promise<void>;
  /** Writes text to standard output. */
  stdout(text: string): void;
  /** Writes text to standard error. */
  stderr(text: string): void;
  /** Whether standard error is a terminal (so `\r` can rewrite a line in place). */
  stderrIsTerminal(): boolean;
}

/**
 * Whether this code runs in Deno's Jupyter kernel. `Deno.jupyter` exists only under
 * `deno jupyter`; anywhere else, reading it throws.
 */
export function inKernel(): boolean {
  try {
    return typeof Deno.jupyter?.broadcast === "function";
  } catch {
    return false;
  }
}

const encoder = new TextEncoder();

function writeAll(file: { writeSync(p: Uint8Array): number }, text: string): void {
  let bytes = encoder.encode(text);
  while (bytes.length > 0) bytes = bytes.subarray(file.writeSync(bytes));
}

/** The real destination: the kernel when running in one, else this process's stdout/stderr. */
export const processOutput: OutputTarget = {
  get kernel() {
    return inKernel();
  },
  broadcast: (type, content) => Deno.jupyter.broadcast(type, content),
  stdout: (text) => writeAll(Deno.stdout, text),
  stderr: (text) => writeAll(Deno.stderr, text),
  stderrIsTerminal: () => Deno.stderr.isTerminal(),
};

let current: OutputTarget = processOutput;

/** The destination displays currently go to. */
export function outputTarget(): OutputTarget {
  return current;
}

/**
 * Sends displays to `target` until the returned function is called, which restores the
 * previous destination. For tests and tools that record displays.
 */
export function setOutputTarget(target: OutputTarget): () => void {
  const previous = current;
  current = target;
  return () => {
    current = previous;
  };
}
