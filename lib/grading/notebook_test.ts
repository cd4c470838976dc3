import { assert, assertEquals, assertRejects, assertStringIncludes } from "@std/assert";
import { RecordingOutput, setOutputTarget } from "../display/mod.ts";
import { CHECK_MIME, type CheckCardData } from "./card.ts";
import { checkExercise, knownChapters, makeChecker } from "./notebook.ts";
import spec from "../../tests/specs/00_tools.ts";
import { softmax } from "../../solutions/00_tools.ts";
import { findExercise } from "./spec.ts";

/** Runs `body` with displays recorded as if in the kernel (or a terminal). */
async function recording(kernel: boolean, body: () => Promise<void>): Promise<RecordingOutput> {
  const output = new RecordingOutput(kernel);
  const restore = setOutputTarget(output);
  try {
    await body();
  } finally {
    restore();
  }
  return output;
}

function cardsOf(output: RecordingOutput): CheckCardData[] {
  return output.messages
    .filter((m) => m.type === "display_data")
    .map((m) => (m.content.data as Record<string, unknown>)[CHECK_MIME] as CheckCardData);
}

const check = await makeChecker("00_tools");
const softmaxSpec = findExercise(spec, "softmax");

Deno.test("check() on the solution shows a passed card in the kernel", async () => {
  const output = await recording(true, async () => {
    await check("softmax", softmax);
  });
  assertEquals(cardsOf(output), [{
    exercise: "softmax",
    status: "passed",
    message: "All checks passed: 1 point.",
  }]);
  const data = output.messages[0].content.data as Record<string, string>;
  assertStringIncludes(data["text/html"], "rl-check-passed");
  assertEquals(output.stdoutText, "");
});

Deno.test("check() on a named mistake shows a failed card naming it", async () => {
  const mistake = softmaxSpec.mistakes.find((m) => m.name === "no-max-shift")!;
  const output = await recording(true, async () => {
    await check("softmax", mistake.impl);
  });
  const [card] = cardsOf(output);
  assertEquals(card.status, "failed");
  assertEquals(card.kind, "wrong");
  assertEquals(card.mistake, "no-max-shift");
  const html = (output.messages[0].content.data as Record<string, string>)["text/html"];
  assertStringIncludes(html, "Subtract the maximum");
});

Deno.test("check() on a stub says not implemented", async () => {
  const output = await recording(true, async () => {
    await check("softmax", () => {
      throw new Error("not implemented");
    });
  });
  assertEquals(cardsOf(output)[0].kind, "not-implemented");
});

Deno.test("outside the kernel check() prints the card's text", async () => {
  const output = await recording(false, async () => {
    await check("softmax", softmax);
  });
  assertEquals(output.messages, []);
  assertEquals(output.stdoutText, "✔ Passed: softmax (1 point)\n");
});

Deno.test("check() with an unknown exercise name lists the known ones", async () => {
  const err = await assertRejects(() => check("sofmax", softmax), Error);
  assertStringIncludes(err.message, 'Unknown exercise "sofmax"');
  for (const ex of spec.exercises) assertStringIncludes(err.message, `"${ex.name}"`);
});

Deno.test("makeChecker with an unknown chapter lists the known chapters", async () => {
  const err = await assertRejects(() => makeChecker("00_tool"), Error);
  assertStringIncludes(err.message, 'Unknown chapter "00_tool"');
  assertStringIncludes(err.message, '"00_tools"');
  assert((await knownChapters()).includes("00_tools"));
});

Deno.test("checking something that is not a function fails clearly before running", async () => {
  const result = await checkExercise(softmaxSpec, undefined);
  assert(result.status === "failed");
  assertEquals(result.failure.kind, "error");
  assertEquals(
    result.failure.message,
    'check("softmax", …) expects a function, got undefined.',
  );
});
