/**
 * Exercise specs of chapter 01 "MDPs, bandits and planning".
 *
 * Inputs are literals, the textbook worlds of lib/mdp, or drawn from seeded generators, so
 * every check is deterministic. Bandit agents are replayed in lock-step with the reference
 * (same seed, same rewards: same actions and estimates); planning functions are compared on
 * seeded random MDPs and on the textbook worlds; optimal policies are compared by their
 * values, never by their actions, because ties make several policies optimal.
 *
 * @module
 */
import { chapter, type CheckContext, CheckFailure, exercise } from "../../lib/grading/spec.ts";
import { Generator } from "../../lib/gym/seeding.ts";
import {
  argmax,
  Environment,
  gridWorld,
  randomMdp,
  randomPolicy,
  solveLinearSystem,
  toyMdp,
  uniformPolicy,
} from "../../lib/mdp/mod.ts";
import {
  findOptimalPolicy,
  gridWorldModel,
  policyEvalExact,
  policyEvalNumerical,
  policyImprovement,
  RandomAgent,
  RewardAveraging,
  toyValues,
  UCBActionSelection,
  valueIteration,
} from "../../solutions/01_mdp.ts";

type RandomAgentClass = typeof RandomAgent;
type RewardAveragingClass = typeof RewardAveraging;
type UCBClass = typeof UCBActionSelection;

// ---------------------------------------------------------------------------------------
// Bandits

/** What any bandit agent class looks like to the probes. */
type AgentClass = new (
  numArms: number,
  rng: Generator,
  // deno-lint-ignore no-explicit-any
  options?: any,
) => { getAction(): number; observe(action: number, reward: number): void };

/** Asks the agent for an action and checks that it is a valid arm. */
function actionOf(agent: { getAction(): number }, numArms: number, step: number): number {
  const a = agent.getAction();
  if (!Number.isInteger(a) || a < 0 || a >= numArms) {
    throw new CheckFailure(
      `getAction() returned ${String(a)} at step ${step}; it must be an integer arm in ` +
        `0..${numArms - 1}.`,
      { hint: "Return an arm index (a number), e.g. rng.integers(0, numArms) or argmax(Q)." },
    );
  }
  return a;
}

/** The estimates `Q` and counts `N` of an agent, as plain arrays. */
function estimatesOf(agent: object): { Q: number[]; N: number[] } {
  const { Q, N } = agent as { Q?: ArrayLike<number>; N?: ArrayLike<number> };
  if (Q === undefined || N === undefined) {
    throw new CheckFailure(
      "The agent has no `Q` and `N` fields; keep the estimates in `this.Q` and the counts " +
        "in `this.N` as the exercise's skeleton declares.",
    );
  }
  return { Q: Array.from(Q), N: Array.from(N) };
}

/**
 * Replays an agent on a seeded Gaussian testbed: arm means ~ N(0, 1), rewards = mean +
 * N(0, 1) noise. The noise of step t is drawn whatever the action, so two agents that act
 * alike receive exactly the same rewards.
 */
function lockStep(
  Agent: AgentClass,
  { numArms, steps, seed, options }: {
    numArms: number;
    steps: number;
    seed: number;
    options?: unknown;
  },
) {
  const agent = new Agent(numArms, Generator.fromSeed(seed), options);
  const world = Generator.fromSeed(seed + 1);
  const means = Array.from({ length: numArms }, () => world.normal());
  const actions: number[] = [];
  for (let t = 0; t < steps; t++) {
    const a = actionOf(agent, numArms, t);
    actions.push(a);
    agent.observe(a, means[a] + world.normal());
  }
  return { actions, ...("Q" in agent ? estimatesOf(agent) : {}) };
}

/** Counts the actions of `steps` calls of `getAction()` fed with `rewardOf(action)`. */
function actionCounts(
  Agent: AgentClass,
  numArms: number,
  steps: number,
  seed: number,
  rewardOf: (action: number) => number,
  options?: unknown,
): number[] {
  const agent = new Agent(numArms, Generator.fromSeed(seed), options);
  const counts = new Array<number>(numArms).fill(0);
  for (let t = 0; t < steps; t++) {
    const a = actionOf(agent, numArms, t);
    counts[a]++;
    agent.observe(a, rewardOf(a));
  }
  return counts;
}

const LOCK_STEP_NOTE = "The check replays your agent next to the reference with the same " +
  "seed and rewards; follow the contract's random draws exactly (which calls, in which order).";

