/**
 * Saving and loading tfjs models on the file system from Deno.
 *
 * tfjs writes to disk only in tfjs-node, which cannot be installed here, so this module
 * provides the same file layout (`model.json` plus one `weights.bin`) through Deno's file
 * APIs, and registers it for `file://` URLs so `model.save("file://dir")` and
 * `tf.loadLayersModel("file://dir/model.json")` work as they do in tfjs-node.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { dirname, join } from "node:path";

/** The file names a saved model consists of, inside its directory. */
export const MODEL_FILE = "model.json";
/** See {@link MODEL_FILE}. */
export const WEIGHTS_FILE = "weights.bin";

/**
 * An IOHandler that saves to and loads from a directory (or, for loading, a `model.json`
 * path). Pass it to `model.save(...)` or `tf.loadLayersModel(...)`.
 */
export function fileSystem(path: string): tf.io.IOHandler {
  return { save: (artifacts) => saveArtifacts(artifacts, path), load: () => loadArtifacts(path) };
}

/**
 * Saves a layers model (topology, weights, training config) to `dir` as `model.json` and
 * `weights.bin`, creating the directory if needed and overwriting an earlier save.
 */
export function saveModel(model: tf.LayersModel, dir: string): Promise<tf.io.SaveResult> {
  return model.save(fileSystem(dir));
}

/**
 * Loads a layers model saved by {@link saveModel}. `path` is the directory or its
 * `model.json`.
 */
export function loadModel(path: string): Promise<tf.LayersModel> {
  return tf.loadLayersModel(fileSystem(path));
}

async function saveArtifacts(artifacts: tf.io.ModelArtifacts, dir: string) {
  const topology = artifacts.modelTopology;
  if (topology === undefined || topology instanceof ArrayBuffer) {
    throw new Error("saveModel: the model has no JSON topology; save a tf.LayersModel.");
  }
  const weights = new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData));
  const modelJson: tf.io.ModelJSON = {
    modelTopology: topology,
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy,
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs ?? [] }],
    trainingConfig: artifacts.trainingConfig,
    signature: artifacts.signature,
    userDefinedMetadata: artifacts.userDefinedMetadata,
    modelInitializer: artifacts.modelInitializer,
    initializerSignature: artifacts.initializerSignature,
  };
  await Deno.mkdir(dir, { recursive: true });
  await Deno.writeFile(join(dir, WEIGHTS_FILE), weights);
  await Deno.writeTextFile(join(dir, MODEL_FILE), JSON.stringify(modelJson));
  return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
}

async function loadArtifacts(path: string): Promise<tf.io.ModelArtifacts> {
  const modelPath = path.endsWith(".json") ? path : join(path, MODEL_FILE);
  let text: string;
  try {
    text = await Deno.readTextFile(modelPath);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new Error(
        `loadModel: ${modelPath} does not exist; pass the directory given to saveModel ` +
          `or the path of its ${MODEL_FILE}.`,
      );
    }
    throw error;
  }
  let modelJson: tf.io.ModelJSON;
  try {
    modelJson = JSON.parse(text);
  } catch (error) {
    throw new Error(`loadModel: ${modelPath} is not valid JSON (${(error as Error).message}).`);
  }
  if (modelJson === null || typeof modelJson !== "object" || !("modelTopology" in modelJson)) {
    throw new Error(`loadModel: ${modelPath} has no "modelTopology"; it is not a saved model.`);
  }
  const base = dirname(modelPath);
  return tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
    const specs: tf.io.WeightsManifestEntry[] = [];
    const buffers: ArrayBuffer[] = [];
    for (const group of manifest) {
      specs.push(...group.weights);
      for (const file of group.paths) {
        const bytes = await Deno.readFile(join(base, file));
        buffers.push(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
      }
    }
    return [specs, tf.io.CompositeArrayBuffer.join(buffers)];
  });
}

const FILE_SCHEME = "file://";

// tfjs's router type says IOHandler, but its registry skips routers that return null, which is
// how a router declines a URL.
const DECLINE = null as unknown as tf.io.IOHandler;

function fileRouter(url: string | string[]): tf.io.IOHandler {
  if (typeof url !== "string" || !url.startsWith(FILE_SCHEME)) return DECLINE;
  // Like tfjs-node: the rest of the URL is a path, absolute (file:///a/b) or relative.
  return fileSystem(url.slice(FILE_SCHEME.length));
}

tf.io.registerSaveRouter(fileRouter);
tf.io.registerLoadRouter(fileRouter);
