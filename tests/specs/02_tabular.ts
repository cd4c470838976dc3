/**
 * The exercise specs of chapter 02, learning from experience with tabular methods.
 *
 * Update rules are compared with the reference exactly (Q-tables, traces and TD errors) on
 * curated transitions (ordinary, terminal, truncated, both, a self-loop) and on seeded random
 * batches. Agents are replayed in lock-step with the reference agent: the same seeds for the
 * environment and the agent's generator must give the same action at every step and the
 * same Q-table at the end, on the maximisation-bias MDP (an episode ends every one or two
 * steps, with a random reward) and on CliffWalking under a short time limit (truncations).
 *
 * @module
 */
import { chapter, type CheckContext, CheckFailure, exercise } from "../../lib/grading/spec.ts";
import { make } from "../../lib/gym/mod.ts";
import { Generator } from "../../lib/gym/seeding.ts";
import {
  type DiscreteEnv,
  MaximizationBiasEnv,
  optimalQ,
  QTable,
  type SarsaLambdaUpdateOptions,
  type TabularAgent,
  type TabularAgentOptions,
  type TraceKind,
  train,
  type Transition,
  type UpdateOptions,
} from "../../lib/tabular/mod.ts";
import * as sol from "../../solutions/02_tabular.ts";

// ---------------------------------------------------------------------------------------------
// Shared probes

/** A short description of a transition for messages. */
function describeTransition(t: Transition): string {
  return `{ obs: ${t.obs}, action: ${t.action}, reward: ${t.reward}, nextObs: ${t.nextObs}, ` +
    `terminated: ${t.terminated}, truncated: ${t.truncated} }`;
}

/**
 * A 6 x 4 table of seeded values: odd multiples of 1/8 in [-7/8, 7/8], so ties are common (as
 * in real tables) but no value is 0 (a zero would hide a missing or extra bootstrap).
 */
function seededTable(seed: number, numStates = 6, numActions = 4): QTable {
  const gen = Generator.fromSeed(seed);
  const q = new QTable(numStates, numActions);
  for (let i = 0; i < q.values.length; i++) q.values[i] = (gen.integers(-4, 4) + 0.5) / 4;
  return q;
}

/** The action of `row` with the smallest value (never a strict maximiser unless all tie). */
function worstAction(row: ArrayLike<number>): number {
  let worst = 0;
  for (let a = 1; a < row.length; a++) if (row[a] < row[worst]) worst = a;
  return worst;
}

/** One curated update case. */
interface UpdateCase {
  label: string;
  table: QTable;
  t: Transition;
}

/**
 * The curated transitions every update rule is checked on: an ordinary step, a terminal
 * one, a truncated one, one both terminal and truncated, and a step back into the same state.
 * State 3's row has a tie for the maximum, so tie-handling matters.
 */
function updateCases(): UpdateCase[] {
  const table = seededTable(11);
  table.row(3).set([0.5, -0.25, 0.5, 0]);
  const base = { obs: 1, action: 2, reward: -1, nextObs: 3 };
  return [
    { label: "an ordinary step", table, t: { ...base, terminated: false, truncated: false } },
    { label: "a terminal step", table, t: { ...base, terminated: true, truncated: false } },
    {
      label: "a truncated step (time limit, not terminal)",
      table,
      t: { ...base, terminated: false, truncated: true },
    },
    {
      label: "a step that is both terminal and truncated",
      table,
      t: { ...base, terminated: true, truncated: true },
    },
    {
      label: "a step back into the same state",
      table: seededTable(12),
      t: { obs: 4, action: 1, reward: 0.5, nextObs: 4, terminated: false, truncated: false },
    },
  ];
}

/** Seeded random transitions (20% terminal, 10% truncated) over a 6 x 4 table. */
function randomTransitions(seed: number, n: number): Transition[] {
  const gen = Generator.fromSeed(seed);
  return Array.from({ length: n }, () => ({
    obs: gen.integers(0, 6),
    action: gen.integers(0, 4),
    reward: gen.integers(-8, 8) / 4,
    nextObs: gen.integers(0, 6),
    terminated: gen.random() < 0.2,
    truncated: gen.random() < 0.1,
  }));
}

const STEP: UpdateOptions = { alpha: 0.5, gamma: 0.9 };

/** What an agent replay records. */
interface Replay {
  actions: number[];
  q: Float64Array;
  obs: number[];
  lengths: number[];
}

/** A lock-step replay set-up: an environment, seeds and the agent's options. */
interface ReplaySetup {
  name: string;
  makeEnv: () => DiscreteEnv;
  numStates: number;
  numActions: number;
  episodes: number;
  envSeed: number;
  agentSeed: number;
  options: Omit<TabularAgentOptions, "rng" | "numStates" | "numActions">;
}

const MAX_BIAS: ReplaySetup = {
  name: "the maximisation-bias MDP (episodes end after 1-2 steps with a random reward)",
  makeEnv: () => new MaximizationBiasEnv(),
  numStates: 3,
  numActions: 10,
  episodes: 40,
  envSeed: 3,
  agentSeed: 4,
  options: { epsilon: 0.3, alpha: 0.2, gamma: 0.9 },
};

const CLIFF_TRUNCATED: ReplaySetup = {
  name: "CliffWalking-v0 with a 30-step time limit (episodes are truncated)",
  makeEnv: () => make("CliffWalking-v0", { maxEpisodeSteps: 30 }),
  numStates: 48,
  numActions: 4,
  episodes: 8,
  envSeed: 5,
  agentSeed: 6,
  options: { epsilon: 0.2, alpha: 0.5, gamma: 0.9 },
};

/** Trains a fresh agent from `build` and records every action and the final table. */
function replay(build: (rng: Generator) => TabularAgent, setup: ReplaySetup): Replay {
  const agent = build(Generator.fromSeed(setup.agentSeed));
  const actions: number[] = [];
  const obs: number[] = [];
  const { lengths } = train(setup.makeEnv(), agent, {
    episodes: setup.episodes,
    seed: setup.envSeed,
    onStep: (t) => {
      actions.push(t.action);
      obs.push(t.obs);
    },
  });
  const q = agent.q;
  if (
    !q || !(q.values instanceof Float64Array) ||
    q.values.length !== setup.numStates * setup.numActions
  ) {
    throw new Error(
      `agent.q must be a QTable of ${setup.numStates} states x ${setup.numActions} actions ` +
        `(new QTable(numStates, numActions)); got ${q?.values?.length ?? q} values.`,
    );
  }
  return { actions, q: q.values.slice(), obs, lengths: Array.from(lengths) };
}

/** Where flat step `i` is: episode and step within it. */
function locate(lengths: number[], i: number): { episode: number; step: number } {
  let episode = 0;
  while (episode < lengths.length && i >= lengths[episode]) i -= lengths[episode++];
  return { episode, step: i };
}