const randomAgentSpec = exercise<RandomAgentClass>({
  name: "RandomAgent",
  title: "A random bandit agent",
  points: 1,
  difficulty: 1,
  importance: 2,
  minutes: 5,
  solution: RandomAgent,
  mistakes: [
    {
      name: "uses-math-random",
      hint: "Draw from the generator the agent was given (this.rng.integers(0, numArms)), " +
        "not Math.random(): only a seeded generator makes runs reproducible.",
      impl: class extends RandomAgent {
        override getAction() {
          return Math.floor(Math.random() * this.numArms);
        }
      },
    },
    {
      name: "never-last-arm",
      hint: "rng.integers(low, high) excludes `high`: rng.integers(0, numArms) already " +
        "returns 0 .. numArms - 1.",
      impl: class extends RandomAgent {
        override getAction() {
          return this.rng.integers(0, this.numArms - 1);
        }
      },
    },
  ],
  async check(t: CheckContext<RandomAgentClass>) {
    const numArms = 10;
    const steps = 10_000;
    const counts = await t.run(
      `${steps} actions of a 10-armed RandomAgent (seed 0)`,
      (Agent) => actionCounts(Agent, numArms, steps, 0, () => 0),
    );
    t.assert(
      counts[numArms - 1] > 0,
      `In ${steps} actions your agent never chose the last arm (${numArms - 1}).`,
      "never-last-arm",
    );
    // Each count is Binomial(10000, 0.1): standard deviation 30, so 150 is 5 deviations.
    const worst = Math.max(...counts.map((c) => Math.abs(c - steps / numArms)));
    t.assert(
      worst <= 150,
      `Arm counts over ${steps} actions are ${JSON.stringify(counts)}; a uniform choice ` +
        `gives 1000 each within ±150 (5 standard deviations).`,
    );
    const again = await t.run(
      "the same agent again with the same seed",
      (Agent) => actionCounts(Agent, numArms, steps, 0, () => 0),
    );
    t.assert(
      again.every((c, i) => c === counts[i]),
      "Two agents made with the same seed chose different actions: the agent must draw " +
        "only from the generator it was given.",
      "uses-math-random",
    );
    await t.expect(
      `the first 200 actions with seed 7 (lock-step with the reference). ${LOCK_STEP_NOTE}`,
      (Agent) => lockStep(Agent, { numArms, steps: 200, seed: 7 }).actions,
    );
  },
});

/** Feeds `rewards` to arm 0 of a fresh agent and returns its estimates. */
function afterRewards(
  Agent: RewardAveragingClass,
  rewards: number[],
  options: { epsilon: number; initialValue?: number; stepSize?: number },
  numArms = 3,
) {
  const agent = new Agent(numArms, Generator.fromSeed(0), options);
  for (const r of rewards) agent.observe(0, r);
  return estimatesOf(agent);
}

const rewardAveragingSpec = exercise<RewardAveragingClass>({
  name: "RewardAveraging",
  title: "Epsilon-greedy with reward averaging",
  points: 3,
  difficulty: 2,
  importance: 5,
  minutes: 25,
  solution: RewardAveraging,
  mistakes: [
    {
      name: "count-off-by-one",
      hint: "Increment N[a] before computing the step size: the n-th reward of an arm " +
        "gets weight 1/n (the first one replaces the initial value entirely).",
      impl: class extends RewardAveraging {
        override observe(action: number, reward: number) {
          const alpha = this.stepSize ?? 1 / (this.N[action] + 1 + 1);
          this.Q[action] += alpha * (reward - this.Q[action]);
          this.N[action] += 1;
        }
      },
    },
    {
      name: "ignores-step-size",
      hint: "With a constant step size (options.stepSize), use alpha = stepSize instead of " +
        "1 / N[a]: it weights recent rewards more, which tracks drifting arms.",
      impl: class extends RewardAveraging {
        override observe(action: number, reward: number) {
          this.N[action] += 1;
          this.Q[action] += (reward - this.Q[action]) / this.N[action];
        }
      },
    },
    {
      name: "ignores-initial-value",
      hint: "Start every estimate at options.initialValue (default 0): " +
        "new Float64Array(numArms).fill(initialValue). Optimistic values drive early exploration.",
      impl: class extends RewardAveraging {
        constructor(
          numArms: number,
          rng: Generator,
          options: { epsilon: number; initialValue?: number; stepSize?: number },
        ) {
          super(numArms, rng, { ...options, initialValue: 0 });
        }
      },
    },
    {
      name: "explore-excludes-greedy",
      hint: "When exploring, choose among all arms (rng.integers(0, numArms)), the greedy " +
        "one included: epsilon-greedy explores uniformly, so the greedy arm is chosen with " +
        "probability 1 - epsilon + epsilon / k.",
      impl: class extends RewardAveraging {
        override getAction() {
          const greedy = argmax(this.Q);
          if (this.rng.random() < this.epsilon) {
            const a = this.rng.integers(0, this.numArms - 1);
            return a >= greedy ? a + 1 : a;
          }
          return greedy;
        }
      },
    },
    {
      name: "explores-when-above-epsilon",
      hint: "Explore when rng.random() < epsilon (probability epsilon), not when it is " +
        "larger (probability 1 - epsilon).",
      impl: class extends RewardAveraging {
        override getAction() {
          if (this.rng.random() >= this.epsilon) return this.rng.integers(0, this.numArms);
          return argmax(this.Q);
        }
      },
    },
  ],
  async check(t: CheckContext<RewardAveragingClass>) {
    await t.expect(
      "Q and N after a fresh agent (initialValue 5) observes nothing",
      (Agent) => afterRewards(Agent, [], { epsilon: 0, initialValue: 5 }),
    );
    await t.expect(
      "Q and N after arm 0 receives rewards 1, 2, 3, 4 (sample average, initialValue 5)",
      (Agent) => afterRewards(Agent, [1, 2, 3, 4], { epsilon: 0, initialValue: 5 }),
    );
    await t.expect(
      "Q and N after arm 0 receives rewards 1, 2, 3, 4 (stepSize 0.5, initialValue 0)",
      (Agent) => afterRewards(Agent, [1, 2, 3, 4], { epsilon: 0, stepSize: 0.5 }),
    );
    // Two arms; arm 0 pays 1 and arm 1 pays 0, so arm 0 is greedy from the first step on and
    // arm 1 is chosen only when exploring picks it: with probability epsilon / 2 = 0.1.
    const steps = 20_000;
    const counts = await t.run(
      `${steps} actions of a 2-armed agent with epsilon 0.2 where arm 0 pays 1, arm 1 pays 0`,
      (Agent) => actionCounts(Agent, 2, steps, 3, (a) => (a === 0 ? 1 : 0), { epsilon: 0.2 }),
    );
    const fraction = counts[1] / steps;
    const what = `With epsilon = 0.2 and two arms, your agent chose the worse arm in ` +
      `${(100 * fraction).toFixed(1)}% of ${steps} steps; epsilon-greedy chooses it with ` +
      `probability epsilon / k = 10% (the check allows ±1%, about 5 standard deviations).`;
    t.assert(Math.abs(fraction - 0.2) > 0.01, what, "explore-excludes-greedy");
    t.assert(Math.abs(fraction - 0.4) > 0.01, what, "explores-when-above-epsilon");
    t.assert(Math.abs(fraction - 0.1) <= 0.01, what);
    const configs = [
      { epsilon: 0.1 },
      { epsilon: 0 },
      { epsilon: 0, initialValue: 5, stepSize: 0.1 },
      { epsilon: 0.1, stepSize: 0.1 },
    ];
    for (const [i, options] of configs.entries()) {
      await t.expect(
        `actions, Q and N after 300 steps on a 10-armed testbed with options ` +
          `${JSON.stringify(options)} (seed ${10 + i}). ${LOCK_STEP_NOTE}`,
        (Agent) => lockStep(Agent, { numArms: 10, steps: 300, seed: 10 + i, options }),
        { atol: 1e-9 },
      );
    }
  },
});

