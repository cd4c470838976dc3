/**
 * Exercise specs of chapter 03 "Deep Q-learning".
 *
 * Every probe is seeded (network initializers, `Generator`s, environment resets), returns
 * plain data and disposes the tensors it made. Networks built with the same seed have the
 * same weights (the QNetwork contract), so the policy, the agent and the trainer are replayed
 * in lock-step with the reference solution; learning itself is checked against the probe
 * environments' known Q-values (lib/gym/envs/probes.ts), not against the solution.
 *
 * @module
 */
import { seedSource, tf } from "../../lib/tf/mod.ts";
import { CartPoleVectorEnv, Generator } from "../../lib/gym/mod.ts";
import { chapter, type CheckContext, exercise } from "../../lib/grading/spec.ts";
import {
  type DQNArgs,
  type DQNVectorEnv,
  type ExplorationSchedule,
  PROBE_ARGS,
  PROBE_TOLERANCE,
  probeCases,
  type QFunction,
  type QNetworkOptions,
  type ReplayBatch,
} from "../../lib/dqn/mod.ts";
import {
  DoubleDQNTrainer,
  DQNAgent,
  DQNTrainer,
  DuelingQNetwork,
  epsilonGreedyPolicy,
  linearSchedule,
  QNetwork,
  ReplayBuffer,
} from "../../solutions/03_dqn.ts";

type QNetworkClass = typeof QNetwork;
type DuelingClass = typeof DuelingQNetwork;
type BufferClass = typeof ReplayBuffer;
type Schedule = typeof linearSchedule;
type Policy = typeof epsilonGreedyPolicy;
type AgentClass = typeof DQNAgent;
type TrainerClass = typeof DQNTrainer;
type DoubleClass = typeof DoubleDQNTrainer;

/** Float32 arithmetic in a different but equivalent order differs in the last bits. */
const FLOAT32 = { atol: 1e-5, rtol: 1e-4 };
/** A few optimizer steps amplify such differences a little. */
const AFTER_TRAINING = { atol: 1e-3, rtol: 1e-3 };

/** `(inputs + 1) * units` summed over consecutive layer sizes: weights plus biases. */
function mlpParameterCount(sizes: number[]): number {
  let count = 0;
  for (let i = 1; i < sizes.length; i++) count += (sizes[i - 1] + 1) * sizes[i];
  return count;
}

/** Seeded standard-normal values `[rows * cols]`. */
function normalRows(rows: number, cols: number, seed: number): Float32Array {
  const rng = Generator.fromSeed(seed);
  return Float32Array.from({ length: rows * cols }, () => rng.normal());
}

/** `net.forward` on `obs [rows, cols]` as nested arrays; disposes everything. */
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

/** Disposes a network's model, whatever state the implementation left it in. */
function disposeNet(net: QFunction | undefined): void {
  net?.model?.dispose();
}

/** Builds `Net`, runs `probe` on it and disposes it. */
async function withNet<N extends QFunction, R>(
  make: () => N,
  probe: (net: N) => R | Promise<R>,
): Promise<R> {
  const net = make();
  try {
    return await probe(net);
  } finally {
    disposeNet(net);
  }
}

const LEAK_HINT = "Wrap tensor code in tf.tidy(() => ...) and dispose what you read with " +
  "data(): only the returned tensors may survive.";

// ---------------------------------------------------------------------------------------
// QNetwork

interface MlpVariant {
  outputActivation?: "relu";
  hiddenActivation?: "linear";
  seeded?: boolean;
  onlyFirstHidden?: boolean;
}

/** A QNetwork-shaped class with one deliberate deviation (for the mistakes). */
function mlpVariant(variant: MlpVariant): QNetworkClass {
  return class implements QFunction {
    readonly model: tf.Sequential;
    constructor(obsDim: number, numActions: number, options: QNetworkOptions = {}) {
      const { hiddenSizes = [120, 84], seed = 0 } = options;
      const seeds = seedSource(seed);
      const init = () =>
        variant.seeded === false ? tf.initializers.glorotUniform({}) : seeds.glorotUniform();
      const sizes = variant.onlyFirstHidden ? hiddenSizes.slice(0, 1) : hiddenSizes;
      this.model = tf.sequential();
      sizes.forEach((units, i) => {
        this.model.add(tf.layers.dense({
          name: `hidden${i + 1}`,
          ...(i === 0 ? { inputShape: [obsDim] } : {}),
          units,
          activation: variant.hiddenActivation ?? "relu",
          kernelInitializer: init(),
        }));
      });
      this.model.add(tf.layers.dense({
        name: "qValues",
        units: numActions,
        activation: variant.outputActivation ?? "linear",
        kernelInitializer: init(),
      }));
    }
    forward(obs: tf.Tensor2D): tf.Tensor2D {
      return this.model.apply(obs) as tf.Tensor2D;
    }
  } as unknown as QNetworkClass;
}

