import { assert, assertEquals } from "@std/assert";
import { executeCells, executeNotebook } from "./executor.ts";
import type { CodeCell, Notebook, Output } from "./ipynb.ts";
import { readNotebook, writeNotebook } from "./ipynb.ts";
import { LANGUAGE_INFO } from "./source.ts";

/** A notebook of code cells with the given sources. */
function notebookOf(sources: string[]): Notebook {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: sources.map((source, i): CodeCell => ({
      cell_type: "code",
      id: `cell-${i}`,
      metadata: {},
      source,
      execution_count: null,
      outputs: [],
    })),
  };
}

function plain(output: Output): unknown {
  return output.output_type === "display_data" || output.output_type === "execute_result"
    ? output.data["text/plain"]
    : undefined;
}

// Kernels are started in an empty temporary directory: the cells use no imports.
async function tempDir(): Promise<string> {
  return await Deno.makeTempDir({ prefix: "rl-course-executor-test-" });
}

Deno.test("executor: 50 cells, each with a printed line and a result, lose nothing in 3 runs", async () => {
  const cwd = await tempDir();
  const sources = Array.from({ length: 50 }, (_, i) => `console.log("line ${i}"); ${i} * 2`);
  for (let runNumber = 1; runNumber <= 3; runNumber++) {
    const result = await executeCells(notebookOf(sources), { cwd, timeoutPerCellMs: 60_000 });
    assertEquals(result.cells.length, 50);
    for (const [i, run] of result.cells.entries()) {
      const where = `run ${runNumber}, cell ${i}`;
      assertEquals(run.status, "ok", where);
      assertEquals(run.executionCount, i + 1, where);
      assertEquals(run.outputs, [
        { output_type: "stream", name: "stdout", text: `line ${i}\n` },
        {
          output_type: "execute_result",
          execution_count: i + 1,
          data: { "text/plain": String(i * 2) },
          metadata: {},
        },
      ], where);
    }
  }
  await Deno.remove(cwd, { recursive: true });
});

Deno.test("executor: an endless loop times out, is interrupted, and the kernel keeps its state", async () => {
  const cwd = await tempDir();
  const result = await executeCells(
    notebookOf(["const keep = 41;", "while (true) {}", "keep + 1"]),
    { cwd, timeoutPerCellMs: 3000 },
  );
  const [, loop, after] = result.cells;
  assertEquals(loop.status, "timeout");
  assertEquals(loop.kernelRestarted, false);
  assertEquals(loop.outputs.length, 1);
  const error = loop.outputs[0];
  assert(error.output_type === "error" && error.ename === "TimeoutError");
  assert(error.evalue.includes("interrupted"), error.evalue);
  assertEquals(result.restarts, 0);
  assertEquals(after.status, "ok");
  assertEquals(after.outputs.map(plain), ["42"]);
  await Deno.remove(cwd, { recursive: true });
});

Deno.test("executor: a cell waiting forever is not interruptible; the kernel is restarted", async () => {
  const cwd = await tempDir();
  const result = await executeCells(
    notebookOf(["var keep = 1;", "await new Promise(() => {})", "typeof keep"]),
    { cwd, timeoutPerCellMs: 3000, interruptGraceMs: 1000 },
  );
  const [, waiting, after] = result.cells;
  assertEquals(waiting.status, "timeout");
  assertEquals(waiting.kernelRestarted, true);
  const error = waiting.outputs[0];
  assert(
    error.output_type === "error" && error.evalue.includes("restarted"),
    JSON.stringify(error),
  );
  assertEquals(result.restarts, 1);
  // The fresh kernel does not have the state of the cells above.
  assertEquals(after.status, "ok");
  assertEquals(after.outputs.map(plain), ['"undefined"']);
  await Deno.remove(cwd, { recursive: true });
});

