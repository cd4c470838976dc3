/**
 * The types that chapter 03's exercises share: what a Q-function is, what the replay buffer
 * hands out, what the agent reports per step and what the trainer logs.
 *
 * @module
 */
import type { tf } from "../tf/mod.ts";

/**
 * A Q-function: a tfjs model and how to get Q-values from it. `QNetwork` and
 * `DuelingQNetwork` implement it; the policy, the agent and the trainer use nothing else.
 */
export interface QFunction {
  /** The trainable model: its `trainableWeights` are what the optimizer and the target copy use. */
  readonly model: tf.LayersModel;
  /**
   * Q-values `[batch, numActions]` for observations `[batch, obsDim]`. Creates no tensors
   * besides the result (the caller disposes it); differentiable with respect to the weights.
   */
  forward(obs: tf.Tensor2D): tf.Tensor2D;
}

/** Options of a Q-network constructor. */
export interface QNetworkOptions {
  /** Sizes of the hidden layers (default `[120, 84]`, as CleanRL's `QNetwork`). */
  hiddenSizes?: readonly number[];
  /** Seed of the weight initializers (default 0): equal seeds give equal weights. */
  seed?: number;
}

/** A class of Q-networks: `new QNetwork(obsDim, numActions, options)`. */
export type QFunctionClass = new (
  obsDim: number,
  numActions: number,
  options?: QNetworkOptions,
) => QFunction;

/**
 * A batch of transitions sampled from the replay buffer: row `b` of every field belongs to the
 * same transition. Flat typed arrays, ready for `tf.tensor2d(observations, [batch, obsDim])`.
 */
export interface ReplayBatch {
  /** Observations `s` `[batch * obsDim]`. */
  observations: Float32Array;
  /** Actions `a` `[batch]`. */
  actions: Int32Array;
  /** Rewards `r` `[batch]`. */
  rewards: Float32Array;
  /** Next observations `s'` `[batch * obsDim]`: the true last observation when an episode ended. */
  nextObservations: Float32Array;
  /** 1 where the episode terminated at `s'` (not merely truncated), else 0 `[batch]`. */
  terminated: Float32Array;
}

/** How epsilon decays: linearly from `startE` to `endE` over `duration` environment steps. */
export interface ExplorationSchedule {
  /** Epsilon at step 0. */
  startE: number;
  /** Epsilon from step `duration` on. */
  endE: number;
  /** Number of environment steps of the linear decay. */
  duration: number;
}

/** What `DQNAgent.playStep` reports about the vector step it played. */
export interface AgentStep {
  /** The epsilon used to choose the actions. */
  epsilon: number;
  /** The actions taken `[numEnvs]`. */
  actions: Int32Array;
  /** The rewards received `[numEnvs]` (may be the env's buffer: read it before the next step). */
  rewards: ArrayLike<number>;
  /** Which sub-environments' episodes terminated in this step. */
  terminated: readonly boolean[];
  /** Which sub-environments' episodes were truncated (time limit) in this step. */
  truncated: readonly boolean[];
}

/** What one gradient step of the trainer reports (scalars the caller disposes). */
export type LearnStats = {
  /** The TD loss of the batch, before the update. */
  loss: tf.Scalar;
  /** The mean of `Q(s, a)` over the batch (online network, before the update). */
  qValues: tf.Scalar;
};

/** A finished training episode. */
export interface EpisodeRecord {
  /** Environment steps taken when the episode ended (over all sub-environments). */
  step: number;
  /** The undiscounted return of the episode. */
  episodeReturn: number;
  /** The number of steps of the episode. */
  length: number;
}

/** One log line of the trainer, written every `logFrequency` environment steps. */
export interface TrainLog {
  /** Environment steps taken so far. */
  step: number;
  /** The epsilon of the latest vector step. */
  epsilon: number;
  /** The TD loss of the latest gradient step (NaN before learning starts). */
  tdLoss: number;
  /** The mean `Q(s, a)` of the latest gradient step's batch (NaN before learning starts). */
  qValues: number;
  /** Mean return of the last (up to) 20 finished episodes (NaN before the first one). */
  meanReturn: number;
  /** Environment steps per second since training started. */
  sps: number;
}

/** Callbacks and logging options of `DQNTrainer.train`. */
export interface TrainCallbacks {
  /** Environment steps between log lines (default 1000). */
  logFrequency?: number;
  /** Called with each log line; returning `true` stops training. */
  onLog?: (log: TrainLog) => boolean | void | Promise<boolean | void>;
  /** Called with each finished episode; returning `true` stops training after this step. */
  onEpisode?: (episode: EpisodeRecord) => boolean | void;
}

/** What `DQNTrainer.train` returns. */
export interface TrainingHistory {
  /** The log lines, in order. */
  logs: TrainLog[];
  /** Every finished training episode, in order. */
  episodes: EpisodeRecord[];
  /** Environment steps taken. */
  steps: number;
  /** Wall-clock seconds of training. */
  seconds: number;
  /** Whether a callback stopped training before `totalTimesteps`. */
  stoppedEarly: boolean;
}
