/**
 * Reference solutions of chapter 03 "Deep Q-learning".
 *
 * Each export is substituted verbatim into its notebook exercise cell by `deno task solve`,
 * so it uses only what the notebook's setup cell imports and earlier exercises.
 *
 * @module
 */
import { seedSource, setupTf, tf } from "../lib/tf/mod.ts";
import { Generator } from "../lib/gym/mod.ts";
import {
  type AgentStep,
  type DQNArgs,
  dqnArgs,
  type DQNVectorEnv,
  envSizes,
  EpisodeTracker,
  type ExplorationSchedule,
  type LearnStats,
  makeVectorEnv,
  type QFunction,
  type QFunctionClass,
  type QNetworkOptions,
  type ReplayBatch,
  rollingMeanReturn,
  type TrainCallbacks,
  type TrainingHistory,
} from "../lib/dqn/mod.ts";

await setupTf();

/**
 * The Q-network: an MLP from observations to one Q-value per action, CleanRL's
 * `QNetwork` (`obs -> 120 -> 84 -> numActions` by default).
 *
 * - `model`: a `tf.Sequential` of dense layers named `hidden1`, `hidden2`, ... (ReLU, one per
 *   entry of `hiddenSizes`) and `qValues` (`numActions` units, no activation: Q-values can be
 *   any real number).
 * - Every kernel is initialised with `seeds.glorotUniform()` of `const seeds =
 *   seedSource(seed)`, in layer order; biases start at zero (the default). So two networks
 *   built with the same arguments have identical weights.
 * - Parameter count: `sum over layers of (inputs + 1) * units`; for CartPole (4 observations,
 *   2 actions) and `[120, 84]`: `5*120 + 121*84 + 85*2 = 10,934`.
 * - `forward(obs)`: `[batch, obsDim]` -> `[batch, numActions]`, creating no other tensors.
 */
export class QNetwork implements QFunction {
  /** The layers, in order: `hidden1`, `hidden2`, ..., `qValues`. */
  readonly model: tf.Sequential;

  /** Builds the network for `obsDim` observations and `numActions` actions. */
  constructor(obsDim: number, numActions: number, options: QNetworkOptions = {}) {
    const { hiddenSizes = [120, 84], seed = 0 } = options;
    const seeds = seedSource(seed);
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
      ...(hiddenSizes.length === 0 ? { inputShape: [obsDim] } : {}),
      units: numActions,
      kernelInitializer: seeds.glorotUniform(),
    }));
  }

  /** Q-values `[batch, numActions]` of observations `[batch, obsDim]`. */
  forward(obs: tf.Tensor2D): tf.Tensor2D {
    return this.model.apply(obs) as tf.Tensor2D;
  }
}

/**
 * A fixed-capacity replay buffer of transitions `(s, a, r, s', terminated)`, stored in typed
 * arrays (one slot per transition, no per-transition objects).
 *
 * - `add` writes into slot `position`, then `position = (position + 1) % capacity` and
 *   `size = min(size + 1, capacity)`: once full, the oldest transition is overwritten.
 *   `obs` and `nextObs` are copied (`obsDim` numbers each); `nextObs` is the true next
 *   observation `s'` (the terminal one when the episode ended), never the next episode's reset.
 * - Storage: `observations` and `nextObservations` `Float32Array [capacity * obsDim]` (slot j
 *   at `j * obsDim`), `actions` `Int32Array [capacity]`, `rewards` `Float32Array [capacity]`,
 *   `terminated` `Float32Array [capacity]` (1 or 0).
 * - `sample(batchSize)`: uniform with replacement over the stored slots: for b = 0, 1, ...,
 *   `index_b = rng.integers(0, size)` (in that order, nothing else drawn), copied into a new
 *   {@link ReplayBatch}.
 * - Errors: `add` with an observation of the wrong length, `sample` from an empty buffer or
 *   with a batch size that is not a positive integer.
 */
export class ReplayBuffer {
  /** Observations `[capacity * obsDim]`. */
  readonly observations: Float32Array;
  /** Actions `[capacity]`. */
  readonly actions: Int32Array;
  /** Rewards `[capacity]`. */
  readonly rewards: Float32Array;
  /** Next observations `[capacity * obsDim]`. */
  readonly nextObservations: Float32Array;
  /** Termination flags `[capacity]`, 1 or 0. */
  readonly terminated: Float32Array;
  /** Number of transitions stored, at most `capacity`. */
  size = 0;
  /** The slot the next transition goes to. */
  position = 0;

