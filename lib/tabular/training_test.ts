import { assert, assertEquals, assertThrows } from "@std/assert";
import { Generator } from "../gym/seeding.ts";
import type { TabularAgent, Transition } from "./agent.ts";
import { QTable } from "./qtable.ts";
import { type DiscreteEnv, runEpisode, runExperiment, runSeeds, train } from "./training.ts";

/** A corridor 0 -> 1 -> 2 (terminal) that records how it was reset; -1 per step. */
class Corridor implements DiscreteEnv {
  resets: Array<number | undefined> = [];
  private s = 0;
  private steps = 0;
  constructor(private readonly limit = Infinity) {}
  reset(options: { seed?: number } = {}): [number, Record<string, unknown>] {
    this.resets.push(options.seed);
    this.s = 0;
    this.steps = 0;
    return [0, {}];
  }
  step(action: number): [number, number, boolean, boolean, Record<string, unknown>] {
    this.steps++;
    if (action === 1) this.s++;
    return [this.s, -1, this.s === 2, this.s !== 2 && this.steps >= this.limit, {}];
  }
}

/** Logs every call; acts with a scripted sequence of actions. */
class Scripted implements TabularAgent {
  readonly q = new QTable(3, 2);
  log: string[] = [];
  seen: Transition[] = [];
  private i = 0;
  constructor(private readonly script: number[]) {}
  beginEpisode(obs: number) {
    this.log.push(`begin ${obs}`);
  }
  act(obs: number) {
    this.log.push(`act ${obs}`);
    return this.script[this.i++ % this.script.length];
  }
  observe(t: Transition) {
    this.log.push(`observe ${t.obs}->${t.nextObs}`);
    this.seen.push(t);
  }
}

Deno.test("runEpisode calls beginEpisode, then act/step/observe until the episode ends", () => {
  const env = new Corridor();
  const agent = new Scripted([0, 1, 1]);
  const steps: number[] = [];
  const result = runEpisode(env, agent, { seed: 3, onStep: (_t, p) => steps.push(p.step) });
  assertEquals(agent.log, [
    "begin 0",
    "act 0",
    "observe 0->0",
    "act 0",
    "observe 0->1",
    "act 1",
    "observe 1->2",
  ]);
  assertEquals(result, { return: -3, length: 3, terminated: true });
  assertEquals(env.resets, [3]);
  assertEquals(steps, [0, 1, 2]);
  assertEquals(agent.seen[2], {
    obs: 1,
    action: 1,
    reward: -1,
    nextObs: 2,
    terminated: true,
    truncated: false,
  });
});

Deno.test("a truncated episode ends with truncated: true passed to observe", () => {
  const env = new Corridor(2);
  const agent = new Scripted([0]);
  const result = runEpisode(env, agent);
  assertEquals(result, { return: -2, length: 2, terminated: false });
  assertEquals(agent.seen.map((t) => [t.terminated, t.truncated]), [[false, false], [false, true]]);
});

Deno.test("train seeds the first reset only and records per-episode curves", () => {
  const env = new Corridor();
  const agent = new Scripted([1, 1, 0, 1, 1]);
  const episodes: number[] = [];
  const { returns, lengths } = train(env, agent, {
    episodes: 3,
    seed: 9,
    onEpisode: (_r, p) => episodes.push(p.episode),
  });
  assertEquals(env.resets, [9, undefined, undefined]);
  // Script 1,1 | 0,1,1 | 1,1: lengths 2, 3, 2.
  assertEquals(Array.from(lengths), [2, 3, 2]);
  assertEquals(Array.from(returns), [-2, -3, -2]);
  assertEquals(episodes, [0, 1, 2]);
  assertThrows(() => train(env, agent, { episodes: -1 }), Error, "non-negative integer");
});

/** Moves right with probability 1/2 using its generator; counts its draws. */
class CoinAgent implements TabularAgent {
  readonly q = new QTable(3, 2);
  draws: number[] = [];
  constructor(private readonly rng: Generator) {}
  beginEpisode() {}
  act() {
    const u = this.rng.random();
    this.draws.push(u);
    return u < 0.5 ? 1 : 0;
  }
  observe() {}
}

Deno.test("runExperiment uses runSeeds per run and is deterministic", () => {
  assertEquals(runSeeds(0), { envSeed: 0, agentSeed: 1 });
  assertEquals(runSeeds(5), { envSeed: 10, agentSeed: 11 });
  assertThrows(() => runSeeds(-1), Error, "non-negative integer");
  const envs: Corridor[] = [];
  const run = () =>
    runExperiment({
      makeEnv: () => {
        envs.push(new Corridor());
        return envs[envs.length - 1];
      },
      makeAgent: (rng) => new CoinAgent(rng),
      episodes: 4,
      runs: 3,
      firstSeed: 2,
    });
  const a = run();
  assertEquals(envs.slice(0, 3).map((e) => e.resets[0]), [4, 6, 8]);
  const first = Generator.fromSeed(runSeeds(2).agentSeed);
  assertEquals(a.agents[0].draws.slice(0, 3), [first.random(), first.random(), first.random()]);
  const b = run();
  assertEquals(a.returns.map((r) => Array.from(r)), b.returns.map((r) => Array.from(r)));
  assertEquals(a.returns.length, 3);
  assert(a.lengths.every((l) => l.length === 4));
  assertThrows(
    () =>
      runExperiment({
        makeEnv: () => new Corridor(),
        makeAgent: (rng) => new CoinAgent(rng),
        episodes: 1,
        runs: 0,
      }),
    Error,
    "runs must be a positive integer",
  );
});
