import { assertEquals } from "@std/assert";
import { type Env, make } from "../gym/mod.ts";
import { PROBE_ARGS, probeCases } from "./probes.ts";
import { dqnArgs } from "./args.ts";

/**
 * The discounted return of taking `action` in the state showing `obs` (reached from a reset by
 * action 0), then acting with action 0: computed by stepping the probe itself, an independent
 * check of the table. (Only Probe3 has two steps, and it has a single action.)
 */
function rolloutValue(envId: string, obs: number, action: number, gamma: number): number {
  const env = make(envId) as unknown as Env<Float32Array, number>;
  for (let seed = 0; seed < 100; seed++) {
    let [current] = env.reset({ seed });
    let ended = false;
    while (current[0] !== obs && !ended) {
      const [next, , terminated] = env.step(0);
      current = next;
      ended = terminated;
    }
    if (ended) continue;
    let [, reward, terminated] = env.step(action);
    let value = reward;
    let discount = gamma;
    while (!terminated) {
      [, reward, terminated] = env.step(0);
      value += discount * reward;
      discount *= gamma;
    }
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
  for (const probe of probeCases(PROBE_ARGS.gamma)) {
    assertEquals(dqnArgs({ ...PROBE_ARGS, envId: probe.envId }).envId, probe.envId);
  }
});