const ucbSpec = exercise<UCBClass>({
  name: "UCBActionSelection",
  title: "Upper-confidence-bound action selection",
  points: 2,
  difficulty: 2,
  importance: 4,
  minutes: 20,
  solution: UCBActionSelection,
  mistakes: [
    {
      name: "plus-one-count",
      hint: "Don't avoid the division by zero with N[a] + 1: an arm never pulled has an " +
        "infinite bound, so pull every untried arm first (lowest index first), then use " +
        "Q[a] + c * sqrt(ln(t) / N[a]).",
      impl: class extends UCBActionSelection {
        override getAction() {
          const t = 1 + this.N.reduce((x, y) => x + y, 0);
          return argmax(
            Array.from(this.Q, (q, a) => q + this.c * Math.sqrt(Math.log(t) / (this.N[a] + 1))),
          );
        }
      },
    },
    {
      name: "time-off-by-one",
      hint: "t counts the current step too: t = 1 for the first action, so after n " +
        "rewards t = n + 1 (ln(n + 1), not ln(n)).",
      impl: class extends UCBActionSelection {
        override getAction() {
          const untried = this.N.indexOf(0);
          if (untried >= 0) return untried;
          const t = this.N.reduce((x, y) => x + y, 0);
          return argmax(
            Array.from(this.Q, (q, a) => q + this.c * Math.sqrt(Math.log(t) / this.N[a])),
          );
        }
      },
    },
    {
      name: "no-square-root",
      hint: "The exploration bonus is c * sqrt(ln(t) / N[a]): the square root matters.",
      impl: class extends UCBActionSelection {
        override getAction() {
          const untried = this.N.indexOf(0);
          if (untried >= 0) return untried;
          const t = 1 + this.N.reduce((x, y) => x + y, 0);
          return argmax(Array.from(this.Q, (q, a) => q + this.c * (Math.log(t) / this.N[a])));
        }
      },
    },
    {
      name: "ignores-c",
      hint: "Multiply the bonus by this.c (options.c, default 2).",
      impl: class extends UCBActionSelection {
        override getAction() {
          const untried = this.N.indexOf(0);
          if (untried >= 0) return untried;
          const t = 1 + this.N.reduce((x, y) => x + y, 0);
          return argmax(Array.from(this.Q, (q, a) => q + Math.sqrt(Math.log(t) / this.N[a])));
        }
      },
    },
  ],
  async check(t: CheckContext<UCBClass>) {
    await t.expect(
      "the first 10 actions of a 10-armed agent (every untried arm first, lowest index first)",
      (Agent) => lockStep(Agent, { numArms: 10, steps: 10, seed: 20, options: {} }).actions,
    );
    for (const [i, c] of [2, 0.5].entries()) {
      await t.expect(
        `actions, Q and N after 300 steps on a 10-armed testbed with c = ${c} ` +
          `(seed ${21 + i}). ${LOCK_STEP_NOTE}`,
        (Agent) => lockStep(Agent, { numArms: 10, steps: 300, seed: 21 + i, options: { c } }),
        { atol: 1e-9 },
      );
    }
  },
});

// ---------------------------------------------------------------------------------------
// Known dynamics

type ToyValues = typeof toyValues;

const toyValuesSpec = exercise<ToyValues>({
  name: "toyValues",
  title: "Values of the toy MDP by hand",
  points: 1,
  difficulty: 2,
  importance: 4,
  minutes: 15,
  solution: toyValues,
  mistakes: [
    {
      name: "reward-every-step",
      hint: "Each policy earns its reward only every second step (out to a side state and " +
        "back): the discounts are 1, gamma^2, gamma^4, ..., so the sums have 1 - gamma^2 below.",
      impl: (gamma) => ({ left: 1 / (1 - gamma), right: (2 * gamma) / (1 - gamma) }),
    },
    {
      name: "right-reward-undiscounted",
      hint: "Going right, the +2 arrives one step later than the +1 going left: it is " +
        "discounted by gamma, so V_right = 2 gamma / (1 - gamma^2).",
      impl: (gamma) => ({ left: 1 / (1 - gamma * gamma), right: 2 / (1 - gamma * gamma) }),
    },
    {
      name: "swapped",
      hint: "`left` is the value of always taking action 0 (+1 first), `right` of action 1 " +
        "(+2 second).",
      impl: (gamma) => {
        const { left, right } = toyValues(gamma);
        return { left: right, right: left };
      },
    },
  ],
  async check(t: CheckContext<ToyValues>) {
    for (const gamma of [0, 0.3, 0.5, 0.9, 0.99]) {
      await t.expect(`toyValues(${gamma})`, (f) => {
        const { left, right } = f(gamma);
        return { left, right };
      }, { atol: 1e-9, rtol: 1e-9 });
    }
  },
});