/** Structure, parameter count, determinism, values and tensor hygiene of a Q-network class. */
async function checkNetwork(
  t: CheckContext<QNetworkClass> | CheckContext<DuelingClass>,
  extraParams: (hidden: number, numActions: number) => number,
  unseededMistake: string,
): Promise<void> {
  const tc = t as CheckContext<QNetworkClass>;
  const name = t.solution.name;
  await tc.expect(
    `the layers (name, units) of new ${name}(4, 2) (default hiddenSizes [120, 84])`,
    (Net) => withNet(() => new Net(4, 2), (net) => layerSummary(net.model)),
  );
  await tc.expect(
    `the layers of new ${name}(8, 5, { hiddenSizes: [16, 32, 8] })`,
    (Net) =>
      withNet(() => new Net(8, 5, { hiddenSizes: [16, 32, 8] }), (net) => layerSummary(net.model)),
  );
  for (const [obsDim, hidden, numActions] of [[4, [120, 84], 2], [8, [16, 32, 8], 5]] as const) {
    const count = await tc.run(
      "model.countParams()",
      (Net) =>
        withNet(
          () => new Net(obsDim, numActions, { hiddenSizes: [...hidden] }),
          (n) => n.model.countParams(),
        ),
    );
    const expected = mlpParameterCount([obsDim, ...hidden]) +
      extraParams(hidden[hidden.length - 1], numActions);
    t.assert(
      count === expected,
      `new ${name}(${obsDim}, ${numActions}, { hiddenSizes: [${hidden}] }) has ` +
        `${count} parameters; it should have ${expected} (weights and biases of every layer).`,
    );
  }
  const obs = normalRows(6, 4, 1);
  const [first, second] = await tc.run(
    "two networks built with seed 3",
    async (Net) => [
      await withNet(
        () => new Net(4, 3, { seed: 3, hiddenSizes: [16, 16] }),
        (n) => forwardValues(n, obs, 4),
      ),
      await withNet(
        () => new Net(4, 3, { seed: 3, hiddenSizes: [16, 16] }),
        (n) => forwardValues(n, obs, 4),
      ),
    ],
  );
  t.assert(
    JSON.stringify(first) === JSON.stringify(second),
    "Two networks built with the same seed give different Q-values: initialise every kernel " +
      "with seeds.glorotUniform() of one seedSource(seed), in layer order.",
    unseededMistake,
  );
  await tc.expect(
    `forward(obs) of new ${name}(4, 3, { seed: 3, hiddenSizes: [16, 16] }) on 6 observations`,
    (Net) =>
      withNet(
        () => new Net(4, 3, { seed: 3, hiddenSizes: [16, 16] }),
        (n) => forwardValues(n, obs, 4),
      ),
    FLOAT32,
  );
  await tc.expect(
    `forward(obs) of new ${name}(4, 2) (defaults) on 6 observations`,
    (Net) => withNet(() => new Net(4, 2), (n) => forwardValues(n, obs, 4)),
    FLOAT32,
  );
  const extra = await tc.run(
    "forward(obs) tensor count",
    (Net) =>
      withNet(() => new Net(4, 2, { hiddenSizes: [8] }), (net) => {
        const input = tf.tensor2d(obs, [6, 4]);
        net.forward(input).dispose(); // first call builds the layers' weights
        const before = tf.memory().numTensors;
        const out = net.forward(input);
        const shape = out.shape;
        const leaked = tf.memory().numTensors - before - 1;
        out.dispose();
        input.dispose();
        return { leaked, shape };
      }),
  );
  t.assert(
    extra.shape.length === 2 && extra.shape[0] === 6 && extra.shape[1] === 2,
    `forward on [6, 4] observations should return [6, 2] Q-values, got [${extra.shape}].`,
  );
  t.assert(extra.leaked === 0, `forward left ${extra.leaked} tensor(s) behind. ${LEAK_HINT}`);
}

const qNetworkSpec = exercise<QNetworkClass>({
  name: "QNetwork",
  title: "The Q-network: an MLP from observations to Q-values",
  points: 2,
  difficulty: 1,
  importance: 4,
  minutes: 15,
  solution: QNetwork,
  mistakes: [
    {
      name: "relu-on-output",
      hint: "The output layer must be linear: Q-values can be negative (and large), a ReLU " +
        "clips them at 0. Use activation only on the hidden layers.",
      impl: mlpVariant({ outputActivation: "relu" }),
    },
    {
      name: "no-hidden-activation",
      hint: "Without a ReLU on the hidden layers the whole network is one linear map. Give each " +
        'hidden dense layer activation: "relu".',
      impl: mlpVariant({ hiddenActivation: "linear" }),
    },
    {
      name: "unseeded-initializer",
      hint: "Create const seeds = seedSource(seed) once and pass kernelInitializer: " +
        "seeds.glorotUniform() to every dense layer, in order, so a seed fixes the weights.",
      impl: mlpVariant({ seeded: false }),
    },
    {
      name: "ignores-hidden-sizes",
      hint: "Add one hidden layer per entry of hiddenSizes (hidden1, hidden2, ...), not a fixed " +
        "number of layers.",
      impl: mlpVariant({ onlyFirstHidden: true }),
    },
  ],
  async check(t: CheckContext<QNetworkClass>) {
    await checkNetwork(
      t,
      (hidden, numActions) => (hidden + 1) * numActions,
      "unseeded-initializer",
    );
  },
});

// ---------------------------------------------------------------------------------------
// ReplayBuffer

/** The transition number k of the buffer probes: every field distinct and recognisable. */
function transition(k: number): [number[], number, number, number[], boolean] {
  return [[k, -k, 0.5 * k], k % 3, 0.25 * k - 1, [100 + k, 200 + k, 300 + k], k % 4 === 3];
}

function bufferContents(buffer: ReplayBuffer) {
  return {
    size: buffer.size,
    position: buffer.position,
    observations: Array.from(buffer.observations),
    actions: Array.from(buffer.actions),
    rewards: Array.from(buffer.rewards),
    nextObservations: Array.from(buffer.nextObservations),
    terminated: Array.from(buffer.terminated),
  };
}

function batchContents(batch: ReplayBatch) {
  return {
    observations: Array.from(batch.observations),
    actions: Array.from(batch.actions),
    rewards: Array.from(batch.rewards),
    nextObservations: Array.from(batch.nextObservations),
    terminated: Array.from(batch.terminated),
  };
}

class NoWraparound extends ReplayBuffer {
  override add(
    obs: ArrayLike<number>,
    action: number,
    reward: number,
    nextObs: ArrayLike<number>,
    terminated: boolean,
  ): void {
    const slot = this.position;
    for (let k = 0; k < this.obsDim; k++) {
      this.observations[slot * this.obsDim + k] = obs[k];
      this.nextObservations[slot * this.obsDim + k] = nextObs[k];
    }
    this.actions[slot] = action;
    this.rewards[slot] = reward;
    this.terminated[slot] = terminated ? 1 : 0;
    this.position = slot + 1;
    this.size = Math.min(this.size + 1, this.capacity);
  }
}

class SampleWholeCapacity extends ReplayBuffer {
  override sample(batchSize: number): ReplayBatch {
    const size = this.size;
    this.size = this.capacity;
    try {
      return super.sample(batchSize);
    } finally {
      this.size = size;
    }
  }
}

class NextObsFromFollowingSlot extends ReplayBuffer {
  override sample(batchSize: number): ReplayBatch {
    const batch = super.sample(batchSize);
    const d = this.obsDim;
    // Recovers s' as the observation stored after s: wrong across episodes and environments.
    for (let b = 0; b < batchSize; b++) {
      const j = this.findSlot(batch.observations.subarray(b * d, (b + 1) * d));
      const next = (j + 1) % this.capacity;
      batch.nextObservations.set(this.observations.subarray(next * d, (next + 1) * d), b * d);
    }
    return batch;
  }
  private findSlot(obs: Float32Array): number {
    const d = this.obsDim;
    for (let j = 0; j < this.size; j++) {
      if (this.observations.subarray(j * d, (j + 1) * d).every((v, k) => v === obs[k])) return j;
    }
    return 0;
  }
}

