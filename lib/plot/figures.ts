/**
 * Figure builders. A {@link Figure} is plain data in plotly's JSON schema (`{ data, layout }`),
 * so it can be shown (see show.ts), saved, inspected in tests or extended by hand before
 * showing, e.g. `fig.layout.yaxis = { range: [0, 500] }`.
 *
 * @module
 */
import { type BandKind, movingAverage, summariseRuns } from "./stats.ts";

/** One plotly trace (`{ type: "scatter", x, y, ... }`), as in plotly's JSON schema. */
export type PlotlyTrace = Record<string, unknown>;

/** A plotly figure: traces and layout. */
export interface Figure {
  data: PlotlyTrace[];
  layout: Record<string, unknown>;
}

/** Titles shared by the builders. */
export interface Titles {
  title?: string;
  xLabel?: string;
  yLabel?: string;
}

/** plotly's default colour sequence (d3's category10). */
export const COLOURS = [
  "#1f77b4",
  "#ff7f0e",
  "#2ca02c",
  "#d62728",
  "#9467bd",
  "#8c564b",
  "#e377c2",
  "#7f7f7f",
  "#bcbd22",
  "#17becf",
] as const;

/** `#rrggbb` with an alpha, as `rgba(r,g,b,a)`. */
export function withAlpha(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${alpha})`;
}

function baseLayout({ title, xLabel, yLabel }: Titles): Record<string, unknown> {
  const layout: Record<string, unknown> = {
    margin: { l: 60, r: 20, t: title ? 50 : 20, b: 50 },
    xaxis: xLabel ? { title: { text: xLabel } } : {},
    yaxis: yLabel ? { title: { text: yLabel } } : {},
  };
  if (title) layout.title = { text: title };
  return layout;
}

function numbers(values: ArrayLike<number>, what: string): number[] {
  if (values === null || typeof values !== "object" || typeof values.length !== "number") {
    throw new TypeError(`${what} must be an array of numbers, got ${String(values)}.`);
  }
  const out = Array.from(values);
  const bad = out.findIndex((v) => typeof v !== "number");
  if (bad >= 0) {
    throw new TypeError(`${what}[${bad}] must be a number, got ${JSON.stringify(out[bad])}.`);
  }
  return out;
}

function xValues(
  x: ArrayLike<number> | undefined,
  length: number,
  what: string,
): number[] {
  if (x === undefined) return Array.from({ length }, (_, i) => i);
  const xs = numbers(x, `${what}.x`);
  if (xs.length < length) {
    throw new RangeError(`${what}: x has ${xs.length} values but y needs ${length}.`);
  }
  return xs.slice(0, length);
}

/** A line from one sequence of values. */
export interface LineSeries {
  name: string;
  /** x values (default 0, 1, 2, ...); at least as many as `y`. */
  x?: ArrayLike<number>;
  y: ArrayLike<number>;
}

/** A mean line with a shaded band from several runs (e.g. seeds) of the same experiment. */
export interface RunsSeries {
  name: string;
  /** x values shared by the runs (default 0, 1, 2, ...); as many as the longest run. */
  x?: ArrayLike<number>;
  /** One array per run; runs may differ in length. */
  runs: ArrayLike<number>[];
  /** The band: sample standard deviation (default), standard error, or min to max. */
  band?: BandKind;
}

/** Options of {@link linePlot}. */
export interface LinePlotOptions extends Titles {
  series: (LineSeries | RunsSeries)[];
  /**
   * Trailing moving-average window in points, applied to every line (to each run before
   * the mean and band are taken). Default 1: no smoothing.
   */
  smooth?: number;
}

/**
 * Line plot of one or more series; a series given as several `runs` is drawn as the mean
 * across runs with a shaded band.
 *
 * @example
 * ```ts
 * linePlot({
 *   title: "CartPole", xLabel: "episode", yLabel: "return", smooth: 10,
 *   series: [{ name: "DQN", runs: returnsPerSeed, band: "std" }],
 * });
 * ```
 */
export function linePlot(options: LinePlotOptions): Figure {
  const { series, smooth = 1 } = options;
  if (!Array.isArray(series) || series.length === 0) {
    throw new TypeError(
      "linePlot: series must be a non-empty array of { name, y } or { name, runs }.",
    );
  }
  const data: PlotlyTrace[] = [];
  series.forEach((s, index) => {
    const what = `linePlot: series ${index} ("${s?.name}")`;
    const colour = COLOURS[index % COLOURS.length];
    if ("runs" in s) {
      if (!Array.isArray(s.runs) || s.runs.length === 0) {
        throw new TypeError(`${what}: runs must be a non-empty array of arrays of numbers.`);
      }
      const runs = s.runs.map((run, r) =>
        movingAverage(numbers(run, `${what}.runs[${r}]`), smooth)
      );
      const summary = summariseRuns(runs, s.band ?? "std");
      const x = xValues(s.x, summary.mean.length, what);
      const group = `series-${index}`;
      data.push(
        {
          type: "scatter",
          mode: "lines",
          x,
          y: summary.upper,
          line: { width: 0 },
          hoverinfo: "skip",
          showlegend: false,
          legendgroup: group,
          name: `${s.name} upper`,
        },
        {
          type: "scatter",
          mode: "lines",
          x,
          y: summary.lower,
          line: { width: 0 },
          fill: "tonexty",
          fillcolor: withAlpha(colour, 0.2),
          hoverinfo: "skip",
          showlegend: false,
          legendgroup: group,
          name: `${s.name} lower`,
        },
        {
          type: "scatter",
          mode: "lines",
          x,
          y: summary.mean,
          name: `${s.name} (mean of ${runs.length})`,
          line: { color: colour },
          legendgroup: group,
        },
      );
    } else {
      const y = movingAverage(numbers(s.y, `${what}.y`), smooth);
      data.push({
        type: "scatter",
        mode: "lines",
        x: xValues(s.x, y.length, what),
        y,
        name: s.name,
        line: { color: colour },
      });
    }
  });
  return { data, layout: baseLayout(options) };
}

/** Options of {@link heatmap}. */
export interface HeatmapOptions extends Titles {
  /** Values, `z[row][column]`. */
  z: ArrayLike<number>[];
  /** Text shown in each cell (e.g. policy arrows or rounded values), same shape as `z`. */
  text?: string[][];
  /** Column labels (default 0, 1, ...). */
  x?: (string | number)[];
  /** Row labels (default 0, 1, ...). */
  y?: (string | number)[];
  /** A plotly colour scale name or `[[0, colour], ..., [1, colour]]` (default "Viridis"). */
  colorscale?: string | [number, string][];
  /** Row 0 at the top, as in a grid world or a matrix (default), or at the bottom. */
  origin?: "top" | "bottom";
}

/**
 * Heatmap of a matrix, e.g. state values of a grid world with policy arrows as cell text.
 * Cells are square and row 0 is at the top by default.
 */
export function heatmap(options: HeatmapOptions): Figure {
  const { z, text, colorscale = "Viridis", origin = "top" } = options;
  if (!Array.isArray(z) || z.length === 0) {
    throw new TypeError("heatmap: z must be a non-empty array of rows of numbers.");
  }
  const rows = z.map((row, r) => numbers(row, `heatmap: z[${r}]`));
  const width = rows[0].length;
  const ragged = rows.findIndex((row) => row.length !== width);
  if (ragged >= 0) {
    throw new RangeError(
      `heatmap: z[${ragged}] has ${rows[ragged].length} values but z[0] has ${width}.`,
    );
  }
  const trace: PlotlyTrace = {
    type: "heatmap",
    z: rows,
    colorscale,
    hovertemplate: "row %{y}, column %{x}: %{z}<extra></extra>",
  };
  if (options.x) trace.x = options.x;
  if (options.y) trace.y = options.y;
  if (text !== undefined) {
    const bad = text.length !== rows.length
      ? -1
      : text.findIndex((row) => !Array.isArray(row) || row.length !== width);
    if (text.length !== rows.length || bad >= 0) {
      throw new RangeError(
        `heatmap: text must have the shape of z (${rows.length} rows of ${width}); ` +
          (bad >= 0
            ? `text[${bad}] has ${text[bad]?.length} entries.`
            : `it has ${text.length} rows.`),
      );
    }
    trace.text = text;
    trace.texttemplate = "%{text}";
    trace.hovertemplate = "row %{y}, column %{x}: %{z} (%{text})<extra></extra>";
  }
  const layout = baseLayout(options);
  layout.yaxis = {
    ...(layout.yaxis as object),
    scaleanchor: "x",
    ...(origin === "top" ? { autorange: "reversed" } : {}),
  };
  layout.xaxis = { ...(layout.xaxis as object), constrain: "domain" };
  return { data: [trace], layout };
}

/** One group of bars. */
export interface BarSeries {
  name?: string;
  /** Categories or positions. */
  x: (string | number)[];
  y: ArrayLike<number>;
  /** Symmetric error bars, e.g. a standard deviation per bar. */
  error?: ArrayLike<number>;
}

/** Options of {@link bar}. */
export interface BarOptions extends Titles {
  series: BarSeries[];
  /** Several series side by side (default) or stacked. */
  mode?: "group" | "stack";
}

/** Bar chart, e.g. the true action values of a bandit or final returns per algorithm. */
export function bar(options: BarOptions): Figure {
  const { series, mode = "group" } = options;
  if (!Array.isArray(series) || series.length === 0) {
    throw new TypeError("bar: series must be a non-empty array of { x, y }.");
  }
  const data = series.map((s, index) => {
    const what = `bar: series ${index}`;
    const y = numbers(s.y, `${what}.y`);
    if (!Array.isArray(s.x) || s.x.length !== y.length) {
      throw new RangeError(
        `${what}: x and y must have the same length (${s.x?.length} vs ${y.length}).`,
      );
    }
    const trace: PlotlyTrace = {
      type: "bar",
      x: s.x,
      y,
      marker: { color: COLOURS[index % COLOURS.length] },
    };
    if (s.name !== undefined) trace.name = s.name;
    if (s.error !== undefined) {
      const error = numbers(s.error, `${what}.error`);
      if (error.length !== y.length) {
        throw new RangeError(`${what}: error has ${error.length} values for ${y.length} bars.`);
      }
      trace.error_y = { type: "data", array: error, visible: true };
    }
    return trace;
  });
  return { data, layout: { ...baseLayout(options), barmode: mode } };
}

/** One set of points. */
export interface ScatterSeries {
  name?: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** Hover text per point. */
  text?: string[];
  /** Marker size in pixels (default 6). */
  size?: number;
}

/** Options of {@link scatter}. */
export interface ScatterOptions extends Titles {
  series: ScatterSeries[];
}

/** Scatter plot of points, e.g. observations coloured by series. */
export function scatter(options: ScatterOptions): Figure {
  const { series } = options;
  if (!Array.isArray(series) || series.length === 0) {
    throw new TypeError("scatter: series must be a non-empty array of { x, y }.");
  }
  const data = series.map((s, index) => {
    const what = `scatter: series ${index}`;
    const x = numbers(s.x, `${what}.x`);
    const y = numbers(s.y, `${what}.y`);
    if (x.length !== y.length) {
      throw new RangeError(
        `${what}: x and y must have the same length (${x.length} vs ${y.length}).`,
      );
    }
    const trace: PlotlyTrace = {
      type: "scatter",
      mode: "markers",
      x,
      y,
      marker: { color: COLOURS[index % COLOURS.length], size: s.size ?? 6 },
    };
    if (s.name !== undefined) trace.name = s.name;
    if (s.text !== undefined) trace.text = s.text;
    return trace;
  });
  return { data, layout: baseLayout(options) };
}
