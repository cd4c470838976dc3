/**
 * Progress for long loops: count/total, rate, elapsed time, ETA and live metrics.
 *
 * - In the notebook: an HTML bar updated in place (one display id, at most one update per
 *   `intervalMs`, plus the final one).
 * - In a terminal: one line on stderr rewritten with `\r`, at most every `intervalMs`.
 * - In logs (stderr is not a terminal, e.g. CI): a plain line every `logIntervalMs` and a
 *   final line.
 *
 * Notebook updates are messages the kernel sends when the event loop runs, so a loop that
 * never awaits shows them when it ends; any `await` in the loop (e.g. `await t.data()`) lets
 * them through. Always `await progress.done()` so the final state is shown.
 *
 * @module
 */
import { display, newDisplayId } from "./bundle.ts";
import { formatDuration, formatNumber, formatRate, formatValue } from "./format.ts";
import { escapeHtml } from "./html.ts";
import { type OutputTarget, outputTarget } from "./output.ts";

/** Live metrics shown next to the counters, e.g. `{ return: 123.4, epsilon: 0.05 }`. */
export type Metrics = Record<string, number | string>;

/** Options of {@link Progress}. */
export interface ProgressOptions {
  /** What is being counted, shown first (e.g. `"training"`). */
  label?: string;
  /** Unit of the count in the rate (default `"it"`, e.g. `"steps"`, `"episodes"`). */
  unit?: string;
  /** Minimum time between two refreshes in the notebook or terminal, ms (default 100). */
  intervalMs?: number;
  /** Minimum time between two plain log lines when stderr is not a terminal, ms (default 10 000). */
  logIntervalMs?: number;
  /** The clock in milliseconds (default `performance.now`); tests inject a fake one. */
  now?: () => number;
}

/** A snapshot of a progress display, from which its text and HTML are rendered. */
export interface ProgressState {
  label?: string;
  unit: string;
  count: number;
  /** Total count, when known. */
  total?: number;
  /** Seconds since the start. */
  elapsed: number;
  metrics: Metrics;
  finished: boolean;
}

/**
 * Allows an action at most once per `intervalMs` on the given clock. The first `due()` is
 * true unless `startAt` is given, in which case the interval counts from `startAt`.
 */
export class Throttle {
  #last: number | undefined;

  /**
   * @param intervalMs minimum time between two allowed actions
   * @param now the clock, in milliseconds
   * @param startAt treat this time as the last allowed action
   */
  constructor(readonly intervalMs: number, readonly now: () => number, startAt?: number) {
    this.#last = startAt;
  }

  /** True (and the interval restarts) when the action may happen now, or when `force`. */
  due(force = false): boolean {
    const t = this.now();
    if (force || this.#last === undefined || t - this.#last >= this.intervalMs) {
      this.#last = t;
      return true;
    }
    return false;
  }
}

/** Items per second so far, or `NaN` before any time has passed. */
export function progressRate(state: ProgressState): number {
  return state.elapsed > 0 ? state.count / state.elapsed : Number.NaN;
}

/** Estimated seconds left at the average rate so far, or `undefined` if unknown. */
export function progressEta(state: ProgressState): number | undefined {
  const rate = progressRate(state);
  if (state.total === undefined || !(rate > 0)) return undefined;
  return Math.max(0, state.total - state.count) / rate;
}

function fraction(state: ProgressState): number | undefined {
  if (state.total === undefined) return undefined;
  return state.total > 0 ? Math.min(1, state.count / state.total) : 1;
}

/**
 * The one-line status, e.g.
 * `training: 45% 4,500/10,000 | 500 it/s | elapsed 0:09 | ETA 0:11 | return=123.4`.
 */
export function progressText(state: ProgressState): string {
  const parts: string[] = [];
  const share = fraction(state);
  const counts = state.total === undefined
    ? formatNumber(state.count)
    : `${Math.floor(share! * 100)}% ${formatNumber(state.count)}/${formatNumber(state.total)}`;
  parts.push(state.label ? `${state.label}: ${counts}` : counts);
  parts.push(formatRate(progressRate(state), state.unit));
  parts.push(`elapsed ${formatDuration(state.elapsed)}`);
  const eta = progressEta(state);
  if (!state.finished && state.total !== undefined) {
    parts.push(`ETA ${eta === undefined ? "?" : formatDuration(eta)}`);
  }
  const metrics = Object.entries(state.metrics).map(([k, v]) => `${k}=${formatValue(v)}`);
  if (metrics.length > 0) parts.push(metrics.join(", "));
  return parts.join(" | ");
}

