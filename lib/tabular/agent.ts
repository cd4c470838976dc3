/**
 * The interface every tabular agent of chapter 02 implements, and the one transition record
 * they learn from. The training loop ({@link ./training.ts}) calls, per episode:
 *
 * ```text
 * obs = env.reset(); agent.beginEpisode(obs)
 * repeat:
 *   action = agent.act(obs)
 *   nextObs, reward, terminated, truncated = env.step(action)
 *   agent.observe({ obs, action, reward, nextObs, terminated, truncated })
 *   obs = nextObs
 * until terminated or truncated
 * ```
 *
 * Because every random choice an agent makes goes through its own seeded `Generator`, two
 * agents built with the same seed and run on environments reset with the same seed take
 * the same actions step for step: that is how the checks replay a learner's agent in
 * lock-step with the reference one.
 *
 * @module
 */
import type { Generator } from "../gym/seeding.ts";
import type { QTable } from "./qtable.ts";

/** One step of experience, as the training loop hands it to {@link TabularAgent.observe}. */
export interface Transition {
  /** The state the action was taken in, `S_t`. */
  obs: number;
  /** The action taken, `A_t`. */
  action: number;
  /** The reward received, `R_{t+1}`. */
  reward: number;
  /** The state reached, `S_{t+1}` (for a terminal step, the terminal state itself). */
  nextObs: number;
  /**
   * The episode ended inside the MDP (goal, hole, ...): the value of `nextObs` is 0, so the
   * target must not bootstrap from it.
   */
  terminated: boolean;
  /**
   * The episode was cut short from outside (a time limit): `nextObs` still has a value, so
   * the target must bootstrap from it as usual.
   */
  truncated: boolean;
}

/** A learning agent over discrete states and actions. */
export interface TabularAgent {
  /** The action-value estimates; greedy evaluation acts on these. */
  readonly q: QTable;
  /**
   * Called after every `reset` with the first observation: clears whatever belongs to one
   * episode (eligibility traces, a chosen-ahead action, the episode's transitions).
   */
  beginEpisode(obs: number): void;
  /** The behaviour action in `obs` (it explores). */
  act(obs: number): number;
  /** Learns from one transition; called after every step, the last one included. */
  observe(transition: Transition): void;
}

/** Constructor options shared by the chapter's agents. */
export interface TabularAgentOptions {
  /** Number of states: observations are `0 .. numStates - 1`. */
  numStates: number;
  /** Number of actions: actions are `0 .. numActions - 1`. */
  numActions: number;
  /** Probability of a uniformly random action in epsilon-greedy exploration. */
  epsilon: number;
  /** Step size of the updates, in (0, 1]. */
  alpha: number;
  /** Discount factor, in [0, 1]. */
  gamma: number;
  /** The agent's only source of randomness. */
  rng: Generator;
  /** Initial value of every `Q(s, a)` (default 0); optimistic values explore more. */
  initialValue?: number;
}

/** Hyperparameters of a one-step update. */
export interface UpdateOptions {
  /** Step size, in (0, 1]. */
  alpha: number;
  /** Discount factor, in [0, 1]. */
  gamma: number;
}

/**
 * How an eligibility trace marks the pair just visited: `"accumulating"` adds 1 to its trace,
 * `"replacing"` sets it to 1.
 */
export type TraceKind = "accumulating" | "replacing";

/** Hyperparameters of a SARSA(lambda) update. */
export interface SarsaLambdaUpdateOptions extends UpdateOptions {
  /** Trace decay, in [0, 1]: 0 gives one-step SARSA, 1 a Monte-Carlo-like update. */
  lambda: number;
  /** Accumulating or replacing traces. */
  traces: TraceKind;
}

/** Constructor options of the SARSA(lambda) agent. */
export interface SarsaLambdaAgentOptions extends TabularAgentOptions {
  /** Trace decay, in [0, 1]. */
  lambda: number;
  /** Accumulating or replacing traces. */
  traces: TraceKind;
}

/** Constructor options of the Monte-Carlo control agent. */
export interface MonteCarloAgentOptions extends Omit<TabularAgentOptions, "alpha"> {
  /**
   * Constant step size; omit it to average the returns (step size `1 / N(s, a)`, with
   * `N(s, a)` the number of first visits so far).
   */
  alpha?: number;
}

/** Options of greedy evaluation. */
export interface EvaluateOptions {
  /** Number of episodes. */
  episodes: number;
  /** Seed of the first `env.reset` only (later resets continue the stream). */
  seed?: number;
  /** Stop an episode after this many steps even if it has not ended (default 1000). */
  maxSteps?: number;
}