  /** An empty buffer; `rng` is used by `sample`. */
  constructor(readonly capacity: number, readonly obsDim: number, readonly rng: Generator) {
    if (!Number.isSafeInteger(capacity) || capacity <= 0) {
      throw new RangeError(`ReplayBuffer: capacity must be a positive integer, got ${capacity}.`);
    }
    if (!Number.isSafeInteger(obsDim) || obsDim <= 0) {
      throw new RangeError(`ReplayBuffer: obsDim must be a positive integer, got ${obsDim}.`);
    }
    this.observations = new Float32Array(capacity * obsDim);
    this.actions = new Int32Array(capacity);
    this.rewards = new Float32Array(capacity);
    this.nextObservations = new Float32Array(capacity * obsDim);
    this.terminated = new Float32Array(capacity);
  }

  /** Stores one transition, overwriting the oldest when full. */
  add(
    obs: ArrayLike<number>,
    action: number,
    reward: number,
    nextObs: ArrayLike<number>,
    terminated: boolean,
  ): void {
    if (obs.length !== this.obsDim || nextObs.length !== this.obsDim) {
      throw new RangeError(
        `ReplayBuffer.add: observations must have ${this.obsDim} numbers, got obs of ` +
          `${obs.length} and nextObs of ${nextObs.length}.`,
      );
    }
    const slot = this.position;
    this.observations.set(obs, slot * this.obsDim);
    this.nextObservations.set(nextObs, slot * this.obsDim);
    this.actions[slot] = action;
    this.rewards[slot] = reward;
    this.terminated[slot] = terminated ? 1 : 0;
    this.position = (slot + 1) % this.capacity;
    this.size = Math.min(this.size + 1, this.capacity);
  }

  /** `batchSize` transitions drawn uniformly with replacement (see the class doc). */
  sample(batchSize: number): ReplayBatch {
    if (!Number.isSafeInteger(batchSize) || batchSize <= 0) {
      throw new RangeError(
        `ReplayBuffer.sample: batchSize must be a positive integer, got ${batchSize}.`,
      );
    }
    if (this.size === 0) {
      throw new Error("ReplayBuffer.sample: the buffer is empty; add transitions first.");
    }
    const d = this.obsDim;
    const batch: ReplayBatch = {
      observations: new Float32Array(batchSize * d),
      actions: new Int32Array(batchSize),
      rewards: new Float32Array(batchSize),
      nextObservations: new Float32Array(batchSize * d),
      terminated: new Float32Array(batchSize),
    };
    for (let b = 0; b < batchSize; b++) {
      const j = this.rng.integers(0, this.size);
      batch.observations.set(this.observations.subarray(j * d, (j + 1) * d), b * d);
      batch.nextObservations.set(this.nextObservations.subarray(j * d, (j + 1) * d), b * d);
      batch.actions[b] = this.actions[j];
      batch.rewards[b] = this.rewards[j];
      batch.terminated[b] = this.terminated[j];
    }
    return batch;
  }
}

/**
 * A linear schedule: `start` at `t = 0`, moving linearly to `end` at `t = duration`, and
 * `end` from then on. Works for decreasing and increasing schedules.
 *
 * - `t`: the step (any number >= 0). `duration` > 0 (`duration = 0` means `end` from the start).
 * - Example: `linearSchedule(1, 0.05, 100, 50) = 0.525`.
 */
export function linearSchedule(start: number, end: number, duration: number, t: number): number {
  if (duration <= 0 || t >= duration) return end;
  return start + (end - start) * (t / duration);
}

/**
 * Epsilon-greedy actions for a batch of observations, one per environment.
 *
 * - `obs`: `Float32Array [numEnvs * obsDim]` (row i = environment i).
 * - One batched forward pass of `qNetwork` on all rows (`[numEnvs, obsDim]`), read with one
 *   `await tensor.data()`; no tensors are left behind.
 * - Then for i = 0, 1, ..., numEnvs - 1, in order: draw `u = rng.random()`; if `u < epsilon`
 *   the action is `rng.integers(0, numActions)` (uniform over all actions, the greedy one
 *   included), otherwise the greedy action `argmax_a Q(obs_i, a)` (the lowest index on ties).
 *   Each environment explores independently.
 * - Returns `Int32Array [numEnvs]`.
 */
