/**
 * Runs a notebook headless in Deno's Jupyter kernel: starts `deno jupyter --kernel` in the
 * notebook's directory, executes the code cells in order, records every output, and writes
 * the executed notebook.
 *
 * How it stays correct with Deno 2.9's kernel:
 * - A cell is finished when its `execute_reply` and its iopub `status: idle` have both
 *   arrived. That is not enough on its own: the kernel publishes a cell's outputs
 *   (console output, displays, the result) from a separate queue with the parent header
 *   current *at publishing time*, so some arrive after `idle` (measured: 7 of 150 cells),
 *   and would be attributed to the next request if it had started. So after each cell the
 *   executor sends a silent flush request that broadcasts a marker through the same queue;
 *   everything that arrives for the flush request belongs to the cell before it, and once
 *   the marker has arrived, nothing of that cell is left in the queue.
 * - Per-cell timeout: `interrupt_request` on the control channel. Deno 2.9.6 terminates
 *   running JavaScript (`while (true) {}` stops within milliseconds; its `execute_reply`
 *   says "Execution failed") and the kernel keeps its state, so the next cell runs in the
 *   same kernel. A cell that is *waiting* (on a promise that never settles, a long timer)
 *   is not stopped by the interrupt, and SIGINT kills the kernel (exit code 130); then,
 *   after `interruptGraceMs`, the kernel is restarted and the cells below run in the fresh
 *   kernel, without the state of the cells above (they are not re-run). The timed-out
 *   cell's error output says which of the two happened.
 * - A kernel that dies in a cell (e.g. `Deno.exit()`) is restarted the same way.
 *
 * @module
 */
import { dirname, resolve } from "node:path";
import type { CodeCell, ErrorOutput, Notebook, Output } from "./ipynb.ts";
import { readNotebook, writeNotebook } from "./ipynb.ts";
import { Kernel, KernelDiedError, type KernelInfo, type KernelStartOptions } from "./kernel.ts";
import type { JupyterMessage } from "./protocol.ts";
import { CellOutputs, DisplayRegistry } from "./outputs.ts";

/** How a code cell ended. */
export type CellStatus =
  /** It ran to the end. */
  | "ok"
  /** It threw (the error is in its outputs). */
  | "error"
  /** It ran past the per-cell timeout and was interrupted, or the kernel was restarted. */
  | "timeout"
  /** The kernel process died while running it and was restarted. */
  | "kernel-died"
  /** Empty source: not sent to the kernel (as Jupyter does). */
  | "skipped";

/** The run of one code cell. */
export interface CellRun {
  /** Index in `notebook.cells`. */
  index: number;
  id: string;
  status: CellStatus;
  executionCount: number | null;
  durationMs: number;
  outputs: Output[];
  /** Whether the kernel was restarted after this cell (its state is gone below it). */
  kernelRestarted: boolean;
}

/** Progress events, for printing. */
export type CellEvent =
  | { type: "start"; index: number; id: string; position: number; total: number }
  | { type: "done"; run: CellRun; position: number; total: number };

/** Options for {@link executeNotebook} and {@link executeCells}. */
export interface ExecuteOptions {
  /** Wall-clock limit per cell, in milliseconds (default 300 000). */
  timeoutPerCellMs?: number;
  /**
   * After `interrupt_request`, how long to wait for the cell to stop before restarting the
   * kernel, in milliseconds (default 10 000).
   */
  interruptGraceMs?: number;
  /** Kernel options other than its working directory (e.g. `argv`, `env`). */
  kernel?: Omit<KernelStartOptions, "cwd">;
  /** Called when a cell starts and when it is done. */
  onCell?: (event: CellEvent) => void;
  /** Aborts the run: the kernel is shut down and the promise rejects with the reason. */
  signal?: AbortSignal;
}

/** The outcome of a run. */
export interface ExecutionResult {
  /** The executed notebook: outputs, execution counts, the kernel's `language_info`. */
  notebook: Notebook;
  /** One entry per code cell, in order. */
  cells: CellRun[];
  /** The first kernel's `kernel_info_reply` content. */
  kernelInfo: KernelInfo;
  /** How many times the kernel was restarted. */
  restarts: number;
}

/** The iopub message type of the flush marker (see the module documentation). */
export const FLUSH_MESSAGE_TYPE = "rl_course_flush";

const DEFAULT_TIMEOUT_MS = 300_000;
const DEFAULT_GRACE_MS = 10_000;
const FLUSH_TIMEOUT_MS = 30_000;

/**
 * Executes the notebook at `path` with the kernel working in its directory; writes the
 * executed notebook to `options.out` when given.
 */
