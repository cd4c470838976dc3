/**
 * Locates and reads plotly.js (the minified bundle of the npm package `plotly.js-dist-min`,
 * pinned in deno.json) for embedding in notebook outputs and standalone HTML files.
 *
 * No module imports plotly.js (it needs a browser window), and Deno installs npm packages
 * into node_modules only when a program imports one, so a program that only plots may find
 * the package missing; it is then installed with `deno install`, which installs every
 * package in the import map.
 *
 * @module
 */
import { Buffer } from "node:buffer";
import { fileURLToPath } from "node:url";
import { sep } from "node:path";

/** The import-map specifier of the minified plotly.js file. */
export const PLOTLY_SPECIFIER = "plotly.js-dist-min/plotly.min.js";

let source: Promise<string> | undefined;
let compressed: Promise<string> | undefined;

/** The path of the minified plotly.js in node_modules (it may not be installed yet). */
export function plotlyPath(): string {
  const url = import.meta.resolve(PLOTLY_SPECIFIER);
  if (!url.startsWith("file:")) {
    throw new Error(
      `plotly.js resolved to ${url}, not a file: the course needs "nodeModulesDir": "auto" ` +
        `in deno.json so npm packages are installed in node_modules.`,
    );
  }
  return fileURLToPath(url);
}

/**
 * The source of plotly.js, safe to inline in a `<script>` element. Read once per process;
 * installs the npm packages first if they are missing.
 */
export function plotlySource(): Promise<string> {
  source ??= readPlotly().catch((error) => {
    source = undefined;
    throw error;
  });
  return source;
}

/**
 * plotly.js gzip-compressed and base64-encoded (about 2 MB instead of 4.8 MB), for notebook
 * outputs, where the browser decompresses it. Computed once per process.
 */
export function plotlyGzipBase64(): Promise<string> {
  compressed ??= plotlySource().then(async (text) => {
    const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"));
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    return Buffer.from(bytes).toString("base64");
  }).catch((error) => {
    compressed = undefined;
    throw error;
  });
  return compressed;
}

async function readPlotly(): Promise<string> {
  const path = plotlyPath();
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
    await installPackages(path);
    text = await Deno.readTextFile(path);
  }
  // A "</script" inside the source would end the inline script element early.
  return text.replace(/<\/script/gi, "<\\/script");
}

async function installPackages(path: string): Promise<void> {
  const marker = `${sep}node_modules${sep}`;
  const root = path.slice(0, path.indexOf(marker));
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["install", "--quiet"],
    cwd: root,
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!output.success) {
    throw new Error(
      `plotly.js is not installed (${path}) and \`deno install\` in ${root} failed: ` +
        `${new TextDecoder().decode(output.stderr).trim()}. Run \`npx -y deno@2.9.6 install\` ` +
        `in the course folder.`,
    );
  }
}