const replayBufferSpec = exercise<BufferClass>({
  name: "ReplayBuffer",
  title: "A replay buffer on typed arrays",
  points: 2,
  difficulty: 2,
  importance: 5,
  minutes: 25,
  solution: ReplayBuffer,
  mistakes: [
    {
      name: "no-wraparound",
      hint: "When the buffer is full, new transitions must overwrite the oldest: position = " +
        "(position + 1) % capacity. Writes past the end of a typed array are silently dropped.",
      impl: NoWraparound,
    },
    {
      name: "sample-from-whole-capacity",
      hint: "Sample indices with rng.integers(0, size), not up to capacity: until the buffer is " +
        "full, the slots beyond size hold zeros, not transitions.",
      impl: SampleWholeCapacity,
    },
    {
      name: "next-obs-from-following-slot",
      hint: "Store nextObs in its own array. The slot after a transition belongs to another " +
        "environment or another episode, so it is not s'.",
      impl: NextObsFromFollowingSlot,
    },
  ],
  async check(t: CheckContext<BufferClass>) {
    const storage = await t.run("new ReplayBuffer(5, 3, rng)", (Buffer) => {
      const buffer = new Buffer(5, 3, Generator.fromSeed(0));
      return {
        observations: buffer.observations,
        actions: buffer.actions,
        rewards: buffer.rewards,
        nextObservations: buffer.nextObservations,
        terminated: buffer.terminated,
        size: buffer.size,
        position: buffer.position,
      };
    });
    const typed: [string, unknown, string, number][] = [
      ["observations", storage.observations, "Float32Array", 15],
      ["actions", storage.actions, "Int32Array", 5],
      ["rewards", storage.rewards, "Float32Array", 5],
      ["nextObservations", storage.nextObservations, "Float32Array", 15],
      ["terminated", storage.terminated, "Float32Array", 5],
    ];
    for (const [field, value, type, length] of typed) {
      t.assert(
        value?.constructor?.name === type && (value as ArrayLike<number>).length === length,
        `new ReplayBuffer(5, 3, rng).${field} should be a ${type} of length ${length} ` +
          `(capacity${length === 15 ? " * obsDim" : ""}), got ${
            value?.constructor?.name ?? String(value)
          } of length ${(value as ArrayLike<number> | undefined)?.length}.`,
      );
    }
    t.assert(
      storage.size === 0 && storage.position === 0,
      `A new buffer should have size 0 and position 0, got ${storage.size} and ${storage.position}.`,
    );
    const fill = (Buffer: BufferClass, adds: number, capacity: number, seed: number) => {
      const buffer = new Buffer(capacity, 3, Generator.fromSeed(seed));
      for (let k = 0; k < adds; k++) buffer.add(...transition(k));
      return buffer;
    };
    await t.expect(
      "the storage after 3 adds to a buffer of capacity 5",
      (Buffer) => bufferContents(fill(Buffer, 3, 5, 0)),
    );
    await t.expect(
      "the storage after 8 adds to a buffer of capacity 5 (slots 0-2 overwritten)",
      (Buffer) => bufferContents(fill(Buffer, 8, 5, 0)),
    );
    await t.expect(
      "sample(12) with Generator.fromSeed(7) after 3 adds to a buffer of capacity 10",
      (Buffer) => batchContents(fill(Buffer, 3, 10, 7).sample(12)),
    );
    await t.expect(
      "two sample(6) calls with Generator.fromSeed(5) after 13 adds to a buffer of capacity 5",
      (Buffer) => {
        const buffer = fill(Buffer, 13, 5, 5);
        return [batchContents(buffer.sample(6)), batchContents(buffer.sample(6))];
      },
    );
  },
});

// ---------------------------------------------------------------------------------------
// linearSchedule

const SCHEDULE_CASES: [number, number, number, number][] = [
  [1, 0.05, 100, 0],
  [1, 0.05, 100, 1],
  [1, 0.05, 100, 50],
  [1, 0.05, 100, 99],
  [1, 0.05, 100, 100],
  [1, 0.05, 100, 250],
  [0.1, 1, 10, 4],
  [0.1, 1, 10, 30],
  [0.5, 0.5, 10, 3],
  [1, 0.05, 0, 0],
];

const linearScheduleSpec = exercise<Schedule>({
  name: "linearSchedule",
  title: "A linear schedule for epsilon",
  points: 1,
  difficulty: 1,
  importance: 3,
  minutes: 5,
  solution: linearSchedule,
  mistakes: [
    {
      name: "no-clamp",
      hint: "After duration steps the value must stay at end; clamp t to duration.",
      impl: (start, end, duration, t) => start + (end - start) * t / duration,
    },
    {
      name: "clamp-with-max-only",
      hint: "max(slope * t + start, end) only works when the schedule decreases; for an " +
        "increasing one (start < end) it returns end at once. Clamp t instead: " +
        "min(t, duration) / duration.",
      impl: (start, end, duration, t) =>
        duration <= 0 ? end : Math.max(start + (end - start) * t / duration, end),
    },
    {
      name: "off-by-one-step",
      hint: "At t = 0 the value is start; you evaluate the schedule one step ahead.",
      impl: (start, end, duration, t) => linearSchedule(start, end, duration, t + 1),
    },
  ],
  async check(t: CheckContext<Schedule>) {
    await t.expect(
      `linearSchedule(start, end, duration, t) for (start, end, duration, t) in ${
        JSON.stringify(SCHEDULE_CASES)
      }`,
      (f) => SCHEDULE_CASES.map(([start, end, duration, step]) => f(start, end, duration, step)),
      { atol: 1e-12, rtol: 1e-12 },
    );
  },
});

// ---------------------------------------------------------------------------------------
// epsilonGreedyPolicy

/** A Q-function that counts its forward calls and the rows it was given. */
class CountingQ implements QFunction {
  calls = 0;
  rows = 0;
  constructor(readonly inner: QFunction) {}
  get model() {
    return this.inner.model;
  }
  forward(obs: tf.Tensor2D): tf.Tensor2D {
    this.calls += 1;
    this.rows += obs.shape[0];
    return this.inner.forward(obs);
  }
}

/** A seeded 4 -> 16 -> 3 Q-network for the policy probes. */
const policyNet = () => new QNetwork(4, 3, { hiddenSizes: [16], seed: 21 });

async function policyActions(
  policy: Policy,
  net: QFunction,
  obs: Float32Array,
  numEnvs: number,
  epsilon: number,
  seed: number,
  calls: number,
): Promise<number[]> {
  const rng = Generator.fromSeed(seed);
  const all: number[] = [];
  for (let c = 0; c < calls; c++) {
    const actions = await policy(net, obs, numEnvs, epsilon, rng);
    all.push(...actions);
  }
  return all;
}

interface PolicyVariant {
  /** One coin per environment (right) or one for the whole batch. */
  coin?: "per-env" | "shared";
  /** Explore when u < epsilon (right) or when u >= epsilon. */
  explore?: "below" | "above";
  /** Random actions over all actions (right) or over the non-greedy ones only. */
  random?: "all" | "others";
  /** One batched forward pass (right) or one per environment. */
  forward?: "batched" | "per-env";
}

