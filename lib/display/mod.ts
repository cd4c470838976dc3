/**
 * Rich output that works in and out of Deno's Jupyter kernel: MIME bundles and `display`,
 * HTML and tables, and progress displays for long loops.
 *
 * @example
 * ```ts
 * import { display, htmlTable, inKernel, Progress } from "../lib/display/mod.ts";
 * await display(htmlTable([{ episode: 1, return: 9.5 }], { caption: "returns" }));
 * ```
 * @module
 */
export {
  assertMimeBundle,
  display,
  displayable,
  type DisplayOptions,
  type MimeBundle,
  newDisplayId,
} from "./bundle.ts";
export { formatDuration, formatNumber, formatRate, formatValue } from "./format.ts";
export {
  escapeHtml,
  html,
  htmlTable,
  htmlToText,
  type TableOptions,
  type TableRow,
} from "./html.ts";
export {
  type DisplayMessage,
  inKernel,
  type OutputTarget,
  outputTarget,
  processOutput,
  setOutputTarget,
} from "./output.ts";
export {
  type Metrics,
  Progress,
  progressEta,
  progressHtml,
  type ProgressOptions,
  progressRate,
  type ProgressState,
  progressText,
  Throttle,
} from "./progress.ts";
export { type RecordedMessage, RecordingOutput } from "./testing.ts";
