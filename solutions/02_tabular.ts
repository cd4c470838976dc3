/**
 * Reference solutions of chapter 02, learning from experience with tabular methods.
 *
 * Each export is substituted verbatim into its notebook exercise cell; the imports mirror
 * the notebook's setup cells.
 *
 * @module
 */
import type { Generator } from "../lib/gym/seeding.ts";
import {
  type DiscreteEnv,
  type EpisodeResult,
  type EvaluateOptions,
  type MonteCarloAgentOptions,
  QTable,
  type SarsaLambdaAgentOptions,
  type SarsaLambdaUpdateOptions,
  type TabularAgent,
  type TabularAgentOptions,
  type TraceKind,
  type Transition,
  type UpdateOptions,
} from "../lib/tabular/mod.ts";

/**
 * Epsilon-greedy action selection with random tie-breaking.
 *
 * With probability `epsilon` a uniformly random action (any action, greedy ones included),
 * otherwise a greedy one; when several actions share the maximal value, one of them is
 * chosen uniformly at random.
 *
 * The random draws are fixed so that agents can be replayed exactly. In order:
 * 1. `u = rng.random()`; if `u < epsilon`, return `rng.integers(0, numActions)`.
 * 2. Otherwise let `G` be the actions whose value equals the maximum (exact equality), in
 *    increasing order. If `G` has one action, return it without drawing; else return
 *    `G[rng.integers(0, G.length)]`.
 *
 * @param actionValues `Q(s, ·)` of the current state, `[numActions]`.
 * @param epsilon exploration probability, in [0, 1].
 * @param rng the agent's generator.
 * @returns an action in `0 .. numActions - 1`.
 */
export function epsilonGreedy(
  actionValues: ArrayLike<number>,
  epsilon: number,
  rng: Generator,
): number {
  const numActions = actionValues.length;
  if (rng.random() < epsilon) return rng.integers(0, numActions);
  let best = -Infinity;
  for (let a = 0; a < numActions; a++) if (actionValues[a] > best) best = actionValues[a];
  const greedy: number[] = [];
  for (let a = 0; a < numActions; a++) if (actionValues[a] === best) greedy.push(a);
  return greedy.length === 1 ? greedy[0] : greedy[rng.integers(0, greedy.length)];
}

/**
 * Runs greedy episodes of `agent.q` (no exploration, no learning) and reports each one.
 *
 * - The greedy action is `agent.q.greedyAction(obs)` (the lowest action among ties), so no
 *   random number is drawn and `agent.act` is never called. Read `agent.q` once.
 * - `env.reset({ seed })` on the first episode only (when `seed` is given), plain
 *   `env.reset()` afterwards, so stochastic environments give different episodes.
 * - An episode ends when the environment says `terminated` or `truncated`, or after
 *   `maxSteps` steps (default 1000), whichever comes first.
 *
 * @returns one `{ return, length, terminated }` per episode: the undiscounted sum of rewards,
 * the number of steps, and whether the episode terminated (rather than being cut short).
 */
