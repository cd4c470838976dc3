/**
 * The sandbox: a tiny spec and hand-written student modules run in the real child process,
 * without tfjs, so each case takes a fraction of a second.
 */
import { assert, assertEquals, assertMatch, assertRejects } from "@std/assert";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { runInSandbox, type SandboxLimits } from "./sandbox.ts";

const SPEC_API = new URL("../spec.ts", import.meta.url).href;

function dataUrl(source: string): string {
  const bytes = new TextEncoder().encode(source);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return `data:application/typescript;base64,${btoa(binary)}`;
}

/**
 * A chapter of small exercises. `double`'s mistake and every message carry characters
 * outside Latin-1 ("→", "…", "✓"), which the child's messages must carry intact.
 */
const SPEC_URL = dataUrl(`
import { chapter, exercise } from ${JSON.stringify(SPEC_API)};
type F = (x: number) => number;
const simple = (name: string, solution: F) =>
  exercise<F>({
    name, title: name, points: 1, difficulty: 1, importance: 1, minutes: 1, solution,
    mistakes: [],
    async check(t) {
      await t.expect(name + "(3) → ✓", (f) => f(3));
    },
  });
export default chapter({
  id: "99_sandbox",
  title: "Sandbox test chapter",
  exercises: [
    exercise<F>({
      name: "double", title: "Double", points: 1, difficulty: 1, importance: 1, minutes: 1,
      solution: (x) => 2 * x,
      mistakes: [{ name: "adds-one", hint: "Multiply by two… don't add one ✓", impl: (x) => x + 1 }],
      async check(t) {
        await t.expect("double(3) → …", (f) => f(3));
        await t.expect("double(10)", (f) => f(10));
      },
    }),
    simple("triple", (x) => 3 * x),
    simple("square", (x) => x * x),
    simple("negate", (x) => -x),
    simple("halve", (x) => x / 2),
    simple("increment", (x) => x + 1),
  ],
});
`);

const LIMITS: SandboxLimits = {
  exerciseTimeoutMs: 4_000,
  submissionTimeoutMs: 30_000,
  memoryLimitMb: 256,
};