type BuildModel = typeof gridWorldModel;
type GridParams = Parameters<BuildModel>[1];

const GRID_CASES: Array<{ what: string; map: string[]; params: GridParams }> = [
  {
    what: "Russell and Norvig's 3x4 world",
    map: ["...G", ".#.T", "S..."],
    params: {
      stepReward: -0.04,
      goalReward: 1,
      trapReward: -1,
      cliffReward: -100,
      bumpReward: 0,
      slip: 0.1,
    },
  },
  {
    what: "a deterministic world with walls and a bump penalty",
    map: ["S.#G", "..#.", "...T"],
    params: {
      stepReward: -1,
      goalReward: 10,
      trapReward: -10,
      cliffReward: 0,
      bumpReward: -2,
      slip: 0,
    },
  },
  {
    what: "a slippery cliff walk whose start sits next to the cliff",
    map: ["....", "....", "SCCG"],
    params: {
      stepReward: -1,
      goalReward: 0,
      trapReward: -1,
      cliffReward: -99,
      bumpReward: 0.5,
      slip: 0.2,
    },
  },
  {
    what: "a one-row corridor (two slip directions bump at once)",
    map: ["T.S.G"],
    params: {
      stepReward: 0,
      goalReward: 1,
      trapReward: -1,
      cliffReward: 0,
      bumpReward: -0.1,
      slip: 0.25,
    },
  },
];

/** `T` and `R` of the learner's model, with the (never used) rows of cliff cells zeroed. */
function modelTables(f: BuildModel, map: string[], params: GridParams, what: string) {
  const env = f(map, params);
  if (!(env instanceof Environment)) {
    throw new CheckFailure(
      `${what} returned ${String(env)}; return new Environment(T, R) (lib/mdp).`,
    );
  }
  const cliff = (s: number) => map.join("")[s] === "C";
  const mask = (table: number[][][]) =>
    table.map((rows, s) => rows.map((row) => (cliff(s) ? row.map(() => 0) : [...row])));
  return { T: mask(env.T), R: mask(env.R) };
}

/** The grid-world mistakes, each a flaw in an otherwise correct construction. */
type GridFlaw =
  | "overwrites-merged-outcomes"
  | "terminal-self-loops"
  | "slip-backwards"
  | "bump-without-step-reward";

/** Builds a grid world's model like the reference, but with `flaw`. */
function flawedGridModel(map: readonly string[], params: GridParams, flaw: GridFlaw): Environment {
  const nrow = map.length;
  const ncol = map[0].length;
  const n = nrow * ncol;
  const start = map.join("").indexOf("S");
  const deltas = [[-1, 0], [0, 1], [1, 0], [0, -1]];
  const T = Array.from({ length: n }, () => Array.from({ length: 4 }, () => new Array(n).fill(0)));
  const R = Array.from({ length: n }, () => Array.from({ length: 4 }, () => new Array(n).fill(0)));
  for (let s = 0; s < n; s++) {
    const row = Math.floor(s / ncol);
    const col = s % ncol;
    if ("GT#".includes(map[row][col])) {
      if (flaw === "terminal-self-loops") { for (let a = 0; a < 4; a++) T[s][a][s] = 1; }
      continue;
    }
    for (let a = 0; a < 4; a++) {
      const side = flaw === "slip-backwards"
        ? [[(a + 2) % 4, 2 * params.slip]]
        : [[(a + 1) % 4, params.slip], [(a + 3) % 4, params.slip]];
      for (const [d, prob] of [[a, 1 - 2 * params.slip], ...side]) {
        if (prob === 0) continue;
        const r = row + deltas[d][0];
        const c = col + deltas[d][1];
        let next = r * ncol + c;
        let reward = params.stepReward;
        if (r < 0 || r >= nrow || c < 0 || c >= ncol || map[r][c] === "#") {
          next = s;
          reward = flaw === "bump-without-step-reward"
            ? params.bumpReward
            : params.stepReward + params.bumpReward;
        } else if (map[r][c] === "G") reward += params.goalReward;
        else if (map[r][c] === "T") reward += params.trapReward;
        else if (map[r][c] === "C") {
          next = start;
          reward += params.cliffReward;
        }
        if (flaw === "overwrites-merged-outcomes") {
          T[s][a][next] = prob;
          R[s][a][next] = reward;
        } else {
          R[s][a][next] = (R[s][a][next] * T[s][a][next] + prob * reward) / (T[s][a][next] + prob);
          T[s][a][next] += prob;
        }
      }
      if (flaw === "overwrites-merged-outcomes") {
        // Renormalised, or the Environment constructor would reject the rows at once.
        const total = T[s][a].reduce((x, y) => x + y, 0);
        T[s][a] = T[s][a].map((x) => x / total);
      }
    }
  }
  return new Environment(T, R);
}