/**
 * Replays the learner's agent and the reference agent in lock-step and compares their
 * actions and final Q-tables; the message names the first step where they part.
 */
async function expectReplay<F>(
  t: CheckContext<F>,
  setup: ReplaySetup,
  build: (impl: F, rng: Generator) => TabularAgent,
  label = "",
): Promise<void> {
  const what = `${setup.episodes} episodes on ${setup.name}${label}`;
  const mine = await t.run(what, (f) => replay((rng) => build(f, rng), setup));
  const ref = replay((rng) => build(t.solution, rng), setup);
  let context = "";
  const n = Math.min(mine.actions.length, ref.actions.length);
  const i = Array.from({ length: n }, (_, k) => k).find((k) => mine.actions[k] !== ref.actions[k]);
  if (i !== undefined) {
    const { episode, step } = locate(ref.lengths, i);
    context = `: the first different action is in episode ${episode}, step ${step} (state ` +
      `${ref.obs[i]}): the reference agent took action ${ref.actions[i]}, yours ${mine.actions[i]}`;
  } else if (mine.actions.length !== ref.actions.length) {
    context = `: your agent took ${mine.actions.length} steps in all, the reference agent ` +
      `${ref.actions.length}`;
  } else {
    const j = Array.from(ref.q.keys()).find((k) => Math.abs(mine.q[k] - ref.q[k]) > 1e-9);
    if (j !== undefined) {
      const s = Math.floor(j / setup.numActions);
      const a = j % setup.numActions;
      context = `: same actions, but afterwards Q(${s}, ${a}) = ${mine.q[j]} instead of ${
        ref.q[j]
      }`;
    }
  }
  await t.expect(what + context, (f) => {
    const r = replay((rng) => build(f, rng), setup);
    return { actions: r.actions, q: r.q };
  }, { atol: 1e-9, rtol: 1e-9 });
}

/** The constructor options of a replay set-up with the agent's generator. */
function agentOptions(setup: ReplaySetup, rng: Generator): TabularAgentOptions {
  return { ...setup.options, numStates: setup.numStates, numActions: setup.numActions, rng };
}

// ---------------------------------------------------------------------------------------------
// epsilonGreedy

type EpsilonGreedy = typeof sol.epsilonGreedy;

interface GreedyCall {
  row: Float64Array;
  epsilon: number;
}

/** 300 seeded calls: 2-6 actions, ties in most rows, epsilon in {0, 0.1, 0.5, 1}. */
function epsilonGreedyCalls(): GreedyCall[] {
  const gen = Generator.fromSeed(2024);
  return Array.from({ length: 300 }, () => {
    const n = gen.integers(2, 7);
    const ties = gen.random() < 0.6;
    const row = Float64Array.from(
      { length: n },
      () => ties ? gen.integers(0, 3) : Math.round(gen.uniform(-1, 1) * 1000) / 1000,
    );
    return { row, epsilon: [0, 0.1, 0.5, 1][gen.integers(0, 4)] };
  });
}

function runCalls(f: EpsilonGreedy, calls: GreedyCall[], seed: number) {
  const rng = Generator.fromSeed(seed);
  const actions = calls.map(({ row, epsilon }) => f(row, epsilon, rng));
  // The next number shows whether the calls drew as many numbers as documented.
  return { actions, nextDraw: rng.random() };
}

/** Frequencies of the actions over `n` calls on one row. */
function frequencies(f: EpsilonGreedy, row: number[], epsilon: number, n: number): number[] {
  const rng = Generator.fromSeed(99);
  const counts = new Array<number>(row.length).fill(0);
  for (let i = 0; i < n; i++) counts[f(row, epsilon, rng)]++;
  return counts.map((c) => c / n);
}

const epsilonGreedySpec = exercise<EpsilonGreedy>({
  name: "epsilonGreedy",
  title: "Epsilon-greedy action selection with seeded random tie-breaking",
  points: 2,
  difficulty: 2,
  importance: 5,
  minutes: 15,
  solution: sol.epsilonGreedy,
  mistakes: [
    {
      name: "no-random-tie-breaking",
      hint: "When several actions share the maximal value, choose among them with " +
        "rng.integers(0, k); always taking the first one biases exploration towards low actions.",
      impl: (values, epsilon, rng) => {
        if (rng.random() < epsilon) return rng.integers(0, values.length);
        let best = 0;
        for (let a = 1; a < values.length; a++) if (values[a] > values[best]) best = a;
        return best;
      },
    },
    {
      name: "explore-excludes-greedy",
      hint: "The random branch picks uniformly among ALL actions, greedy ones included: " +
        "rng.integers(0, numActions). So a greedy action has probability " +
        "1 - epsilon + epsilon / numActions.",
      impl: (values, epsilon, rng) => {
        const best = Math.max(...Array.from(values));
        const actions = Array.from({ length: values.length }, (_, a) => a);
        const greedy = actions.filter((a) => values[a] === best);
        const others = actions.filter((a) => values[a] !== best);
        const pool = rng.random() < epsilon && others.length > 0 ? others : greedy;
        return pool.length === 1 ? pool[0] : pool[rng.integers(0, pool.length)];
      },
    },
    {
      name: "epsilon-inverted",
      hint: "Explore when u < epsilon (u = rng.random()): epsilon is the probability of a " +
        "random action, so epsilon = 0 is purely greedy.",
      impl: (values, epsilon, rng) => sol.epsilonGreedy(values, 1 - epsilon, rng),
    },
    {
      name: "unseeded-random",
      hint: "Draw every random number from rng (rng.random(), rng.integers(low, high)), never " +
        "Math.random(): the agent must be reproducible from its seed.",
      impl: (values, epsilon, _rng) => {
        if (Math.random() < epsilon) return Math.floor(Math.random() * values.length);
        const best = Math.max(...Array.from(values));
        const greedy = Array.from({ length: values.length }, (_, a) => a)
          .filter((a) => values[a] === best);
        return greedy[Math.floor(Math.random() * greedy.length)];
      },
    },
    {
      name: "ties-by-random-float",
      hint:
        "Break ties with rng.integers(0, k) as documented (not Math.floor(rng.random() * k)): " +
        "the distribution is the same, but the draws differ, so your agents cannot be replayed " +
        "against the reference ones.",
      impl: (values, epsilon, rng) => {
        if (rng.random() < epsilon) return rng.integers(0, values.length);
        const best = Math.max(...Array.from(values));
        const greedy = Array.from({ length: values.length }, (_, a) => a)
          .filter((a) => values[a] === best);
        return greedy.length === 1 ? greedy[0] : greedy[Math.floor(rng.random() * greedy.length)];
      },
    },
  ],
  async check(t: CheckContext<EpsilonGreedy>) {
    const calls = epsilonGreedyCalls();
    const what = "300 seeded calls sharing one generator (rows of 2-6 actions, with ties, " +
      "epsilon in {0, 0.1, 0.5, 1})";
    const first = await t.run(what, (f) => runCalls(f, calls, 7));
    first.actions.forEach((a, i) => {
      const n = calls[i].row.length;
      t.assert(
        Number.isInteger(a) && a >= 0 && a < n,
        `Call ${i} returned ${a} for a row of ${n} actions; return an integer in 0..${n - 1}.`,
      );
    });
    const again = await t.run(what, (f) => runCalls(f, calls, 7));
    t.assert(
      again.actions.every((a, i) => a === first.actions[i]),
      "Two runs with generators seeded alike chose different actions: the choice is not " +
        "reproducible.",
      "unseeded-random",
    );
    try {
      await t.expect(what, (f) => runCalls(f, calls, 7));
    } catch (err) {
      if (!(err instanceof CheckFailure) || err.mistake !== undefined) throw err;
      // Not a known mistake: say whether the probabilities or only the draws are off.
      const row = [1, 3, 3, 0];
      const epsilon = 0.3;
      const expected = [0.075, 0.425, 0.425, 0.075];
      const freq = await t.run(
        "20000 calls on [1, 3, 3, 0]",
        (f) => frequencies(f, row, epsilon, 20000),
      );
      const off = freq.findIndex((p, a) => Math.abs(p - expected[a]) > 0.02);
      if (off >= 0) {
        t.fail(
          `On the row [1, 3, 3, 0] with epsilon = 0.3, action ${off} was chosen with ` +
            `frequency ${freq[off].toFixed(3)} over 20000 calls; its probability is ` +
            `${expected[off]} (epsilon / 4 for every action, plus (1 - epsilon) / 2 for each ` +
            `of the two greedy actions; tolerance 0.02).`,
        );
      }
      t.fail(
        `Your choices have the right probabilities but not the documented draws, so your ` +
          `agents cannot be replayed against the reference ones (${err.message}). Draw ` +
          `u = rng.random() first; if u < epsilon return rng.integers(0, numActions); else ` +
          `draw rng.integers(0, k) only when k > 1 actions tie for the maximum.`,
      );
    }
  },
});

