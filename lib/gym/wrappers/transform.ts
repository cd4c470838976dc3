/**
 * Small functional wrappers: `TransformObservation`, `TransformReward`, `ClipAction`.
 *
 * @module
 */
import { type Env, type Info, type ResetArgs, type StepResult, Wrapper } from "../core.ts";
import { Box, type Space } from "../spaces.ts";

/**
 * Applies `f` to every observation (from `reset` and `step`). Pass the new observation space
 * when `f` changes the shape, type or bounds.
 */
export class TransformObservation<Obs, Act, InnerObs = Obs>
  extends Wrapper<Obs, Act, InnerObs, Act> {
  private readonly f: (obs: InnerObs) => Obs;

  /** Wraps `env` with the observation map `f`. */
  constructor(env: Env<InnerObs, Act>, f: (obs: InnerObs) => Obs, observationSpace?: Space<Obs>) {
    super(env);
    this.f = f;
    if (observationSpace !== undefined) this.observationSpace = observationSpace;
  }

  /** Resets and transforms the observation. */
  override reset(args: ResetArgs = {}): [Obs, Info] {
    const [obs, info] = this.env.reset(args);
    return [this.f(obs), info];
  }

  /** Steps and transforms the observation. */
  override step(action: Act): StepResult<Obs> {
    const [obs, reward, terminated, truncated, info] = this.env.step(action);
    return [this.f(obs), reward, terminated, truncated, info];
  }
}

/** Applies `f` to every reward. */
export class TransformReward<Obs, Act> extends Wrapper<Obs, Act> {
  private readonly f: (reward: number) => number;

  /** Wraps `env` with the reward map `f`. */
  constructor(env: Env<Obs, Act>, f: (reward: number) => number) {
    super(env);
    this.f = f;
  }

  /** Steps and transforms the reward. */
  override step(action: Act): StepResult<Obs> {
    const result = this.env.step(action);
    result[1] = this.f(result[1]);
    return result;
  }
}

type FloatArray = Float32Array | Float64Array;

/**
 * Clips every continuous action to the action space's bounds before passing it on
 * (Gymnasium 0.29.1: the exposed action space is unchanged). Accepts a typed array or a
 * number array; passes on a new array of the space's dtype.
 */
export class ClipAction<Obs, Act extends FloatArray> extends Wrapper<Obs, Act | number[]> {
  private readonly box: Box<"float32" | "float64">;

  /** Wraps `env`, whose action space must be a `Box`. */
  constructor(env: Env<Obs, Act>) {
    super(env as unknown as Env<Obs, Act | number[]>);
    if (!(env.actionSpace instanceof Box)) {
      throw new TypeError(`ClipAction needs a Box action space, got ${env.actionSpace}`);
    }
    this.box = env.actionSpace as Box<"float32" | "float64">;
  }

  /** Clips `action` to `[low, high]` and steps. */
  override step(action: Act | number[]): StepResult<Obs> {
    const { low, high, size, dtype } = this.box;
    if (action.length !== size) {
      throw new RangeError(
        `ClipAction: expected an action of ${size} values, got ${action.length}`,
      );
    }
    const clipped = dtype === "float64" ? new Float64Array(size) : new Float32Array(size);
    for (let i = 0; i < size; i++) clipped[i] = Math.min(Math.max(action[i], low[i]), high[i]);
    return this.env.step(clipped as Act);
  }
}