export async function epsilonGreedyPolicy(
  qNetwork: QFunction,
  obs: Float32Array,
  numEnvs: number,
  epsilon: number,
  rng: Generator,
): Promise<Int32Array> {
  const obsDim = obs.length / numEnvs;
  if (!Number.isInteger(obsDim)) {
    throw new RangeError(
      `epsilonGreedyPolicy: obs has ${obs.length} numbers, not a multiple of numEnvs = ${numEnvs}.`,
    );
  }
  const [greedy, numActions] = tf.tidy(() => {
    const q = qNetwork.forward(tf.tensor2d(obs, [numEnvs, obsDim]));
    return [tf.argMax(q, 1), q.shape[1]] as const;
  });
  const best = await greedy.data();
  greedy.dispose();
  const actions = new Int32Array(numEnvs);
  for (let i = 0; i < numEnvs; i++) {
    actions[i] = rng.random() < epsilon ? rng.integers(0, numActions) : best[i];
  }
  return actions;
}

/**
 * The acting half of DQN: plays epsilon-greedy in a vector environment ("same-step"
 * autoreset) and stores every transition in the replay buffer.
 *
 * - `obs`: the current observations `[numEnvs * obsDim]`, the agent's own copy (vector envs
 *   may overwrite the arrays they return).
 * - `steps`: environment steps taken so far (`numEnvs` per `playStep`).
 * - `playStep()`: `epsilon = linearSchedule(startE, endE, duration, steps)` (steps before this
 *   vector step); `actions = await epsilonGreedyPolicy(qNetwork, obs, numEnvs, epsilon, rng)`;
 *   `envs.step(actions)`; for each environment i in order, `buffer.add(obs_i, action_i,
 *   reward_i, realNextObs_i, terminated_i)` where `realNextObs_i` is
 *   `infos.final_observation[i]` when its episode ended (terminated or truncated) and the
 *   returned observation otherwise, and only `terminated` (not `truncated`) is stored; then
 *   `obs` becomes the returned observations and `steps += numEnvs`.
 *   Returns `{ epsilon, actions, rewards, terminated, truncated }`.
 */
export class DQNAgent {
  /** The current observations `[numEnvs * obsDim]`. */
  readonly obs: Float32Array;
  /** Environment steps taken so far. */
  steps = 0;

  /** An agent whose environments were reset to `initialObs`. */
  constructor(
    readonly envs: DQNVectorEnv,
    readonly qNetwork: QFunction,
    readonly buffer: ReplayBuffer,
    readonly rng: Generator,
    readonly exploration: ExplorationSchedule,
    initialObs: Float32Array,
  ) {
    this.obs = Float32Array.from(initialObs);
  }

  /** Plays one vector step (see the class doc). */
  async playStep(): Promise<AgentStep> {
    const numEnvs = this.envs.numEnvs;
    const obsDim = this.obs.length / numEnvs;
    const { startE, endE, duration } = this.exploration;
    const epsilon = linearSchedule(startE, endE, duration, this.steps);
    const actions = await epsilonGreedyPolicy(this.qNetwork, this.obs, numEnvs, epsilon, this.rng);
    const [nextObs, rewards, terminated, truncated, infos] = this.envs.step(actions);
    const finalObs = infos.final_observation as (Float32Array | null)[] | undefined;
    for (let i = 0; i < numEnvs; i++) {
      const row = i * obsDim;
      const realNextObs = terminated[i] || truncated[i]
        ? finalObs![i]!
        : nextObs.subarray(row, row + obsDim);
      this.buffer.add(
        this.obs.subarray(row, row + obsDim),
        actions[i],
        rewards[i],
        realNextObs,
        terminated[i],
      );
    }
    this.obs.set(nextObs);
    this.steps += numEnvs;
    return { epsilon, actions, rewards, terminated, truncated };
  }
}