// ---------------------------------------------------------------------------------------------
// evaluateAgent

type EvaluateAgent = typeof sol.evaluateAgent;

function optimalCliffQ(): QTable {
  const env = make("CliffWalking-v0").unwrapped as unknown as { P: Parameters<typeof optimalQ>[0] };
  return optimalQ(env.P, { gamma: 1 });
}

function optimalLakeQ(): QTable {
  const env = make("FrozenLake-v1").unwrapped as unknown as { P: Parameters<typeof optimalQ>[0] };
  return optimalQ(env.P, { gamma: 0.99 });
}

function lake(maxEpisodeSteps: number): DiscreteEnv {
  return make("FrozenLake-v1", { isSlippery: true, maxEpisodeSteps });
}

function summary(results: ReturnType<EvaluateAgent>) {
  if (!Array.isArray(results)) {
    throw new Error(`evaluateAgent must return an array of results, got ${typeof results}.`);
  }
  return {
    returns: results.map((r) => r.return),
    lengths: results.map((r) => r.length),
    terminated: results.map((r) => r.terminated),
  };
}

const evaluateAgentSpec = exercise<EvaluateAgent>({
  name: "evaluateAgent",
  title: "Greedy evaluation episodes",
  points: 2,
  difficulty: 2,
  importance: 4,
  minutes: 15,
  solution: sol.evaluateAgent,
  mistakes: [
    {
      name: "explores",
      hint: "Evaluation acts greedily: agent.q.greedyAction(obs). agent.act(obs) explores " +
        "(and may learn), which measures the behaviour policy instead of the learned one.",
      impl: (env, agent, options) => {
        const { episodes, seed, maxSteps = 1000 } = options;
        const explorer = agent as unknown as TabularAgent;
        const results = [];
        for (let e = 0; e < episodes; e++) {
          let [obs] = e === 0 && seed !== undefined ? env.reset({ seed }) : env.reset();
          let total = 0, length = 0, terminated = false;
          while (length < maxSteps) {
            const [next, r, term, trunc] = env.step(explorer.act(obs));
            total += r;
            length++;
            if (term || trunc) {
              terminated = term;
              break;
            }
            obs = next;
          }
          results.push({ return: total, length, terminated });
        }
        return results;
      },
    },
    {
      name: "reseeds-every-episode",
      hint: "Pass the seed to env.reset only on the first episode; reseeding every episode " +
        "replays the same random outcomes, so all episodes of a stochastic environment are " +
        "identical.",
      impl: (env, agent, options) => {
        const results = [];
        for (let e = 0; e < options.episodes; e++) {
          results.push(...sol.evaluateAgent(env, agent, { ...options, episodes: 1 }));
        }
        return results;
      },
    },
    {
      name: "ignores-seed",
      hint: "Reset the environment with env.reset({ seed }) on the first episode when a seed " +
        "is given, so evaluations are reproducible.",
      impl: (env, agent, options) => sol.evaluateAgent(env, agent, { ...options, seed: undefined }),
    },
    {
      name: "ignores-truncation",
      hint: "An episode ends when terminated OR truncated: a time limit (truncated) ends it " +
        "too, even though the state is not terminal.",
      impl: (env, agent, options) => {
        const { episodes, seed, maxSteps = 1000 } = options;
        const results = [];
        for (let e = 0; e < episodes; e++) {
          let [obs] = e === 0 && seed !== undefined ? env.reset({ seed }) : env.reset();
          let total = 0, length = 0, terminated = false;
          while (length < maxSteps) {
            const [next, r, term] = env.step(agent.q.greedyAction(obs));
            total += r;
            length++;
            if (term) {
              terminated = true;
              break;
            }
            obs = next;
          }
          results.push({ return: total, length, terminated });
        }
        return results;
      },
    },
    {
      name: "ties-to-last-action",
      hint: "Among equally good actions take the lowest one (agent.q.greedyAction(obs) does " +
        "this); comparing with >= picks the last one instead.",
      impl: (env, agent, options) => {
        const q = agent.q;
        const last = QTable.from(q.numStates, q.numActions, q.values);
        // Reversing each row makes the lowest-index greedy action of the copy the last one.
        for (let s = 0; s < q.numStates; s++) last.row(s).reverse();
        const flip = {
          reset: (o?: { seed?: number }) => env.reset(o),
          step: (a: number) => env.step(q.numActions - 1 - a),
        };
        return sol.evaluateAgent(flip, { q: last }, options);
      },
    },
  ],
  async check(t: CheckContext<EvaluateAgent>) {
    // The agents can also explore (epsilon = 0.5) and learn: evaluation must do neither.
    const agentWith = (q: QTable) => {
      const agent = new sol.QLearningAgent({
        numStates: q.numStates,
        numActions: q.numActions,
        epsilon: 0.5,
        alpha: 0.5,
        gamma: 0.99,
        rng: Generator.fromSeed(8),
      });
      agent.q.values.set(q.values);
      return agent;
    };
    const cliffQ = optimalCliffQ();
    await t.expect(
      "2 greedy episodes of the optimal Q on CliffWalking-v0 (the best path takes 13 steps)",
      (f) => summary(f(make("CliffWalking-v0"), agentWith(cliffQ), { episodes: 2 })),
    );
    const lakeQ = optimalLakeQ();
    const what = "60 greedy episodes of a learned Q on slippery FrozenLake-v1, seed 5";
    const lakeProbe = (f: EvaluateAgent) =>
      summary(f(lake(100), agentWith(lakeQ), { episodes: 60, seed: 5 }));
    const first = await t.run(what, lakeProbe);
    const again = await t.run(what, lakeProbe);
    t.assert(
      first.returns.every((r, i) => r === again.returns[i]) &&
        first.lengths.every((l, i) => l === again.lengths[i]),
      `${what}: two evaluations with the same seed gave different episodes; reset the ` +
        "environment with env.reset({ seed }) on the first episode.",
      "ignores-seed",
    );
    await t.expect(what, lakeProbe);
    await t.expect(
      "20 greedy episodes of an all-zero Q (every action ties) on slippery FrozenLake-v1 with " +
        "a 6-step time limit, seed 1",
      (f) => summary(f(lake(6), agentWith(new QTable(16, 4)), { episodes: 20, seed: 1 })),
    );
    await t.expect(
      "3 greedy episodes of an all-zero Q on CliffWalking-v0 with maxSteps 25 (it never " +
        "reaches the goal)",
      (f) =>
        summary(
          f(make("CliffWalking-v0", { maxEpisodeSteps: 2000 }), agentWith(new QTable(48, 4)), {
            episodes: 3,
            maxSteps: 25,
          }),
        ),
    );
  },
});

