/**
 * Plots for the course: figure builders (line plots with bands over runs, heatmaps with cell
 * text, bars, scatter) returning plain plotly figures, and `show`, which displays a figure
 * in the notebook or writes it to an HTML file outside one.
 *
 * @example
 * ```ts
 * import { heatmap, linePlot, show } from "../lib/plot/mod.ts";
 * await show(linePlot({ title: "Returns", series: [{ name: "random", y: [1, 3, 2] }] }));
 * await show(heatmap({ z: [[0, 1], [2, 3]], text: [["→", "↓"], ["↑", "G"]] }));
 * ```
 * @module
 */
export {
  bar,
  type BarOptions,
  type BarSeries,
  COLOURS,
  type Figure,
  heatmap,
  type HeatmapOptions,
  linePlot,
  type LinePlotOptions,
  type LineSeries,
  type PlotlyTrace,
  type RunsSeries,
  scatter,
  type ScatterOptions,
  type ScatterSeries,
  type Titles,
  withAlpha,
} from "./figures.ts";
export { type BandKind, movingAverage, type RunSummary, summariseRuns } from "./stats.ts";
export {
  figureDivHtml,
  figureText,
  PLOTLY_CHUNK_CHARS,
  PLOTLY_MIME,
  plotlyLoaderBundles,
  PlotSession,
  show,
  type ShowOptions,
  standaloneHtml,
  writeFigure,
} from "./show.ts";
export { plotlyGzipBase64, plotlyPath, plotlySource } from "./plotly_asset.ts";
