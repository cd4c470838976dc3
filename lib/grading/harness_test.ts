import { assertRejects, assertStringIncludes } from "@std/assert";
import { assertFailsOnStub, assertPassesOnSolution, assertRejectsMistake } from "./harness.ts";
import { type CheckContext, exercise } from "./spec.ts";

type Fn = (x: number) => number;

/** A tiny spec (no tensors) to exercise the harness's assertions, good and broken. */
function doubleSpec(check: (t: CheckContext<Fn>) => Promise<void>) {
  return exercise<Fn>({
    name: "double",
    title: "Double",
    points: 1,
    difficulty: 1,
    importance: 1,
    minutes: 1,
    solution: (x) => 2 * x,
    mistakes: [
      { name: "tripled", hint: "Multiply by 2.", impl: (x) => 3 * x },
      { name: "negative", hint: "Keep the sign.", impl: (x) => -2 * x, recognised: false },
    ],
    check,
  });
}

const stub: Fn = () => {
  throw new Error("not implemented");
};

const sound = doubleSpec(async (t: CheckContext<Fn>) => {
  await t.expect("double(2)", (f) => f(2));
  const y = await t.run("double(-1)", (f) => f(-1));
  t.assert(y < 0, `double(-1) must be negative, got ${y}`);
});

Deno.test("a sound check passes the harness's assertions", async () => {
  await assertPassesOnSolution(sound);
  await assertFailsOnStub(sound, stub);
  await assertRejectsMistake(sound, "tripled");
  await assertRejectsMistake(sound, "negative");
});

Deno.test("a check that fails on its own solution is reported with the reason", async () => {
  const broken = doubleSpec(async (t: CheckContext<Fn>) => {
    await t.run("double(1)", (f) => f(1));
    t.fail("always fails");
  });
  const err = await assertRejects(() => assertPassesOnSolution(broken), Error);
  assertStringIncludes(err.message, "fails on its own reference solution");
  assertStringIncludes(err.message, "always fails");
});

Deno.test("a check that cannot fail is caught on the stub and on mistakes", async () => {
  const lax = doubleSpec(async () => {});
  const onStub = await assertRejects(() => assertFailsOnStub(lax, stub), Error);
  assertStringIncludes(onStub.message, "passes on the notebook stub");
  const onMistake = await assertRejects(() => assertRejectsMistake(lax, "tripled"), Error);
  assertStringIncludes(onMistake.message, 'accepts the mistake "tripled"');
});

Deno.test("a stub failure of the wrong kind is reported", async () => {
  const crashes = doubleSpec(async () => {
    await Promise.resolve();
    throw new TypeError("oops in the check");
  });
  const err = await assertRejects(() => assertFailsOnStub(crashes, stub), Error);
  assertStringIncludes(err.message, 'with kind "not-implemented"');
});

Deno.test("a rejected but unrecognised mistake is reported unless declared so", async () => {
  // Checks only the sign: rejects "negative" by a plain failure, "tripled" not at all.
  const signOnly = doubleSpec(async (t: CheckContext<Fn>) => {
    const y = await t.run("double(1)", (f) => f(1));
    t.assert(y > 0, `double(1) must be positive, got ${y}`);
  });
  await assertRejectsMistake(signOnly, "negative");
  const unnamed = doubleSpec(async (t: CheckContext<Fn>) => {
    const y = await t.run("double(1)", (f) => f(1));
    t.assert(y === 2, `double(1) must be 2, got ${y}`);
  });
  const err = await assertRejects(() => assertRejectsMistake(unnamed, "tripled"), Error);
  assertStringIncludes(err.message, "does not recognise it");
  await assertRejects(() => assertRejectsMistake(unnamed, "squared"), Error, "no mistake");
});
