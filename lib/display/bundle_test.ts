import { assert, assertEquals, assertRejects } from "@std/assert";
import { display, displayable, inKernel, RecordingOutput, setOutputTarget } from "./mod.ts";

async function recording<T>(kernel: boolean, body: (out: RecordingOutput) => Promise<T>) {
  const out = new RecordingOutput(kernel);
  const restore = setOutputTarget(out);
  try {
    await body(out);
  } finally {
    restore();
  }
  return out;
}

Deno.test("inKernel is false under deno test", () => {
  assertEquals(inKernel(), false);
});

Deno.test("display in the kernel sends display_data with data, metadata and transient", async () => {
  const bundle = { "text/plain": "x", "text/html": "<b>x</b>" };
  const out = await recording(true, async () => {
    await display(bundle);
    await display(bundle, { id: "d1" });
    await display({ "text/plain": "y" }, { id: "d1", update: true });
  });
  assertEquals(out.messages, [
    { type: "display_data", content: { data: bundle, metadata: {}, transient: {} } },
    {
      type: "display_data",
      content: { data: bundle, metadata: {}, transient: { display_id: "d1" } },
    },
    {
      type: "update_display_data",
      content: { data: { "text/plain": "y" }, metadata: {}, transient: { display_id: "d1" } },
    },
  ]);
  assertEquals(out.stdoutText, "");
});

Deno.test("display outside the kernel prints text/plain", async () => {
  const out = await recording(false, async () => {
    await display({ "text/plain": "hello", "text/html": "<i>hello</i>" });
    await display({ "text/plain": "again" }, { id: "p", update: true });
  });
  assertEquals(out.messages, []);
  assertEquals(out.stdoutText, "hello\nagain\n");
});

Deno.test("display rejects bundles without text/plain and updates without an id", async () => {
  await recording(true, async () => {
    await assertRejects(
      () => display({ "text/html": "<p>" }),
      TypeError,
      `needs a "text/plain" string (its keys: text/html)`,
    );
    // @ts-expect-error: not an object, as plain JavaScript could pass
    await assertRejects(() => display("text"), TypeError, "expected a MIME bundle object");
    await assertRejects(
      () => display({ "text/plain": "x" }, { update: true }),
      TypeError,
      "needs the id",
    );
  });
});

Deno.test("displayable bundles render through Symbol.for('Jupyter.display') only", () => {
  const bundle = displayable({ "text/plain": "p", "text/html": "<p>p</p>" });
  const method = (bundle as Record<symbol, () => unknown>)[Symbol.for("Jupyter.display")];
  assertEquals(method(), { "text/plain": "p", "text/html": "<p>p</p>" });
  assertEquals(JSON.parse(JSON.stringify(bundle)), { "text/plain": "p", "text/html": "<p>p</p>" });
  const copy = { ...bundle };
  assert(!(Symbol.for("Jupyter.display") in copy), "a spread copy is plain data");
});
