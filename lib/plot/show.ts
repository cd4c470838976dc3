/**
 * Showing figures: in the kernel as a MIME bundle with `application/vnd.plotly.v1+json`
 * (front-ends with a plotly renderer: JupyterLab with plotly, VS Code), `text/html` (the
 * classic Notebook, nbconvert HTML) and a short `text/plain`; outside the kernel as a
 * standalone HTML file.
 *
 * The HTML route needs plotly.js in the page. The first figure of a kernel session is
 * preceded by outputs that carry plotly.js (gzip-compressed, base64, in chunks of
 * {@link PLOTLY_CHUNK_CHARS} characters sent a little apart), once per session, not per
 * plot; the browser reassembles, decompresses and runs it. Every figure waits for
 * `window.Plotly`, so it also draws when its output renders before plotly.js has loaded.
 *
 * Why chunks: Deno's kernel (2.9) publishes iopub messages without waiting until they are
 * written; a single multi-megabyte message to a slow subscriber such as the classic
 * Notebook server can stall or corrupt the iopub stream ("Invalid Signature" in the server
 * log, no further outputs, the kernel shown busy forever). Messages of a few hundred KB,
 * paced, get through.
 *
 * @module
 */
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { display, type MimeBundle } from "../display/bundle.ts";
import { escapeHtml } from "../display/html.ts";
import { outputTarget } from "../display/output.ts";
import type { Figure } from "./figures.ts";
import { plotlyGzipBase64, plotlySource } from "./plotly_asset.ts";

/** The MIME type front-ends with a plotly renderer display. */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/** Options of {@link show}. */
export interface ShowOptions {
  /**
   * Also (in the kernel) or instead (outside it) write a standalone HTML file here. Outside
   * the kernel the default is `out/plots/<title>.html` in the course folder.
   */
  file?: string;
  /** Width in pixels (default: the width of the output area). */
  width?: number;
  /** Height in pixels (default 450). */
  height?: number;
}

const DEFAULT_HEIGHT = 450;

/** Characters of compressed plotly.js per loader output (about 256 KB). */
export const PLOTLY_CHUNK_CHARS = 256 * 1024;

/** Pause between two loader outputs, so the kernel's socket drains in between. */
const CHUNK_PAUSE_MS = 40;

/** The course folder, two levels above this module. */
const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** JSON that can sit inside a `<script>` element: `<` is escaped as `\u003c`. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

function validateFigure(fig: Figure): void {
  if (fig === null || typeof fig !== "object" || !Array.isArray(fig.data)) {
    throw new TypeError(
      "show: expected a Figure { data: PlotlyTrace[], layout }, e.g. from linePlot.",
    );
  }
  if (fig.layout !== undefined && (fig.layout === null || typeof fig.layout !== "object")) {
    throw new TypeError("show: figure.layout must be an object.");
  }
}

function sizedLayout(fig: Figure, options: ShowOptions): Record<string, unknown> {
  const layout: Record<string, unknown> = { ...(fig.layout ?? {}) };
  if (options.width !== undefined) layout.width = options.width;
  layout.height = options.height ?? (layout.height as number | undefined) ?? DEFAULT_HEIGHT;
  return layout;
}

/** A short text description, e.g. `Figure "Returns": 2 traces (SARSA, Q-learning)`. */
export function figureText(fig: Figure): string {
  const layout = fig.layout ?? {};
  const title = (layout.title as { text?: string } | undefined)?.text;
  const names = fig.data
    .filter((trace) => trace.showlegend !== false && typeof trace.name === "string")
    .map((trace) => trace.name as string);
  const traces = `${fig.data.length} trace${fig.data.length === 1 ? "" : "s"}`;
  return `Figure${title ? ` "${title}"` : ""}: ${traces}${
    names.length > 0 ? ` (${names.join(", ")})` : ""
  }`;
}

/**
 * The HTML of one figure: a div with a unique id and a script that draws into it as soon as
 * both the div is in the page and `window.Plotly` is defined (polling for up to 30 s, then
 * saying what is missing).
 */
export function figureDivHtml(fig: Figure, options: ShowOptions = {}): string {
  validateFigure(fig);
  const layout = sizedLayout(fig, options);
  const id = `rl-plot-${crypto.randomUUID()}`;
  const width = options.width !== undefined ? `${options.width}px` : "100%";
  const spec = scriptJson({ data: fig.data, layout });
  return `<div id="${id}" class="rl-plot" style="width:${width};height:${layout.height}px"></div>
<script type="text/javascript">
(function () {
  var spec = ${spec};
  var tries = 0;
  function draw() {
    var el = document.getElementById("${id}");
    if (el && window.Plotly) {
      window.Plotly.newPlot(el, spec.data, spec.layout, { responsive: true });
    } else if (++tries < 600) {
      setTimeout(draw, 50);
    } else if (el) {
      el.textContent = "plotly.js is not loaded in this page: restart the kernel and run " +
        "the notebook again (the first figure of a kernel session carries plotly.js).";
    }
  }
  draw();
})();
</script>`;
}

/** A `<script>` element defining `window.Plotly`. */
function plotlyScript(source: string): string {
  return `<script type="text/javascript">${source}</script>`;
}

