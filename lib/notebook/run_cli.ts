/**
 * `deno task nb:run NOTEBOOK [--solutions] [--out FILE] [--timeout SECONDS]`: executes a
 * notebook headless in Deno's kernel, printing one line per code cell, and writes the
 * executed notebook (default `out/executed/NN_topic.ipynb`, or `NN_topic.solved.ipynb`
 * with `--solutions`, which runs the solved copy). Exits 1 when a cell failed.
 *
 * @module
 */
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { displayPath, parseArgs, UsageError, userPath } from "./cli_args.ts";
import { type CellEvent, executeCells } from "./executor.ts";
import { type Notebook, readNotebook, writeNotebook } from "./ipynb.ts";
import { solveNotebookFile } from "./solve.ts";

const USAGE = "usage: deno task nb:run NOTEBOOK [--solutions] [--out FILE] [--timeout SECONDS]";
const encoder = new TextEncoder();

/** `out/executed/` in the repository. */
function defaultOutDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), "..", "..", "out", "executed");
}

async function main(args: string[]): Promise<number> {
  const { positional, options } = parseArgs(args, ["out", "timeout"], ["solutions"]);
  if (positional.length !== 1) throw new UsageError("give exactly one notebook");
  const path = userPath(positional[0]);
  const solutions = options.has("solutions");
  const timeoutText = options.get("timeout");
  let timeoutPerCellMs: number | undefined;
  if (typeof timeoutText === "string") {
    const secondsValue = Number(timeoutText);
    if (!(secondsValue > 0)) throw new UsageError(`--timeout must be a positive number of seconds`);
    timeoutPerCellMs = secondsValue * 1000;
  }
  const stem = basename(path).replace(/\.ipynb$/, "");
  const outOption = options.get("out");
  const out = typeof outOption === "string"
    ? userPath(outOption)
    : join(defaultOutDir(), `${stem}${solutions ? ".solved" : ""}.ipynb`);

  const nb: Notebook = solutions ? await solveNotebookFile(path) : await readNotebook(path);
  const previews = new Map(nb.cells.map((cell, i) => [i, preview(cell.source)]));
  console.log(`nb:run: ${displayPath(path)}${solutions ? " (solved)" : ""}`);
  const result = await executeCells(nb, {
    cwd: dirname(resolve(path)),
    timeoutPerCellMs,
    onCell: (event) => report(event, previews),
  });

  const counts = new Map<string, number>();
  for (const run of result.cells) counts.set(run.status, (counts.get(run.status) ?? 0) + 1);
  await Deno.mkdir(dirname(out), { recursive: true });
  await writeNotebook(out, result.notebook);
  const summary = [...counts].map(([status, n]) => `${n} ${status}`).join(", ");
  console.log(`nb:run: ${result.cells.length} code cells: ${summary}`);
  if (result.restarts > 0) {
    console.log(`nb:run: the kernel was restarted ${result.restarts} time(s)`);
  }
  console.log(`nb:run: wrote ${displayPath(out)}`);
  const failed = result.cells.filter((r) => r.status !== "ok" && r.status !== "skipped");
  return failed.length > 0 ? 1 : 0;
}

function report(event: CellEvent, previews: Map<number, string>): void {
  const width = String(event.total).length;
  if (event.type === "start") {
    const label = `[${String(event.position).padStart(width)}/${event.total}] ${event.id}`;
    Deno.stdout.writeSync(encoder.encode(`${label.padEnd(28)} ${previews.get(event.index)}`));
    return;
  }
  const { run } = event;
  const seconds = (run.durationMs / 1000).toFixed(2).padStart(7);
  console.log(
    `  ${run.status.toUpperCase() === "OK" ? "ok" : run.status.toUpperCase()} ${seconds} s`,
  );
  for (const output of run.outputs) {
    if (output.output_type === "error") {
      console.log(`      ${output.ename}: ${output.evalue.split("\n")[0]}`);
    }
  }
}

/** The first line of code, skipping comments (exercise cells start with their JSDoc). */
function preview(source: string): string {
  const lines = source.split("\n").map((l) => l.trim());
  const line = lines.find((l) => l !== "" && !/^(\/\/|\/\*|\*)/.test(l)) ?? lines[0] ?? "";
  return (line.length > 40 ? `${line.slice(0, 39)}…` : line).padEnd(40);
}

if (import.meta.main) {
  try {
    Deno.exit(await main(Deno.args));
  } catch (err) {
    console.error(`nb:run: ${(err as Error).message}`);
    if (err instanceof UsageError) console.error(USAGE);
    Deno.exit(err instanceof UsageError ? 2 : 1);
  }
}