// ---------------------------------------------------------------------------------------------
// MonteCarloAgent

type MonteCarloCtor = typeof sol.MonteCarloAgent;

/** The reference agent with a different end-of-episode update (for the mistakes). */
function monteCarloVariant(
  visits: "first" | "last" | "every",
  discount: boolean,
): MonteCarloCtor {
  return class extends sol.MonteCarloAgent {
    override observe(t: Transition): void {
      this.episode.push(t);
      if (!t.terminated && !t.truncated) return;
      const key = (x: Transition) => x.obs * this.q.numActions + x.action;
      const firstVisit = new Map<number, number>();
      const lastVisit = new Map<number, number>();
      this.episode.forEach((x, i) => {
        if (!firstVisit.has(key(x))) firstVisit.set(key(x), i);
        lastVisit.set(key(x), i);
      });
      let g = 0;
      for (let i = this.episode.length - 1; i >= 0; i--) {
        const x = this.episode[i];
        g = x.reward + (discount ? this.gamma : 1) * g;
        const chosen = visits === "every" ||
          (visits === "first" ? firstVisit : lastVisit).get(key(x)) === i;
        if (!chosen) continue;
        const n = this.counts.get(x.obs, x.action) + 1;
        this.counts.set(x.obs, x.action, n);
        const old = this.q.get(x.obs, x.action);
        this.q.set(x.obs, x.action, old + (this.alpha ?? 1 / n) * (g - old));
      }
    }
  };
}

const monteCarloAgentSpec = exercise<MonteCarloCtor>({
  name: "MonteCarloAgent",
  title: "First-visit Monte-Carlo control",
  points: 4,
  difficulty: 3,
  importance: 4,
  minutes: 35,
  solution: sol.MonteCarloAgent,
  mistakes: [
    {
      name: "every-visit",
      hint: "Update a pair only at its FIRST visit in the episode: compute, before walking " +
        "backwards, the first index at which each (state, action) occurs.",
      impl: monteCarloVariant("every", true),
    },
    {
      name: "last-visit",
      hint: "Walking backwards, the first time you meet a pair is its LAST visit. Update at the " +
        "first visit instead: the earliest index of the pair in the episode.",
      impl: monteCarloVariant("last", true),
    },
    {
      name: "forgot-discount",
      hint: "The return is discounted: G_t = R_{t+1} + gamma * G_{t+1}.",
      impl: monteCarloVariant("first", false),
    },
    {
      name: "ignores-truncation",
      hint: "An episode also ends when it is truncated by a time limit: update at the end of " +
        "every episode (terminated || truncated), or those episodes teach nothing.",
      impl: class extends sol.MonteCarloAgent {
        override observe(t: Transition): void {
          if (!t.terminated) {
            this.episode.push(t);
            return;
          }
          super.observe(t);
        }
      },
    },
    {
      name: "keeps-previous-episode",
      hint: "beginEpisode must clear the stored transitions; otherwise the returns of an " +
        "episode include the rewards of the episodes before it.",
      impl: class extends sol.MonteCarloAgent {
        override beginEpisode(_obs: number): void {}
      },
    },
  ],
  async check(t) {
    const buildOn =
      (setup: ReplaySetup, alpha: number | undefined) => (Agent: MonteCarloCtor, rng: Generator) =>
        new Agent({
          numStates: setup.numStates,
          numActions: setup.numActions,
          epsilon: setup.options.epsilon,
          gamma: setup.options.gamma,
          rng,
          alpha,
        });
    await expectReplay(t, MAX_BIAS, buildOn(MAX_BIAS, undefined), " (averaging returns)");
    await expectReplay(
      t,
      CLIFF_TRUNCATED,
      buildOn(CLIFF_TRUNCATED, undefined),
      " (averaging returns)",
    );
    await expectReplay(t, CLIFF_TRUNCATED, buildOn(CLIFF_TRUNCATED, 0.1), " (alpha = 0.1)");
  },
});

// ---------------------------------------------------------------------------------------------
// Update rules

type SarsaUpdate = typeof sol.sarsaUpdate;

/** `Q(S, A) += alpha (target - Q(S, A))` for the mistakes, returning the TD error. */
function applyTarget(q: QTable, t: Transition, target: number, alpha: number): number {
  const delta = target - q.get(t.obs, t.action);
  q.set(t.obs, t.action, q.get(t.obs, t.action) + alpha * delta);
  return delta;
}

