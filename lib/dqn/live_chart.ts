/**
 * A live learning curve for long training runs in the notebook: episode returns against
 * environment steps, drawn as a small inline SVG and replaced in place (one display id) at
 * most once per `intervalMs`. Outside the kernel it shows nothing (use `Progress` there).
 *
 * @module
 */
import { display, escapeHtml, inKernel, newDisplayId } from "../display/mod.ts";
import type { EpisodeRecord } from "./types.ts";

/** Options of {@link LiveReturnsChart}. */
export interface LiveReturnsChartOptions {
  /** Title above the chart. */
  title?: string;
  /** The x-axis range, in environment steps (default: grows with the data). */
  maxSteps?: number;
  /** The y-axis maximum (default 500, CartPole-v1's maximal return). */
  maxReturn?: number;
  /** A horizontal line, e.g. the solved threshold (default 475). */
  threshold?: number;
  /** Episodes in the rolling mean (default 20). */
  window?: number;
  /** Minimum time between two redraws, ms (default 1000). */
  intervalMs?: number;
}

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { left: 44, right: 12, top: 24, bottom: 28 };

/** Episode returns and their rolling mean, redrawn in place while training runs. */
export class LiveReturnsChart {
  readonly #id = newDisplayId("rl-live-returns");
  readonly #options: Required<Omit<LiveReturnsChartOptions, "maxSteps">> & { maxSteps?: number };
  readonly #episodes: EpisodeRecord[] = [];
  readonly #kernel = inKernel();
  #last = -Infinity;
  #shown = false;
  #sending: Promise<void> = Promise.resolve();

  /** A chart with nothing in it yet; it appears with the first redraw. */
  constructor(options: LiveReturnsChartOptions = {}) {
    this.#options = {
      title: options.title ?? "Training returns",
      maxSteps: options.maxSteps,
      maxReturn: options.maxReturn ?? 500,
      threshold: options.threshold ?? 475,
      window: options.window ?? 20,
      intervalMs: options.intervalMs ?? 1000,
    };
  }

  /** Adds a finished episode; redraws when `intervalMs` has passed since the last redraw. */
  add(episode: EpisodeRecord): void {
    this.#episodes.push(episode);
    const now = performance.now();
    if (now - this.#last >= this.#options.intervalMs) {
      this.#last = now;
      this.#redraw();
    }
  }

  /** Draws the final state and waits until it is displayed. */
  async done(): Promise<void> {
    this.#redraw();
    await this.#sending;
  }

  /** The chart as SVG markup (for tests and for files). */
  svg(): string {
    const { maxReturn, threshold, window, title } = this.#options;
    const episodes = this.#episodes;
    const lastStep = episodes.length > 0 ? episodes[episodes.length - 1].step : 1;
    const maxSteps = Math.max(this.#options.maxSteps ?? lastStep, 1);
    const w = WIDTH - PAD.left - PAD.right;
    const h = HEIGHT - PAD.top - PAD.bottom;
    const x = (step: number) => (PAD.left + (Math.min(step, maxSteps) / maxSteps) * w).toFixed(1);
    const y = (ret: number) =>
      (PAD.top + h - (Math.min(ret, maxReturn) / maxReturn) * h).toFixed(1);
    const dots = episodes.map((e) =>
      `<circle cx="${x(e.step)}" cy="${y(e.episodeReturn)}" r="1.5"/>`
    );
    let sum = 0;
    const mean: string[] = [];
    episodes.forEach((e, i) => {
      sum += e.episodeReturn;
      if (i >= window) sum -= episodes[i - window].episodeReturn;
      mean.push(`${x(e.step)},${y(sum / Math.min(i + 1, window))}`);
    });
    const last = mean.length > 0 ? (sum / Math.min(episodes.length, window)).toFixed(1) : "-";
    return [
      `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" ` +
      `font-family="sans-serif" font-size="11">`,
      `<text x="${PAD.left}" y="15" font-size="13">${escapeHtml(title)}: ${episodes.length} ` +
      `episodes, ${lastStep} steps, mean of last ${window} = ${last}</text>`,
      `<rect x="${PAD.left}" y="${PAD.top}" width="${w}" height="${h}" fill="none" stroke="#999"/>`,
      `<line x1="${PAD.left}" x2="${PAD.left + w}" y1="${y(threshold)}" y2="${y(threshold)}" ` +
      `stroke="#2ca02c" stroke-dasharray="4 3"/>`,
      `<text x="4" y="${Number(y(maxReturn)) + 4}">${maxReturn}</text>`,
      `<text x="4" y="${Number(y(threshold)) + 4}" fill="#2ca02c">${threshold}</text>`,
      `<text x="4" y="${PAD.top + h + 4}">0</text>`,
      `<text x="${PAD.left + w}" y="${HEIGHT - 8}" text-anchor="end">${maxSteps} env steps</text>`,
      `<g fill="#1f77b4" fill-opacity="0.35">${dots.join("")}</g>`,
      `<polyline fill="none" stroke="#d62728" stroke-width="2" points="${mean.join(" ")}"/>`,
      `</svg>`,
    ].join("");
  }

  #redraw(): void {
    if (!this.#kernel) return;
    const update = this.#shown;
    this.#shown = true;
    const svg = this.svg();
    const text = `${this.#options.title}: ${this.#episodes.length} episodes`;
    this.#sending = this.#sending.then(() =>
      display({ "text/html": svg, "text/plain": text }, { id: this.#id, update })
    );
  }
}
