import { assert, assertEquals, assertRejects } from "@std/assert";
import { Kernel, KernelDiedError, KernelTimeoutError } from "./kernel.ts";
import type { JupyterMessage } from "./protocol.ts";

Deno.test("Kernel: start, execute, heartbeat, interrupt when idle, clean shutdown", async () => {
  const cwd = await Deno.makeTempDir();
  const kernel = await Kernel.start({ cwd });
  try {
    assertEquals(kernel.info.implementation, "Deno kernel");
    assertEquals(kernel.info.protocol_version, "5.3");
    assert(await kernel.heartbeat(), "heartbeat");
    const seen: JupyterMessage[] = [];
    const off = kernel.onIopub((msg) => seen.push(msg));
    const { request, reply } = kernel.execute("Deno.cwd()");
    const answer = await reply;
    assertEquals(answer.header.msg_type, "execute_reply");
    assertEquals(answer.parent_header.msg_id, request.header.msg_id);
    assertEquals(answer.content.status, "ok");
    const deadline = Date.now() + 10_000;
    while (!seen.some((m) => m.content.execution_state === "idle") && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 10));
    }
    off();
    const result = seen.find((m) => m.header.msg_type === "execute_result");
    // The kernel runs in the directory it was given (/tmp may be a symlink: compare real paths).
    assertEquals(
      result?.content.data,
      { "text/plain": JSON.stringify(await Deno.realPath(cwd)) },
    );
    const interrupted = await kernel.interrupt();
    assertEquals([interrupted.header.msg_type, interrupted.content.status], [
      "interrupt_reply",
      "ok",
    ]);
  } finally {
    const status = await kernel.shutdown();
    // Exit code 0: it obeyed shutdown_request rather than being killed.
    assertEquals(status.code, 0);
    await Deno.remove(cwd, { recursive: true });
  }
});

Deno.test("Kernel: a kernel that exits at start-up is reported with its exit code", async () => {
  const err = await assertRejects(
    () =>
      Kernel.start({
        cwd: Deno.cwd(),
        argv: [Deno.execPath(), "eval", "console.error('no kernel here'); Deno.exit(7)"],
      }),
    KernelDiedError,
  );
  assert(err.message.includes("exit code 7"), err.message);
  assert(err.message.includes("no kernel here"), err.message);
});

Deno.test("Kernel: a kernel that never answers times out and is killed", async () => {
  const err = await assertRejects(
    () =>
      Kernel.start({
        cwd: Deno.cwd(),
        argv: [Deno.execPath(), "eval", "await new Promise((r) => setTimeout(r, 600_000))"],
        startupTimeoutMs: 1500,
      }),
    KernelTimeoutError,
  );
  assert(err.message.includes("within 1500 ms"), err.message);
});

Deno.test("Kernel: a missing working directory is a clear start error", async () => {
  const err = await assertRejects(
    () => Kernel.start({ cwd: "/nonexistent/rl-course" }),
    KernelDiedError,
  );
  assert(err.message.startsWith("cannot start the kernel"), err.message);
  assert(err.message.includes("/nonexistent/rl-course"), err.message);
});