export function evaluateAgent(
  env: DiscreteEnv,
  agent: { readonly q: QTable },
  options: EvaluateOptions,
): EpisodeResult[] {
  const { episodes, seed, maxSteps = 1000 } = options;
  const q = agent.q;
  const results: EpisodeResult[] = [];
  for (let episode = 0; episode < episodes; episode++) {
    let [obs] = episode === 0 && seed !== undefined ? env.reset({ seed }) : env.reset();
    let total = 0;
    let length = 0;
    let terminated = false;
    while (length < maxSteps) {
      const [next, reward, term, trunc] = env.step(q.greedyAction(obs));
      total += reward;
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
}

/**
 * First-visit Monte-Carlo control with an epsilon-greedy policy (Sutton and Barto, 5.4).
 *
 * - `act(obs)`: `epsilonGreedy(q.row(obs), epsilon, rng)`.
 * - `observe(t)` stores the transition; when it ends the episode (`terminated` or
 *   `truncated`) it computes the returns backwards, `G_t = R_{t+1} + gamma G_{t+1}`, and for
 *   each pair `(S_t, A_t)` at its **first** visit in the episode only: increments
 *   `counts(S_t, A_t)` and moves `Q(S_t, A_t)` towards `G_t` with step size `alpha`, or
 *   `1 / counts(S_t, A_t)` (the running average of returns) when `alpha` is omitted.
 *   A truncated episode's returns are the rewards received before the cut: Monte-Carlo does
 *   not bootstrap.
 * - `beginEpisode()` clears the stored transitions.
 */
export class MonteCarloAgent implements TabularAgent {
  /** Action-value estimates. */
  readonly q: QTable;
  /** `counts(s, a)`: number of episodes in which `(s, a)` was visited and updated. */
  readonly counts: QTable;
  /** Exploration probability (may be changed between episodes). */
  epsilon: number;
  /** Discount factor. */
  readonly gamma: number;
  /** Constant step size, or `undefined` for the average of returns. */
  readonly alpha: number | undefined;
  /** The agent's generator. */
  readonly rng: Generator;
  /** The transitions of the current episode. */
  episode: Transition[] = [];

  /** An agent with `Q = initialValue` everywhere. */
  constructor(options: MonteCarloAgentOptions) {
    this.q = new QTable(options.numStates, options.numActions, options.initialValue ?? 0);
    this.counts = new QTable(options.numStates, options.numActions);
    this.epsilon = options.epsilon;
    this.gamma = options.gamma;
    this.alpha = options.alpha;
    this.rng = options.rng;
  }

  /** Forgets the previous episode's transitions. */
  beginEpisode(_obs: number): void {
    this.episode = [];
  }

  /** Epsilon-greedy in `obs`. */
  act(obs: number): number {
    return epsilonGreedy(this.q.row(obs), this.epsilon, this.rng);
  }

  /** Stores `t`; at the end of the episode, updates every first-visited pair. */
  observe(t: Transition): void {
    this.episode.push(t);
    if (!t.terminated && !t.truncated) return;
    const numActions = this.q.numActions;
    const firstVisit = new Map<number, number>();
    this.episode.forEach((step, i) => {
      const pair = step.obs * numActions + step.action;
      if (!firstVisit.has(pair)) firstVisit.set(pair, i);
    });
    let g = 0;
    for (let i = this.episode.length - 1; i >= 0; i--) {
      const { obs, action, reward } = this.episode[i];
      g = reward + this.gamma * g;
      if (firstVisit.get(obs * numActions + action) !== i) continue;
      const n = this.counts.get(obs, action) + 1;
      this.counts.set(obs, action, n);
      const stepSize = this.alpha ?? 1 / n;
      const old = this.q.get(obs, action);
      this.q.set(obs, action, old + stepSize * (g - old));
    }
  }
}

/**
 * The SARSA update (Sutton and Barto, 6.7), in place:
 * `Q(S, A) += alpha [R + gamma Q(S', A') - Q(S, A)]`, where `A' = nextAction` is the action
 * the agent will take in `S'`. When `t.terminated`, the target is just `R` (a terminal state
 * has value 0) and `nextAction` is ignored; when only `t.truncated`, `S'` still has a value
 * and the target bootstraps as usual.
 *
 * @returns the TD error `delta = target - Q(S, A)` (before the update).
 */
export function sarsaUpdate(
  q: QTable,
  t: Transition,
  nextAction: number,
  options: UpdateOptions,
): number {
  const { alpha, gamma } = options;
  const target = t.terminated ? t.reward : t.reward + gamma * q.get(t.nextObs, nextAction);
  const delta = target - q.get(t.obs, t.action);
  q.set(t.obs, t.action, q.get(t.obs, t.action) + alpha * delta);
  return delta;
}

/**
 * The SARSA agent: on-policy TD control with an epsilon-greedy policy.
 *
 * SARSA's target uses the action it will really take next, so the agent chooses `A'` in
 * `observe` and plays it at the next `act`:
 * - `observe(t)`: unless `t.terminated`, choose `A' = epsilonGreedy(q.row(t.nextObs),
 *   epsilon, rng)` (also when truncated: the target needs it) and keep it in `nextAction`;
 *   then `sarsaUpdate(q, t, A', { alpha, gamma })` (with `A' = 0` when terminated).
 * - `act(obs)`: return `nextAction` if one is pending (and clear it), else
 *   `epsilonGreedy(q.row(obs), epsilon, rng)`.
 * - `beginEpisode()`: clear `nextAction` (after a truncation one may be left over).
 */
export class SarsaAgent implements TabularAgent {
  /** Action-value estimates. */
  readonly q: QTable;
  /** Exploration probability (may be changed between episodes). */
  epsilon: number;
  /** Step size. */
  readonly alpha: number;
  /** Discount factor. */
  readonly gamma: number;
  /** The agent's generator. */
  readonly rng: Generator;
  /** The action chosen for the next state by the last `observe`, not yet played. */
  nextAction: number | undefined = undefined;

  /** An agent with `Q = initialValue` everywhere. */
  constructor(options: TabularAgentOptions) {
    this.q = new QTable(options.numStates, options.numActions, options.initialValue ?? 0);
    this.epsilon = options.epsilon;
    this.alpha = options.alpha;
    this.gamma = options.gamma;
    this.rng = options.rng;
  }

  /** Drops an action left over from a truncated episode. */
  beginEpisode(_obs: number): void {
    this.nextAction = undefined;
  }

  /** The pending `A'`, or a fresh epsilon-greedy action at the start of an episode. */
  act(obs: number): number {
    const pending = this.nextAction;
    this.nextAction = undefined;
    return pending ?? epsilonGreedy(this.q.row(obs), this.epsilon, this.rng);
  }

  /** Chooses `A'` (unless terminated) and applies the SARSA update. */
  observe(t: Transition): void {
    this.nextAction = t.terminated
      ? undefined
      : epsilonGreedy(this.q.row(t.nextObs), this.epsilon, this.rng);
    sarsaUpdate(this.q, t, this.nextAction ?? 0, { alpha: this.alpha, gamma: this.gamma });
  }
}

/**
 * The Q-learning update (Sutton and Barto, 6.8), in place:
 * `Q(S, A) += alpha [R + gamma max_a Q(S', a) - Q(S, A)]`. When `t.terminated` the target
 * is just `R`; when only `t.truncated` it bootstraps as usual.
 *
 * @returns the TD error `delta = target - Q(S, A)` (before the update).
 */
export function qLearningUpdate(q: QTable, t: Transition, options: UpdateOptions): number {
  const { alpha, gamma } = options;
  const target = t.terminated ? t.reward : t.reward + gamma * q.maxValue(t.nextObs);
  const delta = target - q.get(t.obs, t.action);
  q.set(t.obs, t.action, q.get(t.obs, t.action) + alpha * delta);
  return delta;
}

/**
 * The Q-learning agent: off-policy TD control.
 * - `act(obs)`: `epsilonGreedy(q.row(obs), epsilon, rng)`.
 * - `observe(t)`: `qLearningUpdate(q, t, { alpha, gamma })` (no random draws).
 * - `beginEpisode()`: nothing to clear.
 */
export class QLearningAgent implements TabularAgent {
  /** Action-value estimates. */
  readonly q: QTable;
  /** Exploration probability (may be changed between episodes). */
  epsilon: number;
  /** Step size. */
  readonly alpha: number;
  /** Discount factor. */
  readonly gamma: number;
  /** The agent's generator. */
  readonly rng: Generator;

  /** An agent with `Q = initialValue` everywhere. */
  constructor(options: TabularAgentOptions) {
    this.q = new QTable(options.numStates, options.numActions, options.initialValue ?? 0);
    this.epsilon = options.epsilon;
    this.alpha = options.alpha;
    this.gamma = options.gamma;
    this.rng = options.rng;
  }

  /** Nothing belongs to one episode. */
  beginEpisode(_obs: number): void {}

  /** Epsilon-greedy in `obs`. */
  act(obs: number): number {
    return epsilonGreedy(this.q.row(obs), this.epsilon, this.rng);
  }

  /** The Q-learning update. */
  observe(t: Transition): void {
    qLearningUpdate(this.q, t, { alpha: this.alpha, gamma: this.gamma });
  }
}

/**
 * The Expected SARSA update (Sutton and Barto, 6.9), in place:
 * `Q(S, A) += alpha [R + gamma sum_a pi(a | S') Q(S', a) - Q(S, A)]`, where `pi` is the
 * epsilon-greedy policy of `epsilonGreedy`: every action has probability
 * `epsilon / numActions`, and the `k` greedy actions (ties included) share `1 - epsilon` on
 * top, `(1 - epsilon) / k` each. When `t.terminated` the target is just `R`; when only
 * `t.truncated` it bootstraps as usual.
 *
 * @returns the TD error `delta = target - Q(S, A)` (before the update).
 */
export function expectedSarsaUpdate(
  q: QTable,
  t: Transition,
  options: UpdateOptions & { epsilon: number },
): number {
  const { alpha, gamma, epsilon } = options;
  let target = t.reward;
  if (!t.terminated) {
    const row = q.row(t.nextObs);
    const best = q.maxValue(t.nextObs);
    let numGreedy = 0;
    for (let a = 0; a < row.length; a++) if (row[a] === best) numGreedy++;
    let expected = 0;
    for (let a = 0; a < row.length; a++) {
      const p = epsilon / row.length + (row[a] === best ? (1 - epsilon) / numGreedy : 0);
      expected += p * row[a];
    }
    target += gamma * expected;
  }
  const delta = target - q.get(t.obs, t.action);
  q.set(t.obs, t.action, q.get(t.obs, t.action) + alpha * delta);
  return delta;
}

/**
 * The Expected SARSA agent.
 * - `act(obs)`: `epsilonGreedy(q.row(obs), epsilon, rng)`.
 * - `observe(t)`: `expectedSarsaUpdate(q, t, { alpha, gamma, epsilon })` (no random draws).
 * - `beginEpisode()`: nothing to clear.
 */
export class ExpectedSarsaAgent implements TabularAgent {
  /** Action-value estimates. */
  readonly q: QTable;
  /** Exploration probability of the policy that acts and that the target averages over. */
  epsilon: number;
  /** Step size. */
  readonly alpha: number;
  /** Discount factor. */
  readonly gamma: number;
  /** The agent's generator. */
  readonly rng: Generator;

  /** An agent with `Q = initialValue` everywhere. */
  constructor(options: TabularAgentOptions) {
    this.q = new QTable(options.numStates, options.numActions, options.initialValue ?? 0);
    this.epsilon = options.epsilon;
    this.alpha = options.alpha;
    this.gamma = options.gamma;
    this.rng = options.rng;
  }

  /** Nothing belongs to one episode. */
  beginEpisode(_obs: number): void {}

  /** Epsilon-greedy in `obs`. */
  act(obs: number): number {
    return epsilonGreedy(this.q.row(obs), this.epsilon, this.rng);
  }

  /** The Expected SARSA update. */
  observe(t: Transition): void {
    expectedSarsaUpdate(this.q, t, { alpha: this.alpha, gamma: this.gamma, epsilon: this.epsilon });
  }
}

/**
 * One Double Q-learning update (Sutton and Barto, 6.10), in place on `qUpdate` only:
 * `A* = argmax_a qUpdate(S', a)` (the lowest action among ties), then
 * `qUpdate(S, A) += alpha [R + gamma qEvaluate(S', A*) - qUpdate(S, A)]`.
 * One table picks the action, the other says what it is worth. When `t.terminated` the
 * target is just `R`; when only `t.truncated` it bootstraps as usual.
 *
 * @returns the TD error (before the update).
 */
export function doubleQLearningUpdate(
  qUpdate: QTable,
  qEvaluate: QTable,
  t: Transition,
  options: UpdateOptions,
): number {
  const { alpha, gamma } = options;
  const target = t.terminated
    ? t.reward
    : t.reward + gamma * qEvaluate.get(t.nextObs, qUpdate.greedyAction(t.nextObs));
  const delta = target - qUpdate.get(t.obs, t.action);
  qUpdate.set(t.obs, t.action, qUpdate.get(t.obs, t.action) + alpha * delta);
  return delta;
}

/**
 * The Double Q-learning agent: two tables, each updated towards the other's estimate.
 * - `act(obs)`: `epsilonGreedy` on the sum `q1(obs, a) + q2(obs, a)`.
 * - `observe(t)`: `u = rng.random()` (one draw, on every transition); if `u < 0.5`,
 *   `doubleQLearningUpdate(q1, q2, t, ...)`, else `doubleQLearningUpdate(q2, q1, t, ...)`.
 * - `q`: a new table `(q1 + q2) / 2`, computed on each read.
 * - `beginEpisode()`: nothing to clear.
 */
export class DoubleQLearningAgent implements TabularAgent {
  /** The first table. */
  readonly q1: QTable;
  /** The second table. */
  readonly q2: QTable;
  /** Exploration probability (may be changed between episodes). */
  epsilon: number;
  /** Step size. */
  readonly alpha: number;
  /** Discount factor. */
  readonly gamma: number;
  /** The agent's generator. */
  readonly rng: Generator;

  /** An agent with both tables equal to `initialValue` everywhere. */
  constructor(options: TabularAgentOptions) {
    this.q1 = new QTable(options.numStates, options.numActions, options.initialValue ?? 0);
    this.q2 = new QTable(options.numStates, options.numActions, options.initialValue ?? 0);
    this.epsilon = options.epsilon;
    this.alpha = options.alpha;
    this.gamma = options.gamma;
    this.rng = options.rng;
  }

  /** The average of the two tables (a fresh copy). */
  get q(): QTable {
    const mean = this.q1.clone();
    for (let i = 0; i < mean.values.length; i++) {
      mean.values[i] = (this.q1.values[i] + this.q2.values[i]) / 2;
    }
    return mean;
  }

  /** Nothing belongs to one episode. */
  beginEpisode(_obs: number): void {}

  /** Epsilon-greedy on `q1 + q2`. */
  act(obs: number): number {
    const a = this.q1.row(obs);
    const b = this.q2.row(obs);
    const sum = new Float64Array(a.length);
    for (let i = 0; i < a.length; i++) sum[i] = a[i] + b[i];
    return epsilonGreedy(sum, this.epsilon, this.rng);
  }

  /** Updates one table, chosen by a fair coin, towards the other. */
  observe(t: Transition): void {
    const options = { alpha: this.alpha, gamma: this.gamma };
    if (this.rng.random() < 0.5) doubleQLearningUpdate(this.q1, this.q2, t, options);
    else doubleQLearningUpdate(this.q2, this.q1, t, options);
  }
}

/**
 * One step of SARSA(lambda) with eligibility traces (Sutton and Barto, 12.7), in place on
 * `q` and `traces` (a table of the same shape):
 * 1. `delta = R + gamma Q(S', A') - Q(S, A)`, or `R - Q(S, A)` when `t.terminated`
 *    (`nextAction` is then ignored; a truncated step bootstraps as usual);
 * 2. mark the visited pair: `e(S, A) += 1` (accumulating) or `e(S, A) = 1` (replacing);
 * 3. for every pair: `Q += alpha delta e`, then `e *= gamma lambda`.
 *
 * @returns the TD error `delta`.
 */
export function sarsaLambdaUpdate(
  q: QTable,
  traces: QTable,
  t: Transition,
  nextAction: number,
  options: SarsaLambdaUpdateOptions,
): number {
  const { alpha, gamma, lambda } = options;
  const target = t.terminated ? t.reward : t.reward + gamma * q.get(t.nextObs, nextAction);
  const delta = target - q.get(t.obs, t.action);
  const marked = options.traces === "accumulating" ? traces.get(t.obs, t.action) + 1 : 1;
  traces.set(t.obs, t.action, marked);
  const qs = q.values;
  const es = traces.values;
  for (let i = 0; i < qs.length; i++) {
    qs[i] += alpha * delta * es[i];
    es[i] *= gamma * lambda;
  }
  return delta;
}

/**
 * The SARSA(lambda) agent: SARSA whose TD errors also update the pairs visited earlier in the
 * episode, weighted by their eligibility traces.
 * - `act(obs)` and the choice of `A'` in `observe` exactly as in {@link SarsaAgent};
 * - `observe(t)`: choose `A'` (unless terminated), then `sarsaLambdaUpdate(q, traces, t, A',
 *   { alpha, gamma, lambda, traces })` (with `A' = 0` when terminated);
 * - `beginEpisode()`: clear the pending action and set every trace to 0: credit must not
 *   flow back into the previous episode.
 */
export class SarsaLambdaAgent implements TabularAgent {
  /** Action-value estimates. */
  readonly q: QTable;
  /** Eligibility traces `e(s, a)`, same shape as `q`. */
  readonly traces: QTable;
  /** Exploration probability (may be changed between episodes). */
  epsilon: number;
  /** Step size. */
  readonly alpha: number;
  /** Discount factor. */
  readonly gamma: number;
  /** Trace decay. */
  readonly lambda: number;
  /** Accumulating or replacing traces. */
  readonly traceKind: TraceKind;
  /** The agent's generator. */
  readonly rng: Generator;
  /** The action chosen for the next state by the last `observe`, not yet played. */
  nextAction: number | undefined = undefined;

  /** An agent with `Q = initialValue` everywhere and zero traces. */
  constructor(options: SarsaLambdaAgentOptions) {
    this.q = new QTable(options.numStates, options.numActions, options.initialValue ?? 0);
    this.traces = new QTable(options.numStates, options.numActions);
    this.epsilon = options.epsilon;
    this.alpha = options.alpha;
    this.gamma = options.gamma;
    this.lambda = options.lambda;
    this.traceKind = options.traces;
    this.rng = options.rng;
  }

  /** Zeroes the traces and drops a pending action. */
  beginEpisode(_obs: number): void {
    this.traces.fill(0);
    this.nextAction = undefined;
  }

  /** The pending `A'`, or a fresh epsilon-greedy action at the start of an episode. */
  act(obs: number): number {
    const pending = this.nextAction;
    this.nextAction = undefined;
    return pending ?? epsilonGreedy(this.q.row(obs), this.epsilon, this.rng);
  }

  /** Chooses `A'` (unless terminated) and applies the SARSA(lambda) update. */
  observe(t: Transition): void {
    this.nextAction = t.terminated
      ? undefined
      : epsilonGreedy(this.q.row(t.nextObs), this.epsilon, this.rng);
    sarsaLambdaUpdate(this.q, this.traces, t, this.nextAction ?? 0, {
      alpha: this.alpha,
      gamma: this.gamma,
      lambda: this.lambda,
      traces: this.traceKind,
    });
  }
}
