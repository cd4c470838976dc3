import { assertEquals } from "@std/assert";
import { CellOutputs, DisplayRegistry } from "./outputs.ts";

Deno.test("CellOutputs: consecutive streams of the same name merge, others do not", () => {
  const cell = new CellOutputs(new DisplayRegistry());
  cell.apply("stream", { name: "stdout", text: "a\n" });
  cell.apply("stream", { name: "stdout", text: "b\n" });
  cell.apply("stream", { name: "stderr", text: "warn\n" });
  cell.apply("stream", { name: "stdout", text: "c\n" });
  assertEquals(cell.outputs, [
    { output_type: "stream", name: "stdout", text: "a\nb\n" },
    { output_type: "stream", name: "stderr", text: "warn\n" },
    { output_type: "stream", name: "stdout", text: "c\n" },
  ]);
});

Deno.test("CellOutputs: status and input messages are not outputs", () => {
  const cell = new CellOutputs(new DisplayRegistry());
  assertEquals(cell.apply("status", { execution_state: "busy" }), false);
  assertEquals(cell.apply("execute_input", { code: "1" }), false);
  assertEquals(cell.outputs, []);
});

Deno.test("CellOutputs: update_display_data updates that display id in every cell", () => {
  const displays = new DisplayRegistry();
  const first = new CellOutputs(displays);
  const second = new CellOutputs(displays);
  const bundle = (text: string) => ({ "text/plain": text });
  first.apply("display_data", { data: bundle("0%"), metadata: {}, transient: { display_id: "p" } });
  first.apply("display_data", { data: bundle("other"), metadata: {}, transient: {} });
  second.apply("display_data", {
    data: bundle("0%"),
    metadata: {},
    transient: { display_id: "p" },
  });
  second.apply("update_display_data", {
    data: bundle("100%"),
    metadata: { done: true },
    transient: { display_id: "p" },
  });
  second.apply("update_display_data", { data: bundle("x"), transient: { display_id: "unknown" } });
  const shown = (c: CellOutputs) => c.outputs.map((o) => "data" in o ? o.data["text/plain"] : "");
  assertEquals(shown(first), ["100%", "other"]);
  assertEquals(shown(second), ["100%"]);
  assertEquals(first.outputs[0], {
    output_type: "display_data",
    data: bundle("100%"),
    metadata: { done: true },
  });
});

Deno.test("CellOutputs: execute_result and error outputs", () => {
  const cell = new CellOutputs(new DisplayRegistry());
  cell.apply("execute_result", { execution_count: 7, data: { "text/plain": "42" }, metadata: {} });
  cell.apply("error", { ename: "TypeError", evalue: "bad", traceback: ["TypeError: bad"] });
  assertEquals(cell.outputs, [
    {
      output_type: "execute_result",
      execution_count: 7,
      data: { "text/plain": "42" },
      metadata: {},
    },
    { output_type: "error", ename: "TypeError", evalue: "bad", traceback: ["TypeError: bad"] },
  ]);
});

Deno.test("CellOutputs: clear_output now, and with wait just before the next output", () => {
  const displays = new DisplayRegistry();
  const cell = new CellOutputs(displays);
  cell.apply("display_data", { data: { "text/plain": "a" }, transient: { display_id: "d" } });
  cell.apply("clear_output", { wait: false });
  assertEquals(cell.outputs, []);
  // The cleared display no longer receives updates.
  assertEquals(displays.update("d", { "text/plain": "b" }, {}), false);

  cell.apply("stream", { name: "stdout", text: "frame 1\n" });
  cell.apply("clear_output", { wait: true });
  assertEquals(cell.outputs.length, 1);
  cell.apply("stream", { name: "stdout", text: "frame 2\n" });
  assertEquals(cell.outputs, [{ output_type: "stream", name: "stdout", text: "frame 2\n" }]);
});
