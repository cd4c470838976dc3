/**
 * Showing figures: in the kernel as a MIME bundle with `application/vnd.plotly.v1+json`
 * (front-ends with a plotly renderer: JupyterLab with plotly, VS Code), `text/html` (the
 * classic Notebook, nbconvert HTML) and a short `text/plain`; outside the kernel as a
 * standalone HTML file.
 *
 * The HTML route needs plotly.js in the page. It is embedded in the first figure a kernel
 * session shows (about 5 MB, once, not per plot); later figures wait for `window.Plotly`,
 * so they also draw when their output renders before the first one's script has run.
 *
 * @module
 */
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { display, type MimeBundle } from "../display/bundle.ts";
import { escapeHtml } from "../display/html.ts";
import { outputTarget } from "../display/output.ts";
import type { Figure } from "./figures.ts";
import { plotlySource } from "./plotly_asset.ts";

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
 * Builds figure bundles for one kernel session: the first bundle's HTML embeds plotly.js,
 * later ones rely on it. {@link show} uses one session per process (= per kernel session).
 */
export class PlotSession {
  #plotlyEmbedded = false;

  /** Whether a bundle of this session has embedded plotly.js yet. */
  get plotlyEmbedded(): boolean {
    return this.#plotlyEmbedded;
  }

  /** The MIME bundle of `fig`: plotly JSON, HTML (with plotly.js the first time), text. */
  async bundle(fig: Figure, options: ShowOptions = {}): Promise<MimeBundle> {
    validateFigure(fig);
    const layout = sizedLayout(fig, options);
    let html = figureDivHtml(fig, options);
    if (!this.#plotlyEmbedded) {
      html = `${plotlyScript(await plotlySource())}\n${html}`;
      this.#plotlyEmbedded = true;
    }
    return {
      [PLOTLY_MIME]: { data: fig.data, layout },
      "text/html": html,
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
    await display(await session.bundle(fig, options));
    return options.file === undefined ? undefined : await writeFigure(fig, options.file, options);
  }
  const path = await writeFigure(fig, options.file ?? defaultFile(fig), options);
  target.stdout(`${figureText(fig)} written to ${shortPath(path)}\n`);
  return path;
}
