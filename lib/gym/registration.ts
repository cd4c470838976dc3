/**
 * The environment registry: `register` an id once, `make(id)` builds the environment wrapped
 * like Gymnasium 0.29.1's `gym.make`: `TimeLimit(OrderEnforcing(EnvChecker(env)))` (each
 * layer only when the spec asks for it).
 *
 * @module
 */
import type { Env, EnvSpec } from "./core.ts";
import { EnvChecker } from "./wrappers/env_checker.ts";
import { OrderEnforcing } from "./wrappers/order_enforcing.ts";
import { TimeLimit } from "./wrappers/time_limit.ts";

/** Options of `register`. */
export interface RegisterOptions {
  /** Id such as `"CartPole-v1"` (name, dash, version). */
  id: string;
  /** Creates the bare environment from its options (`kwargs` merged with `make`'s options). */
  // deno-lint-ignore no-explicit-any
  entryPoint: (options: Record<string, any>) => Env<any, any>;
  /** Episode step limit applied by `make` through `TimeLimit`. */
  maxEpisodeSteps?: number;
  /** Average return at which the task counts as solved. */
  rewardThreshold?: number;
  /** Whether the environment is stochastic even when seeded (default false). */
  nondeterministic?: boolean;
  /** Whether `make` adds `OrderEnforcing` (default true). */
  orderEnforce?: boolean;
  /** Whether `make` skips the environment checker (default false). */
  disableEnvChecker?: boolean;
  /** Default options for `entryPoint`. */
  kwargs?: Record<string, unknown>;
}

/** Options of `make`; any other key is passed to the environment's constructor. */
export interface MakeOptions {
  /** Overrides the spec's step limit (`TimeLimit`); `null` removes the limit. */
  maxEpisodeSteps?: number | null;
  /** Render mode, one of the environment's `metadata.renderModes`. */
  renderMode?: string;
  /** Skips the environment checker. */
  disableEnvChecker?: boolean;
  /** Environment-specific options. */
  [option: string]: unknown;
}

/**
 * Observation and action types of registered ids, so that `make("CartPole-v1")` is typed
 * `Env<Float32Array, number>`. Ids not listed here make an `Env<unknown, unknown>`.
 */
export interface EnvTypes {
  /** CartPole (lib/gym/envs/cartpole.ts). */
  "CartPole-v0": [Float32Array, number];
  /** CartPole (lib/gym/envs/cartpole.ts). */
  "CartPole-v1": [Float32Array, number];
  /** Acrobot. */
  "Acrobot-v1": [Float32Array, number];
  /** Mountain car, discrete actions. */
  "MountainCar-v0": [Float32Array, number];
  /** Mountain car, continuous actions. */
  "MountainCarContinuous-v0": [Float32Array, Float32Array];
  /** Pendulum. */
  "Pendulum-v1": [Float32Array, Float32Array];
  /** Frozen lake 4x4 (or a custom map). */
  "FrozenLake-v1": [number, number];
  /** Frozen lake 8x8. */
  "FrozenLake8x8-v1": [number, number];
  /** Cliff walking. */
  "CliffWalking-v0": [number, number];
  /** Taxi. */
  "Taxi-v3": [number, number];
  /** The course's grid world. */
  "GridWorld-v0": [number, number];
  /** k-armed Gaussian bandit. */
  "ArmedBandit-v0": [number, number];
  /** Probe environment 1. */
  "Probe1-v0": [Float32Array, number];
  /** Probe environment 2. */
  "Probe2-v0": [Float32Array, number];
  /** Probe environment 3. */
  "Probe3-v0": [Float32Array, number];
  /** Probe environment 4. */
  "Probe4-v0": [Float32Array, number];
  /** Probe environment 5. */
  "Probe5-v0": [Float32Array, number];
}

/** The environment type `make(id)` returns. */
export type EnvFor<Id extends string> = Id extends keyof EnvTypes
  ? Env<EnvTypes[Id][0], EnvTypes[Id][1]>
  : Env<unknown, unknown>;

const specs = new Map<string, EnvSpec>();

/** All registered specs by id (read-only view). */
export const registry: ReadonlyMap<string, EnvSpec> = specs;

