/**
 * Browser test: notebook 00 with its solutions runs in a real Jupyter front-end.
 *
 * Starts the classic Jupyter Notebook server (Debian's `jupyter-notebook`) on 127.0.0.1 with
 * a random port, a random token and the course kernelspec in a temporary data dir; opens the
 * solved copy of notebook 00 in headless Chromium (Debian's `chromium`, driven through
 * npm:playwright-core: no browser download); runs all cells; and checks that a plotly chart
 * rendered (an `svg.main-svg` inside a `.js-plotly-plot`) and that every exercise's check
 * card says passed. Saves a screenshot under out/browser/. Stops the server, its kernels and
 * the browser it started, also on failure.
 *
 * Usage: `deno task test:browser [--notebook notebooks/NN_topic.solved.ipynb]
 * [--timeout SECONDS]`. Without `--notebook`, the solved copy of notebook 00 is made first
 * with `deno task solve`. Exits 1 with the reason on failure.
 *
 * @module
 */
import { type Browser, chromium, type Page } from "playwright-core";
import { basename, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { installKernelSpec } from "../../lib/notebook/kernelspec.ts";
import { KERNELSPEC } from "../../lib/notebook/source.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const NOTEBOOKS = join(ROOT, "notebooks");
const SCREENSHOTS = join(ROOT, "out", "browser");
const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
/** The kernelspec name the course notebooks ask for. */
const KERNEL_NAME = KERNELSPEC.name;

/** A failure with a message for the person running the test. */
class BrowserTestError extends Error {}

interface Options {
  notebook?: string;
  timeoutMs: number;
}

function parseArgs(args: string[]): Options {
  const options: Options = { timeoutMs: 600_000 };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--notebook" && args[i + 1]) options.notebook = args[++i];
    else if (arg === "--timeout" && Number(args[i + 1]) > 0) {
      options.timeoutMs = Number(args[++i]) * 1000;
    } else {
      throw new BrowserTestError(
        `unknown argument "${arg}"; usage: deno task test:browser ` +
          `[--notebook notebooks/NN_topic.solved.ipynb] [--timeout SECONDS]`,
      );
    }
  }
  return options;
}

function log(message: string): void {
  console.log(`[browser test] ${message}`);
}

/** Everything started here, stopped in reverse order by {@link cleanUp}. */
const cleanups: { name: string; run: () => Promise<void> }[] = [];

async function cleanUp(): Promise<void> {
  while (cleanups.length > 0) {
    const { name, run } = cleanups.pop()!;
    try {
      await run();
    } catch (error) {
      console.error(`[browser test] stopping ${name} failed: ${(error as Error).message}`);
    }
  }
}

async function run(
  command: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<string> {
  let output: Deno.CommandOutput;
  try {
    output = await new Deno.Command(command, {
      args,
      cwd: options.cwd ?? ROOT,
      env: options.env,
      stdout: "piped",
      stderr: "piped",
    }).output();
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new BrowserTestError(`${command} is not installed (needed for: ${args.join(" ")}).`);
    }
    throw error;
  }
  const text = new TextDecoder().decode(output.stdout) + new TextDecoder().decode(output.stderr);
  if (!output.success) {
    throw new BrowserTestError(`${command} ${args.join(" ")} failed:\n${text.trim()}`);
  }
  return text;
}

async function requireTools(): Promise<void> {
  try {
    await Deno.stat(CHROMIUM);
  } catch {
    throw new BrowserTestError(
      `${CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium).`,
    );
  }
  try {
    log(`jupyter notebook ${(await run("jupyter", ["notebook", "--version"])).trim()}`);
  } catch (error) {
    throw new BrowserTestError(
      `the classic Jupyter Notebook is needed: apt-get install -y jupyter-notebook ` +
        `(${(error as Error).message})`,
    );
  }
}