/** The HTML of the notebook display: a bar (when the total is known) and the status line. */
export function progressHtml(state: ProgressState): string {
  const share = fraction(state);
  const colour = state.finished ? "#2e7d32" : "#1e88e5";
  const bar = share === undefined ? "" : `<div style="width:100%;max-width:480px;height:10px;` +
    `background:#e0e0e0;border-radius:5px;overflow:hidden;margin:2px 0">` +
    `<div class="rl-progress-fill" style="width:${(share * 100).toFixed(1)}%;height:100%;` +
    `background:${colour}"></div></div>`;
  return `<div class="rl-progress" data-finished="${state.finished}" ` +
    `style="font-family:monospace;font-size:12px">${bar}` +
    `<div>${escapeHtml(progressText(state))}</div></div>`;
}

type Mode = "kernel" | "terminal" | "log";

/**
 * A progress display for a loop of `total` iterations (or an unknown number).
 *
 * @example
 * ```ts
 * const progress = new Progress(10_000, { label: "training", unit: "steps" });
 * for (let step = 0; step < 10_000; step++) {
 *   // ... one environment step ...
 *   progress.update(1, { return: lastReturn });
 * }
 * await progress.done();
 * ```
 */
export class Progress {
  readonly #target: OutputTarget;
  readonly #mode: Mode;
  readonly #now: () => number;
  readonly #start: number;
  readonly #throttle: Throttle;
  readonly #id = newDisplayId("rl-progress");
  readonly #label?: string;
  readonly #unit: string;
  readonly #total?: number;
  #count = 0;
  #metrics: Metrics = {};
  #finished = false;
  #sending: Promise<void> = Promise.resolve();
  #queued = false;
  #shown = false;
  #error: unknown;

  /**
   * @param total the number of iterations, if known (a non-negative number)
   * @param options label, unit, refresh intervals, clock
   */
  constructor(total?: number, options: ProgressOptions = {}) {
    if (total !== undefined && !(Number.isFinite(total) && total >= 0)) {
      throw new RangeError(`Progress: total must be a non-negative number, got ${total}.`);
    }
    this.#total = total;
    this.#label = options.label;
    this.#unit = options.unit ?? "it";
    this.#now = options.now ?? (() => performance.now());
    this.#target = outputTarget();
    this.#mode = this.#target.kernel
      ? "kernel"
      : this.#target.stderrIsTerminal()
      ? "terminal"
      : "log";
    this.#start = this.#now();
    const interval = this.#mode === "log"
      ? options.logIntervalMs ?? 10_000
      : options.intervalMs ?? 100;
    this.#throttle = new Throttle(interval, this.#now, this.#start);
    if (this.#mode !== "log") this.#render();
  }

  /** The count so far. */
  get count(): number {
    return this.#count;
  }

  /** The current snapshot. */
  get state(): ProgressState {
    return {
      label: this.#label,
      unit: this.#unit,
      count: this.#count,
      total: this.#total,
      elapsed: (this.#now() - this.#start) / 1000,
      metrics: { ...this.#metrics },
      finished: this.#finished,
    };
  }

  /**
   * Adds `n` (default 1) to the count and merges `metrics` into the live metrics; refreshes
   * the display when the refresh interval has passed.
   */
  update(n = 1, metrics?: Metrics): void {
    if (this.#finished) throw new Error("Progress.update: this progress display is done.");
    if (!(Number.isFinite(n) && n >= 0)) {
      throw new RangeError(`Progress.update: n must be a non-negative number, got ${n}.`);
    }
    this.#count += n;
    if (metrics) Object.assign(this.#metrics, metrics);
    if (this.#throttle.due()) this.#render();
  }

  /**
   * Shows the final state (with `metrics` merged in) and resolves when it is displayed.
   * Rejects if a notebook update failed to send. Calling it again does nothing.
   */
  async done(metrics?: Metrics): Promise<void> {
    if (!this.#finished) {
      if (metrics) Object.assign(this.#metrics, metrics);
      this.#finished = true;
      this.#render();
    }
    await this.#sending;
    if (this.#error !== undefined) throw this.#error;
  }

  #render(): void {
    if (this.#mode === "kernel") {
      this.#send();
    } else if (this.#mode === "terminal") {
      this.#target.stderr(`\r${progressText(this.state)}\x1b[K${this.#finished ? "\n" : ""}`);
    } else {
      this.#target.stderr(`${progressText(this.state)}\n`);
    }
  }

  /**
   * Queues one display message behind the previous ones, so they arrive in order. A queued
   * message renders the state when it is sent, so one queued message covers any number of
   * refreshes requested while it waits.
   */
  #send(): void {
    if (this.#queued) return;
    this.#queued = true;
    this.#sending = this.#sending.then(async () => {
      this.#queued = false;
      const state = this.state;
      const update = this.#shown;
      this.#shown = true;
      try {
        await display(
          { "text/html": progressHtml(state), "text/plain": progressText(state) },
          { id: this.#id, update },
        );
      } catch (error) {
        this.#error ??= error;
      }
    });
  }
}