const sarsaUpdateSpec = exercise<SarsaUpdate>({
  name: "sarsaUpdate",
  title: "The SARSA update",
  points: 2,
  difficulty: 2,
  importance: 5,
  minutes: 15,
  solution: sol.sarsaUpdate,
  mistakes: [
    {
      name: "bootstraps-from-terminal",
      hint: "When the step is terminal, the next state has value 0: the target is just R, " +
        "without gamma * Q(S', A').",
      impl: (q, t, next, { alpha, gamma }) =>
        applyTarget(q, t, t.reward + gamma * q.get(t.nextObs, next), alpha),
    },
    {
      name: "no-bootstrap-on-truncation",
      hint: "A truncated step (time limit) did not reach a terminal state: S' still has a " +
        "value, so bootstrap as usual. Only `terminated` removes gamma * Q(S', A').",
      impl: (q, t, next, { alpha, gamma }) =>
        applyTarget(
          q,
          t,
          t.terminated || t.truncated ? t.reward : t.reward + gamma * q.get(t.nextObs, next),
          alpha,
        ),
    },
    {
      name: "greedy-target",
      hint: "SARSA's target uses Q(S', A') for the action A' = nextAction the agent will take, " +
        "not max_a Q(S', a) (that is Q-learning).",
      impl: (q, t, _next, options) => sol.qLearningUpdate(q, t, options),
    },
    {
      name: "updates-next-pair",
      hint: "Update the pair the transition started from, Q(S, A) = q(t.obs, t.action), not " +
        "Q(S', A').",
      impl: (q, t, next, { alpha, gamma }) => {
        const target = t.terminated ? t.reward : t.reward + gamma * q.get(t.nextObs, next);
        const delta = target - q.get(t.obs, t.action);
        q.set(t.nextObs, next, q.get(t.nextObs, next) + alpha * delta);
        return delta;
      },
    },
    {
      name: "no-step-size",
      hint: "Move Q(S, A) a fraction alpha of the way to the target: Q += alpha * (target - Q). " +
        "Setting Q to the target forgets everything learned before.",
      impl: (q, t, next, { gamma }) => sol.sarsaUpdate(q, t, next, { alpha: 1, gamma }),
    },
  ],
  async check(t) {
    for (const c of updateCases()) {
      const next = worstAction(c.table.row(c.t.nextObs));
      await t.expect(
        `sarsaUpdate(q, ${describeTransition(c.t)}, nextAction = ${next}, ` +
          `{ alpha: 0.5, gamma: 0.9 }) on ${c.label}: the table and the returned TD error`,
        (f) => {
          const q = c.table.clone();
          const delta = f(q, { ...c.t }, next, { ...STEP });
          return { q: q.values, delta };
        },
      );
    }
    const batch = randomTransitions(21, 40);
    const nexts = Generator.fromSeed(22);
    const nextActions = batch.map(() => nexts.integers(0, 4));
    await t.expect("40 seeded random updates applied in a row to one table", (f) => {
      const q = seededTable(23);
      const deltas = batch.map((x, i) =>
        f(q, { ...x }, nextActions[i], { alpha: 0.3, gamma: 0.8 })
      );
      return { q: q.values, deltas };
    });
  },
});

type QLearningUpdate = typeof sol.qLearningUpdate;

const qLearningUpdateSpec = exercise<QLearningUpdate>({
  name: "qLearningUpdate",
  title: "The Q-learning update",
  points: 2,
  difficulty: 1,
  importance: 5,
  minutes: 10,
  solution: sol.qLearningUpdate,
  mistakes: [
    {
      name: "bootstraps-from-terminal",
      hint: "When the step is terminal, the next state has value 0: the target is just R.",
      impl: (q, t, { alpha, gamma }) =>
        applyTarget(q, t, t.reward + gamma * q.maxValue(t.nextObs), alpha),
    },
    {
      name: "no-bootstrap-on-truncation",
      hint: "A truncated step (time limit) did not reach a terminal state: bootstrap from " +
        "max_a Q(S', a) as usual. Only `terminated` removes the bootstrap.",
      impl: (q, t, { alpha, gamma }) =>
        applyTarget(
          q,
          t,
          t.terminated || t.truncated ? t.reward : t.reward + gamma * q.maxValue(t.nextObs),
          alpha,
        ),
    },
    {
      name: "max-of-current-state",
      hint: "Bootstrap from the NEXT state: max over Q(t.nextObs, a), not Q(t.obs, a).",
      impl: (q, t, { alpha, gamma }) =>
        applyTarget(q, t, t.terminated ? t.reward : t.reward + gamma * q.maxValue(t.obs), alpha),
    },
    {
      name: "forgot-discount",
      hint: "Discount the bootstrap: target = R + gamma * max_a Q(S', a).",
      impl: (q, t, { alpha }) => sol.qLearningUpdate(q, t, { alpha, gamma: 1 }),
    },
    {
      name: "no-step-size",
      hint: "Move Q(S, A) a fraction alpha of the way to the target: Q += alpha * (target - Q).",
      impl: (q, t, { gamma }) => sol.qLearningUpdate(q, t, { alpha: 1, gamma }),
    },
  ],
  async check(t) {
    for (const c of updateCases()) {
      await t.expect(
        `qLearningUpdate(q, ${describeTransition(c.t)}, { alpha: 0.5, gamma: 0.9 }) on ` +
          `${c.label}: the table and the returned TD error`,
        (f) => {
          const q = c.table.clone();
          const delta = f(q, { ...c.t }, { ...STEP });
          return { q: q.values, delta };
        },
      );
    }
    const batch = randomTransitions(31, 40);
    await t.expect("40 seeded random updates applied in a row to one table", (f) => {
      const q = seededTable(33);
      const deltas = batch.map((x) => f(q, { ...x }, { alpha: 0.3, gamma: 0.8 }));
      return { q: q.values, deltas };
    });
  },
});

type ExpectedSarsaUpdate = typeof sol.expectedSarsaUpdate;

/** The expected-SARSA target with an arbitrary policy over the next state's row. */
function expectationUpdate(
  q: QTable,
  t: Transition,
  options: UpdateOptions,
  policy: (row: Float64Array) => number[],
): number {
  const row = q.row(t.nextObs);
  const pi = policy(row);
  const expected = pi.reduce((sum, p, a) => sum + p * row[a], 0);
  return applyTarget(
    q,
    t,
    t.terminated ? t.reward : t.reward + options.gamma * expected,
    options.alpha,
  );
}

