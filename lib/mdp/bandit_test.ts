import { assert, assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import type { Generator } from "../gym/seeding.ts";
import { type BanditAgent, runBanditExperiment } from "./bandit.ts";

/** Always pulls the same arm. */
class FixedArm implements BanditAgent {
  constructor(readonly arm: number) {}
  getAction() {
    return this.arm;
  }
  observe() {}
}

/** Pulls uniformly random arms from its own generator. */
class Uniform implements BanditAgent {
  constructor(readonly k: number, readonly rng: Generator) {}
  getAction() {
    return this.rng.integers(0, this.k);
  }
  observe() {}
}

Deno.test("runBanditExperiment returns per-run curves and their averages", () => {
  const result = runBanditExperiment({
    makeAgent: () => new FixedArm(3),
    runs: 4,
    steps: 50,
    seed: 0,
  });
  assertEquals(result.rewards.length, 4);
  assertEquals(result.optimal[0].length, 50);
  for (const t of [0, 17, 49]) {
    const mean = result.rewards.reduce((sum, run) => sum + run[t], 0) / 4;
    assertAlmostEquals(result.meanReward[t], mean, 1e-12);
    const fraction = result.optimal.reduce((sum, run) => sum + run[t], 0) / 4;
    assertAlmostEquals(result.optimalFraction[t], fraction, 1e-12);
  }
  // A fixed arm is optimal in a run either at every step or never (stationary arms).
  for (const run of result.optimal) assert(run.every((x) => x === run[0]));
});

Deno.test("runBanditExperiment is reproducible and gives every run its own problem", () => {
  const once = () =>
    runBanditExperiment({
      makeAgent: (k, rng) => new Uniform(k, rng),
      runs: 3,
      steps: 20,
      seed: 9,
    });
  const a = once();
  const b = once();
  assertEquals(a.rewards, b.rewards);
  assert(a.rewards[0][0] !== a.rewards[1][0]);
});

Deno.test("a random agent picks the best of 10 arms about 10% of the time", () => {
  const { optimalFraction } = runBanditExperiment({
    makeAgent: (k, rng) => new Uniform(k, rng),
    runs: 100,
    steps: 100,
    seed: 1,
  });
  const overall = optimalFraction.reduce((x, y) => x + y, 0) / optimalFraction.length;
  // 10,000 Bernoulli(0.1) draws: standard deviation 0.003; 0.015 is 5 deviations.
  assert(Math.abs(overall - 0.1) < 0.015, `fraction ${overall}`);
});

Deno.test("runBanditExperiment rejects bad sizes and invalid arms clearly", () => {
  assertThrows(
    () => runBanditExperiment({ makeAgent: () => new FixedArm(0), runs: 0, steps: 5, seed: 0 }),
    Error,
    "runs must be a positive integer",
  );
  assertThrows(
    () => runBanditExperiment({ makeAgent: () => new FixedArm(10), runs: 1, steps: 5, seed: 0 }),
    Error,
    "chose arm 10 at step 0",
  );
});
