/**
 * Probe environments for debugging deep RL agents (after Andy Jones' "Debugging RL"):
 * each isolates one piece of an agent, so a failure points at that piece. All have a
 * float32 `Box(-1, 1, [1])` observation and end after one or two steps.
 *
 * | id | actions | what it tests | expected values |
 * | --- | --- | --- | --- |
 * | Probe1-v0 | 1 | value network learns a constant | obs `[0]`, reward +1, 1 step: `V([0]) = Q([0], 0) = 1` |
 * | Probe2-v0 | 1 | value depends on the observation | obs `[+1]` or `[-1]` (1/2 each), reward = obs, 1 step: `V([+1]) = 1`, `V([-1]) = -1` |
 * | Probe3-v0 | 1 | discounting / bootstrapping | obs `[0]`, reward 0, then obs `[1]`, reward +1, 2 steps: `V([0]) = gamma`, `V([1]) = 1` |
 * | Probe4-v0 | 2 | the policy picks the better action | obs `[0]`, reward -1 for action 0, +1 for action 1, 1 step: `Q([0], 0) = -1`, `Q([0], 1) = 1` |
 * | Probe5-v0 | 2 | action must depend on the observation | obs `[-1]` or `[+1]` (1/2 each); action 0 matches `[-1]`, action 1 matches `[+1]`; reward +1 on a match, -1 otherwise, 1 step: `Q([-1], 0) = Q([+1], 1) = 1`, `Q([-1], 1) = Q([+1], 0) = -1` |
 *
 * The random observations of Probe2 and Probe5 are `[+1]` when `npRandom.random() < 0.5`,
 * else `[-1]` (one draw per reset).
 *
 * @module
 */
import { Env, type Info, type ResetArgs, type StepResult } from "../core.ts";
import { Box, Discrete } from "../spaces.ts";
import { checkOptions } from "./options.ts";

/** Which probe, 1 to 5 (see the module documentation). */
export type ProbeNumber = 1 | 2 | 3 | 4 | 5;

/** Options of {@linkcode ProbeEnv}. */
export interface ProbeOptions {
  /** Which probe (1-5). */
  probe: ProbeNumber;
}

/** One of the five probe environments (see the module documentation). */
export class ProbeEnv extends Env<Float32Array, number> {
  /** One action (probes 1-3) or two (4-5). */
  actionSpace: Discrete;
  /** `Box(-1, 1, [1])`, float32. */
  observationSpace: Box;
  /** Which probe this is. */
  readonly probe: ProbeNumber;
  private obs: number | undefined = undefined;

  /** Creates probe `options.probe`. */
  constructor(options: ProbeOptions) {
    super();
    checkOptions("Probe", options, ["probe", "renderMode"]);
    const probe = options?.probe;
    if (![1, 2, 3, 4, 5].includes(probe)) {
      throw new Error(`Probe: probe must be 1, 2, 3, 4 or 5, got ${probe}`);
    }
    this.probe = probe;
    this.observationSpace = new Box({ low: -1, high: 1, shape: [1], dtype: "float32" });
    this.actionSpace = new Discrete(probe >= 4 ? 2 : 1);
    this.metadata = { renderModes: [] };
  }

  /** Starts an episode; Probe2 and Probe5 draw the observation's sign. */
  override reset(
    { seed }: ResetArgs = {},
  ): [Float32Array, Info] {
    super.reset({ seed });
    this.obs = this.probe === 2 || this.probe === 5 ? (this.npRandom.random() < 0.5 ? 1 : -1) : 0;
    return [Float32Array.of(this.obs), {}];
  }

  /** Takes the probe's single (or, for Probe3, first or second) step. */
  step(action: number): StepResult<Float32Array> {
    const obs = this.obs;
    if (obs === undefined) throw new Error(`Probe${this.probe}: call reset() before step()`);
    const n = this.probe >= 4 ? 2 : 1;
    if (!Number.isInteger(action) || action < 0 || action >= n) {
      throw new Error(
        `Probe${this.probe}: action must be ${n === 1 ? "0" : "0 or 1"}, got ${action}`,
      );
    }
    switch (this.probe) {
      case 1:
        return [Float32Array.of(0), 1, true, false, {}];
      case 2:
        return [Float32Array.of(obs), obs, true, false, {}];
      case 3:
        if (obs === 0) {
          this.obs = 1;
          return [Float32Array.of(1), 0, false, false, {}];
        }
        return [Float32Array.of(1), 1, true, false, {}];
      case 4:
        return [Float32Array.of(0), action === 1 ? 1 : -1, true, false, {}];
      case 5: {
        const matches = (action === 0 && obs === -1) || (action === 1 && obs === 1);
        return [Float32Array.of(obs), matches ? 1 : -1, true, false, {}];
      }
    }
  }
}