/** An epsilon-greedy policy with one deliberate deviation (for the mistakes). */
function policyVariant(variant: PolicyVariant): Policy {
  return async (net, obs, numEnvs, epsilon, rng) => {
    const obsDim = obs.length / numEnvs;
    const greedy = new Int32Array(numEnvs);
    let numActions = 0;
    const rows = variant.forward === "per-env"
      ? Array.from({ length: numEnvs }, (_, i) => [i, 1] as const)
      : [[0, numEnvs] as const];
    for (const [first, count] of rows) {
      const best = tf.tidy(() => {
        const q = net.forward(
          tf.tensor2d(obs.subarray(first * obsDim, (first + count) * obsDim), [count, obsDim]),
        );
        numActions = q.shape[1];
        return tf.argMax(q, 1);
      });
      greedy.set(await best.data(), first);
      best.dispose();
    }
    const explores = (u: number) => (variant.explore === "above" ? u >= epsilon : u < epsilon);
    const randomAction = (greedyAction: number) => {
      if (variant.random !== "others") return rng.integers(0, numActions);
      const other = rng.integers(0, numActions - 1);
      return other >= greedyAction ? other + 1 : other;
    };
    const actions = Int32Array.from(greedy);
    if (variant.coin === "shared") {
      if (explores(rng.random())) {
        for (let i = 0; i < numEnvs; i++) actions[i] = randomAction(greedy[i]);
      }
      return actions;
    }
    for (let i = 0; i < numEnvs; i++) {
      if (explores(rng.random())) actions[i] = randomAction(greedy[i]);
    }
    return actions;
  };
}

const epsilonGreedyPolicySpec = exercise<Policy>({
  name: "epsilonGreedyPolicy",
  title: "Epsilon-greedy actions for a batch of environments",
  points: 2,
  difficulty: 2,
  importance: 4,
  minutes: 15,
  solution: epsilonGreedyPolicy,
  mistakes: [
    {
      name: "explore-when-above-epsilon",
      hint: "Explore when rng.random() < epsilon (probability epsilon), not when it is above.",
      impl: policyVariant({ explore: "above" }),
    },
    {
      name: "shared-coin",
      hint: "Each environment explores independently: one rng.random() per environment, not one " +
        "for the whole batch (as CleanRL's single-environment code does).",
      impl: policyVariant({ coin: "shared" }),
    },
    {
      name: "random-excludes-greedy",
      hint: "A random action is uniform over all actions, the greedy one included: " +
        "rng.integers(0, numActions).",
      impl: policyVariant({ random: "others" }),
    },
    {
      name: "forward-per-environment",
      hint: "Run the network once on all environments' observations ([numEnvs, obsDim]) and read " +
        "the result with one await data(): one call per environment is numEnvs times slower.",
      impl: policyVariant({ forward: "per-env" }),
    },
  ],
  async check(t: CheckContext<Policy>) {
    const net = policyNet();
    try {
      const obs = normalRows(6, 4, 2);
      const counting = new CountingQ(net);
      const before = tf.memory().numTensors;
      const actions = await t.run(
        "epsilonGreedyPolicy(qNetwork, obs, 6, 0.5, rng)",
        (f) => f(counting, obs, 6, 0.5, Generator.fromSeed(0)),
      );
      const leaked = tf.memory().numTensors - before;
      t.assert(
        actions instanceof Int32Array && actions.length === 6,
        `epsilonGreedyPolicy should return an Int32Array with one action per environment (6), ` +
          `got ${actions?.constructor?.name} of length ${(actions as ArrayLike<number>)?.length}.`,
      );
      t.assert(
        counting.calls === 1 && counting.rows === 6,
        `epsilonGreedyPolicy called qNetwork.forward ${counting.calls} time(s) on ${counting.rows} ` +
          "row(s) in total for 6 environments; it should make one batched call on all 6 rows.",
        "forward-per-environment",
      );
      t.assert(leaked === 0, `epsilonGreedyPolicy left ${leaked} tensor(s) behind. ${LEAK_HINT}`);

      const q = forwardValues(net, obs, 4);
      const argmax = q.map((row) => row.indexOf(Math.max(...row)));
      const greedy = await t.run(
        "epsilonGreedyPolicy(qNetwork, obs, 6, 0, rng)",
        (f) => f(net, obs, 6, 0, Generator.fromSeed(1)),
      );
      t.assert(
        Array.from(greedy).join() === argmax.join(),
        `With epsilon = 0 every action must be argmax_a Q(obs_i, a) = [${argmax}], got ` +
          `[${Array.from(greedy)}].`,
        "explore-when-above-epsilon",
      );

      const uniform = await t.run(
        "2000 calls with epsilon = 1",
        (f) => policyActions(f, net, obs, 6, 1, 3, 2000),
      );
      for (let a = 0; a < 3; a++) {
        const share = uniform.filter((x) => x === a).length / uniform.length;
        t.assert(
          Math.abs(share - 1 / 3) < 0.02,
          `With epsilon = 1 actions should be uniform over the 3 actions; action ${a} had a ` +
            `share of ${share.toFixed(3)} over 12,000 draws (expected 0.333 +- 0.02).`,
          "random-excludes-greedy",
        );
      }
      const mixed = await t.run(
        "2000 calls with epsilon = 0.3",
        (f) => policyActions(f, net, obs, 6, 0.3, 4, 2000),
      );
      const nonGreedy = mixed.filter((a, i) => a !== argmax[i % 6]).length / mixed.length;
      t.assert(
        Math.abs(nonGreedy - 0.2) < 0.02,
        `With epsilon = 0.3 and 3 actions, a non-greedy action should be taken with probability ` +
          `0.3 * 2/3 = 0.2; it was ${nonGreedy.toFixed(3)} over 12,000 actions (tolerance 0.02).`,
      );
      await t.expect(
        "the actions of 30 calls with epsilon = 0.5 and Generator.fromSeed(5) (draw order: " +
          "per environment u = rng.random(), then rng.integers(0, numActions) when u < epsilon)",
        (f) => policyActions(f, net, obs, 6, 0.5, 5, 30),
      );
    } finally {
      disposeNet(net);
    }
  },
});

// ---------------------------------------------------------------------------------------
// DQNAgent