const gridWorldModelSpec = exercise<BuildModel>({
  name: "gridWorldModel",
  title: "T and R of a grid world from its map",
  points: 3,
  difficulty: 3,
  importance: 3,
  minutes: 35,
  solution: gridWorldModel,
  mistakes: [
    {
      name: "overwrites-merged-outcomes",
      hint: "Two directions can land in the same next state (bumping into two walls leaves " +
        "you in place twice): add their probabilities (T[s][a][next] += p) instead of " +
        "overwriting, and average their rewards weighted by probability.",
      impl: (map, params) => flawedGridModel(map, params, "overwrites-merged-outcomes"),
    },
    {
      name: "terminal-self-loops",
      hint: "Give G, T and # cells all-zero rows, not self-loops with probability 1: the " +
        "episode ends there, and with a self-loop I - gamma T is singular at gamma = 1.",
      impl: (map, params) => flawedGridModel(map, params, "terminal-self-loops"),
    },
    {
      name: "slip-backwards",
      hint: "A slip goes to the two perpendicular directions, (a + 1) % 4 and (a + 3) % 4, " +
        "never backwards ((a + 2) % 4).",
      impl: (map, params) => flawedGridModel(map, params, "slip-backwards"),
    },
    {
      name: "bump-without-step-reward",
      hint: "A blocked move still earns stepReward, plus bumpReward: rewards add up.",
      impl: (map, params) => flawedGridModel(map, params, "bump-without-step-reward"),
    },
  ],
  async check(t: CheckContext<BuildModel>) {
    for (const { what, map, params } of GRID_CASES) {
      await t.expect(
        `T and R of ${what}: map ${JSON.stringify(map)}, ${JSON.stringify(params)}`,
        (f) => modelTables(f, map, params, "gridWorldModel"),
        { atol: 1e-12, rtol: 1e-12 },
      );
    }
  },
});

// ---------------------------------------------------------------------------------------
// Planning

type Evaluate = typeof policyEvalNumerical;
type Solve = typeof policyEvalExact;
type Improve = typeof policyImprovement;
type Iterate = typeof findOptimalPolicy;
type ValueIter = typeof valueIteration;

/** Seeded random MDPs and policies the planning checks run on. */
function cases(seed: number, count: number) {
  const rng = Generator.fromSeed(seed);
  return Array.from({ length: count }, (_, i) => {
    const env = randomMdp(rng, {
      numStates: 5 + (i % 4),
      numActions: 2 + (i % 3),
      numTerminal: (i + 1) % 3,
      branching: 1 + (i % 4),
    });
    return { env, pi: randomPolicy(rng, env), V: Float64Array.from(env.T, () => rng.normal()) };
  });
}

/** `Q[s][a]` for values `V`: the one-step lookahead every planning method is built on. */
function qTable(env: Environment, V: ArrayLike<number>, gamma: number): number[][] {
  return env.T.map((rows, s) =>
    rows.map((row, a) => row.reduce((q, p, s2) => q + p * (env.R[s][a][s2] + gamma * V[s2]), 0))
  );
}

/** Checks a returned vector's type and length before comparing values. */
function vectorOf(result: unknown, n: number, what: string): number[] {
  const ok = (Array.isArray(result) || ArrayBuffer.isView(result)) &&
    (result as ArrayLike<number>).length === n;
  if (!ok) {
    throw new CheckFailure(
      `${what} returned ${
        result === undefined ? "undefined" : `something else than an array of ${n} numbers`
      }; it must return one entry per state (a Float64Array or Int32Array of length ${n}).`,
    );
  }
  return Array.from(result as ArrayLike<number>);
}

/** Checks that a policy is one valid action per state. */
function policyOf(result: unknown, env: Environment, what: string): number[] {
  const pi = vectorOf(result, env.numStates, what);
  pi.forEach((a, s) => {
    if (!Number.isInteger(a) || a < 0 || a >= env.numActions) {
      throw new CheckFailure(
        `${what}: the action of state ${s} is ${a}; actions are integers in ` +
          `0..${env.numActions - 1}.`,
      );
    }
  });
  return pi;
}

const grid4 = gridWorld({ map: "sutton4x4" });
/** Sutton and Barto's 4x4 grid under the equiprobable random policy, as a one-action MDP. */
const grid4Random = grid4.underPolicy(uniformPolicy(grid4));
const grid5 = gridWorld({ map: "sutton5x5" });
const norvig = gridWorld({ map: "norvig3x4" });
/**
 * The optimal policy of Russell and Norvig's 3x4 world for step reward -0.04 (AIMA, Figure
 * 17.2a), states row-major from the top left; terminal and wall cells take action 0.
 */
const NORVIG_POLICY = [1, 1, 1, 0, 0, 0, 0, 0, 0, 3, 3, 3];
const grid5Random = grid5.underPolicy(uniformPolicy(grid5));
const zerosFor = (env: Environment) => new Int32Array(env.numStates);

const CONVERGED = { atol: 1e-5, rtol: 0 };

