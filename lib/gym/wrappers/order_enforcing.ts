/**
 * `OrderEnforcing`: `step` (and `render`) before the first `reset` is an error
 * (Gymnasium 0.29.1's `ResetNeeded`).
 *
 * @module
 */
import { type Env, type Info, type ResetArgs, type StepResult, Wrapper } from "../core.ts";

/** Options of `OrderEnforcing`. */
export interface OrderEnforcingOptions {
  /** Allow `render()` before `reset()` (default false). */
  disableRenderOrderEnforcing?: boolean;
}

/** Raised when an environment is stepped or rendered before it was reset. */
export class ResetNeeded extends Error {
  /** An error with the given message. */
  constructor(message: string) {
    super(message);
    this.name = "ResetNeeded";
  }
}

/** Throws `ResetNeeded` on `step()` or `render()` before the first `reset()`. */
export class OrderEnforcing<Obs, Act> extends Wrapper<Obs, Act> {
  private resetCalled = false;
  private readonly disableRenderOrderEnforcing: boolean;

  /** Wraps `env`. */
  constructor(env: Env<Obs, Act>, options: OrderEnforcingOptions = {}) {
    super(env);
    this.disableRenderOrderEnforcing = options.disableRenderOrderEnforcing ?? false;
  }

  /** Whether `reset()` has been called. */
  get hasReset(): boolean {
    return this.resetCalled;
  }

  /** Steps the inner env, or throws `ResetNeeded` if it was never reset. */
  override step(action: Act): StepResult<Obs> {
    if (!this.resetCalled) {
      throw new ResetNeeded(
        `Cannot call env.step() before calling env.reset() (${this.env}). ` +
          "Call env.reset() (optionally with a seed) to start an episode first.",
      );
    }
    return this.env.step(action);
  }

  /** Resets the inner env. */
  override reset(args: ResetArgs = {}): [Obs, Info] {
    this.resetCalled = true;
    return this.env.reset(args);
  }

  /** Renders, or throws `ResetNeeded` if the env was never reset. */
  override render(): string | undefined {
    if (!this.disableRenderOrderEnforcing && !this.resetCalled) {
      throw new ResetNeeded(
        "Cannot call env.render() before calling env.reset(); if this is intended, create " +
          "OrderEnforcing with { disableRenderOrderEnforcing: true }.",
      );
    }
    return this.env.render();
  }
}