/** What the agent probe returns: everything the agent reported and stored. */
async function agentRun(Agent: AgentClass, numEnvs = 3, vectorSteps = 40) {
  const envs = new CartPoleVectorEnv({ numEnvs, autoresetMode: "same-step", maxEpisodeSteps: 15 });
  const net = new QNetwork(4, 2, { hiddenSizes: [16], seed: 5 });
  try {
    const buffer = new ReplayBuffer(500, 4, Generator.fromSeed(9));
    const schedule: ExplorationSchedule = { startE: 1, endE: 0.2, duration: 60 };
    const [obs] = envs.reset({ seed: 11 });
    const agent = new Agent(envs, net, buffer, Generator.fromSeed(13), schedule, obs);
    const reports = [];
    for (let s = 0; s < vectorSteps; s++) {
      const r = await agent.playStep();
      reports.push({
        epsilon: r.epsilon,
        actions: Array.from(r.actions),
        rewards: Array.from(r.rewards),
        terminated: [...r.terminated],
        truncated: [...r.truncated],
      });
    }
    return {
      reports,
      steps: agent.steps,
      obs: Array.from(agent.obs),
      buffer: bufferContents(buffer),
    };
  } finally {
    disposeNet(net);
  }
}

interface AgentVariant {
  /** Store the returned (reset) observation as s' when an episode ends. */
  resetObservation?: boolean;
  /** Store terminated || truncated as the termination flag. */
  truncatedAsTerminated?: boolean;
  /** Count the vector step's environment steps before computing epsilon. */
  epsilonAfterCounting?: boolean;
  /** Count one step per vector step. */
  stepsPerVectorStep?: boolean;
  /** Keep the env's returned array as the current observation instead of copying it. */
  aliasObservation?: boolean;
}

/** A DQNAgent with one deliberate deviation (for the mistakes). */
function agentVariant(variant: AgentVariant): AgentClass {
  return class {
    obs: Float32Array;
    steps = 0;
    constructor(
      readonly envs: DQNVectorEnv,
      readonly qNetwork: QFunction,
      readonly buffer: ReplayBuffer,
      readonly rng: Generator,
      readonly exploration: ExplorationSchedule,
      initialObs: Float32Array,
    ) {
      this.obs = variant.aliasObservation ? initialObs : Float32Array.from(initialObs);
    }
    async playStep() {
      const numEnvs = this.envs.numEnvs;
      const obsDim = this.obs.length / numEnvs;
      const { startE, endE, duration } = this.exploration;
      const counted = this.steps + (variant.stepsPerVectorStep ? 1 : numEnvs);
      const epsilon = linearSchedule(
        startE,
        endE,
        duration,
        variant.epsilonAfterCounting ? counted : this.steps,
      );
      const actions = await epsilonGreedyPolicy(
        this.qNetwork,
        this.obs,
        numEnvs,
        epsilon,
        this.rng,
      );
      const [nextObs, rewards, terminated, truncated, infos] = this.envs.step(actions);
      const finalObs = infos.final_observation as (Float32Array | null)[] | undefined;
      for (let i = 0; i < numEnvs; i++) {
        const row = i * obsDim;
        const ended = terminated[i] || truncated[i];
        const next = ended && !variant.resetObservation
          ? finalObs![i]!
          : nextObs.subarray(row, row + obsDim);
        const done = variant.truncatedAsTerminated ? ended : terminated[i];
        this.buffer.add(this.obs.subarray(row, row + obsDim), actions[i], rewards[i], next, done);
      }
      if (variant.aliasObservation) this.obs = nextObs;
      else this.obs.set(nextObs);
      this.steps = counted;
      return { epsilon, actions, rewards, terminated, truncated };
    }
  } as unknown as AgentClass;
}

const dqnAgentSpec = exercise<AgentClass>({
  name: "DQNAgent",
  title: "The agent: acting in vector environments and storing transitions",
  points: 3,
  difficulty: 3,
  importance: 5,
  minutes: 30,
  solution: DQNAgent,
  mistakes: [
    {
      name: "reset-observation-stored",
      hint: "With same-step autoreset the returned observation of a finished environment is " +
        "already the next episode's first one. Store infos.final_observation[i] as s' when " +
        "terminated[i] || truncated[i].",
      impl: agentVariant({ resetObservation: true }),
    },
    {
      name: "truncated-stored-as-terminated",
      hint: "Store only terminated[i]. A truncated episode (time limit) did not end in a " +
        "terminal state: its value is still r + gamma * max Q(s'), so the TD target must bootstrap.",
      impl: agentVariant({ truncatedAsTerminated: true }),
    },
    {
      name: "epsilon-off-by-one-step",
      hint: "Compute epsilon from steps before this vector step (epsilon = linearSchedule(..., " +
        "steps)), then add numEnvs to steps after storing the transitions.",
      impl: agentVariant({ epsilonAfterCounting: true }),
    },
    {
      name: "steps-counted-per-vector-step",
      hint:
        "steps counts environment steps: one vector step is numEnvs of them (steps += numEnvs).",
      impl: agentVariant({ stepsPerVectorStep: true }),
    },
    {
      name: "aliased-observation",
      hint: "Copy observations into the agent's own array (this.obs.set(nextObs)): vector envs " +
        "may return the same array every step and overwrite it, so a kept reference changes " +
        "under you.",
      impl: agentVariant({ aliasObservation: true }),
    },
  ],
  async check(t: CheckContext<AgentClass>) {
    await t.expect(
      "40 playStep() calls in 3 CartPoles (episodes truncated at 15 steps), epsilon from 1 to " +
        "0.2 over 60 steps: the reports, steps, obs and the buffer's storage",
      (Agent) => agentRun(Agent),
    );
  },
});

// ---------------------------------------------------------------------------------------
// DQNTrainer

/** A small CartPole run for the trainer's lock-step probes. */
const LOCKSTEP_ARGS: Partial<DQNArgs> = {
  envId: "CartPole-v1",
  seed: 3,
  numEnvs: 2,
  totalTimesteps: 1000,
  bufferSize: 500,
  batchSize: 16,
  learningStarts: 0,
  trainFrequency: 2,
  targetNetworkFrequency: 1000,
  learningRate: 1e-2,
  maxGradNorm: 1,
  gamma: 0.9,
  hiddenSizes: [16, 16],
};

/** Seeded CartPole-like batches: random observations, actions, rewards and terminations. */
function randomBatch(seed: number, size = 16, obsDim = 4, numActions = 2): ReplayBatch {
  const rng = Generator.fromSeed(seed);
  return {
    observations: Float32Array.from({ length: size * obsDim }, () => rng.normal()),
    actions: Int32Array.from({ length: size }, () => rng.integers(0, numActions)),
    rewards: Float32Array.from({ length: size }, () => rng.uniform(-1, 2)),
    nextObservations: Float32Array.from({ length: size * obsDim }, () => rng.normal()),
    terminated: Float32Array.from({ length: size }, () => (rng.random() < 0.3 ? 1 : 0)),
  };
}

async function withTrainer<T extends DQNTrainer, R>(
  make: () => T,
  probe: (trainer: T) => R | Promise<R>,
): Promise<R> {
  const trainer = make();
  try {
    return await probe(trainer);
  } finally {
    trainer.dispose?.();
  }
}

