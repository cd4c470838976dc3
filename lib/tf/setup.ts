/**
 * One call that makes TensorFlow.js ready in a notebook, a test or a script: the wasm backend
 * (cpu as fallback) with fast transposed matrix products, production mode, and nothing printed
 * on stderr.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { installFastMatMul, uninstallFastMatMul } from "./fast_matmul.ts";

// Production mode silences tfjs's own warnings, among them the "looks like you are running
// TensorFlow.js in Node.js" banner that the cpu backend prints on its first tensor. It must be
// on before any tensor exists, so it is switched on when this module loads, not in setupTf.
tf.enableProdMode();

/** The backends the course supports. */
export type BackendName = "wasm" | "cpu";

/** Options of {@link setupTf}. */
export interface SetupTfOptions {
  /** The backend to select (default `"wasm"`; falls back to `"cpu"` when wasm fails). */
  backend?: BackendName;
  /**
   * Whether the wasm backend's matrix products transpose their operands explicitly, which makes
   * training several times faster (default `true`; see fast_matmul.ts). `false` restores the
   * original tfjs kernels.
   */
  fastMatMul?: boolean;
}

let requested: string | undefined;
let ready: Promise<string> | undefined;

/**
 * Makes tfjs ready: selects the backend (wasm by default), production mode, no banner, and on
 * wasm the fast transposed matrix products of fast_matmul.ts (unless `fastMatMul: false`).
 *
 * Idempotent: calling it again with the same options returns the same promise, so every
 * notebook cell and test may call it. Calling it with another backend switches to that one.
 * When the wasm backend cannot start, prints one notice line on stderr and uses cpu.
 *
 * @returns the name of the active backend.
 * @example
 * ```ts
 * import { setupTf, tf } from "../lib/tf/mod.ts";
 * await setupTf(); // "wasm"
 * tf.tidy(() => tf.ones([2, 2]).sum().print());
 * ```
 */
export function setupTf(options: SetupTfOptions = {}): Promise<string> {
  const backend = options.backend ?? "wasm";
  if (backend !== "wasm" && backend !== "cpu") {
    return Promise.reject(
      new Error(`setupTf: unknown backend "${backend}"; use "wasm" (default) or "cpu".`),
    );
  }
  const fastMatMul = options.fastMatMul ?? true;
  if (typeof fastMatMul !== "boolean") {
    return Promise.reject(
      new Error(`setupTf: fastMatMul must be true or false, got ${JSON.stringify(fastMatMul)}.`),
    );
  }
  const key = `${backend} fastMatMul=${fastMatMul}`;
  if (ready === undefined || requested !== key) {
    requested = key;
    ready = selectBackend(backend, "cpu").then((active) => {
      if (!fastMatMul) uninstallFastMatMul();
      else if (active === "wasm") installFastMatMul();
      return active;
    });
  }
  return ready;
}

/**
 * Activates `preferred`, or `fallback` when `preferred` fails to initialise. tfjs reports an
 * initialisation failure with several warning lines (message and stack), and only outside
 * production mode; they are captured here and summarised in one notice line on stderr.
 *
 * Exported for tests, which register a backend that always fails.
 */
export async function selectBackend(preferred: string, fallback: string): Promise<string> {
  tf.enableProdMode();
  if (tf.getBackend() === preferred) return preferred;
  const captured: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => captured.push(args.map(String).join(" "));
  tf.env().set("PROD", false);
  let ok = false;
  let reason = "";
  try {
    ok = await tf.setBackend(preferred);
  } catch (error) {
    reason = error instanceof Error ? error.message : String(error);
  } finally {
    tf.env().set("PROD", true);
    console.warn = warn;
  }
  if (ok) {
    await tf.ready();
    return tf.getBackend();
  }
  // tfjs logs "Initialization of backend X failed" and then the error's stack.
  reason ||= captured[1]?.split("\n")[0] ?? captured[0] ?? "no reason given";
  console.warn(
    `tfjs: the ${preferred} backend failed to start (${reason}); using the ${fallback} backend.`,
  );
  if (!(await tf.setBackend(fallback))) {
    throw new Error(`tfjs: neither the ${preferred} nor the ${fallback} backend could start.`);
  }
  await tf.ready();
  return tf.getBackend();
}
