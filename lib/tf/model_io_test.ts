import { assert, assertEquals, assertRejects } from "@std/assert";
import { join } from "node:path";
import { loadModel, MODEL_FILE, saveModel, seedSource, setupTf, tf, WEIGHTS_FILE } from "./mod.ts";

await setupTf();

function smallModel(): tf.Sequential {
  const seeds = seedSource(5);
  const model = tf.sequential({
    layers: [
      tf.layers.dense({
        inputShape: [4],
        units: 16,
        activation: "tanh",
        kernelInitializer: seeds.orthogonal(Math.SQRT2),
      }),
      tf.layers.dense({ units: 3, kernelInitializer: seeds.glorotUniform() }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.01), loss: "meanSquaredError" });
  return model;
}

const input = () => tf.tensor2d([[0.1, -0.2, 0.3, 0.4], [1, 2, -3, 0.5], [0, 0, 0, 0]]);

function predict(model: tf.LayersModel): number[][] {
  return tf.tidy(() => (model.predict(input()) as tf.Tensor2D).arraySync());
}

async function withTempDir(body: (dir: string) => Promise<void>) {
  const dir = await Deno.makeTempDir();
  try {
    await body(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("saveModel/loadModel round trip gives identical predictions", async () => {
  await withTempDir(async (dir) => {
    const model = smallModel();
    // One training step so the saved weights are not just the seeded initial ones.
    const [x, y] = [input(), tf.ones([3, 3])];
    await model.fit(x, y, { epochs: 1, verbose: 0 });
    tf.dispose([x, y]);
    const target = join(dir, "nested", "model");
    const result = await saveModel(model, target);
    const parameters = model.countParams();
    assertEquals(parameters, 4 * 16 + 16 + 16 * 3 + 3);
    assertEquals(result.modelArtifactsInfo.weightDataBytes, parameters * 4);
    assertEquals((await Deno.stat(join(target, WEIGHTS_FILE))).size, parameters * 4);
    const json = JSON.parse(await Deno.readTextFile(join(target, MODEL_FILE)));
    assertEquals(json.weightsManifest[0].paths, [WEIGHTS_FILE]);
    assertEquals(json.weightsManifest[0].weights.length, 4);

    const loaded = await loadModel(target);
    assertEquals(predict(loaded), predict(model));
    const fromJsonPath = await loadModel(join(target, MODEL_FILE));
    assertEquals(predict(fromJsonPath), predict(model));
    for (const m of [model, loaded, fromJsonPath]) m.dispose();
  });
});

Deno.test("file:// URLs work with model.save and tf.loadLayersModel", async () => {
  await withTempDir(async (dir) => {
    const model = smallModel();
    await model.save(`file://${dir}/m`);
    const loaded = await tf.loadLayersModel(`file://${dir}/m/${MODEL_FILE}`);
    assertEquals(predict(loaded), predict(model));
    model.dispose();
    loaded.dispose();
  });
});

Deno.test("loading does not leak tensors", async () => {
  await withTempDir(async (dir) => {
    const model = smallModel();
    await saveModel(model, dir);
    model.dispose();
    const before = tf.memory().numTensors;
    const loaded = await loadModel(dir);
    loaded.dispose();
    assertEquals(tf.memory().numTensors, before);
  });
});

Deno.test("loadModel explains a missing or invalid model", async () => {
  await withTempDir(async (dir) => {
    await assertRejects(() => loadModel(join(dir, "nowhere")), Error, "does not exist");
    await Deno.writeTextFile(join(dir, MODEL_FILE), "{ not json");
    await assertRejects(() => loadModel(dir), Error, "is not valid JSON");
    await Deno.writeTextFile(join(dir, MODEL_FILE), "{}");
    const error = await assertRejects(() => loadModel(dir), Error);
    assert(error.message.includes(`has no "modelTopology"`), error.message);
  });
});