function tdTargetValues(trainer: DQNTrainer, batch: ReplayBatch): number[] {
  return tf.tidy(() =>
    trainer.tdTarget(
      tf.tensor1d(batch.rewards),
      tf.tensor2d(batch.nextObservations, [batch.rewards.length, 4]),
      tf.tensor1d(batch.terminated),
    ).arraySync()
  );
}

/** Six learn() steps on seeded batches: losses, mean Qs, and both networks' Q-values after. */
function learnRun(trainer: DQNTrainer) {
  const probeObs = normalRows(5, 4, 40);
  const stats = [];
  for (let k = 0; k < 6; k++) {
    const { loss, qValues } = trainer.learn(randomBatch(100 + k));
    stats.push([loss.arraySync(), qValues.arraySync()]);
    tf.dispose([loss, qValues]);
  }
  return {
    stats,
    online: forwardValues(trainer.qNetwork, probeObs, 4),
    target: forwardValues(trainer.targetNetwork, probeObs, 4),
  };
}

class BootstrapThroughTermination extends DQNTrainer {
  override tdTarget(rewards: tf.Tensor1D, nextObs: tf.Tensor2D, terminated: tf.Tensor1D) {
    return tf.tidy(() => super.tdTarget(rewards, nextObs, tf.zerosLike(terminated)));
  }
}

class OnlineNetworkAsTarget extends DQNTrainer {
  override tdTarget(rewards: tf.Tensor1D, nextObs: tf.Tensor2D, terminated: tf.Tensor1D) {
    return tf.tidy(() => {
      const next = tf.max(this.qNetwork.forward(nextObs), 1);
      return tf.add(
        rewards,
        tf.mul(this.args.gamma, tf.mul(tf.sub(1, terminated), next)),
      ) as tf.Tensor1D;
    });
  }
}

class MaxQInsteadOfTakenAction extends DQNTrainer {
  override learn(batch: ReplayBatch) {
    // Pretends the greedy action was taken in every transition.
    const greedy = tf.tidy(() =>
      tf.argMax(
        this.qNetwork.forward(tf.tensor2d(batch.observations, [batch.actions.length, this.obsDim])),
        1,
      ).arraySync()
    );
    return super.learn({ ...batch, actions: Int32Array.from(greedy as number[]) });
  }
}

class NoGradientClipping extends DQNTrainer {
  override learn(batch: ReplayBatch) {
    const args = this.args as { maxGradNorm: number };
    const saved = args.maxGradNorm;
    args.maxGradNorm = Infinity;
    try {
      return super.learn(batch);
    } finally {
      args.maxGradNorm = saved;
    }
  }
}

class TargetUpdatedEveryStep extends DQNTrainer {
  override learn(batch: ReplayBatch) {
    const stats = super.learn(batch);
    this.updateTargetNetwork();
    return stats;
  }
}

class TargetNeverUpdated extends DQNTrainer {
  override updateTargetNetwork(): void {}
}

class SoftUpdateReversed extends DQNTrainer {
  override updateTargetNetwork(): void {
    const tau = this.args.tau;
    const online = this.qNetwork.model.trainableWeights;
    const target = this.targetNetwork.model.trainableWeights;
    tf.tidy(() => {
      online.forEach((w, i) => {
        target[i].write(tf.add(tf.mul(1 - tau, w.read()), tf.mul(tau, target[i].read())));
      });
    });
  }
}

/** The hand-written epsilon of the vector step that ended at `step` (steps before it). */
function expectedEpsilon(args: Partial<DQNArgs> & typeof PROBE_ARGS, step: number): number {
  const duration = args.explorationFraction * args.totalTimesteps;
  const t = step - args.numEnvs;
  return t >= duration ? args.endE : args.startE + (args.endE - args.startE) * t / duration;
}

async function checkTrainLoop(t: CheckContext<TrainerClass>): Promise<void> {
  const args = {
    ...PROBE_ARGS,
    envId: "Probe1-v0",
    numEnvs: 2,
    totalTimesteps: 200,
    learningStarts: 40,
    trainFrequency: 2,
    targetNetworkFrequency: 40,
    batchSize: 8,
    hiddenSizes: [8],
  };
  const run = await t.run(
    "train({ logFrequency: 50 }) on Probe1-v0 for 200 steps",
    (Trainer) =>
      withTrainer(() => new Trainer(args), async (trainer) => {
        const history = await trainer.train({ logFrequency: 50 });
        const probeObs = Float32Array.of(0, 0.5);
        return {
          history,
          online: forwardValues(trainer.qNetwork, probeObs, 1),
          target: forwardValues(trainer.targetNetwork, probeObs, 1),
        };
      }),
  );
  const history = run.history;
  t.assert(
    history.steps === 200 && !history.stoppedEarly,
    `train() should stop after totalTimesteps = 200 environment steps; history.steps = ` +
      `${history.steps}, stoppedEarly = ${history.stoppedEarly}.`,
  );
  const episodes = history.episodes;
  t.assert(
    episodes.length === 200 && episodes.every((e) => e.episodeReturn === 1 && e.length === 1),
    `Every Probe1-v0 episode lasts 1 step with return 1, so 200 steps are 200 episodes of ` +
      `return 1; history.episodes has ${episodes.length} episodes, the first ` +
      `${JSON.stringify(episodes.slice(0, 3))}.`,
  );
  const logSteps = history.logs.map((l) => l.step);
  t.assert(
    logSteps.join() === "50,100,150,200",
    `With logFrequency 50, train() should log at steps 50, 100, 150, 200; it logged at ` +
      `[${logSteps}].`,
  );
  for (const log of history.logs) {
    const epsilon = expectedEpsilon(args, log.step);
    t.assert(
      Math.abs(log.epsilon - epsilon) < 1e-9,
      `The log at step ${log.step} has epsilon ${log.epsilon}; the vector step that ended there ` +
        `used linearSchedule(${args.startE}, ${args.endE}, ${
          args.explorationFraction * args.totalTimesteps
        }, ${log.step - args.numEnvs}) = ${epsilon}.`,
    );
    t.assert(
      Number.isFinite(log.tdLoss) && Number.isFinite(log.qValues) && log.sps > 0 &&
        log.meanReturn === 1,
      `The log at step ${log.step} should have a finite tdLoss and qValues (learning started ` +
        `at 40), sps > 0 and meanReturn 1; got ${JSON.stringify(log)}.`,
    );
  }
  t.assert(
    JSON.stringify(run.online) === JSON.stringify(run.target),
    "After train() ends at step 200, a multiple of targetNetworkFrequency (40), the target " +
      "network should be a copy of the online network, but their Q-values differ: is " +
      "updateTargetNetwork() called every targetNetworkFrequency steps after learningStarts?",
    "target-never-updated",
  );
  await t.expect(
    "the online network's Q-values after the same train() run",
    (Trainer) =>
      withTrainer(() => new Trainer(args), async (trainer) => {
        await trainer.train({ logFrequency: 50 });
        return forwardValues(trainer.qNetwork, Float32Array.of(0, 0.5), 1);
      }),
    AFTER_TRAINING,
  );
  const stopped = await t.run(
    "train() with onLog returning true at step 100",
    (Trainer) =>
      withTrainer(
        () => new Trainer(args),
        (trainer) => trainer.train({ logFrequency: 50, onLog: (log) => log.step >= 100 }),
      ),
  );
  t.assert(
    stopped.steps === 100 && stopped.stoppedEarly,
    `When onLog returns true at step 100, train() should stop there with stoppedEarly = true; ` +
      `it stopped at ${stopped.steps} with stoppedEarly = ${stopped.stoppedEarly}.`,
  );
}

