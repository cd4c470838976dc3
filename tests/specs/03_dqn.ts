/**
 * Exercise specs of chapter 03 "Deep Q-learning".
 *
 * Every probe is seeded (network initializers, `Generator`s, environment resets), returns
 * plain data and disposes the tensors it made. Networks built with the same seed have the
 * same weights (the QNetwork contract), so the agent and the trainer can be replayed in
 * lock-step with the reference solution; learning itself is checked against the probe
 * environments' known Q-values.
 *
 * @module
 */
import { tf } from "../../lib/tf/mod.ts";
import { CartPoleVectorEnv, Generator } from "../../lib/gym/mod.ts";
import { chapter, type CheckContext, exercise } from "../../lib/grading/spec.ts";
import {
  type DQNArgs,
  type ExplorationSchedule,
  PROBE_ARGS,
  PROBE_TOLERANCE,
  probeCases,
  type QFunction,
  type ReplayBatch,
  type TrainingHistory,
} from "../../lib/dqn/mod.ts";
import * as sol from "../../solutions/03_dqn.ts";

type QNetworkClass = typeof sol.QNetwork;
type DuelingClass = typeof sol.DuelingQNetwork;
type BufferClass = typeof sol.ReplayBuffer;
type Schedule = typeof sol.linearSchedule;
type Policy = typeof sol.epsilonGreedyPolicy;
type AgentClass = typeof sol.DQNAgent;
type TrainerClass = typeof sol.DQNTrainer;
type DoubleClass = typeof sol.DoubleDQNTrainer;

/** Float32 arithmetic in a different but equivalent order differs in the last bits. */
const FLOAT32 = { atol: 1e-5, rtol: 1e-4 };
/** A few optimizer steps amplify those differences a little. */
const AFTER_TRAINING = { atol: 1e-3, rtol: 1e-3 };

/** `(inputs + 1) * units` summed over the layers of an MLP: weights plus biases. */
function mlpParameterCount(sizes: number[]): number {
  let count = 0;
  for (let i = 1; i < sizes.length; i++) count += (sizes[i - 1] + 1) * sizes[i];
  return count;
}

/** Seeded observations `[rows, cols]` as a Float32Array (standard normal, numpy's stream). */
function normalRows(rows: number, cols: number, seed: number): Float32Array {
  const rng = Generator.fromSeed(seed);
  return Float32Array.from({ length: rows * cols }, () => rng.normal());
}

/** `net.forward` on `obs [rows, cols]`, as nested arrays; disposes everything. */
function forwardValues(net: QFunction, obs: Float32Array, cols: number): number[][] {
  return tf.tidy(() => net.forward(tf.tensor2d(obs, [obs.length / cols, cols])).arraySync());
}

/** Names and output sizes of a model's layers (input layers skipped). */
function layerSummary(model: tf.LayersModel): [string, number][] {
  return model.layers
    .filter((layer) => layer.getClassName() !== "InputLayer")
    .map((layer) => {
      const shape = layer.outputShape as number[];
      return [layer.name, shape[shape.length - 1]];
    });
}

/** Disposes a network's model, whatever the implementation left in it. */
function disposeNet(net: QFunction | undefined): void {
  net?.model?.dispose();
}

// ---------------------------------------------------------------------------------------
// QNetwork

class ReluOnOutput implements QFunction {
  readonly model: tf.Sequential;
  constructor(obsDim: number, numActions: number, options: sol.QNetworkOptionsAlias = {}) {
    const { hiddenSizes = [120, 84], seed = 0 } = options;
    const seeds = sol.seedSourceForSpecs(seed);
    this.model = tf.sequential();
    hiddenSizes.forEach((units, i) => {
      this.model.add(tf.layers.dense({
        name: `hidden${i + 1}`,
        ...(i === 0 ? { inputShape: [obsDim] } : {}),
        units,
        activation: "relu",
        kernelInitializer: seeds.glorotUniform(),
      }));
    });
    this.model.add(tf.layers.dense({
      name: "qValues",
      units: numActions,
      activation: "relu",
      kernelInitializer: seeds.glorotUniform(),
    }));
  }
  forward(obs: tf.Tensor2D): tf.Tensor2D {
    return this.model.apply(obs) as tf.Tensor2D;
  }
}
