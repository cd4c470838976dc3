import { assert, assertEquals, assertRejects } from "@std/assert";
import { fileURLToPath } from "node:url";
import { selectBackend, setupTf } from "./setup.ts";
import { fastMatMulInstalled } from "./fast_matmul.ts";
import { tf } from "./mod.ts";

Deno.test("setupTf selects the wasm backend", async () => {
  assertEquals(await setupTf(), "wasm");
  assertEquals(tf.getBackend(), "wasm");
  const sum = tf.tidy(() => tf.tensor1d([1, 2, 3]).sum().arraySync());
  assertEquals(sum, 6);
});

Deno.test("setupTf is idempotent and can switch backends", async () => {
  const first = setupTf();
  assert(setupTf() === first, "a second call must return the same promise");
  assertEquals(await first, "wasm");
  assertEquals(await setupTf({ backend: "cpu" }), "cpu");
  assertEquals(tf.getBackend(), "cpu");
  assertEquals(await setupTf({ backend: "wasm" }), "wasm");
  assertEquals(await setupTf(), "wasm");
  assert(tf.env().getBool("PROD"), "production mode must be on");
});

Deno.test("setupTf rejects an unknown backend with the valid names", async () => {
  await assertRejects(
    // @ts-expect-error: an invalid name, as plain JavaScript in a notebook could pass
    () => setupTf({ backend: "webgl" }),
    Error,
    `use "wasm" (default) or "cpu"`,
  );
});

Deno.test("setupTf installs the fast matrix products on wasm unless told not to", async () => {
  await setupTf();
  assert(fastMatMulInstalled(), "installed by default");
  const again = setupTf();
  assert(setupTf() === again, "the same options return the same promise");
  await setupTf({ fastMatMul: false });
  assert(!fastMatMulInstalled(), "fastMatMul: false restores the tfjs kernels");
  await setupTf();
  assert(fastMatMulInstalled(), "installed again");
  await assertRejects(
    // @ts-expect-error: an invalid value, as plain JavaScript in a notebook could pass
    () => setupTf({ fastMatMul: "yes" }),
    Error,
    `fastMatMul must be true or false, got "yes"`,
  );
});

Deno.test("a failing backend falls back to cpu with a single notice line", async () => {
  tf.registerBackend("always-fails", () => {
    throw new Error("simulated wasm failure");
  });
  const lines: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => lines.push(args.map(String).join(" "));
  let backend: string;
  try {
    backend = await selectBackend("always-fails", "cpu");
  } finally {
    console.warn = warn;
    tf.removeBackend("always-fails");
  }
  assertEquals(backend, "cpu");
  assertEquals(lines.length, 1, `expected one notice line, got ${JSON.stringify(lines)}`);
  assert(!lines[0].includes("\n"), `the notice must be one line: ${lines[0]}`);
  assert(lines[0].includes("always-fails backend failed to start"), lines[0]);
  assert(lines[0].includes("simulated wasm failure"), lines[0]);
  assert(tf.env().getBool("PROD"), "production mode must be restored");
  assertEquals(await setupTf({ backend: "wasm" }), "wasm");
});

const configPath = fileURLToPath(new URL("../../deno.json", import.meta.url));
const modUrl = new URL("./mod.ts", import.meta.url).href;

async function stderrOf(script: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const dir = await Deno.makeTempDir();
  try {
    const file = `${dir}/script.ts`;
    await Deno.writeTextFile(file, script);
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "--quiet", "--config", configPath, file],
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const decoder = new TextDecoder();
    return {
      code: output.code,
      stdout: decoder.decode(output.stdout),
      stderr: decoder.decode(output.stderr),
    };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("nothing reaches stderr with either backend, even for tensors made early", async () => {
  // The cpu backend prints a "running TensorFlow.js in Node.js" banner on its first tensor
  // outside production mode; this script makes a cpu tensor before calling setupTf.
  const result = await stderrOf(`
    import { setupTf, seedSource, tf } from "${modUrl}";
    await tf.setBackend("cpu");
    tf.tensor1d([1, 2]).dispose();
    const backend = await setupTf();
    const seeds = seedSource(0);
    const model = tf.sequential({ layers: [
      tf.layers.dense({ inputShape: [64], units: 64, kernelInitializer: seeds.orthogonal(Math.SQRT2) }),
    ] });
    model.predict(tf.zeros([1, 64]));
    console.log(backend);
  `);
  assertEquals(result.code, 0, result.stderr);
  assertEquals(result.stdout.trim(), "wasm");
  assertEquals(result.stderr, "");
});

Deno.test("without production mode the banner does appear (the stderr check can fail)", async () => {
  const result = await stderrOf(`
    import * as tf from "@tensorflow/tfjs";
    await tf.setBackend("cpu");
    tf.tensor1d([1, 2]).dispose();
  `);
  assertEquals(result.code, 0, result.stderr);
  assert(result.stderr.includes("TensorFlow.js in Node.js"), `stderr: ${result.stderr}`);
});
