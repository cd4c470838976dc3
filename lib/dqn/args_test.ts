import { assertEquals, assertThrows } from "@std/assert";
import { CLEANRL_DQN_ARGS, DQN_ARGS, dqnArgs } from "./args.ts";

Deno.test("dqnArgs fills in DQN_ARGS and applies overrides", () => {
  const args = dqnArgs({ seed: 7, envId: "Probe1-v0" });
  assertEquals(args.seed, 7);
  assertEquals(args.envId, "Probe1-v0");
  assertEquals(args.learningRate, DQN_ARGS.learningRate);
  args.hiddenSizes.push(3);
  assertEquals(DQN_ARGS.hiddenSizes, [120, 84], "the defaults are not shared with the result");
});

Deno.test("dqnArgs rejects bad values, naming the hyperparameter", () => {
  assertThrows(() => dqnArgs({ numEnvs: 0 }), RangeError, "numEnvs must be a positive integer");
  assertThrows(() => dqnArgs({ batchSize: 2.5 }), RangeError, "batchSize");
  assertThrows(() => dqnArgs({ gamma: 1.5 }), RangeError, "gamma must be a number in [0, 1]");
  assertThrows(() => dqnArgs({ learningStarts: -1 }), RangeError, "learningStarts");
  assertThrows(() => dqnArgs({ tau: 0 }), RangeError, "tau");
  assertThrows(() => dqnArgs({ hiddenSizes: [] }), RangeError, "hiddenSizes");
  assertThrows(() => dqnArgs({ envId: "" }), RangeError, "envId");
  assertThrows(
    () => dqnArgs({ numEnvs: 8, trainFrequency: 10 }),
    RangeError,
    "trainFrequency (10) must be a multiple of numEnvs (8)",
  );
});

Deno.test("CleanRL's defaults are valid arguments", () => {
  assertEquals(dqnArgs(CLEANRL_DQN_ARGS), { ...CLEANRL_DQN_ARGS, hiddenSizes: [120, 84] });
});
