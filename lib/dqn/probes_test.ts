import { assert, assertEquals } from "@std/assert";
import { Generator, make } from "../gym/mod.ts";
import { PROBE_ARGS, probeCases } from "./probes.ts";
import { dqnArgs } from "./args.ts";

/**
 * The discounted return of taking `action` after a reset showing `obs`, then acting
 * optimally: computed by stepping the probe itself, an independent check of the table.
 */
function rolloutValue(envId: string, obs: number, action: number, gamma: number): number {
  const env = make(envId);
  for (let seed = 0; seed < 100; seed++) {
    const [first] = env.reset({ seed });
    if (first[0] !== obs) continue;
    let [next, reward, terminated] = env.step(action);
    let value = reward;
    let discount = gamma;
    while (!terminated) {
      // After the first step, Probe3 (the only two-step probe) has a single action.
      [next, reward, terminated] = env.step(0);
      value += discount * reward;
      discount *= gamma;
    }
    assert(next.length === 1);
    return value;
  }
  throw new Error(`${envId} never showed observation ${obs}`);
}

Deno.test("probeCases match the discounted returns of the probe environments", () => {
  for (const gamma of [0.5, 0.99]) {
    for (const probe of probeCases(gamma)) {
      probe.observations.forEach((obs, k) => {
        probe.expected[k].forEach((expected, action) => {
          assertEquals(rolloutValue(probe.envId, obs, action, gamma), expected, `${probe.envId}`);
        });
      });
    }
  }
});

Deno.test("PROBE_ARGS are valid DQN arguments for every probe", () => {
  for (const probe of probeCases(PROBE_ARGS.gamma)) dqnArgs({ ...PROBE_ARGS, envId: probe.envId });
  assertEquals(Generator.fromSeed(PROBE_ARGS.seed).random() < 1, true);
});