async function checkProbeLadder(t: CheckContext<TrainerClass>): Promise<void> {
  for (const probe of probeCases(PROBE_ARGS.gamma)) {
    const q = await t.run(
      `training on ${probe.envId}`,
      (Trainer) =>
        withTrainer(() => new Trainer({ ...PROBE_ARGS, envId: probe.envId }), async (trainer) => {
          await trainer.train();
          return forwardValues(trainer.qNetwork, Float32Array.from(probe.observations), 1);
        }),
    );
    probe.observations.forEach((o, k) => {
      probe.expected[k].forEach((expected, a) => {
        const got = q[k][a];
        t.assert(
          Math.abs(got - expected) <= PROBE_TOLERANCE,
          `${probe.envId} tests ${probe.tests}. After training with PROBE_ARGS (gamma = ` +
            `${PROBE_ARGS.gamma}), Q([${o}], ${a}) = ${got.toFixed(3)}; it should be ` +
            `${expected} +- ${PROBE_TOLERANCE}.`,
        );
      });
    });
  }
}

const dqnTrainerSpec = exercise<TrainerClass>({
  name: "DQNTrainer",
  title: "The trainer: TD loss, target network, training loop",
  points: 5,
  difficulty: 4,
  importance: 5,
  minutes: 60,
  timeoutMs: 180_000,
  solution: DQNTrainer,
  mistakes: [
    {
      name: "bootstrap-through-termination",
      hint: "Multiply the bootstrapped term by (1 - terminated): after a terminal state there is " +
        "no future reward, so the target is just r.",
      impl: BootstrapThroughTermination,
    },
    {
      name: "online-network-as-target",
      hint: "Compute max_a' Q(s', a') with targetNetwork, not qNetwork, and outside the function " +
        "given to tf.variableGrads: the target must be a fixed number, not something the update " +
        "moves (or differentiates through).",
      impl: OnlineNetworkAsTarget,
    },
    {
      name: "max-q-instead-of-taken-action",
      hint:
        "The prediction is Q(s, a) of the action a stored in the batch: multiply the Q-values " +
        "by a one-hot mask of batch.actions and sum over actions, don't take the max.",
      impl: MaxQInsteadOfTakenAction,
    },
    {
      name: "no-gradient-clipping",
      hint: "Rescale the gradients by min(1, maxGradNorm / (globalNorm + 1e-6)) before " +
        "optimizer.applyGradients, with globalNorm = sqrt(sum over all weights of sum(g^2)).",
      impl: NoGradientClipping,
    },
    {
      name: "target-updated-every-step",
      hint: "The target network is frozen between updates: copy the online weights only every " +
        "targetNetworkFrequency steps, in train(), never inside learn().",
      impl: TargetUpdatedEveryStep,
    },
    {
      name: "target-never-updated",
      hint: "Copy the online weights into the target network (updateTargetNetwork) every " +
        "targetNetworkFrequency steps after learningStarts; without it the TD targets come from " +
        "the random initial network forever.",
      impl: TargetNeverUpdated,
    },
    {
      name: "soft-update-reversed",
      hint: "The soft update is target <- tau * online + (1 - tau) * target: tau is the share of " +
        "the online network.",
      impl: SoftUpdateReversed,
    },
  ],
  async check(t: CheckContext<TrainerClass>) {
    const structure = await t.run(
      "new DQNTrainer(args) on CartPole-v1",
      (Trainer) =>
        withTrainer(() => new Trainer(LOCKSTEP_ARGS), (trainer) => {
          const obs = normalRows(5, 4, 41);
          return {
            distinct: trainer.qNetwork !== trainer.targetNetwork &&
              trainer.qNetwork.model !== trainer.targetNetwork.model,
            online: forwardValues(trainer.qNetwork, obs, 4),
            target: forwardValues(trainer.targetNetwork, obs, 4),
            capacity: trainer.buffer.capacity,
            agentSteps: trainer.agent.steps,
          };
        }),
    );
    t.assert(
      structure.distinct,
      "qNetwork and targetNetwork must be two separate networks (build the target with its own " +
        "constructor call, then copy the weights).",
    );
    t.assert(
      JSON.stringify(structure.online) === JSON.stringify(structure.target),
      "Right after construction the target network must be a copy of the online network.",
    );
    t.assert(
      structure.capacity === LOCKSTEP_ARGS.bufferSize && structure.agentSteps === 0,
      `The buffer should hold bufferSize (${LOCKSTEP_ARGS.bufferSize}) transitions and the agent ` +
        `start at 0 steps; got capacity ${structure.capacity} and ${structure.agentSteps} steps.`,
    );

    await t.expect(
      "tdTarget(rewards, nextObs, terminated) on a batch of 16 (gamma 0.9, some terminated)",
      (Trainer) =>
        withTrainer(() => new Trainer(LOCKSTEP_ARGS), (tr) => tdTargetValues(tr, randomBatch(7))),
      FLOAT32,
    );
    await t.expect(
      "six learn(batch) steps (maxGradNorm 1): [loss, mean Q] of each, then the online and " +
        "target networks' Q-values",
      (Trainer) => withTrainer(() => new Trainer(LOCKSTEP_ARGS), learnRun),
      AFTER_TRAINING,
    );
    const leak = await t.run(
      "tensor count across learn() steps",
      (Trainer) =>
        withTrainer(() => new Trainer(LOCKSTEP_ARGS), (trainer) => {
          tf.dispose(trainer.learn(randomBatch(1))); // the first step creates Adam's slots
          const before = tf.memory().numTensors;
          for (let k = 0; k < 3; k++) tf.dispose(trainer.learn(randomBatch(2 + k)));
          return tf.memory().numTensors - before;
        }),
    );
    t.assert(leak === 0, `Three learn() steps left ${leak} tensor(s) behind. ${LEAK_HINT}`);

    await t.expect(
      "the target network's Q-values after updateTargetNetwork() with tau = 0.25",
      (Trainer) =>
        withTrainer(() => new Trainer({ ...LOCKSTEP_ARGS, tau: 0.25 }), (trainer) => {
          learnRun(trainer);
          trainer.updateTargetNetwork();
          return forwardValues(trainer.targetNetwork, normalRows(5, 4, 43), 4);
        }),
      AFTER_TRAINING,
    );
    const copied = await t.run(
      "updateTargetNetwork() with tau = 1 after six learn() steps",
      (Trainer) =>
        withTrainer(() => new Trainer(LOCKSTEP_ARGS), (trainer) => {
          learnRun(trainer);
          trainer.updateTargetNetwork();
          const obs = normalRows(5, 4, 42);
          return [
            forwardValues(trainer.qNetwork, obs, 4),
            forwardValues(trainer.targetNetwork, obs, 4),
          ];
        }),
    );
    t.assert(
      JSON.stringify(copied[0]) === JSON.stringify(copied[1]),
      "After updateTargetNetwork() with tau = 1 the target network must equal the online network.",
      "target-never-updated",
    );
    await checkTrainLoop(t);
    await checkProbeLadder(t);
  },
});

