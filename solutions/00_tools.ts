/**
 * Reference solutions of chapter 00 "Tools: tensors, autograd, plots".
 *
 * Each export is substituted verbatim into its notebook exercise cell by `deno task solve`,
 * so it uses only what the notebook's setup cell imports (`tf`) and earlier exercises.
 *
 * @module
 */
import { setupTf, tf } from "../lib/tf/mod.ts";

await setupTf();

/**
 * The log of the sum of exponentials along one axis, computed stably:
 * `logSumExp(x, axis) = m + log(sum(exp(x - m), axis))` with `m = max(x, axis)`.
 *
 * - `x`: a float tensor of any rank `[..., n, ...]`; entries may be `-Infinity` (they
 *   contribute `exp(-Infinity) = 0`). Large entries (e.g. 1000) must not overflow.
 * - `axis`: the axis to reduce; negative values count from the end (default `-1`).
 * - Returns a tensor of `x`'s shape without `axis`. A slice whose entries are all
 *   `-Infinity` gives `-Infinity` (the log of an empty sum), not NaN.
 * - Leaves no intermediate tensors behind: only the result is new.
 */
export function logSumExp(x: tf.Tensor, axis = -1): tf.Tensor {
  return tf.tidy(() => {
    const max = tf.max(x, axis, true);
    // A slice of -Infinity has max -Infinity, and -Infinity - -Infinity is NaN: shift by 0
    // there instead; its sum of exponentials is then 0 and its log -Infinity, as it should be.
    const shift = tf.where(tf.isFinite(max), max, tf.zerosLike(max));
    const sum = tf.sum(tf.exp(tf.sub(x, shift)), axis, true);
    return tf.squeeze(tf.add(tf.log(sum), shift), [axis < 0 ? axis + x.rank : axis]);
  });
}

/**
 * The softmax along one axis, computed stably:
 * `softmax(x)_i = exp(x_i - m) / sum_j exp(x_j - m)` with `m = max(x, axis)`.
 *
 * - `x`: a float tensor of any rank; entries may be `-Infinity` (their probability is 0),
 *   but every slice along `axis` needs at least one finite entry. Large entries (e.g. 1000)
 *   must not overflow.
 * - `axis`: the axis to normalise; negative values count from the end (default `-1`).
 * - Returns a tensor of `x`'s shape whose slices along `axis` are non-negative and sum to 1.
 * - Leaves no intermediate tensors behind: only the result is new.
 */
export function softmax(x: tf.Tensor, axis = -1): tf.Tensor {
  return tf.tidy(() => {
    const exps = tf.exp(tf.sub(x, tf.max(x, axis, true)));
    return tf.div(exps, tf.sum(exps, axis, true));
  });
}

/**
 * Picks one entry per row: `result[i] = values[i, actions[i]]`. This is how DQN reads the
 * Q-value of the action taken from a batch of Q-values.
 *
 * - `values`: float tensor `[batch, numActions]`.
 * - `actions`: int32 tensor `[batch]` with entries in `[0, numActions)`.
 * - Returns a float tensor `[batch]`. Differentiable with respect to `values` (the
 *   gradient of `sum(result)` is the one-hot matrix of `actions`).
 * - Leaves no intermediate tensors behind: only the result is new.
 */
export function gatherActions(values: tf.Tensor2D, actions: tf.Tensor1D): tf.Tensor1D {
  return tf.tidy(() => {
    // oneHot's own dtype argument is ignored by the wasm backend (all zeros): cast instead.
    const mask = tf.cast(tf.oneHot(actions, values.shape[1]), "float32");
    return tf.sum(tf.mul(values, mask), 1) as tf.Tensor1D;
  });
}

/**
 * One gradient step on the mean squared error of a line,
 * `L(slope, intercept) = mean((slope * xs + intercept - ys)^2)`, taken by `optimizer`.
 *
 * - `params`: the two scalar variables to update in place.
 * - `xs`, `ys`: float tensors `[n]`, `n >= 1`.
 * - `optimizer`: any tfjs optimizer; it applies the gradients of `L` to both variables.
 * - Returns `L` before the step, as a number.
 * - Leaves no tensors behind: `tf.memory().numTensors` is the same before and after.
 */
export function lineStep(
  params: { slope: tf.Variable; intercept: tf.Variable },
  xs: tf.Tensor1D,
  ys: tf.Tensor1D,
  optimizer: tf.Optimizer,
): number {
  return tf.tidy(() => {
    const { value, grads } = tf.variableGrads(() => {
      const predictions = tf.add(tf.mul(params.slope, xs), params.intercept);
      return tf.mean(tf.square(tf.sub(predictions, ys))) as tf.Scalar;
    }, [params.slope, params.intercept]);
    optimizer.applyGradients(grads);
    return value.dataSync()[0];
  });
}

/**
 * Fits `y ≈ slope * x + intercept` by plain gradient descent on the mean squared error.
 *
 * - `xs`, `ys`: the data, equal lengths `n >= 1`.
 * - `options.steps`: the number of gradient steps; `options.learningRate`: the step size of
 *   `tf.train.sgd`.
 * - Starts from `slope = intercept = 0` and calls {@link lineStep} once per step.
 * - Returns the fitted parameters as numbers and `losses`, of length `steps`, where
 *   `losses[k]` is the loss before step `k` (so `losses[0] = mean(ys^2)`).
 * - Disposes everything it creates: `tf.memory().numTensors` is the same before and after.
 */
export function fitLine(
  xs: Float32Array,
  ys: Float32Array,
  options: { steps: number; learningRate: number },
): { slope: number; intercept: number; losses: number[] } {
  // tf.variable keeps its initial tensor alive as well: create both inside tidy.
  const params = tf.tidy(() => ({
    slope: tf.variable(tf.scalar(0)),
    intercept: tf.variable(tf.scalar(0)),
  }));
  const x = tf.tensor1d(xs);
  const y = tf.tensor1d(ys);
  const optimizer = tf.train.sgd(options.learningRate);
  try {
    const losses: number[] = [];
    for (let step = 0; step < options.steps; step++) {
      losses.push(lineStep(params, x, y, optimizer));
    }
    return {
      slope: params.slope.dataSync()[0],
      intercept: params.intercept.dataSync()[0],
      losses,
    };
  } finally {
    tf.dispose([params.slope, params.intercept, x, y]);
    optimizer.dispose();
  }
}