/**
 * DQN (Mnih et al., 2015) as CleanRL's `dqn.py`, over vector environments.
 *
 * Construction, from `dqnArgs(args)` (defaults filled in, values checked):
 * `envs = makeVectorEnv(envId, numEnvs)`; `rng = Generator.fromSeed(seed)`;
 * `qNetwork` and `targetNetwork` = `new network(obsDim, numActions, { hiddenSizes, seed })`,
 * the target's weights then set to the online network's; `optimizer = tf.train.adam(
 * learningRate)`; `buffer = new ReplayBuffer(bufferSize, obsDim, rng)`; `[obs] =
 * envs.reset({ seed })`; `agent = new DQNAgent(envs, qNetwork, buffer, rng, { startE, endE,
 * duration: explorationFraction * totalTimesteps }, obs)`.
 *
 * - `tdTarget(rewards [batch], nextObs [batch, obsDim], terminated [batch])`:
 *   `r + gamma * (1 - terminated) * max_a' Q_target(s', a')`, from the target network only.
 * - `learn(batch)`: one gradient step of Adam on the mean squared TD error
 *   `mean_b (Q(s_b, a_b) - tdTarget_b)^2` with respect to the online network's weights only
 *   (the target carries no gradient), after rescaling the gradients so that their global L2
 *   norm is at most `maxGradNorm` (factor `min(1, maxGradNorm / (norm + 1e-6))`, as PyTorch's
 *   `clip_grad_norm_`). Returns `{ loss, qValues }`: the loss before the update and the mean
 *   of `Q(s_b, a_b)`, as scalars the caller disposes. Leaves no other tensors behind.
 * - `updateTargetNetwork()`: `target <- tau * online + (1 - tau) * target`, weight by weight
 *   (`tau = 1`: a copy).
 * - `train(callbacks)`: until `agent.steps >= totalTimesteps`: `await agent.playStep()`;
 *   with `step = agent.steps` after it, record finished episodes (an `EpisodeTracker`);
 *   if `step > learningStarts`: when `step % trainFrequency === 0`,
 *   `learn(buffer.sample(batchSize))`, then when `step % targetNetworkFrequency === 0`,
 *   `updateTargetNetwork()`. Every `logFrequency` steps (when `step` passes a multiple of it)
 *   a {@link TrainLog} is pushed and passed to `onLog`. A callback returning `true` stops
 *   training after the current step. Returns the {@link TrainingHistory}.
 * - `dispose()`: frees both networks and the optimizer.
 */
export class DQNTrainer {
  /** The hyperparameters, defaults filled in. */
  readonly args: DQNArgs;
  /** The training environments. */
  readonly envs: DQNVectorEnv;
  /** Observation size of one environment. */
  readonly obsDim: number;
  /** Number of actions. */
  readonly numActions: number;
  /** The generator of exploration and replay sampling. */
  readonly rng: Generator;
  /** The online network (trained). */
  readonly qNetwork: QFunction;
  /** The target network (copied from the online one, never trained). */
  readonly targetNetwork: QFunction;
  /** Adam on the online network's weights. */
  readonly optimizer: tf.Optimizer;
  /** The replay buffer. */
  readonly buffer: ReplayBuffer;
  /** The agent acting in `envs`. */
  readonly agent: DQNAgent;

  /** Sets up a run (see the class doc); `network` is the Q-network class (default QNetwork). */
  constructor(args: Partial<DQNArgs> = {}, network: QFunctionClass = QNetwork) {
    this.args = dqnArgs(args);
    const a = this.args;
    this.envs = makeVectorEnv(a.envId, a.numEnvs);
    ({ obsDim: this.obsDim, numActions: this.numActions } = envSizes(this.envs, a.envId));
    this.rng = Generator.fromSeed(a.seed);
    const options = { hiddenSizes: a.hiddenSizes, seed: a.seed };
    this.qNetwork = new network(this.obsDim, this.numActions, options);
    this.targetNetwork = new network(this.obsDim, this.numActions, options);
    this.targetNetwork.model.setWeights(this.qNetwork.model.getWeights());
    this.optimizer = tf.train.adam(a.learningRate);
    this.buffer = new ReplayBuffer(a.bufferSize, this.obsDim, this.rng);
    const [obs] = this.envs.reset({ seed: a.seed });
    const exploration = {
      startE: a.startE,
      endE: a.endE,
      duration: a.explorationFraction * a.totalTimesteps,
    };
    this.agent = new DQNAgent(this.envs, this.qNetwork, this.buffer, this.rng, exploration, obs);
  }

  /** TD targets `[batch]`: `r + gamma * (1 - terminated) * max_a' Q_target(s', a')`. */
  tdTarget(rewards: tf.Tensor1D, nextObs: tf.Tensor2D, terminated: tf.Tensor1D): tf.Tensor1D {
    return tf.tidy(() => {
      const nextValue = tf.max(this.targetNetwork.forward(nextObs), 1);
      return tf.add(rewards, tf.mul(this.args.gamma, tf.mul(tf.sub(1, terminated), nextValue)));
    });
  }

