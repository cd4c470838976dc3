/**
 * The committed notebooks, one Deno test per notebook (run one with
 * `deno test -A tests/notebooks_test.ts --filter 00_tools`):
 *
 * - it equals its build from `notebooks/src/NN_topic.md` and has no outputs;
 * - its solved copy (solutions substituted, `deno task solve`) runs end to end in Deno's
 *   kernel without an error output, and every exercise's check card says "passed".
 *
 * @module
 */
import { assert, assertEquals } from "@std/assert";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildNotebooks } from "../lib/notebook/source.ts";
import { parseNotebook, writeNotebook } from "../lib/notebook/ipynb.ts";
import { exerciseCells } from "../lib/notebook/exercises.ts";
import { solveNotebookFile } from "../lib/notebook/solve.ts";
import { type CellRun, executeCells } from "../lib/notebook/executor.ts";

const NOTEBOOKS = fileURLToPath(new URL("../notebooks/", import.meta.url));
const FAILED_RUNS = fileURLToPath(new URL("../out/executed/", import.meta.url));
const CHECK_MIME = "application/vnd.rl-course.check+json";
const PLOTLY_MIME = "application/vnd.plotly.v1+json";
/** Generous: training cells in later chapters take a while on a shared 2-core machine. */
const CELL_TIMEOUT_MS = 5 * 60_000;
const NOTEBOOK_TIMEOUT_MS = 20 * 60_000;

const built = await buildNotebooks(NOTEBOOKS);
const sources = new Set(built.map((b) => b.target));

Deno.test("notebooks: every committed notebook has a source in notebooks/src/", async () => {
  const orphans: string[] = [];
  for await (const entry of Deno.readDir(NOTEBOOKS)) {
    const name = entry.name;
    if (!entry.isFile || !name.endsWith(".ipynb") || name.endsWith(".solved.ipynb")) continue;
    if (!sources.has(join(NOTEBOOKS, name))) orphans.push(name);
  }
  assertEquals(orphans, [], "notebooks without a notebooks/src/*.md source");
});

for (const { source, target, text } of built) {
  const name = target.slice(NOTEBOOKS.length).replace(/\.ipynb$/, "");
  Deno.test(`notebook ${name}`, async (t) => {
    await t.step("equals its build from the source, outputs cleared", async () => {
      const committed = await Deno.readTextFile(target).catch(() => undefined);
      assert(
        committed !== undefined,
        `notebooks/${name}.ipynb is missing: run \`deno task nb:build\``,
      );
      assert(
        committed === text,
        `notebooks/${name}.ipynb differs from its source ${source}: run \`deno task nb:build\``,
      );
      for (const cell of parseNotebook(committed, target).cells) {
        if (cell.cell_type === "code") {
          assertEquals([cell.outputs.length, cell.execution_count], [0, null], cell.id);
        }
      }
    });

    await t.step("its solved copy runs end to end and every check passes", async () => {
      const solved = await solveNotebookFile(target);
      const controller = new AbortController();
      const timer = setTimeout(
        () =>
          controller.abort(new Error(`notebook ${name} ran longer than ${NOTEBOOK_TIMEOUT_MS} ms`)),
        NOTEBOOK_TIMEOUT_MS,
      );
      let result;
      try {
        result = await executeCells(solved, {
          cwd: NOTEBOOKS,
          timeoutPerCellMs: CELL_TIMEOUT_MS,
          signal: controller.signal,
        });
      } finally {
        clearTimeout(timer);
      }
      const problems = result.cells.flatMap(describeProblems);
      const cards = result.cells.flatMap((run) =>
        run.outputs.flatMap((o) =>
          o.output_type === "display_data" && o.data[CHECK_MIME] !== undefined
            ? [o.data[CHECK_MIME] as { exercise?: string; status?: string; message?: string }]
            : []
        )
      );
      // Every cell that shows a figure must display the plotly bundle front-ends render, and
      // every chapter has pictures.
      let plotCells = 0;
      for (const run of result.cells) {
        const cell = solved.cells.find((c) => c.id === run.id);
        if (!cell || !/\bshow\(/.test(cell.source)) continue;
        plotCells++;
        const plotted = run.outputs.some((o) =>
          o.output_type === "display_data" && PLOTLY_MIME in o.data
        );
        if (!plotted) problems.push(`cell ${run.id} calls show() but displayed no plot`);
      }
      if (plotCells === 0) problems.push("no cell shows a plot");
      for (const exercise of exerciseCells(solved)) {
        const mine = cards.filter((c) => c.exercise === exercise.name);
        if (mine.length === 0) {
          problems.push(`exercise ${exercise.name}: no check card was shown`);
        }
        for (const card of mine.filter((c) => c.status !== "passed")) {
          problems.push(`exercise ${exercise.name}: check ${card.status}: ${card.message}`);
        }
      }
      if (problems.length > 0) {
        await Deno.mkdir(FAILED_RUNS, { recursive: true });
        const out = join(FAILED_RUNS, `${name}.solved.ipynb`);
        await writeNotebook(out, result.notebook);
        throw new Error(
          `the solved ${name} notebook failed (executed copy: ${out}):\n  ${problems.join("\n  ")}`,
        );
      }
    });
  });
}

function describeProblems(run: CellRun): string[] {
  const errors = run.outputs.flatMap((o) =>
    o.output_type === "error" ? [`${o.ename}: ${o.evalue.split("\n")[0]}`] : []
  );
  if (run.status === "ok" || run.status === "skipped") {
    return errors.map((e) => `cell ${run.id}: ${e}`);
  }
  return [`cell ${run.id}: ${run.status}${errors.length ? `: ${errors.join("; ")}` : ""}`];
}