const ID_PATTERN = /^(?:[\w:.-]+\/)?[\w:.-]+?(?:-v\d+)?$/;

function checkPositiveInteger(value: unknown, what: string): void {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError(`${what} must be a positive integer, got ${String(value)}`);
  }
}

/** Registers an environment id; registering an existing id replaces it (with a warning). */
export function register(options: RegisterOptions): void {
  const { id, entryPoint } = options;
  if (typeof id !== "string" || !ID_PATTERN.test(id)) {
    throw new RangeError(
      `register: malformed id ${JSON.stringify(id)}; use "Name-vN", e.g. "CartPole-v1"`,
    );
  }
  if (typeof entryPoint !== "function") {
    throw new TypeError(`register("${id}"): entryPoint must be a function (options) => Env`);
  }
  if (options.maxEpisodeSteps !== undefined) {
    checkPositiveInteger(options.maxEpisodeSteps, `register("${id}"): maxEpisodeSteps`);
  }
  if (specs.has(id)) console.warn(`Overriding environment ${id} already in registry.`);
  specs.set(id, {
    id,
    entryPoint,
    maxEpisodeSteps: options.maxEpisodeSteps,
    rewardThreshold: options.rewardThreshold,
    nondeterministic: options.nondeterministic ?? false,
    orderEnforce: options.orderEnforce ?? true,
    disableEnvChecker: options.disableEnvChecker ?? false,
    kwargs: { ...(options.kwargs ?? {}) },
  });
}

function versionless(id: string): string {
  return id.replace(/-v\d+$/, "");
}

/** The spec registered under `id`; an unknown id is an error that lists the known ids. */
export function spec(id: string): EnvSpec {
  const found = specs.get(id);
  if (found !== undefined) return found;
  const known = [...specs.keys()].sort();
  const sameName = known.filter((k) => versionless(k) === versionless(id));
  const hint = sameName.length > 0
    ? ` Other versions of this environment: ${sameName.join(", ")}.`
    : "";
  throw new Error(
    `No environment registered with id "${id}".${hint} Registered ids: ${
      known.length > 0 ? known.join(", ") : "(none)"
    }.`,
  );
}

/**
 * Creates the environment registered as `id`, wrapped like `gym.make`:
 * `EnvChecker` (unless disabled), then `OrderEnforcing`, then `TimeLimit` (when the spec or
 * `maxEpisodeSteps` sets a limit). Options other than the ones in `MakeOptions` go to the
 * environment's constructor, on top of the spec's `kwargs`.
 */
export function make<Id extends string>(id: Id, options: MakeOptions = {}): EnvFor<Id> {
  const envSpec = spec(id);
  const { maxEpisodeSteps: maxOverride, disableEnvChecker, renderMode, ...envOptions } = options;
  const maxEpisodeSteps = maxOverride === null ? undefined : maxOverride ?? envSpec.maxEpisodeSteps;
  if (maxEpisodeSteps !== undefined) {
    checkPositiveInteger(maxEpisodeSteps, `make("${id}"): maxEpisodeSteps`);
  }
  const kwargs: Record<string, unknown> = { ...envSpec.kwargs, ...envOptions };
  if (renderMode !== undefined) kwargs.renderMode = renderMode;

  // deno-lint-ignore no-explicit-any
  let env: Env<any, any> = envSpec.entryPoint(kwargs);
  const modes = env.metadata.renderModes;
  if (renderMode !== undefined && !modes.includes(renderMode)) {
    env.close();
    throw new RangeError(
      `make("${id}"): render mode "${renderMode}" is not supported; supported modes: ${
        modes.length > 0 ? modes.map((m) => `"${m}"`).join(", ") : "none"
      }.`,
    );
  }
  env.spec = { ...envSpec, maxEpisodeSteps, kwargs };
  if (!(disableEnvChecker ?? envSpec.disableEnvChecker)) env = new EnvChecker(env);
  if (envSpec.orderEnforce) env = new OrderEnforcing(env);
  if (maxEpisodeSteps !== undefined) env = new TimeLimit(env, maxEpisodeSteps);
  return env as EnvFor<Id>;
}