  /** One clipped gradient step on `batch` (see the class doc). */
  learn(batch: ReplayBatch): LearnStats {
    return tf.tidy(() => {
      const n = batch.actions.length;
      const obs = tf.tensor2d(batch.observations, [n, this.obsDim]);
      const nextObs = tf.tensor2d(batch.nextObservations, [n, this.obsDim]);
      const target = this.tdTarget(
        tf.tensor1d(batch.rewards),
        nextObs,
        tf.tensor1d(batch.terminated),
      );
      // The one-hot mask of the taken actions, built here: tf.oneHot rejects a single action
      // (probes 1-3) and tf.gather has no gradient on the wasm backend.
      const mask = new Float32Array(n * this.numActions);
      for (let b = 0; b < n; b++) mask[b * this.numActions + batch.actions[b]] = 1;
      const taken = tf.tensor2d(mask, [n, this.numActions]);
      const weights = this.qNetwork.model.trainableWeights.map((w) => w.read() as tf.Variable);
      let qValues: tf.Scalar | undefined;
      const { value: loss, grads } = tf.variableGrads(() => {
        const q = tf.sum(tf.mul(this.qNetwork.forward(obs), taken), 1);
        // variableGrads disposes what its function creates: keep the mean Q for the log.
        qValues = tf.keep(tf.mean(q));
        return tf.losses.meanSquaredError(target, q) as tf.Scalar;
      }, weights);
      const names = Object.keys(grads);
      const norm = tf.sqrt(tf.addN(names.map((name) => tf.sum(tf.square(grads[name])))));
      const scale = tf.minimum(1, tf.div(this.args.maxGradNorm, tf.add(norm, 1e-6)));
      const clipped: tf.NamedTensorMap = {};
      for (const name of names) clipped[name] = tf.mul(grads[name], scale);
      this.optimizer.applyGradients(clipped);
      return { loss, qValues: qValues! };
    });
  }

  /** Moves the target network towards the online one by `tau` (a copy when `tau = 1`). */
  updateTargetNetwork(): void {
    const tau = this.args.tau;
    const online = this.qNetwork.model.trainableWeights;
    const target = this.targetNetwork.model.trainableWeights;
    tf.tidy(() => {
      online.forEach((w, i) => {
        const next = tau === 1
          ? w.read()
          : tf.add(tf.mul(tau, w.read()), tf.mul(1 - tau, target[i].read()));
        target[i].write(next);
      });
    });
  }

  /** Trains until `totalTimesteps` or until a callback returns `true` (see the class doc). */
  async train(callbacks: TrainCallbacks = {}): Promise<TrainingHistory> {
    const { totalTimesteps, learningStarts, trainFrequency, targetNetworkFrequency, batchSize } =
      this.args;
    const logFrequency = callbacks.logFrequency ?? 1000;
    const tracker = new EpisodeTracker(this.envs.numEnvs);
    const history: TrainingHistory = {
      logs: [],
      episodes: [],
      steps: this.agent.steps,
      seconds: 0,
      stoppedEarly: false,
    };
    const startTime = performance.now();
    const startSteps = this.agent.steps;
    let latest: LearnStats | undefined;
    try {
      while (this.agent.steps < totalTimesteps) {
        const before = this.agent.steps;
        const { epsilon, rewards, terminated, truncated } = await this.agent.playStep();
        const step = this.agent.steps;
        let stop = false;
        for (const episode of tracker.record(rewards, terminated, truncated, step)) {
          history.episodes.push(episode);
          if (callbacks.onEpisode?.(episode) === true) stop = true;
        }
        if (step > learningStarts) {
          if (step % trainFrequency === 0) {
            tf.dispose(latest);
            latest = this.learn(this.buffer.sample(batchSize));
          }
          if (step % targetNetworkFrequency === 0) this.updateTargetNetwork();
        }
        if (Math.floor(step / logFrequency) > Math.floor(before / logFrequency)) {
          const seconds = (performance.now() - startTime) / 1000;
          const log = {
            step,
            epsilon,
            tdLoss: latest ? (await latest.loss.data())[0] : NaN,
            qValues: latest ? (await latest.qValues.data())[0] : NaN,
            meanReturn: rollingMeanReturn(history.episodes),
            sps: (step - startSteps) / Math.max(seconds, 1e-9),
          };
          history.logs.push(log);
          if ((await callbacks.onLog?.(log)) === true) stop = true;
        }
        if (stop) {
          history.stoppedEarly = this.agent.steps < totalTimesteps;
          break;
        }
      }
    } finally {
      tf.dispose(latest);
    }
    history.steps = this.agent.steps;
    history.seconds = (performance.now() - startTime) / 1000;
    return history;
  }