export async function executeNotebook(
  path: string,
  options: ExecuteOptions & { out?: string } = {},
): Promise<ExecutionResult> {
  const nb = await readNotebook(path);
  const result = await executeCells(nb, { ...options, cwd: dirname(resolve(path)) });
  if (options.out) await writeNotebook(options.out, result.notebook);
  return result;
}

interface Route {
  outputs: CellOutputs;
  idle: Deferred<void>;
  /** Set for flush requests: the marker token and whether it arrived. */
  token?: string;
  marker?: Deferred<void>;
}

/** Executes `nb`'s code cells in a kernel started in `options.cwd`. */
export async function executeCells(
  nb: Notebook,
  options: ExecuteOptions & { cwd: string },
): Promise<ExecutionResult> {
  const timeoutMs = options.timeoutPerCellMs ?? DEFAULT_TIMEOUT_MS;
  const graceMs = options.interruptGraceMs ?? DEFAULT_GRACE_MS;
  const abort = abortPromise(options.signal);
  const displays = new DisplayRegistry();
  const routes = new Map<string, Route>();
  const route = (msg: JupyterMessage) => {
    const target = routes.get(msg.parent_header.msg_id ?? "");
    if (!target) return;
    const type = msg.header.msg_type;
    if (type === "status") {
      if (msg.content.execution_state === "idle") target.idle.resolve();
    } else if (type === FLUSH_MESSAGE_TYPE) {
      if (msg.content.token === target.token) target.marker?.resolve();
    } else {
      target.outputs.apply(type, msg.content);
    }
  };
  const start = async () => {
    const kernel = await raceAbort(
      Kernel.start({ ...options.kernel, cwd: options.cwd }),
      abort,
      (k) => k.shutdown(),
    );
    kernel.onIopub(route);
    return kernel;
  };

  let kernel = await start();
  const kernelInfo = kernel.info;
  let restarts = 0;
  const restart = async () => {
    await kernel.shutdown({ timeoutMs: 2000 });
    restarts++;
    kernel = await start();
  };

  const codeCells = nb.cells
    .map((cell, index) => ({ cell, index }))
    .filter((c): c is { cell: CodeCell; index: number } => c.cell.cell_type === "code");
  const runs: CellRun[] = [];
  try {
    for (const [position, { cell, index }] of codeCells.entries()) {
      const total = codeCells.length;
      options.onCell?.({ type: "start", index, id: cell.id, position: position + 1, total });
      const started = Date.now();
      const outputs = new CellOutputs(displays);
      const run: CellRun = {
        index,
        id: cell.id,
        status: "ok",
        executionCount: null,
        durationMs: 0,
        outputs: outputs.outputs,
        kernelRestarted: false,
      };
      if (cell.source.trim() === "") {
        run.status = "skipped";
      } else {
        const { request, reply } = kernel.execute(cell.source);
        const finished = routeUntilIdle(routes, request, outputs);
        const done = Promise.all([reply, finished.idle.promise]).then(([r]) => r);
        const first = await settle(done, timeoutMs, kernel, abort);
        if (first.kind === "done") {
          run.executionCount = countOf(first.value);
          run.status = first.value.content.status === "ok" &&
              !outputs.outputs.some((o) => o.output_type === "error")
            ? "ok"
            : "error";
        } else if (first.kind === "timeout") {
          run.status = "timeout";
          await kernel.interrupt(5000).catch(() => undefined);
          const stopped = await settle(done, graceMs, kernel, abort);
          if (stopped.kind === "done") {
            run.executionCount = countOf(stopped.value);
            outputs.push(errorOutput(
              "TimeoutError",
              `the cell did not finish within ${seconds(timeoutMs)} and was interrupted; ` +
                "the kernel kept its state",
            ));
          } else if (stopped.kind === "died") {
            outputs.push(errorOutput(
              "KernelDied",
              `the cell did not finish within ${seconds(timeoutMs)}; after the interrupt, ` +
                `${stopped.error.message}; the kernel was restarted: the cells below run ` +
                "without the state of the cells above",
            ));
            run.kernelRestarted = true;
          } else {
            outputs.push(errorOutput(
              "TimeoutError",
              `the cell did not finish within ${seconds(timeoutMs)}, and interrupt_request ` +
                `did not stop it within ${seconds(graceMs)} (Deno's kernel can only ` +
                "interrupt running code, not a cell waiting on a promise or timer); the " +
                "kernel was restarted: the cells below run without the state of the cells above",
            ));
            run.kernelRestarted = true;
          }
        } else {
          run.status = "kernel-died";
          outputs.push(errorOutput(
            "KernelDied",
            `${first.error.message}; the kernel was restarted: the cells below run without ` +
              "the state of the cells above",
          ));
          run.kernelRestarted = true;
        }
        if (!run.kernelRestarted && !(await flush(kernel, routes, outputs, abort))) {
          outputs.push(errorOutput(
            "KernelUnresponsive",
            `the kernel did not answer within ${seconds(FLUSH_TIMEOUT_MS)} after this cell; ` +
              "it was restarted: the cells below run without the state of the cells above",
          ));
          run.kernelRestarted = true;
        }
        // Only now: messages sent for the cell itself may still arrive until the marker.
        routes.delete(request.header.msg_id);
        if (run.kernelRestarted) await restart();
      }
      run.durationMs = Date.now() - started;
      runs.push(run);
      options.onCell?.({ type: "done", run, position: position + 1, total });
    }
  } finally {
    await kernel.shutdown();
  }

  const byIndex = new Map(runs.map((r) => [r.index, r]));
  const executed: Notebook = {
    ...nb,
    metadata: { ...nb.metadata, language_info: kernelInfo.language_info },
    cells: nb.cells.map((cell, index) => {
      const run = byIndex.get(index);
      if (cell.cell_type !== "code" || !run) return cell;
      return { ...cell, execution_count: run.executionCount, outputs: run.outputs };
    }),
  };
  return { notebook: executed, cells: runs, kernelInfo, restarts };
}