const expectedSarsaUpdateSpec = exercise<ExpectedSarsaUpdate>({
  name: "expectedSarsaUpdate",
  title: "The Expected SARSA update",
  points: 3,
  difficulty: 3,
  importance: 3,
  minutes: 20,
  solution: sol.expectedSarsaUpdate,
  mistakes: [
    {
      name: "bootstraps-from-terminal",
      hint: "When the step is terminal, the next state has value 0: the target is just R.",
      impl: (q, t, options) => sol.expectedSarsaUpdate(q, { ...t, terminated: false }, options),
    },
    {
      name: "no-bootstrap-on-truncation",
      hint: "A truncated step still bootstraps from the expected value of S'. Only " +
        "`terminated` removes it.",
      impl: (q, t, options) =>
        sol.expectedSarsaUpdate(q, { ...t, terminated: t.terminated || t.truncated }, options),
    },
    {
      name: "explore-excludes-greedy",
      hint: "The random action of epsilon-greedy can be a greedy one too: every action gets " +
        "epsilon / numActions, and the greedy ones share 1 - epsilon on top.",
      impl: (q, t, options) =>
        expectationUpdate(q, t, options, (row) => {
          const best = Math.max(...row);
          const k = row.filter((v) => v === best).length;
          const others = row.length - k;
          return Array.from(row, (v) =>
            v === best
              ? (others === 0 ? 1 / k : (1 - options.epsilon) / k)
              : options.epsilon / others);
        }),
    },
    {
      name: "q-learning-target",
      hint: "Expected SARSA averages Q(S', a) over the epsilon-greedy policy's probabilities; " +
        "max_a Q(S', a) is Q-learning's target.",
      impl: (q, t, options) => sol.qLearningUpdate(q, t, options),
    },
  ],
  async check(t) {
    for (const c of updateCases()) {
      await t.expect(
        `expectedSarsaUpdate(q, ${describeTransition(c.t)}, { alpha: 0.5, gamma: 0.9, ` +
          `epsilon: 0.2 }) on ${c.label}: the table and the returned TD error`,
        (f) => {
          const q = c.table.clone();
          const delta = f(q, { ...c.t }, { ...STEP, epsilon: 0.2 });
          return { q: q.values, delta };
        },
      );
    }
    const batch = randomTransitions(41, 40);
    await t.expect(
      "40 seeded random updates applied in a row to one table (epsilon = 0.3)",
      (f) => {
        const q = seededTable(43);
        const deltas = batch.map((x) => f(q, { ...x }, { alpha: 0.3, gamma: 0.8, epsilon: 0.3 }));
        return { q: q.values, deltas };
      },
    );
  },
});

type DoubleQUpdate = typeof sol.doubleQLearningUpdate;

const doubleQUpdateSpec = exercise<DoubleQUpdate>({
  name: "doubleQLearningUpdate",
  title: "The Double Q-learning update",
  points: 2,
  difficulty: 2,
  importance: 3,
  minutes: 15,
  solution: sol.doubleQLearningUpdate,
  mistakes: [
    {
      name: "same-table",
      hint: "The table being updated picks A* = argmax_a qUpdate(S', a), but the OTHER table " +
        "values it: qEvaluate(S', A*). Using max_a qUpdate(S', a) is plain Q-learning, with " +
        "its maximisation bias.",
      impl: (qUpdate, _qEvaluate, t, options) => sol.qLearningUpdate(qUpdate, t, options),
    },
    {
      name: "roles-swapped",
      hint: "Pick the action with the table you update (argmax of qUpdate) and value it with " +
        "the other table (qEvaluate), not the other way round.",
      impl: (qUpdate, qEvaluate, t, { alpha, gamma }) =>
        applyTarget(
          qUpdate,
          t,
          t.terminated
            ? t.reward
            : t.reward + gamma * qUpdate.get(t.nextObs, qEvaluate.greedyAction(t.nextObs)),
          alpha,
        ),
    },
    {
      name: "updates-evaluation-table",
      hint: "Only qUpdate changes; qEvaluate is read, never written.",
      impl: (qUpdate, qEvaluate, t, { alpha, gamma }) => {
        const target = t.terminated
          ? t.reward
          : t.reward + gamma * qEvaluate.get(t.nextObs, qUpdate.greedyAction(t.nextObs));
        return applyTarget(qEvaluate, t, target, alpha);
      },
    },
    {
      name: "bootstraps-from-terminal",
      hint: "When the step is terminal, the next state has value 0: the target is just R.",
      impl: (qUpdate, qEvaluate, t, options) =>
        sol.doubleQLearningUpdate(qUpdate, qEvaluate, { ...t, terminated: false }, options),
    },
    {
      name: "no-bootstrap-on-truncation",
      hint: "A truncated step still bootstraps. Only `terminated` removes the bootstrap.",
      impl: (qUpdate, qEvaluate, t, options) =>
        sol.doubleQLearningUpdate(
          qUpdate,
          qEvaluate,
          { ...t, terminated: t.terminated || t.truncated },
          options,
        ),
    },
  ],
  async check(t) {
    for (const c of updateCases()) {
      const other = seededTable(50);
      // qEvaluate's best action in state 3 is 1, qUpdate's is 0 (tied with 2): the three
      // ways of combining the tables give three different targets.
      other.row(3).set([0, 0.75, -0.5, 0.25]);
      await t.expect(
        `doubleQLearningUpdate(qUpdate, qEvaluate, ${describeTransition(c.t)}, ` +
          `{ alpha: 0.5, gamma: 0.9 }) on ${c.label}: both tables and the returned TD error`,
        (f) => {
          const qUpdate = c.table.clone();
          const qEvaluate = other.clone();
          const delta = f(qUpdate, qEvaluate, { ...c.t }, { ...STEP });
          return { qUpdate: qUpdate.values, qEvaluate: qEvaluate.values, delta };
        },
      );
    }
    const batch = randomTransitions(51, 40);
    const coins = Generator.fromSeed(52);
    const firstUpdated = batch.map(() => coins.random() < 0.5);
    await t.expect(
      "40 seeded random updates applied in a row, alternating the tables by a seeded coin",
      (f) => {
        const q1 = seededTable(53);
        const q2 = seededTable(54);
        const deltas = batch.map((x, i) =>
          firstUpdated[i]
            ? f(q1, q2, { ...x }, { alpha: 0.3, gamma: 0.8 })
            : f(q2, q1, { ...x }, { alpha: 0.3, gamma: 0.8 })
        );
        return { q1: q1.values, q2: q2.values, deltas };
      },
    );
  },
});

type SarsaLambdaUpdate = typeof sol.sarsaLambdaUpdate;

/** Mistake builder: the reference steps with one changed. */
function lambdaVariant(change: {
  kind?: TraceKind;
  decay?: (o: SarsaLambdaUpdateOptions) => number;
  decayFirst?: boolean;
  onlyCurrent?: boolean;
  terminalCheck?: (t: Transition) => boolean;
}): SarsaLambdaUpdate {
  return (q, traces, t, nextAction, options) => {
    const { alpha, gamma } = options;
    const end = (change.terminalCheck ?? ((x) => x.terminated))(t);
    const target = end ? t.reward : t.reward + gamma * q.get(t.nextObs, nextAction);
    const delta = target - q.get(t.obs, t.action);
    const kind = change.kind ?? options.traces;
    traces.set(t.obs, t.action, kind === "accumulating" ? traces.get(t.obs, t.action) + 1 : 1);
    const decay = (change.decay ?? ((o) => o.gamma * o.lambda))(options);
    if (change.onlyCurrent) {
      q.set(t.obs, t.action, q.get(t.obs, t.action) + alpha * delta);
      for (let i = 0; i < traces.values.length; i++) traces.values[i] *= decay;
      return delta;
    }
    for (let i = 0; i < q.values.length; i++) {
      if (change.decayFirst) traces.values[i] *= decay;
      q.values[i] += alpha * delta * traces.values[i];
      if (!change.decayFirst) traces.values[i] *= decay;
    }
    return delta;
  };
}