Deno.test("executor: update_display_data replaces the output with that display id", async () => {
  const cwd = await tempDir();
  const show = (text: string, update: boolean) =>
    `await Deno.jupyter.display({ "text/plain": "${text}" }, ` +
    `{ raw: true, display_id: "progress", update: ${update} })`;
  const result = await executeCells(
    notebookOf([
      show("0%", false),
      `${show("50%", true)}; ${show("100%", true)}`,
      `await Deno.jupyter.display({ "text/plain": "other" }, { raw: true })`,
    ]),
    { cwd, timeoutPerCellMs: 60_000 },
  );
  const [first, second, third] = result.cells;
  assertEquals(first.outputs, [
    { output_type: "display_data", data: { "text/plain": "100%" }, metadata: {} },
  ]);
  assertEquals(second.outputs, []);
  assertEquals(third.outputs.map(plain), ["other"]);
  await Deno.remove(cwd, { recursive: true });
});

Deno.test("executor: printing after an await, and clear_output, as Jupyter shows them", async () => {
  const cwd = await tempDir();
  const result = await executeCells(
    notebookOf([
      `console.log("before"); await new Promise((r) => setTimeout(r, 300)); ` +
      `console.log("after"); console.error("warn")`,
      `console.log("gone"); Deno.jupyter.broadcast("clear_output", { wait: false }); ` +
      `console.log("kept")`,
    ]),
    { cwd, timeoutPerCellMs: 60_000 },
  );
  assertEquals(result.cells[0].outputs, [
    { output_type: "stream", name: "stdout", text: "before\nafter\n" },
    { output_type: "stream", name: "stderr", text: "warn\n" },
  ]);
  assertEquals(result.cells[1].outputs, [
    { output_type: "stream", name: "stdout", text: "kept\n" },
  ]);
  await Deno.remove(cwd, { recursive: true });
});

Deno.test("executor: an error cell, a dying kernel, and the cells after them", async () => {
  const cwd = await tempDir();
  const result = await executeCells(
    notebookOf([
      `throw new TypeError("boom")`,
      "1 + 1",
      "Deno.exit(3)",
      "2 + 2",
      "   ",
    ]),
    { cwd, timeoutPerCellMs: 60_000 },
  );
  const [thrown, next, exit, afterExit, empty] = result.cells;
  assertEquals(thrown.status, "error");
  const error = thrown.outputs[0];
  assert(error.output_type === "error");
  assertEquals([error.ename, error.evalue], ["TypeError", "boom"]);
  assertEquals(next.outputs.map(plain), ["2"]);
  assertEquals(exit.status, "kernel-died");
  assert(exit.kernelRestarted);
  assertEquals(afterExit.status, "ok");
  assertEquals(afterExit.outputs.map(plain), ["4"]);
  assertEquals(empty.status, "skipped");
  assertEquals(result.restarts, 1);
  await Deno.remove(cwd, { recursive: true });
});

Deno.test("executor: executeNotebook writes the executed notebook with the kernel's language_info", async () => {
  const cwd = await tempDir();
  await Deno.writeTextFile(`${cwd}/data.txt`, "from the notebook's directory");
  const path = `${cwd}/nb.ipynb`;
  await writeNotebook(path, notebookOf([`await Deno.readTextFile("data.txt")`]));
  const out = `${cwd}/out.ipynb`;
  const result = await executeNotebook(path, { out, timeoutPerCellMs: 60_000 });
  const written = await readNotebook(out);
  assertEquals(written.cells[0].cell_type, "code");
  const cell = written.cells[0] as CodeCell;
  assertEquals(cell.execution_count, 1);
  assertEquals(cell.outputs.map(plain), ['"from the notebook\'s directory"']);
  // The constant the notebook sources use must be what the kernel reports.
  assertEquals(written.metadata.language_info, { ...LANGUAGE_INFO });
  assertEquals(result.kernelInfo.implementation, "Deno kernel");
  await Deno.remove(cwd, { recursive: true });
});
