/**
 * `EnvChecker`: catches API misuse at the boundary, with messages that say what is wrong
 * (the role of Gymnasium's `PassiveEnvChecker`, made stricter for learners).
 *
 * - Every step: the action must be in the action space (error naming the space and the
 *   action), the observation must not contain NaN, the reward must be a number (not NaN),
 *   `terminated`/`truncated` must be booleans.
 * - First reset and first step: the result's structure is checked and an observation outside
 *   the observation space is reported once with `console.warn` (as Gymnasium warns).
 *
 * @module
 */
import { Env, type Info, type ResetArgs, type StepResult, Wrapper } from "../core.ts";
import { Space } from "../spaces.ts";

/** A short printable form of an action or observation for error messages. */
export function describeValue(value: unknown): string {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const items = Array.from(value as unknown as ArrayLike<number>).slice(0, 8);
    const more = (value as unknown as ArrayLike<number>).length > 8 ? ", ..." : "";
    return `${value.constructor.name} [${items.join(", ")}${more}]`;
  }
  if (typeof value === "number" || typeof value === "boolean" || value === undefined) {
    return String(value);
  }
  if (typeof value === "string") return JSON.stringify(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "object") return value.constructor?.name ?? "object";
  return typeof value;
}

/** Whether a number, typed array or (nested) array contains NaN. */
export function containsNaN(value: unknown): boolean {
  if (typeof value === "number") return Number.isNaN(value);
  if (value instanceof Float32Array || value instanceof Float64Array) {
    for (let i = 0; i < value.length; i++) if (value[i] !== value[i]) return true;
    return false;
  }
  if (Array.isArray(value)) return value.some(containsNaN);
  if (typeof value === "object" && value !== null && !ArrayBuffer.isView(value)) {
    return Object.values(value).some(containsNaN);
  }
  return false;
}

/** Checks actions and results of the wrapped environment (see the module doc). */
export class EnvChecker<Obs, Act> extends Wrapper<Obs, Act> {
  private checkedReset = false;
  private checkedStep = false;

  /** Wraps `env`; its spaces must be `Space` instances. */
  constructor(env: Env<Obs, Act>) {
    super(env);
    const name = String(env);
    if (!(env.actionSpace instanceof Space)) {
      throw new TypeError(`${name}: actionSpace must be a Space, got ${typeName(env.actionSpace)}`);
    }
    if (!(env.observationSpace instanceof Space)) {
      throw new TypeError(
        `${name}: observationSpace must be a Space, got ${typeName(env.observationSpace)}`,
      );
    }
  }

  /** Resets and checks the result (fully on the first reset). */
  override reset(args: ResetArgs = {}): [Obs, Info] {
    const result = this.env.reset(args);
    if (!this.checkedReset) {
      this.checkedReset = true;
      if (!Array.isArray(result) || result.length !== 2) {
        throw new TypeError(
          `${this.env}: reset() must return [obs, info], got ${describeValue(result)}`,
        );
      }
      this.checkInfo(result[1], "reset");
      this.warnIfOutside(result[0], "reset");
    }
    if (containsNaN(result[0])) {
      throw new RangeError(
        `${this.env}: reset() returned an observation containing NaN: ${describeValue(result[0])}`,
      );
    }
    return result;
  }

  /** Checks the action, steps, and checks the result. */
  override step(action: Act): StepResult<Obs> {
    const space = this.env.actionSpace;
    if (!space.contains(action)) {
      throw new RangeError(
        `${this.env}: invalid action ${describeValue(action)} (${typeName(action)}): ` +
          `it is not in the action space ${space}.`,
      );
    }
    const result = this.env.step(action);
    if (!this.checkedStep) {
      this.checkedStep = true;
      if (!Array.isArray(result) || result.length !== 5) {
        throw new TypeError(
          `${this.env}: step() must return [obs, reward, terminated, truncated, info], got ` +
            describeValue(result),
        );
      }
      this.checkInfo(result[4], "step");
      this.warnIfOutside(result[0], "step");
    }
    const [obs, reward, terminated, truncated] = result;
    if (containsNaN(obs)) {
      throw new RangeError(
        `${this.env}: step(${describeValue(action)}) returned an observation containing NaN: ` +
          describeValue(obs),
      );
    }
    if (typeof reward !== "number" || Number.isNaN(reward)) {
      throw new TypeError(
        `${this.env}: step() returned reward ${
          describeValue(reward)
        }; it must be a number, not NaN`,
      );
    }
    if (typeof terminated !== "boolean" || typeof truncated !== "boolean") {
      throw new TypeError(
        `${this.env}: step() must return booleans for terminated and truncated, got ` +
          `${typeName(terminated)} and ${typeName(truncated)}`,
      );
    }
    return result;
  }

  private checkInfo(info: unknown, method: string): void {
    if (typeof info !== "object" || info === null || Array.isArray(info)) {
      throw new TypeError(`${this.env}: ${method}() must return an info object, got ${info}`);
    }
  }

  private warnIfOutside(obs: unknown, method: string): void {
    if (!this.env.observationSpace.contains(obs)) {
      console.warn(
        `WARN: ${this.env}: the observation returned by ${method}() is not within the ` +
          `observation space ${this.env.observationSpace}: ${describeValue(obs)}`,
      );
    }
  }
}