  /** Frees both networks and the optimizer. */
  dispose(): void {
    this.qNetwork.model.dispose();
    this.targetNetwork.model.dispose();
    this.optimizer.dispose();
  }
}

/**
 * Double DQN (van Hasselt et al., 2016): DQN whose TD target picks the next action with the
 * online network and evaluates it with the target network, which removes most of the
 * overestimation of `max_a' Q_target(s', a')`.
 *
 * - `tdTarget(rewards, nextObs, terminated)`: with `a* = argmax_a' Q_online(s', a')` (the
 *   lowest index on ties), `r + gamma * (1 - terminated) * Q_target(s', a*)`. No gradient
 *   flows into either network through the target. Everything else is `DQNTrainer`'s.
 */
export class DoubleDQNTrainer extends DQNTrainer {
  /** TD targets `[batch]` with the online network choosing and the target network evaluating. */
  override tdTarget(
    rewards: tf.Tensor1D,
    nextObs: tf.Tensor2D,
    terminated: tf.Tensor1D,
  ): tf.Tensor1D {
    return tf.tidy(() => {
      const best = tf.argMax(this.qNetwork.forward(nextObs), 1);
      const chosen = tf.cast(
        tf.equal(tf.expandDims(best, 1), tf.range(0, this.numActions, 1, "int32")),
        "float32",
      );
      const nextValue = tf.sum(tf.mul(this.targetNetwork.forward(nextObs), chosen), 1);
      return tf.add(rewards, tf.mul(this.args.gamma, tf.mul(tf.sub(1, terminated), nextValue)));
    });
  }
}

/**
 * The dueling architecture (Wang et al., 2016): a shared trunk, then a value head `V(s)` and
 * an advantage head `A(s, a)`, combined as `Q(s, a) = V(s) + A(s, a) - mean_a' A(s, a')`.
 *
 * - `model`: a functional `tf.LayersModel` from `[batch, obsDim]` to two outputs: `value`
 *   `[batch, 1]` and `advantage` `[batch, numActions]`. Layers: `hidden1`, `hidden2`, ...
 *   (ReLU, one per entry of `hiddenSizes`), then `value` (1 unit) and `advantage`
 *   (`numActions` units), both linear and both fed by the last hidden layer.
 * - Kernels initialised with `seeds.glorotUniform()` of `seedSource(seed)` in that order
 *   (hidden layers, value, advantage); biases zero.
 * - Parameter count for CartPole and `[120, 84]`: `5*120 + 121*84 + 85*1 + 85*2 = 11,019`.
 * - `forward(obs)`: `[batch, obsDim]` -> `[batch, numActions]`, the mean taken over actions
 *   (per row), creating no other tensors.
 */
export class DuelingQNetwork implements QFunction {
  /** Trunk, value head and advantage head. */
  readonly model: tf.LayersModel;

  /** Builds the network for `obsDim` observations and `numActions` actions. */
  constructor(obsDim: number, numActions: number, options: QNetworkOptions = {}) {
    const { hiddenSizes = [120, 84], seed = 0 } = options;
    const seeds = seedSource(seed);
    const input = tf.input({ shape: [obsDim] });
    let hidden: tf.SymbolicTensor = input;
    hiddenSizes.forEach((units, i) => {
      hidden = tf.layers.dense({
        name: `hidden${i + 1}`,
        units,
        activation: "relu",
        kernelInitializer: seeds.glorotUniform(),
      }).apply(hidden) as tf.SymbolicTensor;
    });
    const value = tf.layers.dense({
      name: "value",
      units: 1,
      kernelInitializer: seeds.glorotUniform(),
    })
      .apply(hidden) as tf.SymbolicTensor;
    const advantage = tf.layers.dense({
      name: "advantage",
      units: numActions,
      kernelInitializer: seeds.glorotUniform(),
    }).apply(hidden) as tf.SymbolicTensor;
    this.model = tf.model({ inputs: input, outputs: [value, advantage] });
  }

  /** Q-values `[batch, numActions]`: `V + A - mean_a A`. */
  forward(obs: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const [value, advantage] = this.model.apply(obs) as tf.Tensor2D[];
      return tf.add(value, tf.sub(advantage, tf.mean(advantage, 1, true))) as tf.Tensor2D;
    });
  }
}