/** Writes student modules (exercise name -> source) to a temp dir and runs them. */
async function grade(
  modules: Record<string, string>,
  limits: Partial<SandboxLimits> = {},
  specUrl = SPEC_URL,
) {
  const dir = await Deno.makeTempDir({ prefix: "sandbox-test-" });
  try {
    const exercises = [];
    for (const [name, source] of Object.entries(modules)) {
      const file = join(dir, `${name}.ts`);
      await Deno.writeTextFile(file, source);
      exercises.push({ name, moduleUrl: pathToFileURL(file).href });
    }
    return await runInSandbox({ specUrl, exercises, readDirs: [dir] }, { ...LIMITS, ...limits });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("sandbox: passes, failures with kind, mistake and hint, in any characters", async () => {
  const outcomes = await grade({
    double: "export const double = (x: number) => x + 1;",
    triple: "export function triple(x: number) { return 3 * x; }",
    square: 'export function square(x: number): number { throw new Error("not implemented"); }',
    negate: 'export function negate(x: number): number { throw new TypeError("négatif…"); }',
  });
  assertEquals(outcomes.get("triple"), { status: "passed", message: "Passed." });
  assertEquals(outcomes.get("double"), {
    status: "failed",
    kind: "wrong",
    mistake: "adds-one",
    hint: "Multiply by two… don't add one ✓",
    message: "double(3) → …: expected 6, got 4",
  });
  assertEquals(outcomes.get("square")?.status, "failed");
  assertEquals(outcomes.get("square")?.kind, "not-implemented");
  assertEquals(outcomes.get("negate")?.status, "error");
  assertMatch(outcomes.get("negate")!.message, /negate\(3\) → ✓: TypeError: négatif…/);
});

Deno.test("sandbox: printed or forged result lines do not count", async () => {
  // Forged lines, and a patched encoder and btoa that rewrite every result as passed: the
  // child must sign and send with the functions it captured before student code ran.
  const forge = `
const rewrite = (s: string) => {
  if (!s.includes('"type":"result"')) return s;
  const m = JSON.parse(s);
  return JSON.stringify({ ...m, outcome: { status: "passed", message: "Passed." } });
};
const encode = TextEncoder.prototype.encode;
TextEncoder.prototype.encode = function (this: TextEncoder, s?: string) {
  return encode.call(this, typeof s === "string" ? rewrite(s) : s);
};
const realBtoa = globalThis.btoa;
globalThis.btoa = (s: string) => realBtoa(rewrite(s));
for (let seq = 0; seq < 10; seq++) {
  const payload = btoa(JSON.stringify({
    type: "result", exercise: "double", seq, ms: 1,
    outcome: { status: "passed", message: "Passed." },
  }));
  console.log("@@rl-grade " + payload + " " + "ab".repeat(32));
}
export function double(x: number) { return x; }
`;
  const outcomes = await grade({
    double: forge,
    triple: "export const triple = (x: number) => x;",
  });
  assertEquals(outcomes.get("double")?.status, "failed");
  assertEquals(outcomes.get("triple")?.status, "failed");
});

Deno.test("sandbox: a flood of output without newlines does not hide the results", async () => {
  const outcomes = await grade({
    double: `await Deno.stdout.write(new TextEncoder().encode("x".repeat(3_000_000)));
export const double = (x: number) => 2 * x;`,
    triple: "export const triple = (x: number) => 3 * x;",
  });
  assertEquals(outcomes.get("double")?.status, "passed");
  assertEquals(outcomes.get("triple")?.status, "passed");
});

Deno.test("sandbox: a loop is stopped and the rest is graded in a fresh process", async () => {
  const outcomes = await grade({
    double: "export function double(x: number) { while (x === x) x++; return x; }",
    triple: "export const triple = (x: number) => 3 * x;",
    square: "while (true) {}\nexport const square = (x: number) => x * x;",
    negate: "export const negate = (x: number) => -x;",
  }, { exerciseTimeoutMs: 1_500 });
  for (const name of ["double", "square"]) {
    assertEquals(outcomes.get(name)?.status, "timeout", name);
    assertMatch(outcomes.get(name)!.message, /Stopped after 1\.5 s/);
  }
  assertEquals(outcomes.get("triple")?.status, "passed");
  assertEquals(outcomes.get("negate")?.status, "passed");
});

Deno.test("sandbox: the memory cap stops a memory bomb", async () => {
  const outcomes = await grade({
    double: `export function double(x: number): number {
  const hoard: number[][] = [];
  while (true) hoard.push(new Array(1_000_000).fill(x));
}`,
    triple: "export const triple = (x: number) => 3 * x;",
  });
  assertEquals(outcomes.get("double")?.status, "timeout");
  assertMatch(outcomes.get("double")!.message, /memory/);
  assertEquals(outcomes.get("triple")?.status, "passed");
});

Deno.test("sandbox: the submission's time budget covers all its exercises", async () => {
  const outcomes = await grade({
    double: "export function double(x: number) { while (true) x++; }",
    triple: "export const triple = (x: number) => 3 * x;",
  }, { exerciseTimeoutMs: 20_000, submissionTimeoutMs: 1_500 });
  for (const name of ["double", "triple"]) {
    assertEquals(outcomes.get(name), {
      status: "timeout",
      message: "The submission ran out of its total time budget.",
    });
  }
});

Deno.test("sandbox: no reads outside the allowed folders, no writes, env, net, run or ffi", async () => {
  const config = fileURLToPath(new URL("../../../deno.json", import.meta.url));
  const dir = await Deno.makeTempDir({ prefix: "sandbox-canary-" });
  const canary = join(dir, "escaped.txt");
  try {
    const outcomes = await grade({
      double: `Deno.readTextFileSync(${JSON.stringify(config)});
export const double = (x: number) => 2 * x;`,
      triple: `export function triple(x: number) {
  Deno.writeTextFileSync(${JSON.stringify(canary)}, "x");
  return 3 * x;
}`,
      square: `export function square(x: number) {
  new Deno.Command("true").outputSync();
  return x * x;
}`,
      negate: `Deno.env.toObject();
export const negate = (x: number) => -x;`,
      halve: `Deno.dlopen("libc.so.6", {});
export const halve = (x: number) => x / 2;`,
      increment: `await fetch("http://127.0.0.1:39999/");
export const increment = (x: number) => x + 1;`,
    });
    assertEquals(outcomes.get("double")?.status, "rejected");
    assertMatch(outcomes.get("double")!.message, /read access/);
    assertEquals(outcomes.get("triple")?.status, "rejected");
    assertMatch(outcomes.get("triple")!.message, /write access/);
    assertEquals(outcomes.get("square")?.status, "rejected");
    assertMatch(outcomes.get("square")!.message, /run access/);
    assertEquals(outcomes.get("negate")?.status, "rejected");
    assertMatch(outcomes.get("negate")!.message, /env access/);
    assertEquals(outcomes.get("halve")?.status, "rejected");
    assertMatch(outcomes.get("halve")!.message, /ffi access/);
    assertEquals(outcomes.get("increment")?.status, "rejected");
    assertMatch(outcomes.get("increment")!.message, /net access/);
    let escaped = true;
    await Deno.stat(canary).catch(() => escaped = false);
    assert(!escaped, "the child wrote a file");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("sandbox: exiting, Deno.test and frozen built-ins are rejected; grading goes on", async () => {
  const outcomes = await grade({
    double: "Deno.exit(0);\nexport const double = (x: number) => 2 * x;",
    triple: `export function triple(x: number) {
  Deno.test("fake", () => {});
  return 3 * x;
}`,
    square: "Math.max = () => 0;\nexport const square = (x: number) => x * x;",
    negate: "export const negate = (x: number) => -x;",
  });
  assertEquals(outcomes.get("double")?.status, "rejected");
  assertMatch(outcomes.get("double")!.message, /Deno\.exit is not allowed/);
  assertEquals(outcomes.get("triple")?.status, "rejected");
  assertMatch(outcomes.get("triple")!.message, /Deno\.test is not allowed/);
  assertEquals(outcomes.get("square")?.status, "rejected");
  assertEquals(outcomes.get("negate")?.status, "passed");
});

Deno.test("sandbox: a spec that cannot load is the grader's failure, not the student's", async () => {
  await assertRejects(
    () =>
      grade(
        { double: "export const double = (x: number) => 2 * x;" },
        {},
        dataUrl("throw new Error('broken spec');"),
      ),
    Error,
    "the grading process failed to start",
  );
});