/** Registers `request`'s outputs to go to `outputs`; resolves `idle` on its idle status. */
function routeUntilIdle(
  routes: Map<string, Route>,
  request: JupyterMessage,
  outputs: CellOutputs,
): Route {
  const route: Route = { outputs, idle: deferred() };
  routes.set(request.header.msg_id, route);
  return route;
}

/**
 * Sends the flush request and waits for its reply, idle and marker; everything that
 * arrives for it goes to the previous cell's `outputs`. False when the kernel does not
 * answer in time.
 */
async function flush(
  kernel: Kernel,
  routes: Map<string, Route>,
  outputs: CellOutputs,
  abort: Promise<never>,
): Promise<boolean> {
  const token = crypto.randomUUID();
  const { request, reply } = kernel.execute(
    `Deno.jupyter.broadcast(${JSON.stringify(FLUSH_MESSAGE_TYPE)}, { token: "${token}" })`,
    { silent: true },
  );
  const route = routeUntilIdle(routes, request, outputs);
  route.token = token;
  route.marker = deferred();
  const all = Promise.all([reply, route.idle.promise, route.marker.promise]).then(([r]) => r);
  const outcome = await settle(all, FLUSH_TIMEOUT_MS, kernel, abort);
  routes.delete(request.header.msg_id);
  return outcome.kind === "done";
}

type Outcome =
  | { kind: "done"; value: JupyterMessage }
  | { kind: "timeout" }
  | { kind: "died"; error: Error };

/** Waits for `done`, at most `ms`; a dying kernel ends the wait; an abort rejects. */
async function settle(
  done: Promise<JupyterMessage>,
  ms: number,
  kernel: Kernel,
  abort: Promise<never>,
): Promise<Outcome> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve({ kind: "timeout" }), ms);
  });
  const died = kernel.exited.then((status): Outcome => ({
    kind: "died",
    error: new KernelDiedError(
      `the kernel exited (exit code ${status.code}${
        status.signal ? `, signal ${status.signal}` : ""
      }) while running this cell`,
    ),
  }));
  const finished = done.then(
    (value): Outcome => ({ kind: "done", value }),
    (error): Outcome => ({ kind: "died", error }),
  );
  try {
    return await Promise.race([finished, timeout, died, abort]);
  } finally {
    clearTimeout(timer);
  }
}

function countOf(reply: JupyterMessage): number | null {
  const count = reply.content.execution_count;
  return typeof count === "number" ? count : null;
}

function errorOutput(ename: string, evalue: string): ErrorOutput {
  return { output_type: "error", ename, evalue, traceback: [`${ename}: ${evalue}`] };
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}

function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => resolve = r);
  return { promise, resolve };
}

function abortPromise(signal?: AbortSignal): Promise<never> {
  const never = new Promise<never>((_, reject) => {
    if (!signal) return;
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
  // Only raced, never awaited alone: keep an abort from being reported as unhandled.
  never.catch(() => undefined);
  return never;
}

/** Races `promise` with `abort`; if aborted, `cleanup` runs on the value once it arrives. */
async function raceAbort<T>(
  promise: Promise<T>,
  abort: Promise<never>,
  cleanup: (value: T) => unknown,
): Promise<T> {
  try {
    return await Promise.race([promise, abort]);
  } catch (err) {
    promise.then(cleanup, () => undefined);
    throw err;
  }
}
