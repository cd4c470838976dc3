import { assert, assertEquals, assertThrows } from "@std/assert";
import { Generator } from "../gym/seeding.ts";
import { randomMdp, randomPolicy } from "./random_mdp.ts";

Deno.test("randomMdp draws a valid MDP with the requested sizes and terminal states", () => {
  const env = randomMdp(Generator.fromSeed(1), {
    numStates: 7,
    numActions: 3,
    numTerminal: 2,
    branching: 2,
  });
  assertEquals([env.numStates, env.numActions], [7, 3]);
  assertEquals(env.terminal, [false, false, false, false, false, true, true]);
  for (let s = 0; s < 5; s++) {
    for (let a = 0; a < 3; a++) {
      const successors = env.T[s][a].filter((p) => p > 0).length;
      assert(successors >= 1 && successors <= 2, `T[${s}][${a}] has ${successors} successors`);
      env.R[s][a].forEach((r) => assert(r >= -1 && r < 1));
    }
  }
});

Deno.test("randomMdp and randomPolicy are reproducible from the seed", () => {
  const a = randomMdp(Generator.fromSeed(5));
  const b = randomMdp(Generator.fromSeed(5));
  assertEquals(a.T, b.T);
  assertEquals(a.R, b.R);
  const c = randomMdp(Generator.fromSeed(6));
  assert(JSON.stringify(a.T) !== JSON.stringify(c.T));
  const pi = randomPolicy(Generator.fromSeed(2), a);
  assertEquals(pi, randomPolicy(Generator.fromSeed(2), a));
  assert(pi.every((x) => x >= 0 && x < a.numActions));
});

Deno.test("randomMdp rejects sizes that make no MDP", () => {
  assertThrows(() => randomMdp(Generator.fromSeed(0), { numStates: 0 }), Error, "numStates");
  assertThrows(
    () => randomMdp(Generator.fromSeed(0), { numStates: 3, numTerminal: 3 }),
    Error,
    "numTerminal",
  );
  assertThrows(() => randomMdp(Generator.fromSeed(0), { branching: 1.5 }), Error, "branching");
});
