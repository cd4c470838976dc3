/**
 * Checks that a tabular environment's `step()` samples the outcomes its model `P` says,
 * with the stated probabilities. Used by the tests of the toy-text environments and
 * usable for any {@linkcode TabularEnv} (e.g. a learner's own grid world).
 *
 * @module
 */
import type { TabularEnv } from "./tabular.ts";

/** Options of {@linkcode checkStepAgainstModel}. */
export interface StepModelCheckOptions {
  /** Steps sampled per (state, action) pair where `P[s][a]` has several outcomes (default 2000). */
  samples?: number;
  /** Seed for the environment's generator (default 0). */
  seed?: number;
  /** Allowed deviation of a frequency, in binomial standard deviations (default 5). */
  sigmas?: number;
}

function outcomeKey(next: number, reward: number, terminated: boolean): string {
  return `${next}|${reward}|${terminated}`;
}

/**
 * For every state `s` and action `a`: puts `env` in `s`, steps `a` (once if `P[s][a]` has
 * a single outcome, else `samples` times) and checks that every observed
 * `(next, reward, terminated)` is an outcome of `P[s][a]`, that `info.prob` is that
 * outcome's probability, and that the frequencies are within `sigmas` binomial standard
 * deviations of the probabilities (outcomes with the same key are pooled).
 *
 * @throws an Error naming the first `(s, a)` and outcome that disagree.
 */
export function checkStepAgainstModel(env: TabularEnv, options: StepModelCheckOptions = {}): void {
  const samples = options.samples ?? 2000;
  const sigmas = options.sigmas ?? 5;
  env.reset({ seed: options.seed ?? 0 });
  for (let s = 0; s < env.numStates; s++) {
    for (let a = 0; a < env.numActions; a++) {
      const expected = new Map<string, number>();
      for (const t of env.P[s][a]) {
        const key = outcomeKey(t.next, t.reward, t.terminated);
        expected.set(key, (expected.get(key) ?? 0) + t.prob);
      }
      const n = env.P[s][a].length === 1 ? 1 : samples;
      const counts = new Map<string, number>();
      for (let i = 0; i < n; i++) {
        env.s = s;
        const [next, reward, terminated, truncated, info] = env.step(a);
        const key = outcomeKey(next, reward, terminated);
        if (!expected.has(key) || truncated) {
          throw new Error(
            `step(${a}) in state ${s} gave (next ${next}, reward ${reward}, terminated ` +
              `${terminated}, truncated ${truncated}), which is not an outcome of P[${s}][${a}]`,
          );
        }
        const probs = env.P[s][a].filter((t) => outcomeKey(t.next, t.reward, t.terminated) === key)
          .map((t) => t.prob);
        if (!probs.includes(info.prob as number)) {
          throw new Error(
            `step(${a}) in state ${s}: info.prob = ${info.prob}, P says ${probs.join(" or ")}`,
          );
        }
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      for (const [key, p] of expected) {
        const freq = (counts.get(key) ?? 0) / n;
        const tolerance = sigmas * Math.sqrt(p * (1 - p) / n) + 1e-12;
        if (Math.abs(freq - p) > tolerance) {
          throw new Error(
            `P[${s}][${a}] outcome (next|reward|terminated) ${key}: probability ${p}, observed ` +
              `frequency ${freq} over ${n} steps (tolerance ${tolerance.toFixed(4)})`,
          );
        }
      }
    }
  }
}
