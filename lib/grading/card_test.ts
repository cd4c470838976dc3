import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { CHECK_MIME, GENERIC_HINT, renderCard } from "./card.ts";
import { CheckFailure, exercise } from "./spec.ts";

const spec = exercise<(x: number) => number>({
  name: "double",
  title: "Double <it> & more",
  points: 2,
  difficulty: 1,
  importance: 3,
  minutes: 5,
  solution: (x) => 2 * x,
  mistakes: [],
  check() {},
});

Deno.test("a passed card says Passed, with points, ratings and time, in all three renderings", () => {
  const card = renderCard(spec, { status: "passed" });
  const html = card["text/html"];
  assertStringIncludes(html, 'class="rl-check rl-check-passed"');
  assertStringIncludes(html, "Passed");
  assertStringIncludes(html, "2 points");
  assertStringIncludes(html, "difficulty 1/5 · importance 3/5 · ~5 min");
  assert(!html.includes("Failed"));
  assertEquals(card["text/plain"], "✔ Passed: double (2 points)");
  assertEquals(card[CHECK_MIME], {
    exercise: "double",
    status: "passed",
    message: "All checks passed: 2 points.",
  });
});

Deno.test("a failed card shows what differed, the recognised mistake and its hint", () => {
  const failure = new CheckFailure("double(2): expected 4, got 6", {
    kind: "wrong",
    mistake: "tripled",
    hint: "Multiply by 2, not 3.",
  });
  const card = renderCard(spec, { status: "failed", failure });
  const html = card["text/html"];
  assertStringIncludes(html, 'class="rl-check rl-check-failed"');
  assertStringIncludes(html, "Failed");
  assertStringIncludes(html, "0 / 2 points");
  assertStringIncludes(html, "double(2): expected 4, got 6");
  assertStringIncludes(html, "Recognised mistake: <code>tripled</code>");
  assertStringIncludes(html, "Multiply by 2, not 3.");
  assertEquals(
    card["text/plain"],
    "✘ Failed: double: double(2): expected 4, got 6 [tripled]\n  Hint: Multiply by 2, not 3.",
  );
  assertEquals(card[CHECK_MIME], {
    exercise: "double",
    status: "failed",
    kind: "wrong",
    mistake: "tripled",
    message: "double(2): expected 4, got 6",
  });
});

Deno.test("a failure without a hint of its own gets the generic hint and no mistake", () => {
  const card = renderCard(spec, {
    status: "failed",
    failure: new CheckFailure("double(0): expected 0, got 1"),
  });
  assertStringIncludes(card["text/plain"], GENERIC_HINT);
  assert(!card["text/html"].includes("Recognised mistake"));
  assert(!("mistake" in card[CHECK_MIME]));
  assertEquals(card[CHECK_MIME].kind, "wrong");
});

Deno.test("card text is HTML-escaped: titles, messages and hints cannot inject markup", () => {
  const failure = new CheckFailure('got "<script>alert(1)</script>" & more', {
    hint: "Use <b>tags</b>?",
  });
  const html = renderCard(spec, { status: "failed", failure })["text/html"];
  assert(!html.includes("<script>"), html);
  assert(!html.includes("<b>tags"), html);
  assert(!html.includes("<it>"), html);
  assertStringIncludes(html, "&lt;script&gt;alert(1)&lt;/script&gt;");
  assertStringIncludes(html, "Double &lt;it&gt; &amp; more");
  assertStringIncludes(html, "Use &lt;b&gt;tags&lt;/b&gt;?");
});

Deno.test("an error failure shows the learner's stack trace; other kinds don't", () => {
  const cause = new Error("boom");
  const error = renderCard(spec, {
    status: "failed",
    failure: new CheckFailure("Your code threw: Error: boom", { kind: "error", cause }),
  });
  assertStringIncludes(error["text/html"], "Stack trace");
  assertStringIncludes(error["text/html"], "Error: boom");
  assertStringIncludes(error["text/html"], "Your code threw an error");
  const stub = renderCard(spec, {
    status: "failed",
    failure: new CheckFailure("Not implemented yet.", { kind: "not-implemented", cause }),
  });
  assert(!stub["text/html"].includes("Stack trace"));
  assertStringIncludes(stub["text/html"], "Not implemented yet");
  assertEquals(stub[CHECK_MIME].kind, "not-implemented");
});

Deno.test("a multi-line message stays on one line in text/plain", () => {
  const card = renderCard(spec, {
    status: "failed",
    failure: new CheckFailure("first line\n  second line", { hint: "a\nb" }),
  });
  assertEquals(card["text/plain"], "✘ Failed: double: first line second line\n  Hint: a b");
});
