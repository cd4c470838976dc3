/**
 * The grading child process. Started by {@link ./sandbox.ts} with no network, no writes, no
 * environment, no subprocesses and read access only to `lib/`, `node_modules/` and the
 * submission's assembled modules.
 *
 * It reads one {@link RunnerRequest} from standard input, imports the chapter's spec from a
 * `data:` URL (the spec and solution sources are sent by the parent, so they are never on
 * disk where student code may read them), hardens the process, then imports and checks one
 * student module per exercise. Every message to the parent is signed with the HMAC key from
 * the request, so lines that student code prints cannot pass for results.
 *
 * @module
 */
import {
  type ChapterSpec,
  CheckFailure,
  findExercise,
  type RecordedExpectations,
  recordExpectations,
  runCheck,
} from "../spec.ts";
import { ForbiddenInGrading, hardenForStudentCode } from "./harden.ts";
import {
  type ExerciseOutcome,
  MESSAGE_PREFIX,
  type RunnerMessage,
  type RunnerRequest,
} from "./protocol.ts";

// Bound before any student code runs: student code may replace TextEncoder.prototype.encode
// or btoa, and the sender must sign and send exactly the bytes it means.
const encodeUtf8 = TextEncoder.prototype.encode.bind(new TextEncoder());
const toBase64 = globalThis.btoa;
const fromCharCode = String.fromCharCode;
const writeStdout = Deno.stdout.writeSync.bind(Deno.stdout);
const writeStderr = Deno.stderr.writeSync.bind(Deno.stderr);
const realExit = Deno.exit.bind(Deno);
const subtle = crypto.subtle;
const sign = subtle.sign.bind(subtle);

async function readRequest(): Promise<RunnerRequest> {
  const text = await new Response(Deno.stdin.readable).text();
  return JSON.parse(text) as RunnerRequest;
}

function toHex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Base64 of bytes; messages are UTF-8 and may hold any character (e.g. "…" in a preview). */
function base64Of(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i++) binary += fromCharCode(bytes[i]);
  return toBase64(binary);
}

function makeSender(key: CryptoKey): (message: RunnerMessage) => Promise<void> {
  let seq = 0;
  return async (message) => {
    const payload = encodeUtf8(JSON.stringify({ ...message, seq: seq++ }));
    const mac = toHex(await sign("HMAC", key, payload));
    // The leading newline ends any partial line the student printed.
    writeStdout(encodeUtf8(`\n${MESSAGE_PREFIX}${base64Of(payload)} ${mac}\n`));
  };
}

function describeThrown(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  try {
    return `a non-Error value: ${JSON.stringify(err) ?? String(err)}`;
  } catch {
    return "a non-Error value";
  }
}

/**
 * Whether an error comes from the sandbox: a permission the child does not have, or a
 * frozen built-in that the code tried to change (`Math.random = ...`).
 */
function isSandboxViolation(err: unknown): boolean {
  return err instanceof Error &&
    (err.name === "NotCapable" || err.name === "PermissionDenied" ||
      /^Requires \w+ access/.test(err.message) ||
      (err instanceof TypeError &&
        /^Cannot (assign to (read only )?property|add property|redefine property|define property)/
          .test(err.message)));
}

/** Classifies an error raised outside the check (importing the module, reading the export). */
function outcomeOfThrow(err: unknown, where: string): ExerciseOutcome {
  if (err instanceof ForbiddenInGrading || isSandboxViolation(err)) {
    return { status: "rejected", message: `${where}: ${describeThrown(err)}` };
  }
  return { status: "error", message: `${where}: ${describeThrown(err)}` };
}

async function gradeOne(
  spec: ChapterSpec,
  name: string,
  moduleUrl: string,
  expected: RecordedExpectations,
): Promise<ExerciseOutcome> {
  const exercise = findExercise(spec, name);
  let module: Record<string, unknown>;
  try {
    module = await import(moduleUrl);
  } catch (err) {
    return outcomeOfThrow(err, "Your notebook code failed while loading");
  }
  const impl = module[name];
  if (impl === undefined) {
    return { status: "missing", message: `The exercise cell does not export "${name}".` };
  }
  try {
    await runCheck(exercise, impl, { expected });
    return { status: "passed", message: "Passed." };
  } catch (err) {
    if (err instanceof CheckFailure) {
      const cause = err.cause;
      if (
        err.kind === "error" && (cause instanceof ForbiddenInGrading || isSandboxViolation(cause))
      ) {
        return { status: "rejected", message: err.message };
      }
      return {
        status: err.kind === "error" ? "error" : "failed",
        message: err.message,
        kind: err.kind,
        mistake: err.mistake,
        hint: err.hint,
      };
    }
    return outcomeOfThrow(err, "The check could not run");
  }
}

async function main(): Promise<void> {
  const request = await readRequest();
  const key = await subtle.importKey(
    "raw",
    Uint8Array.from(request.key.match(/../g)!.map((h) => parseInt(h, 16))),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const send = makeSender(key);
  const spec = (await import(request.specUrl)).default as ChapterSpec;
  // The solution's answers are recorded while nothing else has run, so student code that
  // patches a shared library cannot change them.
  const expectations = new Map<string, RecordedExpectations>();
  for (const { name } of request.exercises) {
    expectations.set(name, await recordExpectations(findExercise(spec, name)));
  }
  hardenForStudentCode();
  await send({ type: "ready" });
  for (const { name, moduleUrl } of request.exercises) {
    await send({ type: "start", exercise: name });
    const started = performance.now();
    const outcome = await gradeOne(spec, name, moduleUrl, expectations.get(name)!);
    await send({
      type: "result",
      exercise: name,
      outcome,
      ms: Math.round(performance.now() - started),
    });
  }
  await send({ type: "done" });
  realExit(0);
}

try {
  await main();
} catch (err) {
  // The hardened process swallows uncaught errors (student code may throw anything from a
  // timer): report the runner's own failure, so that the parent can show it.
  let text = "unknown error";
  try {
    text = err instanceof Error ? err.stack ?? err.message : String(err);
  } catch {
    // A hostile value whose conversion throws: keep "unknown error".
  }
  writeStderr(encodeUtf8(`grading runner error: ${text}\n`));
  realExit(70);
}
