/**
 * How fast the course's DQN solves CartPole-v1: for each seed, wall-clock seconds and
 * environment steps until the mean return of the last 20 training episodes first reaches 475,
 * steps per second, and the greedy return (20 episodes) of the network at that moment.
 * Compared with CleanRL's dqn.py (PyTorch, CPU) on this machine's kind. Prints JSON.
 *
 * Run: `deno task bench:dqn [--seeds 1,2,3,4,5] [--max-steps 150000]`
 *
 * @module
 */
import { parseArgs } from "node:util";
import { setupTf, tf } from "../lib/tf/mod.ts";
import {
  DQN_ARGS,
  dqnArgs,
  type EpisodeRecord,
  evaluateGreedy,
  firstSolved,
} from "../lib/dqn/mod.ts";
import { DQNTrainer } from "../solutions/03_dqn.ts";

/** CleanRL dqn.py on CartPole-v1, this machine's kind (issue 6): to a rolling mean of 475. */
const CLEANRL_REFERENCE = { seconds: 131, steps: 254_000 };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/** One run: trains until solved (rolling mean of 20 returns >= 475) or `maxSteps`. */
async function run(seed: number, maxSteps: number) {
  const trainer = new DQNTrainer(dqnArgs({ seed, totalTimesteps: DQN_ARGS.totalTimesteps }));
  const episodes: EpisodeRecord[] = [];
  const history = await trainer.train({
    logFrequency: maxSteps,
    onEpisode: (episode) => {
      episodes.push(episode);
      return firstSolved(episodes) !== undefined || episode.step >= maxSteps;
    },
  });
  const solved = firstSolved(episodes);
  const greedy = await evaluateGreedy(trainer.qNetwork, { episodes: 20, seed: 10_000 + seed });
  trainer.dispose();
  return {
    seed,
    solved: solved !== undefined,
    steps: history.steps,
    seconds: round(history.seconds),
    sps: Math.round(history.steps / history.seconds),
    episodes: episodes.length,
    greedyMeanReturn: round(greedy.reduce((a, b) => a + b, 0) / greedy.length),
  };
}

async function main() {
  const { values } = parseArgs({
    args: Deno.args,
    options: { seeds: { type: "string", default: "1,2,3,4,5" }, "max-steps": { type: "string" } },
  });
  const seeds = values.seeds.split(",").map(Number);
  const maxSteps = Number(values["max-steps"] ?? DQN_ARGS.totalTimesteps);
  const backend = await setupTf();
  const runs = [];
  for (const seed of seeds) {
    runs.push(await run(seed, maxSteps));
    console.error(`seed ${seed}: ${JSON.stringify(runs[runs.length - 1])}`);
  }
  const medianSeconds = median(runs.map((r) => r.seconds));
  const medianSteps = median(runs.map((r) => r.steps));
  console.log(JSON.stringify(
    {
      benchmark: "DQN on CartPole-v1 until the mean of the last 20 training returns >= 475",
      backend,
      tfjs: tf.version.tfjs,
      args: DQN_ARGS,
      runs,
      solved: runs.filter((r) => r.solved).length,
      median: {
        seconds: medianSeconds,
        steps: medianSteps,
        sps: median(runs.map((r) => r.sps)),
      },
      reference: { cleanrlDqnPy: CLEANRL_REFERENCE },
      speedup: {
        seconds: round(CLEANRL_REFERENCE.seconds / medianSeconds, 2),
        steps: round(CLEANRL_REFERENCE.steps / medianSteps, 2),
      },
    },
    null,
    2,
  ));
}

if (import.meta.main) await main();
