/**
 * TensorFlow.js for the course: `tf` itself, {@link setupTf} (wasm backend with fast
 * transposed matrix products, production mode, no banner), seeds for initializers and random
 * ops, and model save/load on disk.
 *
 * @example
 * ```ts
 * import { loadModel, saveModel, seedSource, setupTf, tf } from "../lib/tf/mod.ts";
 * await setupTf();
 * const seeds = seedSource(0);
 * const model = tf.sequential({
 *   layers: [tf.layers.dense({ inputShape: [4], units: 2, kernelInitializer: seeds.glorotUniform() })],
 * });
 * await saveModel(model, "out/models/tiny");
 * const again = await loadModel("out/models/tiny");
 * ```
 * @module
 */
export * as tf from "@tensorflow/tfjs";
export { type BackendName, setupTf, type SetupTfOptions } from "./setup.ts";
export { fastMatMulInstalled, installFastMatMul, uninstallFastMatMul } from "./fast_matmul.ts";
export { type Initializer, SeedSource, seedSource } from "./seeding.ts";
export { fileSystem, loadModel, MODEL_FILE, saveModel, WEIGHTS_FILE } from "./model_io.ts";
