/**
 * The environment API (Gymnasium 0.29.1's `Env` and `Wrapper` in TypeScript naming).
 *
 * An environment is reset to an initial observation, then stepped with actions:
 *
 * ```ts
 * let [obs, info] = env.reset({ seed: 42 });
 * for (;;) {
 *   const [next, reward, terminated, truncated] = env.step(policy(obs));
 *   obs = next;
 *   if (terminated || truncated) break;
 * }
 * ```
 *
 * `terminated` means the MDP reached a terminal state (no bootstrapping past it);
 * `truncated` means the episode was cut short (e.g. a time limit), the state is not terminal.
 *
 * @module
 */
import { Generator, npRandom, type Seed } from "./seeding.ts";
import type { Space } from "./spaces.ts";

/** Auxiliary diagnostic information returned by `reset` and `step`. */
export type Info = Record<string, unknown>;

/** What `step` returns: `[observation, reward, terminated, truncated, info]`. */
export type StepResult<O> = [
  obs: O,
  reward: number,
  terminated: boolean,
  truncated: boolean,
  info: Info,
];

/** Arguments of `reset`. */
export interface ResetArgs {
  /** Reseeds the environment's generator (an episode-independent, reproducible start). */
  seed?: Seed;
  /** Environment-specific reset options (e.g. CartPole's `{ low, high }`). */
  options?: Record<string, unknown>;
}

/** Static facts about an environment class. */
export interface EnvMetadata {
  /** Render modes the environment supports, e.g. `["svg"]` or `["ansi"]`. */
  renderModes: string[];
  /** Frames per second to play rendered frames at. */
  renderFps?: number;
}

/** The registration record of an environment (see `registration.ts`). */
export interface EnvSpec {
  /** Id such as `"CartPole-v1"`. */
  id: string;
  /** Creates the bare environment from its options. */
  // deno-lint-ignore no-explicit-any
  entryPoint: (options: Record<string, any>) => Env<any, any>;
  /** Steps after which `make` truncates an episode (TimeLimit), if any. */
  maxEpisodeSteps?: number;
  /** Average return at which the task counts as solved, if defined. */
  rewardThreshold?: number;
  /** Whether the environment is stochastic even when seeded. */
  nondeterministic: boolean;
  /** Whether `make` adds the OrderEnforcing wrapper. */
  orderEnforce: boolean;
  /** Whether `make` skips the environment checker. */
  disableEnvChecker: boolean;
  /** Default options passed to `entryPoint`. */
  kwargs: Record<string, unknown>;
}

/**
 * An environment with observations of type `Obs` and actions of type `Act`.
 *
 * Subclasses set `actionSpace` and `observationSpace` (fields), `metadata`, and `renderMode`,
 * and implement `step`, `reset` (calling `super.reset({ seed })` first so that a given seed
 * reseeds `npRandom`), and `render` when they support rendering.
 */
export abstract class Env<Obs, Act> {
  /** The set of valid actions. */
  abstract actionSpace: Space<Act>;
  /** The set of possible observations. */
  abstract observationSpace: Space<Obs>;
  /** Supported render modes and frame rate. */
  metadata: EnvMetadata = { renderModes: [] };
  /** The render mode chosen at construction (`make(id, { renderMode })`), if any. */
  renderMode?: string;
  /** The registration spec, set by `make`. */
  spec?: EnvSpec;
  private rng?: Generator;

  /** The environment's generator; created from OS entropy on first use unless seeded. */
  get npRandom(): Generator {
    if (this.rng === undefined) [this.rng] = npRandom();
    return this.rng;
  }

  set npRandom(generator: Generator) {
    this.rng = generator;
  }

  /**
   * Starts a new episode and returns `[observation, info]`.
   *
   * This base implementation only reseeds `npRandom` when `seed` is given (Gymnasium's
   * `super().reset(seed=seed)`); every environment overrides `reset`, calls it first, and
   * returns its own initial observation.
   */
  reset({ seed }: ResetArgs = {}): [Obs, Info] {
    if (seed !== undefined) [this.rng] = npRandom(seed);
    return undefined as unknown as [Obs, Info];
  }

  /** Applies `action` and returns `[obs, reward, terminated, truncated, info]`. */
  abstract step(action: Act): StepResult<Obs>;

  /** A frame in the chosen `renderMode` (SVG markup for "svg", text for "ansi"). */
  render(): string | undefined {
    return undefined;
  }

  /** Releases resources; the default has none. */
  close(): void {}

  /** The innermost environment (itself, for an environment that is not a wrapper). */
  get unwrapped(): Env<unknown, unknown> {
    return this as Env<unknown, unknown>;
  }

  /** `ClassName<spec id>` like Gymnasium's `str(env)`. */
  toString(): string {
    return this.spec ? `${this.constructor.name}<${this.spec.id}>` : this.constructor.name;
  }
}

/**
 * Wraps an environment to change part of its behaviour; everything not overridden is
 * forwarded to the inner environment. `Obs`/`Act` are what the wrapper exposes, `InnerObs`/
 * `InnerAct` what the wrapped environment uses (equal unless the wrapper transforms them).
 */
export class Wrapper<Obs, Act, InnerObs = Obs, InnerAct = Act> extends Env<Obs, Act> {
  /** The wrapped environment. */
  readonly env: Env<InnerObs, InnerAct>;
  /** The inner action space, unless this wrapper assigns its own. */
  actionSpace: Space<Act>;
  /** The inner observation space, unless this wrapper assigns its own. */
  observationSpace: Space<Obs>;

  /**
   * Wraps `env`, sharing its spaces, metadata, render mode and spec (copied once here: they
   * are fixed when an environment is constructed, and plain fields keep `step` loops fast).
   */
  constructor(env: Env<InnerObs, InnerAct>) {
    super();
    if (!(env instanceof Env)) {
      throw new TypeError(`Wrapper expects an Env, got ${String(env)}`);
    }
    this.env = env;
    this.actionSpace = env.actionSpace as unknown as Space<Act>;
    this.observationSpace = env.observationSpace as unknown as Space<Obs>;
    this.metadata = env.metadata;
    this.renderMode = env.renderMode;
    this.spec = env.spec;
  }

  /** The inner environment's generator. */
  override get npRandom(): Generator {
    return this.env.npRandom;
  }

  override set npRandom(generator: Generator) {
    this.env.npRandom = generator;
  }

  /** Forwards to the inner environment. */
  override reset(args: ResetArgs = {}): [Obs, Info] {
    return this.env.reset(args) as unknown as [Obs, Info];
  }

  /** Forwards to the inner environment. */
  step(action: Act): StepResult<Obs> {
    return this.env.step(action as unknown as InnerAct) as unknown as StepResult<Obs>;
  }

  /** Forwards to the inner environment. */
  override render(): string | undefined {
    return this.env.render();
  }

  /** Forwards to the inner environment. */
  override close(): void {
    this.env.close();
  }

  /** The innermost environment. */
  override get unwrapped(): Env<unknown, unknown> {
    return this.env.unwrapped;
  }

  /** `Outer<Inner<...>>` like Gymnasium. */
  override toString(): string {
    return `${this.constructor.name}<${this.env}>`;
  }
}