/** The solved notebook to open: `--notebook`, or notebook 00 solved by `deno task solve`. */
async function solvedNotebook(options: Options): Promise<string> {
  if (options.notebook) {
    const path = resolve(options.notebook);
    if (!path.startsWith(NOTEBOOKS + "/")) {
      throw new BrowserTestError(`--notebook must be inside ${NOTEBOOKS}, got ${path}.`);
    }
    await Deno.stat(path).catch(() => {
      throw new BrowserTestError(`notebook ${path} does not exist.`);
    });
    return path;
  }
  const source = join(NOTEBOOKS, "00_tools.ipynb");
  const solved = join(NOTEBOOKS, "00_tools.solved.ipynb");
  log(`solving ${relative(ROOT, source)}`);
  await run(Deno.execPath(), [
    "task",
    "--quiet",
    "solve",
    relative(ROOT, source),
    "--out",
    relative(ROOT, solved),
  ]);
  return solved;
}

/** Exercise names of a notebook, from the cell metadata `rl_course.exercise`. */
async function exerciseNames(path: string): Promise<string[]> {
  const nb = JSON.parse(await Deno.readTextFile(path));
  return (nb.cells as { metadata?: { rl_course?: { exercise?: string } } }[])
    .map((cell) => cell.metadata?.rl_course?.exercise)
    .filter((name): name is string => typeof name === "string");
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

interface Server {
  base: string;
  token: string;
  /** The server's combined stdout and stderr. */
  logPath: string;
}

/** Copies `stream` to the end of `file` until the stream ends. */
async function appendTo(file: Deno.FsFile, stream: ReadableStream<Uint8Array>): Promise<void> {
  for await (let chunk of stream) {
    while (chunk.length > 0) chunk = chunk.subarray(await file.write(chunk));
  }
}

/** Environment that keeps Jupyter's data, config and runtime files in `dataDir`. */
function jupyterEnv(dataDir: string): Record<string, string> {
  return {
    JUPYTER_DATA_DIR: dataDir,
    JUPYTER_CONFIG_DIR: join(dataDir, "config"),
    JUPYTER_RUNTIME_DIR: join(dataDir, "runtime"),
    NO_COLOR: "1",
  };
}

async function startServer(dataDir: string, timeoutMs: number): Promise<Server> {
  const port = freePort();
  const token = crypto.randomUUID().replaceAll("-", "");
  const logPath = join(dataDir, "server.log");
  const logFile = await Deno.open(logPath, { append: true, create: true });
  const server = new Deno.Command("jupyter", {
    args: [
      "notebook",
      "--no-browser",
      "--allow-root",
      "--ip=127.0.0.1",
      `--port=${port}`,
      "--port-retries=0",
      `--NotebookApp.token=${token}`,
      `--notebook-dir=${NOTEBOOKS}`,
    ],
    cwd: NOTEBOOKS,
    env: jupyterEnv(dataDir),
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  // Both pipes must be drained all the time: a full pipe blocks the server's event loop.
  const pumps = [server.stdout, server.stderr].map((stream) => appendTo(logFile, stream));
  const base = `http://127.0.0.1:${port}`;
  let exited = false;
  const status = server.status.then((s) => {
    exited = true;
    return s;
  });
  cleanups.push({
    name: "the Jupyter server",
    run: async () => {
      await shutDownKernels(base, token);
      if (!exited) server.kill("SIGTERM");
      const timer = setTimeout(() => !exited && server.kill("SIGKILL"), 10_000);
      await status;
      clearTimeout(timer);
      await Promise.all(pumps);
      logFile.close();
    },
  });

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) {
      await Promise.all(pumps);
      throw new BrowserTestError(
        `the Jupyter server exited at start:\n${await Deno.readTextFile(logPath)}`,
      );
    }
    try {
      const response = await fetch(`${base}/api/status?token=${token}`);
      await response.body?.cancel();
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      throw new BrowserTestError(
        `the Jupyter server did not answer within ${timeoutMs / 1000} s:\n` +
          (await Deno.readTextFile(logPath)),
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const specs = await (await fetch(`${base}/api/kernelspecs?token=${token}`)).json();
  if (!specs.kernelspecs?.[KERNEL_NAME]) {
    throw new BrowserTestError(
      `the server does not see the ${KERNEL_NAME} kernelspec; it has: ` +
        Object.keys(specs.kernelspecs ?? {}).join(", "),
    );
  }
  log(`Jupyter Notebook at ${base} (kernelspecs: ${Object.keys(specs.kernelspecs).join(", ")})`);
  return { base, token, logPath };
}

/** Shuts down every kernel of the server, so no kernel process outlives the test. */
async function shutDownKernels(base: string, token: string): Promise<void> {
  let kernels: { id: string }[];
  try {
    kernels = await (await fetch(`${base}/api/kernels?token=${token}`)).json();
  } catch {
    return; // The server is not running.
  }
  for (const { id } of kernels) {
    const response = await fetch(`${base}/api/kernels/${id}?token=${token}`, {
      method: "DELETE",
    });
    await response.body?.cancel();
  }
}

/** Runs in the page: the state of the notebook's code cells and kernel. */
interface CellsState {
  total: number;
  executed: number;
  running: number;
  kernelIdle: boolean;
  errors: string[];
  /** One line per code cell: prompt number and output types, for failure reports. */
  summary: string[];
}

function cellsState(page: Page): Promise<CellsState> {
  return page.evaluate(() => {
    // The page's globals (Jupyter, document) are not typed here.
    // deno-lint-ignore no-explicit-any
    const page = globalThis as any;
    type Cell = {
      cell_type: string;
      input_prompt_number: number | string | null | undefined;
      output_area: { outputs: { output_type: string; ename?: string; evalue?: string }[] };
    };
    const cells = (page.Jupyter.notebook.get_cells() as Cell[])
      .filter((cell) => cell.cell_type === "code");
    const errors: string[] = [];
    cells.forEach((cell, index) => {
      for (const output of cell.output_area.outputs) {
        if (output.output_type === "error") {
          errors.push(`code cell ${index + 1}: ${output.ename}: ${output.evalue}`);
        }
      }
    });
    const icon = page.document.getElementById("kernel_indicator_icon");
    return {
      total: cells.length,
      executed: cells.filter((cell) => typeof cell.input_prompt_number === "number").length,
      running: cells.filter((cell) => cell.input_prompt_number === "*").length,
      kernelIdle: icon?.classList.contains("kernel_idle_icon") ?? false,
      errors,
      summary: cells.map((cell, index) =>
        `  [${cell.input_prompt_number ?? " "}] code cell ${index + 1}: ` +
        (cell.output_area.outputs.map((o) => o.output_type).join(", ") || "no output")
      ),
    };
  });
}

async function runNotebook(page: Page, server: Server, notebook: string, timeoutMs: number) {
  const url = `${server.base}/notebooks/${
    encodeURI(relative(NOTEBOOKS, notebook))
  }?token=${server.token}`;
  await page.goto(url, { waitUntil: "domcontentloaded" });
  await page.waitForFunction(
    () => {
      // deno-lint-ignore no-explicit-any
      const nb = (globalThis as any).Jupyter?.notebook;
      return nb?.kernel?.is_connected?.() && nb.kernel.info_reply?.status === "ok";
    },
    undefined,
    { timeout: 120_000, polling: 250 },
  ).catch(() => {
    throw new BrowserTestError("the notebook's kernel did not start within 120 s.");
  });
  const kernel = await page.evaluate(() =>
    // deno-lint-ignore no-explicit-any
    (globalThis as any).Jupyter.notebook.kernel.name as string
  );
  if (kernel !== KERNEL_NAME) {
    throw new BrowserTestError(`the notebook runs kernel "${kernel}", not "${KERNEL_NAME}".`);
  }
  log(`kernel ${kernel} is ready; Cell > Run All`);
  await page.click("#celllink");
  await page.click("#run_all_cells");

  const deadline = Date.now() + timeoutMs;
  let last = "";
  for (;;) {
    const state = await cellsState(page);
    if (state.errors.length > 0) {
      throw new BrowserTestError(`a cell raised an error:\n${state.errors.join("\n")}`);
    }
    const progress = `${state.executed}/${state.total} code cells run`;
    if (progress !== last) log(progress);
    last = progress;
    if (state.executed === state.total && state.running === 0 && state.kernelIdle) return;
    if (Date.now() > deadline) {
      throw new BrowserTestError(
        `the notebook did not finish within ${timeoutMs / 1000} s (${progress}, kernel ` +
          `${state.kernelIdle ? "idle" : "busy"}):\n${state.summary.join("\n")}`,
      );
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function checkOutputs(page: Page, exercises: string[]): Promise<void> {
  const chart = page.locator(".js-plotly-plot svg.main-svg").first();
  await chart.waitFor({ state: "attached", timeout: 60_000 }).catch(() => {
    throw new BrowserTestError(
      "no plotly chart rendered (no svg.main-svg inside a .js-plotly-plot); is the notebook " +
        "trusted, and did a cell call show(...)?",
    );
  });
  const charts = await page.locator(".js-plotly-plot").count();
  log(`${charts} plotly chart(s) rendered`);
  const math = await page.evaluate(() => {
    // deno-lint-ignore no-explicit-any
    const page = globalThis as any;
    return {
      mathJax: typeof page.MathJax,
      version: page.MathJax?.version,
      rendered: page.document.querySelectorAll(".MathJax, .MathJax_Display, mjx-container").length,
      raw: page.document.body.innerText.split("$$").length - 1,
    };
  });
  log(`math: ${JSON.stringify(math)}`);

  // Outputs can arrive after a cell's execution finished: wait until every exercise has a
  // card (or some card failed) before judging.
  type Card = { exercise: string; passed: boolean; text: string };
  let cards: Card[] = [];
  const deadline = Date.now() + 60_000;
  for (;;) {
    cards = await page.locator(".rl-check").evaluateAll((nodes) =>
      nodes.map((node) => ({
        exercise: node.getAttribute("data-exercise") ?? "?",
        passed: node.classList.contains("rl-check-passed"),
        text: (node.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 300),
      }))
    );
    const shown = new Set(cards.map((card) => card.exercise));
    const complete = cards.length > 0 && exercises.every((name) => shown.has(name));
    if (complete || cards.some((card) => !card.passed) || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const failed = cards.filter((card) => !card.passed);
  if (failed.length > 0) {
    throw new BrowserTestError(
      `check cards did not pass:\n${failed.map((c) => `  ${c.exercise}: ${c.text}`).join("\n")}`,
    );
  }
  const passed = new Set(cards.map((card) => card.exercise));
  const missing = exercises.filter((name) => !passed.has(name));
  if (cards.length === 0 || missing.length > 0) {
    throw new BrowserTestError(
      `expected a passed check card for every exercise (${exercises.join(", ")}); ` +
        `missing: ${missing.join(", ") || "all (no card at all)"}.`,
    );
  }
  log(`${cards.length} check card(s) passed: ${[...passed].join(", ")}`);
}

/**
 * Saves the executed notebook, reloads the page and checks that the saved outputs render
 * again: the server signs outputs made in the session, so the reopened notebook is trusted
 * and the first figure's output, which carries plotly.js, lets every chart draw.
 */
async function reopenSaved(page: Page): Promise<void> {
  await page.evaluate(() =>
    // deno-lint-ignore no-explicit-any
    (globalThis as any).Jupyter.notebook.save_notebook()
  );
  await page.reload({ waitUntil: "domcontentloaded" });
  await page.waitForFunction(
    // deno-lint-ignore no-explicit-any
    () => (globalThis as any).Jupyter?.notebook?._fully_loaded === true,
    undefined,
    { timeout: 60_000, polling: 250 },
  );
  const trusted = await page.evaluate(() =>
    // deno-lint-ignore no-explicit-any
    (globalThis as any).Jupyter.notebook.trusted as boolean
  );
  if (!trusted) throw new BrowserTestError("the saved notebook is not trusted after reopening.");
  // Let MathJax finish typesetting the markdown before the screenshot.
  await page.evaluate(() =>
    new Promise<void>((done) => {
      // deno-lint-ignore no-explicit-any
      const hub = (globalThis as any).MathJax?.Hub;
      if (hub) hub.Queue(() => done());
      else done();
      setTimeout(done, 10_000);
    })
  );
  await page.locator(".js-plotly-plot svg.main-svg").first()
    .waitFor({ state: "attached", timeout: 60_000 })
    .catch(() => {
      throw new BrowserTestError("the saved notebook's charts did not render after reopening.");
    });
  log(
    `reopened the saved notebook: trusted, ${await page.locator(".js-plotly-plot")
      .count()} chart(s) rendered`,
  );
}

async function screenshot(page: Page, name: string): Promise<string> {
  await Deno.mkdir(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, name);
  // The classic Notebook scrolls inside #site, not the page: make the viewport as tall as the
  // notebook so the screenshot shows all of it.
  const height = await page.evaluate(() => {
    // deno-lint-ignore no-explicit-any
    const doc = (globalThis as any).document;
    return (doc.getElementById("notebook")?.scrollHeight ?? 0) +
      (doc.getElementById("header")?.offsetHeight ?? 0);
  });
  await page.setViewportSize({ width: 1280, height: Math.min(Math.max(height, 900), 30_000) });
  await page.waitForTimeout(500);
  await page.screenshot({ path, fullPage: true });
  return relative(ROOT, path);
}

async function main(): Promise<void> {
  const options = parseArgs(Deno.args);
  await requireTools();
  const notebook = await solvedNotebook(options);
  const exercises = await exerciseNames(notebook);
  log(`notebook ${relative(ROOT, notebook)} (exercises: ${exercises.join(", ") || "none"})`);

  const dataDir = await Deno.makeTempDir({ prefix: "rl-course-jupyter-" });
  cleanups.push({
    name: "the temporary data dir",
    run: () => Deno.remove(dataDir, { recursive: true }),
  });
  const kernelspec = await installKernelSpec({ dataDir });
  log(`kernelspec written to ${kernelspec}`);
  const server = await startServer(dataDir, 60_000);

  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  cleanups.push({ name: "Chromium", run: () => browser.close() });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));

  const shotName = basename(notebook).replace(/(\.solved)?\.ipynb$/, "");
  try {
    await runNotebook(page, server, notebook, options.timeoutMs);
    await checkOutputs(page, exercises);
    await reopenSaved(page);
    log(`screenshot: ${await screenshot(page, `${shotName}.png`)}`);
  } catch (error) {
    const shot = await screenshot(page, `${shotName}.failure.png`).catch(() => undefined);
    if (shot) console.error(`[browser test] screenshot of the failure: ${shot}`);
    if (pageErrors.length > 0) {
      console.error(`[browser test] errors in the page:\n  ${pageErrors.join("\n  ")}`);
    }
    const serverLog = (await Deno.readTextFile(server.logPath)).trimEnd().split("\n");
    console.error(
      `[browser test] end of the Jupyter server log:\n${serverLog.slice(-40).join("\n")}`,
    );
    throw error;
  }
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  Deno.addSignalListener(signal, () => {
    console.error(`[browser test] ${signal}: stopping what was started`);
    cleanUp().finally(() => Deno.exit(1));
  });
}

let code = 0;
try {
  await main();
  log("passed");
} catch (error) {
  code = 1;
  const message = error instanceof BrowserTestError
    ? error.message
    : (error as Error).stack ?? String(error);
  console.error(`[browser test] FAILED: ${message}`);
} finally {
  await cleanUp();
}
Deno.exit(code);