/** A complete HTML page showing `fig`, with plotly.js inlined (works offline). */
export async function standaloneHtml(fig: Figure, options: ShowOptions = {}): Promise<string> {
  const title = (fig.layout?.title as { text?: string } | undefined)?.text ?? "Figure";
  return `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
${plotlyScript(await plotlySource())}
</head>
<body>
${figureDivHtml(fig, options)}
</body>
</html>
`;
}

/**
 * The loader outputs that bring plotly.js into a notebook page: `count` bundles whose
 * scripts store their chunk of gzip+base64 plotly.js in `window`; the one that completes
 * the set decodes it, decompresses it (`DecompressionStream`) and runs it, defining
 * `window.Plotly`. Chunks may render in any order and more than once.
 */
export function plotlyLoaderBundles(compressedBase64: string): MimeBundle[] {
  const count = Math.max(1, Math.ceil(compressedBase64.length / PLOTLY_CHUNK_CHARS));
  // One set of parts per plotly.js build, so chunks of another build never mix in.
  const key = `__rlPlotlyParts_${compressedBase64.length}`;
  return Array.from({ length: count }, (_, index) => {
    const chunk = compressedBase64.slice(
      index * PLOTLY_CHUNK_CHARS,
      (index + 1) * PLOTLY_CHUNK_CHARS,
    );
    return {
      "text/html": `<script type="text/javascript">
(function () {
  var w = window;
  if (w.Plotly) return;
  var parts = w["${key}"] = w["${key}"] || {};
  parts[${index}] = "${chunk}";
  for (var i = 0; i < ${count}; i++) if (parts[i] === undefined) return;
  if (parts.loading) return;
  parts.loading = true;
  var encoded = "";
  for (var k = 0; k < ${count}; k++) encoded += parts[k];
  var binary = atob(encoded);
  var bytes = new Uint8Array(binary.length);
  for (var j = 0; j < binary.length; j++) bytes[j] = binary.charCodeAt(j);
  var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  new Response(stream).text().then(function (source) {
    var script = document.createElement("script");
    script.text = source;
    document.head.appendChild(script);
  }).catch(function (error) {
    parts.loading = false;
    console.error("plotly.js could not be loaded", error);
  });
})();
</script>`,
      "text/plain": "",
    };
  });
}

/**
 * Builds figure bundles for one kernel session and remembers whether plotly.js was sent.
 * {@link show} uses one session per process (= per kernel session).
 */
export class PlotSession {
  #plotlySent = false;

  /** Whether this session has handed out the plotly.js loader yet. */
  get plotlyEmbedded(): boolean {
    return this.#plotlySent;
  }

  /** The plotly.js loader bundles the first time, then none. */
  async plotlyLoader(): Promise<MimeBundle[]> {
    if (this.#plotlySent) return [];
    const bundles = plotlyLoaderBundles(await plotlyGzipBase64());
    this.#plotlySent = true;
    return bundles;
  }

  /** The MIME bundle of `fig`: plotly JSON, HTML (a div and its drawing script), text. */
  bundle(fig: Figure, options: ShowOptions = {}): MimeBundle {
    validateFigure(fig);
    return {
      [PLOTLY_MIME]: { data: fig.data, layout: sizedLayout(fig, options) },
      "text/html": figureDivHtml(fig, options),
      "text/plain": figureText(fig),
    };
  }
}

const session = new PlotSession();
const fileNamesUsed = new Set<string>();

function defaultFile(fig: Figure): string {
  const title = (fig.layout?.title as { text?: string } | undefined)?.text ?? "";
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) ||
    "figure";
  let name = slug;
  for (let n = 2; fileNamesUsed.has(name); n++) name = `${slug}-${n}`;
  fileNamesUsed.add(name);
  return join(PROJECT_ROOT, "out", "plots", `${name}.html`);
}

/** Writes `fig` as a standalone HTML page to `file` (directories created) and returns its path. */
export async function writeFigure(
  fig: Figure,
  file: string,
  options: ShowOptions = {},
): Promise<string> {
  const path = resolve(file);
  await Deno.mkdir(dirname(path), { recursive: true });
  await Deno.writeTextFile(path, await standaloneHtml(fig, options));
  return path;
}

function shortPath(path: string): string {
  const rel = relative(Deno.cwd(), path);
  return rel.startsWith("..") || isAbsolute(rel) ? path : rel;
}

/**
 * Shows a figure. In the kernel: displays its MIME bundle (and writes `options.file` if
 * given). Outside: writes a standalone HTML file (`options.file`, default
 * `out/plots/<title>.html`) and prints its path.
 *
 * @returns the path of the written file, if one was written.
 */
export async function show(fig: Figure, options: ShowOptions = {}): Promise<string | undefined> {
  validateFigure(fig);
  const target = outputTarget();
  if (target.kernel) {
    const loader = await session.plotlyLoader();
    for (const [index, bundle] of loader.entries()) {
      if (index > 0) await new Promise((resolve) => setTimeout(resolve, CHUNK_PAUSE_MS));
      await display(bundle);
    }
    await display(session.bundle(fig, options));
    return options.file === undefined ? undefined : await writeFigure(fig, options.file, options);
  }
  const path = await writeFigure(fig, options.file ?? defaultFile(fig), options);
  target.stdout(`${figureText(fig)} written to ${shortPath(path)}\n`);
  return path;
}