// ---------------------------------------------------------------------------------------
// DoubleDQNTrainer

/** A trainer whose online network differs from its target (weights of another seed). */
function divergedTargets(Trainer: DoubleClass): number[] {
  const trainer = new Trainer(LOCKSTEP_ARGS);
  try {
    const other = new QNetwork(4, 2, { hiddenSizes: LOCKSTEP_ARGS.hiddenSizes, seed: 99 });
    trainer.qNetwork.model.setWeights(other.model.getWeights());
    other.model.dispose();
    return tdTargetValues(trainer, randomBatch(8, 32));
  } finally {
    trainer.dispose?.();
  }
}

function doubleVariant(choose: "target" | "online", evaluate: "target" | "online"): DoubleClass {
  return class extends DQNTrainer {
    override tdTarget(rewards: tf.Tensor1D, nextObs: tf.Tensor2D, terminated: tf.Tensor1D) {
      return tf.tidy(() => {
        const net = (which: "target" | "online") =>
          which === "target" ? this.targetNetwork : this.qNetwork;
        const best = tf.argMax(net(choose).forward(nextObs), 1);
        const mask = tf.cast(tf.oneHot(best, this.numActions), "float32");
        const value = tf.sum(tf.mul(net(evaluate).forward(nextObs), mask), 1);
        return tf.add(
          rewards,
          tf.mul(this.args.gamma, tf.mul(tf.sub(1, terminated), value)),
        ) as tf.Tensor1D;
      });
    }
  } as unknown as DoubleClass;
}

const doubleDqnTrainerSpec = exercise<DoubleClass>({
  name: "DoubleDQNTrainer",
  title: "Bonus: Double DQN",
  points: 2,
  difficulty: 2,
  importance: 3,
  minutes: 15,
  solution: DoubleDQNTrainer,
  mistakes: [
    {
      name: "argmax-from-target-network",
      hint: "That is plain DQN: choose a* = argmax Q_online(s', a) with the online network and " +
        "evaluate Q_target(s', a*) with the target network.",
      impl: doubleVariant("target", "target"),
    },
    {
      name: "evaluate-with-online-network",
      hint: "Evaluate the chosen action with the target network: Q_target(s', a*), where a* = " +
        "argmax Q_online(s', a).",
      impl: doubleVariant("online", "online"),
    },
    {
      name: "networks-swapped",
      hint: "The online network chooses (argmax), the target network evaluates.",
      impl: doubleVariant("target", "online"),
    },
  ],
  async check(t: CheckContext<DoubleClass>) {
    await t.expect(
      "tdTarget on 32 transitions when the online and target networks differ",
      (Trainer) => divergedTargets(Trainer),
      FLOAT32,
    );
  },
});

// ---------------------------------------------------------------------------------------
// DuelingQNetwork

function duelingVariant(combine: (v: tf.Tensor2D, a: tf.Tensor2D) => tf.Tensor2D): DuelingClass {
  return class extends DuelingQNetwork {
    override forward(obs: tf.Tensor2D): tf.Tensor2D {
      return tf.tidy(() => {
        const [value, advantage] = this.model.apply(obs) as tf.Tensor2D[];
        return combine(value, advantage);
      });
    }
  };
}

const duelingQNetworkSpec = exercise<DuelingClass>({
  name: "DuelingQNetwork",
  title: "Bonus: the dueling architecture",
  points: 2,
  difficulty: 2,
  importance: 3,
  minutes: 20,
  solution: DuelingQNetwork,
  mistakes: [
    {
      name: "no-mean-subtraction",
      hint: "V + A alone is not identifiable (add c to V and subtract it from A: same Q). " +
        "Subtract the mean advantage over actions: Q = V + A - mean_a A.",
      impl: duelingVariant((v, a) => tf.add(v, a) as tf.Tensor2D),
    },
    {
      name: "mean-over-batch",
      hint: "Take the mean of the advantages over the actions of each row (axis 1, keepDims), " +
        "not over the batch.",
      impl: duelingVariant((v, a) => tf.add(v, tf.sub(a, tf.mean(a, 0, true))) as tf.Tensor2D),
    },
    {
      name: "max-instead-of-mean",
      hint: "The contract uses the mean advantage (Wang et al.'s equation 9), which trains more " +
        "stably than subtracting the max.",
      impl: duelingVariant((v, a) => tf.add(v, tf.sub(a, tf.max(a, 1, true))) as tf.Tensor2D),
    },
    {
      name: "unseeded-initializer",
      hint: "Initialise every kernel with seeds.glorotUniform() of one seedSource(seed): hidden " +
        "layers first, then value, then advantage.",
      impl: class extends DuelingQNetwork {
        constructor(obsDim: number, numActions: number, options: QNetworkOptions = {}) {
          super(obsDim, numActions, { ...options, seed: Math.floor(Math.random() * 1e9) });
        }
      },
    },
  ],
  async check(t: CheckContext<DuelingClass>) {
    await checkNetwork(
      t,
      (hidden, numActions) => (hidden + 1) * 1 + (hidden + 1) * numActions,
      "unseeded-initializer",
    );
  },
});

export default chapter({
  id: "03_dqn",
  title: "Deep Q-learning",
  exercises: [
    qNetworkSpec,
    replayBufferSpec,
    linearScheduleSpec,
    epsilonGreedyPolicySpec,
    dqnAgentSpec,
    dqnTrainerSpec,
    doubleDqnTrainerSpec,
    duelingQNetworkSpec,
  ],
});
