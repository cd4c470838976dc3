/**
 * Multi-armed bandit agents and the experiment runner that averages their learning curves
 * over many independent runs (Sutton and Barto, chapter 2).
 *
 * @module
 */
import { ArmedBanditEnv, type ArmedBanditOptions } from "../gym/envs/bandit.ts";
import { Generator } from "../gym/seeding.ts";

/**
 * A bandit agent: it picks an arm, then observes the reward of that arm. Agents hold their
 * own seeded generator (given to their constructor), so a run is reproducible.
 */
export interface BanditAgent {
  /** Chooses the arm to pull next, an integer in `0 .. numArms - 1`. */
  getAction(): number;
  /** Learns from the `reward` received for pulling `action`. */
  observe(action: number, reward: number): void;
}

/** Options of {@link runBanditExperiment}. */
export interface BanditExperimentOptions {
  /** Makes the fresh agent of one run from its own seeded generator. */
  makeAgent: (numArms: number, rng: Generator) => BanditAgent;
  /** Options of the testbed, lib/gym's ArmedBandit-v0 (default: 10 stationary arms). */
  bandit?: ArmedBanditOptions;
  /** Number of independent runs (bandit problems), e.g. 500. */
  runs: number;
  /** Steps per run, e.g. 1000. */
  steps: number;
  /**
   * Base seed. Run `r` resets its bandit with seed `seed + r` and seeds its agent with
   * `seed + runs + r`, so two experiments with the same seed face the same bandit problems
   * and the same rewards for the same actions (a fair, low-variance comparison).
   */
  seed: number;
  /** Called after each run with the number of runs done (e.g. to update a progress bar). */
  onRun?: (done: number) => void;
}

/** Per-step curves of a bandit experiment. */
export interface BanditCurves {
  /** `rewards[r][t]`: reward of run r at step t, `[runs][steps]`. */
  rewards: Float64Array[];
  /** `optimal[r][t]`: 1 when run r pulled the best arm at step t, else 0, `[runs][steps]`. */
  optimal: Float64Array[];
  /** Average reward at each step over the runs, `[steps]`. */
  meanReward: Float64Array;
  /** Fraction of runs that pulled the best arm at each step, `[steps]`. */
  optimalFraction: Float64Array;
}

/**
 * Runs a fresh agent on a fresh bandit `runs` times for `steps` steps each and returns the
 * reward and best-arm curves, per run and averaged (Sutton and Barto's Figure 2.2 recipe).
 * The best arm is the testbed's `info.optimalAction` when the action was taken.
 *
 * @throws when `runs` or `steps` is not a positive integer, or the agent returns an arm
 * outside the bandit.
 */
export function runBanditExperiment(options: BanditExperimentOptions): BanditCurves {
  const { makeAgent, runs, steps, seed } = options;
  for (const [name, value] of Object.entries({ runs, steps })) {
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(`runBanditExperiment: ${name} must be a positive integer, got ${value}.`);
    }
  }
  const rewards: Float64Array[] = [];
  const optimal: Float64Array[] = [];
  const meanReward = new Float64Array(steps);
  const optimalFraction = new Float64Array(steps);
  for (let run = 0; run < runs; run++) {
    const env = new ArmedBanditEnv(options.bandit);
    env.reset({ seed: seed + run });
    const agent = makeAgent(env.k, Generator.fromSeed(seed + runs + run));
    const runRewards = new Float64Array(steps);
    const runOptimal = new Float64Array(steps);
    for (let t = 0; t < steps; t++) {
      const action = agent.getAction();
      if (!Number.isInteger(action) || action < 0 || action >= env.k) {
        throw new Error(
          `runBanditExperiment: the agent chose arm ${action} at step ${t} of run ${run}; ` +
            `arms are integers in 0..${env.k - 1}.`,
        );
      }
      const [, reward, , , info] = env.step(action);
      agent.observe(action, reward);
      runRewards[t] = reward;
      runOptimal[t] = action === info.optimalAction ? 1 : 0;
    }
    for (let t = 0; t < steps; t++) {
      meanReward[t] += runRewards[t] / runs;
      optimalFraction[t] += runOptimal[t] / runs;
    }
    rewards.push(runRewards);
    optimal.push(runOptimal);
    options.onRun?.(run + 1);
  }
  return { rewards, optimal, meanReward, optimalFraction };
}
