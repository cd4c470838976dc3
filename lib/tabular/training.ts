/**
 * The training loop of chapter 02, written once so that every agent is driven the same way
 * (see {@link ./agent.ts} for the order of calls), and an experiment runner that repeats a
 * training run over seeds to average learning curves.
 *
 * @example
 * ```ts
 * import { make } from "../lib/gym/mod.ts";
 * import { train } from "../lib/tabular/training.ts";
 * const env = make("CliffWalking-v0");
 * const { returns } = train(env, agent, { episodes: 500, seed: 0 });
 * ```
 * @module
 */
import { Generator } from "../gym/seeding.ts";
import type { TabularAgent, Transition } from "./agent.ts";

/** What the loop needs of an environment: lib/gym's `Env<number, number>` fits. */
export interface DiscreteEnv {
  /** Starts an episode; `seed` reseeds the environment's generator. */
  reset(options?: { seed?: number }): [number, Record<string, unknown>];
  /** `[nextObs, reward, terminated, truncated, info]`. */
  step(action: number): [number, number, boolean, boolean, Record<string, unknown>];
}

/** Where the loop is, passed to the callbacks. */
export interface LoopPosition {
  /** Index of the run in an experiment (0 for a single training run). */
  run: number;
  /** Episode index, from 0. */
  episode: number;
  /** Step index within the episode, from 0. */
  step: number;
}

/** The outcome of one episode. */
export interface EpisodeResult {
  /** Undiscounted sum of the rewards received. */
  return: number;
  /** Number of steps taken. */
  length: number;
  /** Whether it ended by termination (rather than truncation). */
  terminated: boolean;
}

/** Options of {@link runEpisode}. */
export interface RunEpisodeOptions {
  /** Seed for `env.reset` (omit to continue the environment's random stream). */
  seed?: number;
  /** Called after `agent.observe` for every transition. */
  onStep?: (transition: Transition, position: LoopPosition) => void;
  /** Reported in {@link LoopPosition} (default 0). */
  episode?: number;
  /** Reported in {@link LoopPosition} (default 0). */
  run?: number;
}

/**
 * Runs one episode: reset, `beginEpisode`, then `act` / `step` / `observe` until the
 * episode terminates or is truncated. Put a time limit on the environment (lib/gym's
 * `make(id, { maxEpisodeSteps })`) when a policy may never reach a terminal state.
 */
export function runEpisode(
  env: DiscreteEnv,
  agent: TabularAgent,
  options: RunEpisodeOptions = {},
): EpisodeResult {
  const { seed, onStep, episode = 0, run = 0 } = options;
  let [obs] = seed === undefined ? env.reset() : env.reset({ seed });
  agent.beginEpisode(obs);
  let total = 0;
  for (let step = 0;; step++) {
    const action = agent.act(obs);
    const [nextObs, reward, terminated, truncated] = env.step(action);
    const transition: Transition = { obs, action, reward, nextObs, terminated, truncated };
    agent.observe(transition);
    onStep?.(transition, { run, episode, step });
    total += reward;
    if (terminated || truncated) return { return: total, length: step + 1, terminated };
    obs = nextObs;
  }
}

/** Options of {@link train}. */
export interface TrainOptions {
  /** Number of episodes. */
  episodes: number;
  /** Seed of the first `env.reset` (later resets continue its stream, as in Gymnasium). */
  seed?: number;
  /** Called after every transition. */
  onStep?: (transition: Transition, position: LoopPosition) => void;
  /** Called after every episode. */
  onEpisode?: (result: EpisodeResult, position: Omit<LoopPosition, "step">) => void;
  /** Reported in {@link LoopPosition} (default 0). */
  run?: number;
}

/** Per-episode curves of a training run. */
export interface TrainResult {
  /** Undiscounted return of each episode, `[episodes]`. */
  returns: Float64Array;
  /** Length of each episode, `[episodes]`. */
  lengths: Int32Array;
}

/** Trains `agent` for `episodes` episodes; the environment is seeded on the first reset only. */
export function train(env: DiscreteEnv, agent: TabularAgent, options: TrainOptions): TrainResult {
  const { episodes, seed, onStep, onEpisode, run = 0 } = options;
  if (!Number.isInteger(episodes) || episodes < 0) {
    throw new Error(`train: episodes must be a non-negative integer, got ${episodes}.`);
  }
  const returns = new Float64Array(episodes);
  const lengths = new Int32Array(episodes);
  for (let episode = 0; episode < episodes; episode++) {
    const result = runEpisode(env, agent, {
      seed: episode === 0 ? seed : undefined,
      onStep,
      episode,
      run,
    });
    returns[episode] = result.return;
    lengths[episode] = result.length;
    onEpisode?.(result, { run, episode });
  }
  return { returns, lengths };
}

/**
 * The two seeds of run `seed` of an experiment: the environment is reset with `envSeed`,
 * the agent draws from `Generator.fromSeed(agentSeed)`. They differ so that the agent's
 * exploration and the environment's randomness are independent streams.
 */
export function runSeeds(seed: number): { envSeed: number; agentSeed: number } {
  if (!Number.isInteger(seed) || seed < 0) {
    throw new Error(`runSeeds: a seed is a non-negative integer, got ${seed}.`);
  }
  return { envSeed: 2 * seed, agentSeed: 2 * seed + 1 };
}

/** Options of {@link runExperiment}. */
export interface ExperimentOptions<A extends TabularAgent> {
  /** A fresh environment for each run. */
  makeEnv: () => DiscreteEnv;
  /** A fresh agent for each run, drawing from `rng`. */
  makeAgent: (rng: Generator) => A;
  /** Episodes per run. */
  episodes: number;
  /** Number of independent runs; run `i` uses the seeds `runSeeds(firstSeed + i)`. */
  runs: number;
  /** Seed of the first run (default 0). */
  firstSeed?: number;
  /** Called after every transition of every run. */
  onStep?: (transition: Transition, position: LoopPosition) => void;
  /** Called after every episode of every run (e.g. to advance a progress bar). */
  onEpisode?: (result: EpisodeResult, position: Omit<LoopPosition, "step">) => void;
}

/** The curves of every run, for averaging and bands. */
export interface ExperimentResult<A extends TabularAgent> {
  /** `returns[run][episode]`: undiscounted return. */
  returns: Float64Array[];
  /** `lengths[run][episode]`: episode length. */
  lengths: Int32Array[];
  /** The trained agent of each run. */
  agents: A[];
}

/**
 * Trains a fresh agent on a fresh environment `runs` times with different seeds and
 * collects the learning curves. Deterministic: the same options give the same curves.
 */
export function runExperiment<A extends TabularAgent>(
  options: ExperimentOptions<A>,
): ExperimentResult<A> {
  const { makeEnv, makeAgent, episodes, runs, firstSeed = 0, onStep, onEpisode } = options;
  if (!Number.isInteger(runs) || runs <= 0) {
    throw new Error(`runExperiment: runs must be a positive integer, got ${runs}.`);
  }
  const result: ExperimentResult<A> = { returns: [], lengths: [], agents: [] };
  for (let run = 0; run < runs; run++) {
    const { envSeed, agentSeed } = runSeeds(firstSeed + run);
    const agent = makeAgent(Generator.fromSeed(agentSeed));
    const curves = train(makeEnv(), agent, { episodes, seed: envSeed, onStep, onEpisode, run });
    result.returns.push(curves.returns);
    result.lengths.push(curves.lengths);
    result.agents.push(agent);
  }
  return result;
}