const policyEvalNumericalSpec = exercise<Evaluate>({
  name: "policyEvalNumerical",
  title: "Iterative policy evaluation",
  points: 3,
  difficulty: 2,
  importance: 5,
  minutes: 25,
  solution: policyEvalNumerical,
  mistakes: [
    {
      name: "forgot-discount",
      hint: "Multiply the next state's value by gamma: " +
        "V_new[s] = sum_next T * (R + gamma * V_old[next]).",
      impl: (env, pi, _gamma, eps, maxIterations) =>
        policyEvalNumerical(env, pi, 1, eps, maxIterations),
    },
    {
      name: "in-place-update",
      hint: "Compute each sweep from the previous sweep's values only: write the new values " +
        "into a fresh array and swap after the sweep. Updating V in place (Gauss-Seidel) " +
        "also converges, but its values after k sweeps are not those of the Bellman operator " +
        "applied k times (Sutton and Barto's Figure 4.1).",
      impl: (env, pi, gamma = 0.99, eps = 1e-8, maxIterations = 10_000) => {
        const { numStates: n, T, R } = env;
        const V = new Float64Array(n);
        for (let sweep = 0; sweep < maxIterations; sweep++) {
          let delta = 0;
          for (let s = 0; s < n; s++) {
            const a = pi[s];
            let v = 0;
            for (let s2 = 0; s2 < n; s2++) v += T[s][a][s2] * (R[s][a][s2] + gamma * V[s2]);
            delta = Math.max(delta, Math.abs(v - V[s]));
            V[s] = v;
          }
          if (delta < eps) break;
        }
        return V;
      },
    },
    {
      name: "discounted-reward",
      hint: "Only the future is discounted: the reward of this transition counts in full, " +
        "R + gamma * V[next], not gamma * (R + V[next]).",
      impl: (env, pi, gamma = 0.99, eps = 1e-8, maxIterations = 10_000) => {
        const { numStates: n, T, R } = env;
        let V = new Float64Array(n);
        for (let sweep = 0; sweep < maxIterations; sweep++) {
          const next = Float64Array.from(
            V,
            (_, s) =>
              T[s][pi[s]].reduce((v, p, s2) => v + p * gamma * (R[s][pi[s]][s2] + V[s2]), 0),
          );
          const delta = Math.max(...next.map((v, s) => Math.abs(v - V[s])));
          V = next;
          if (delta < eps) break;
        }
        return V;
      },
    },
    {
      name: "max-instead-of-policy",
      hint: "Policy evaluation follows the given policy: use action pi[s] in state s. Taking " +
        "the best action is value iteration, which computes the optimal values instead.",
      impl: (env, _pi, gamma, eps, maxIterations) => valueIteration(env, gamma, eps, maxIterations),
    },
  ],
  async check(t: CheckContext<Evaluate>) {
    const evaluate = (
      what: string,
      env: Environment,
      args: Parameters<Evaluate>,
      tol = CONVERGED,
    ) => t.expect(what, (f) => vectorOf(f(...args), env.numStates, what), tol);
    await evaluate(
      "policyEvalNumerical(toyMdp(), [0, 0, 0], 0.9) (always left)",
      toyMdp(),
      [toyMdp(), [0, 0, 0], 0.9],
    );
    for (const [i, { env, pi }] of cases(101, 6).entries()) {
      const gamma = [0.5, 0.9, 0.95][i % 3];
      await evaluate(
        `policyEvalNumerical on seeded random MDP #${i} (${env.numStates} states, ` +
          `${env.numActions} actions), a random policy, gamma = ${gamma}`,
        env,
        [env, pi, gamma],
      );
    }
    for (const k of [1, 2, 3, 10]) {
      await evaluate(
        `the values after exactly ${k} sweep(s) (eps = 0, maxIterations = ${k}) on Sutton ` +
          `and Barto's 4x4 grid under the random policy, gamma = 1 (their Figure 4.1)`,
        grid4Random,
        [grid4Random, zerosFor(grid4Random), 1, 0, k],
        { atol: 1e-12, rtol: 1e-12 },
      );
    }
    await evaluate(
      "the random policy on Sutton and Barto's 5x5 grid, gamma = 0.9 (their Figure 3.2)",
      grid5Random,
      [grid5Random, zerosFor(grid5Random), 0.9],
    );
    await evaluate(
      "the optimal policy of Russell and Norvig's 3x4 world, gamma = 1 (AIMA Figure 17.3)",
      norvig,
      [norvig, NORVIG_POLICY, 1],
    );
  },
});

const policyEvalExactSpec = exercise<Solve>({
  name: "policyEvalExact",
  title: "Exact policy evaluation by a linear solve",
  points: 2,
  difficulty: 2,
  importance: 4,
  minutes: 20,
  solution: policyEvalExact,
  mistakes: [
    {
      name: "forgot-discount",
      hint: "The matrix is I - gamma * P_pi: multiply the transition probabilities by gamma.",
      impl: (env, pi) => policyEvalExact(env, pi, 1),
    },
    {
      name: "transposed-transitions",
      hint: "Row s of P_pi holds the probabilities of leaving s: P_pi[s][next] = " +
        "T[s][pi[s]][next]. You built its transpose.",
      impl: (env, pi, gamma = 0.99) => {
        const n = env.numStates;
        const A = Array.from(
          { length: n },
          (_, s) =>
            Array.from({ length: n }, (_, s2) => (s === s2 ? 1 : 0) - gamma * env.T[s2][pi[s2]][s]),
        );
        const b = Array.from(
          { length: n },
          (_, s) => env.T[s][pi[s]].reduce((r, p, s2) => r + p * env.R[s][pi[s]][s2], 0),
        );
        return solveLinearSystem(A, b);
      },
    },
    {
      name: "unweighted-reward",
      hint: "The expected immediate reward weights each transition's reward by its " +
        "probability: r_pi[s] = sum_next T[s][pi[s]][next] * R[s][pi[s]][next].",
      impl: (env, pi, gamma = 0.99) => {
        const n = env.numStates;
        const A = Array.from(
          { length: n },
          (_, s) =>
            Array.from({ length: n }, (_, s2) => (s === s2 ? 1 : 0) - gamma * env.T[s][pi[s]][s2]),
        );
        const b = Array.from({ length: n }, (_, s) => env.R[s][pi[s]].reduce((r, x) => r + x, 0));
        return solveLinearSystem(A, b);
      },
    },
    {
      name: "iterative-not-exact",
      hint: "Solve the linear system (I - gamma * P_pi) V = r_pi with solveLinearSystem; " +
        "iterating sweeps stops within eps of the answer, not at it.",
      impl: (env, pi, gamma) => policyEvalNumerical(env, pi, gamma),
    },
  ],
  async check(t: CheckContext<Solve>) {
    const EXACT = { atol: 1e-9, rtol: 1e-9 };
    const evaluate = (what: string, env: Environment, args: Parameters<Solve>) =>
      t.expect(what, (f) => vectorOf(f(...args), env.numStates, what), EXACT);
    await evaluate(
      "the optimal policy of Russell and Norvig's 3x4 world, gamma = 0.9",
      norvig,
      [norvig, NORVIG_POLICY, 0.9],
    );
    for (const [i, { env, pi }] of cases(202, 6).entries()) {
      const gamma = [0.5, 0.9, 0.99][i % 3];
      await evaluate(
        `policyEvalExact on seeded random MDP #${i} (${env.numStates} states), a random ` +
          `policy, gamma = ${gamma}`,
        env,
        [env, pi, gamma],
      );
    }
    await evaluate(
      "the random policy on Sutton and Barto's 4x4 grid, gamma = 1 (their Figure 4.1)",
      grid4Random,
      [grid4Random, zerosFor(grid4Random), 1],
    );
    await evaluate(
      "the optimal policy of Russell and Norvig's 3x4 world, gamma = 1 (AIMA Figure 17.3)",
      norvig,
      [norvig, NORVIG_POLICY, 1],
    );
    await evaluate(
      "policyEvalExact(toyMdp(), [1, 0, 0], 0.9) (always right)",
      toyMdp(),
      [toyMdp(), [1, 0, 0], 0.9],
    );
  },
});