/** A short episode with revisits: 0 -> 1 -> 0 -> 1 -> 2, ending as `end` says. */
function lambdaEpisode(end: "terminated" | "truncated"): Transition[] {
  const path: Array<[number, number, number, number]> = [
    [0, 1, -1, 1],
    [1, 3, 0.5, 0],
    [0, 1, -1, 1],
    [1, 2, 2, 5],
    [5, 0, 1, 2],
  ];
  return path.map(([obs, action, reward, nextObs], i) => ({
    obs,
    action,
    reward,
    nextObs,
    terminated: i === path.length - 1 && end === "terminated",
    truncated: i === path.length - 1 && end === "truncated",
  }));
}

const sarsaLambdaUpdateSpec = exercise<SarsaLambdaUpdate>({
  name: "sarsaLambdaUpdate",
  title: "SARSA(lambda): one step with eligibility traces",
  points: 3,
  difficulty: 4,
  importance: 3,
  minutes: 30,
  solution: sol.sarsaLambdaUpdate,
  mistakes: [
    {
      name: "bootstraps-from-terminal",
      hint: "When the step is terminal, the target is just R (the terminal state has value 0).",
      impl: lambdaVariant({ terminalCheck: () => false }),
    },
    {
      name: "no-bootstrap-on-truncation",
      hint: "A truncated step still bootstraps from Q(S', A'); only `terminated` removes it.",
      impl: lambdaVariant({ terminalCheck: (t) => t.terminated || t.truncated }),
    },
    {
      name: "ignores-trace-kind",
      hint: "Replacing traces SET the visited pair's trace to 1; accumulating traces ADD 1. " +
        "Read options.traces.",
      impl: lambdaVariant({ kind: "accumulating" }),
    },
    {
      name: "decay-without-gamma",
      hint: "Traces decay by gamma * lambda per step, not by lambda alone.",
      impl: lambdaVariant({ decay: (o) => o.lambda }),
    },
    {
      name: "decays-before-update",
      hint: "Use the traces to update Q first (the visited pair with its full trace), then " +
        "decay them by gamma * lambda for the next step.",
      impl: lambdaVariant({ decayFirst: true }),
    },
    {
      name: "updates-current-pair-only",
      hint: "Every pair with a nonzero trace moves by alpha * delta * e(s, a), not only Q(S, A): " +
        "that is what sends credit back along the episode.",
      impl: lambdaVariant({ onlyCurrent: true }),
    },
  ],
  async check(t) {
    for (const kind of ["accumulating", "replacing"] as const) {
      for (const end of ["terminated", "truncated"] as const) {
        const episode = lambdaEpisode(end);
        const options = { alpha: 0.4, gamma: 0.9, lambda: 0.8, traces: kind };
        await t.expect(
          `an episode of 5 sarsaLambdaUpdate steps (states 0 -> 1 -> 0 -> 1 -> 5 -> 2, the ` +
            `last step ${end}) with { alpha: 0.4, gamma: 0.9, lambda: 0.8, traces: "${kind}" }, ` +
            `from zero traces: Q, the traces and the TD errors`,
          (f) => {
            const q = seededTable(60);
            q.row(2).set([0.25, -0.5, 0.75, 1]);
            const traces = new QTable(6, 4);
            const deltas = episode.map((x, i) => {
              const next = i + 1 < episode.length ? episode[i + 1].action : 3;
              return f(q, traces, { ...x }, next, { ...options });
            });
            return { q: q.values, traces: traces.values, deltas };
          },
        );
      }
    }
    const batch = randomTransitions(61, 40);
    const nexts = Generator.fromSeed(62);
    const nextActions = batch.map(() => nexts.integers(0, 4));
    await t.expect(
      '40 seeded random steps in a row with { alpha: 0.3, gamma: 0.8, lambda: 0.9, traces: "replacing" }',
      (f) => {
        const q = seededTable(63);
        const traces = new QTable(6, 4);
        const deltas = batch.map((x, i) =>
          f(q, traces, { ...x }, nextActions[i], {
            alpha: 0.3,
            gamma: 0.8,
            lambda: 0.9,
            traces: "replacing",
          })
        );
        return { q: q.values, traces: traces.values, deltas };
      },
    );
  },
});

// ---------------------------------------------------------------------------------------------
// Agents

type AgentCtor = new (options: TabularAgentOptions) => TabularAgent;

/** Lock-step replays of a one-step agent on both set-ups. */
async function replayBoth<F extends AgentCtor>(t: CheckContext<F>): Promise<void> {
  for (const setup of [MAX_BIAS, CLIFF_TRUNCATED]) {
    await expectReplay(t, setup, (Agent, rng) => new Agent(agentOptions(setup, rng)));
  }
}

/** The reference SARSA agent whose `observe` skips the final transition of an episode. */
function skipsTerminal<T extends AgentCtor>(Base: T): T {
  return class extends (Base as AgentCtor) {
    override observe(t: Transition): void {
      if (t.terminated) return;
      super.observe(t);
    }
  } as unknown as T;
}

const sarsaAgentSpec = exercise<typeof sol.SarsaAgent>({
  name: "SarsaAgent",
  title: "The SARSA agent",
  points: 3,
  difficulty: 3,
  importance: 5,
  minutes: 25,
  solution: sol.SarsaAgent,
  mistakes: [
    {
      name: "resamples-next-action",
      hint: "act must play the A' that observe chose and used in the target (nextAction); " +
        "drawing a fresh action makes the target refer to an action that was never taken.",
      impl: class extends sol.SarsaAgent {
        override act(obs: number): number {
          this.nextAction = undefined;
          return sol.epsilonGreedy(this.q.row(obs), this.epsilon, this.rng);
        }
      },
    },
    {
      name: "skips-terminal-update",
      hint: "Learn from the last transition too: when it is terminal the target is just R, " +
        "and that reward is often the most informative one.",
      impl: skipsTerminal(sol.SarsaAgent),
    },
    {
      name: "keeps-stale-action",
      hint: "beginEpisode must drop a pending nextAction: after a truncated episode it belongs " +
        "to a state of the old episode.",
      impl: class extends sol.SarsaAgent {
        override beginEpisode(_obs: number): void {}
      },
    },
    {
      name: "greedy-target",
      hint: "SARSA's target uses Q(S', A') of the action it will actually take, not " +
        "max_a Q(S', a).",
      impl: class extends sol.SarsaAgent {
        override observe(t: Transition): void {
          this.nextAction = t.terminated
            ? undefined
            : sol.epsilonGreedy(this.q.row(t.nextObs), this.epsilon, this.rng);
          sol.qLearningUpdate(this.q, t, { alpha: this.alpha, gamma: this.gamma });
        }
      },
    },
  ],
  check: replayBoth,
});