const policyImprovementSpec = exercise<Improve>({
  name: "policyImprovement",
  title: "Greedy policy improvement",
  points: 2,
  difficulty: 2,
  importance: 5,
  minutes: 15,
  solution: policyImprovement,
  mistakes: [
    {
      name: "forgot-discount",
      hint: "Q(s, a) = sum_next T * (R + gamma * V[next]): multiply the next value by gamma.",
      impl: (env, V) => policyImprovement(env, V, 1),
    },
    {
      name: "ignores-reward",
      hint: "The greedy action maximises the reward of the transition plus the discounted " +
        "value of where it leads, not the value of the next state alone.",
      impl: (env, V, gamma = 0.99) =>
        Int32Array.from(
          env.T,
          (rows) => argmax(rows.map((row) => row.reduce((q, p, s2) => q + p * gamma * V[s2], 0))),
        ),
    },
    {
      name: "argmin",
      hint: "Rewards are to be maximised: pick the action with the largest Q(s, a).",
      impl: (env, V, gamma = 0.99) =>
        Int32Array.from(qTable(env, V, gamma), (q) => argmax(q.map((x) => -x))),
    },
  ],
  async check(t: CheckContext<Improve>) {
    // Any action that attains max_a Q(s, a) is greedy, so compare Q(s, pi(s)), not actions.
    const improve = (what: string, env: Environment, V: ArrayLike<number>, gamma: number) =>
      t.expect(
        `${what}: Q(s, pi[s]) of the policy you returned (it must be max_a Q(s, a))`,
        (f) => {
          const pi = policyOf(f(env, V, gamma), env, "policyImprovement");
          const q = qTable(env, V, gamma);
          return pi.map((a, s) => q[s][a]);
        },
        { atol: 1e-12, rtol: 1e-12 },
      );
    const first = cases(303, 1)[0].env;
    await improve(
      "policyImprovement on a seeded random MDP with V = 0 (the greedy action then has the " +
        "best expected immediate reward)",
      first,
      new Float64Array(first.numStates),
      0.9,
    );
    for (const [i, { env, V }] of cases(303, 8).entries()) {
      const gamma = [0.5, 0.9, 1][i % 3];
      await improve(
        `policyImprovement on seeded random MDP #${i} with random values, gamma = ${gamma}`,
        env,
        V,
        gamma,
      );
    }
    await improve(
      "policyImprovement on Sutton and Barto's 4x4 grid with its random-policy values " +
        "(many ties)",
      grid4,
      policyEvalExact(grid4Random, zerosFor(grid4Random), 1),
      1,
    );
    await improve(
      "policyImprovement on Russell and Norvig's 3x4 world with the random policy's values, " +
        "gamma = 1",
      norvig,
      policyEvalExact(norvig.underPolicy(uniformPolicy(norvig)), zerosFor(norvig), 1),
      1,
    );
  },
});

/** The values of a policy returned by the learner, for comparing policies by value. */
function policyValues(f: Iterate, env: Environment, gamma: number, what: string): number[] {
  const pi = policyOf(f(env, gamma), env, what);
  try {
    return Array.from(policyEvalExact(env, pi, gamma));
  } catch {
    throw new CheckFailure(
      `${what}: the policy you returned, ${JSON.stringify(pi)}, never reaches a terminal ` +
        `state from some states, so its values are not finite with gamma = ${gamma}.`,
    );
  }
}