const qLearningAgentSpec = exercise<typeof sol.QLearningAgent>({
  name: "QLearningAgent",
  title: "The Q-learning agent",
  points: 2,
  difficulty: 1,
  importance: 5,
  minutes: 10,
  solution: sol.QLearningAgent,
  mistakes: [
    {
      name: "greedy-behaviour",
      hint: "act explores: epsilonGreedy(q.row(obs), epsilon, rng). Q-learning learns the " +
        "greedy policy while behaving epsilon-greedily.",
      impl: class extends sol.QLearningAgent {
        override act(obs: number): number {
          return sol.epsilonGreedy(this.q.row(obs), 0, this.rng);
        }
      },
    },
    {
      name: "skips-terminal-update",
      hint: "Learn from the last transition too: when it is terminal the target is just R.",
      impl: skipsTerminal(sol.QLearningAgent),
    },
    {
      name: "sarsa-target",
      hint: "Q-learning's target is max_a Q(S', a); sampling an A' and using Q(S', A') is SARSA " +
        "(and spends random draws the documented agent does not).",
      impl: class extends sol.QLearningAgent {
        override observe(t: Transition): void {
          const next = t.terminated
            ? 0
            : sol.epsilonGreedy(this.q.row(t.nextObs), this.epsilon, this.rng);
          sol.sarsaUpdate(this.q, t, next, { alpha: this.alpha, gamma: this.gamma });
        }
      },
    },
  ],
  check: replayBoth,
});

const expectedSarsaAgentSpec = exercise<typeof sol.ExpectedSarsaAgent>({
  name: "ExpectedSarsaAgent",
  title: "The Expected SARSA agent",
  points: 1,
  difficulty: 1,
  importance: 3,
  minutes: 5,
  solution: sol.ExpectedSarsaAgent,
  mistakes: [
    {
      name: "q-learning-target",
      hint: "Use expectedSarsaUpdate with the agent's own epsilon in observe.",
      impl: class extends sol.ExpectedSarsaAgent {
        override observe(t: Transition): void {
          sol.qLearningUpdate(this.q, t, { alpha: this.alpha, gamma: this.gamma });
        }
      },
    },
    {
      name: "skips-terminal-update",
      hint: "Learn from the last transition too: when it is terminal the target is just R.",
      impl: skipsTerminal(sol.ExpectedSarsaAgent),
    },
  ],
  check: replayBoth,
});

const doubleQAgentSpec = exercise<typeof sol.DoubleQLearningAgent>({
  name: "DoubleQLearningAgent",
  title: "The Double Q-learning agent",
  points: 3,
  difficulty: 2,
  importance: 3,
  minutes: 20,
  solution: sol.DoubleQLearningAgent,
  mistakes: [
    {
      name: "acts-on-one-table",
      hint: "Behave epsilon-greedily with respect to q1 + q2: both tables hold what was " +
        "learned, each from about half of the transitions.",
      impl: class extends sol.DoubleQLearningAgent {
        override act(obs: number): number {
          return sol.epsilonGreedy(this.q1.row(obs), this.epsilon, this.rng);
        }
      },
    },
    {
      name: "no-coin-flip",
      hint: "On every transition, flip a fair coin (rng.random() < 0.5) to choose which table " +
        "to update; always updating q1 leaves q2 at its initial values.",
      impl: class extends sol.DoubleQLearningAgent {
        override observe(t: Transition): void {
          sol.doubleQLearningUpdate(this.q1, this.q2, t, { alpha: this.alpha, gamma: this.gamma });
        }
      },
    },
    {
      name: "updates-both",
      hint: "Update ONE table per transition (chosen by the coin): updating both from the same " +
        "sample correlates them again and loses the point of two estimates.",
      impl: class extends sol.DoubleQLearningAgent {
        override observe(t: Transition): void {
          const options = { alpha: this.alpha, gamma: this.gamma };
          this.rng.random();
          sol.doubleQLearningUpdate(this.q1, this.q2, t, options);
          sol.doubleQLearningUpdate(this.q2, this.q1, t, options);
        }
      },
    },
    {
      name: "skips-terminal-update",
      hint: "Learn from the last transition too (and flip the coin for it as for any other).",
      impl: skipsTerminal(sol.DoubleQLearningAgent),
    },
  ],
  check: replayBoth,
});

type SarsaLambdaCtor = typeof sol.SarsaLambdaAgent;

const sarsaLambdaAgentSpec = exercise<SarsaLambdaCtor>({
  name: "SarsaLambdaAgent",
  title: "The SARSA(lambda) agent",
  points: 2,
  difficulty: 3,
  importance: 3,
  minutes: 15,
  solution: sol.SarsaLambdaAgent,
  mistakes: [
    {
      name: "traces-not-reset",
      hint: "beginEpisode must set every trace to 0 (traces.fill(0)): otherwise the TD errors of " +
        "a new episode also change the pairs of the previous one.",
      impl: class extends sol.SarsaLambdaAgent {
        override beginEpisode(_obs: number): void {
          this.nextAction = undefined;
        }
      },
    },
    {
      name: "ignores-trace-kind",
      hint: "Pass the agent's trace kind (options.traces) to sarsaLambdaUpdate.",
      impl: class extends sol.SarsaLambdaAgent {
        override observe(t: Transition): void {
          this.nextAction = t.terminated
            ? undefined
            : sol.epsilonGreedy(this.q.row(t.nextObs), this.epsilon, this.rng);
          sol.sarsaLambdaUpdate(this.q, this.traces, t, this.nextAction ?? 0, {
            alpha: this.alpha,
            gamma: this.gamma,
            lambda: this.lambda,
            traces: "accumulating",
          });
        }
      },
    },
    {
      name: "resamples-next-action",
      hint: "As in SARSA, act must play the A' that observe chose and used in the target.",
      impl: class extends sol.SarsaLambdaAgent {
        override act(obs: number): number {
          this.nextAction = undefined;
          return sol.epsilonGreedy(this.q.row(obs), this.epsilon, this.rng);
        }
      },
    },
  ],
  async check(t) {
    for (const traces of ["accumulating", "replacing"] as const) {
      for (const setup of [MAX_BIAS, CLIFF_TRUNCATED]) {
        await expectReplay(
          t,
          setup,
          (Agent, rng) => new Agent({ ...agentOptions(setup, rng), lambda: 0.8, traces }),
          ` (lambda = 0.8, ${traces} traces)`,
        );
      }
    }
  },
});

/** The specs of chapter 02, in notebook order. */
export default chapter({
  id: "02_tabular",
  title: "Learning from experience: tabular methods",
  exercises: [
    epsilonGreedySpec,
    evaluateAgentSpec,
    monteCarloAgentSpec,
    sarsaUpdateSpec,
    sarsaAgentSpec,
    qLearningUpdateSpec,
    qLearningAgentSpec,
    expectedSarsaUpdateSpec,
    expectedSarsaAgentSpec,
    doubleQUpdateSpec,
    doubleQAgentSpec,
    sarsaLambdaUpdateSpec,
    sarsaLambdaAgentSpec,
  ],
});