const findOptimalPolicySpec = exercise<Iterate>({
  name: "findOptimalPolicy",
  title: "Policy iteration",
  points: 2,
  difficulty: 2,
  importance: 5,
  minutes: 15,
  solution: findOptimalPolicy,
  mistakes: [
    {
      name: "single-improvement",
      hint: "Repeat evaluation and improvement until the policy stops changing; one " +
        "improvement step is usually not optimal yet.",
      impl: (env, gamma = 0.99) => {
        const pi = new Int32Array(env.numStates);
        return policyImprovement(env, policyEvalExact(env, pi, gamma), gamma);
      },
    },
    {
      name: "myopic-improvement",
      hint: "Improve with respect to the current policy's values V: " +
        "policyImprovement(env, policyEvalExact(env, pi, gamma), gamma). Maximising the " +
        "immediate reward alone ignores where actions lead.",
      impl: (env) => policyImprovement(env, new Float64Array(env.numStates), 0),
    },
  ],
  async check(t: CheckContext<Iterate>) {
    const optimal = (what: string, env: Environment, gamma: number) =>
      t.expect(
        `${what}: the values of the policy you returned (compared by value, since ties ` +
          `make several policies optimal)`,
        (f) => policyValues(f, env, gamma, "findOptimalPolicy"),
        { atol: 1e-9, rtol: 1e-9 },
      );
    for (const gamma of [0.3, 0.7]) {
      await optimal(`findOptimalPolicy(toyMdp(), ${gamma})`, toyMdp(), gamma);
    }
    for (const [i, { env }] of cases(404, 6).entries()) {
      const gamma = [0.5, 0.9, 0.99][i % 3];
      await optimal(
        `findOptimalPolicy on seeded random MDP #${i} (${env.numStates} states), ` +
          `gamma = ${gamma}`,
        env,
        gamma,
      );
    }
    await optimal(
      "findOptimalPolicy on Sutton and Barto's 5x5 grid, gamma = 0.9 (their Figure 3.5)",
      grid5,
      0.9,
    );
    await optimal(
      "findOptimalPolicy on Russell and Norvig's 3x4 world, gamma = 1 (AIMA Figure 17.2)",
      norvig,
      1,
    );
  },
});

const valueIterationSpec = exercise<ValueIter>({
  name: "valueIteration",
  title: "Value iteration",
  points: 3,
  difficulty: 2,
  importance: 5,
  minutes: 20,
  solution: valueIteration,
  mistakes: [
    {
      name: "forgot-discount",
      hint: "Multiply the next state's value by gamma: " +
        "V_new[s] = max_a sum_next T * (R + gamma * V_old[next]).",
      impl: (env, _gamma, eps, maxIterations) => valueIteration(env, 1, eps, maxIterations),
    },
    {
      name: "in-place-update",
      hint: "Compute each sweep from the previous sweep's values only (a fresh array per " +
        "sweep). In-place updates converge too, but the values after k sweeps differ.",
      impl: (env, gamma = 0.99, eps = 1e-8, maxIterations = 10_000) => {
        const { numStates: n, numActions, T, R } = env;
        const V = new Float64Array(n);
        for (let sweep = 0; sweep < maxIterations; sweep++) {
          let delta = 0;
          for (let s = 0; s < n; s++) {
            let v = -Infinity;
            for (let a = 0; a < numActions; a++) {
              let q = 0;
              for (let s2 = 0; s2 < n; s2++) q += T[s][a][s2] * (R[s][a][s2] + gamma * V[s2]);
              v = Math.max(v, q);
            }
            delta = Math.max(delta, Math.abs(v - V[s]));
            V[s] = v;
          }
          if (delta < eps) break;
        }
        return V;
      },
    },
    {
      name: "mean-instead-of-max",
      hint: "The Bellman optimality backup takes the best action, max_a, not the average " +
        "over actions (that evaluates the random policy).",
      impl: (env, gamma, eps, maxIterations) =>
        policyEvalNumerical(
          env.underPolicy(uniformPolicy(env)),
          new Int32Array(env.numStates),
          gamma,
          eps,
          maxIterations,
        ),
    },
  ],
  async check(t: CheckContext<ValueIter>) {
    const iterate = (
      what: string,
      env: Environment,
      args: Parameters<ValueIter>,
      tol = CONVERGED,
    ) => t.expect(what, (f) => vectorOf(f(...args), env.numStates, what), tol);
    for (const gamma of [0.3, 0.7]) {
      await iterate(`valueIteration(toyMdp(), ${gamma})`, toyMdp(), [toyMdp(), gamma]);
    }
    for (const [i, { env }] of cases(505, 6).entries()) {
      const gamma = [0.5, 0.9, 0.95][i % 3];
      await iterate(
        `valueIteration on seeded random MDP #${i} (${env.numStates} states), gamma = ${gamma}`,
        env,
        [env, gamma],
      );
    }
    const { env } = cases(606, 1)[0];
    await iterate(
      `the values after exactly 3 sweeps (eps = 0, maxIterations = 3) on a seeded random MDP, ` +
        `gamma = 0.9`,
      env,
      [env, 0.9, 0, 3],
      { atol: 1e-12, rtol: 1e-12 },
    );
    await iterate(
      "valueIteration on Sutton and Barto's 5x5 grid, gamma = 0.9 (their Figure 3.5)",
      grid5,
      [grid5, 0.9],
    );
    await iterate(
      "valueIteration on Russell and Norvig's 3x4 world, gamma = 1 (AIMA Figure 17.3)",
      norvig,
      [norvig, 1],
    );
  },
});

export default chapter({
  id: "01_mdp",
  title: "MDPs, bandits and planning",
  exercises: [
    randomAgentSpec,
    rewardAveragingSpec,
    ucbSpec,
    toyValuesSpec,
    gridWorldModelSpec,
    policyEvalNumericalSpec,
    policyEvalExactSpec,
    policyImprovementSpec,
    findOptimalPolicySpec,
    valueIterationSpec,
  ],
});
