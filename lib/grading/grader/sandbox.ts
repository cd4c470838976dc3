/**
 * Runs a submission's exercises in a locked-down Deno child process (runner.ts) and collects
 * results that the child signs with a fresh HMAC key, so nothing the student's code prints
 * can pass for a result.
 *
 * Limits: a wall clock per exercise and per submission, and a resident-memory cap (polled
 * from /proc on Linux; V8's heap is capped as well). On a limit the child is killed, the
 * exercise it was checking gets "timeout", and a fresh child grades the rest.
 *
 * @module
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type ExerciseOutcome,
  MESSAGE_PREFIX,
  type RunnerMessage,
  type RunnerRequest,
} from "./protocol.ts";

/** Resource limits for one submission. */
export interface SandboxLimits {
  /** Wall-clock budget for one exercise, in milliseconds. */
  exerciseTimeoutMs: number;
  /** Wall-clock budget for the whole submission, in milliseconds. */
  submissionTimeoutMs: number;
  /** Resident memory cap of the child, in MiB. */
  memoryLimitMb: number;
}

/** One exercise to grade: its assembled module and its own wall-clock budget. */
export interface SandboxExercise {
  name: string;
  /** File URL of the assembled module. */
  moduleUrl: string;
  /** Wall-clock budget in milliseconds (default: `SandboxLimits.exerciseTimeoutMs`). */
  timeoutMs?: number;
}

/** What to run: the spec, and the assembled student modules. */
export interface SandboxJob {
  /** `data:` URL of the spec module (see private_modules.ts). */
  specUrl: string;
  /** Exercises in order with the file URL of each assembled module. */
  exercises: SandboxExercise[];
  /** Directories the child may read besides `lib/` and `node_modules/`. */
  readDirs: string[];
}

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const RUNNER = join(REPO_ROOT, "lib", "grading", "grader", "runner.ts");

function randomKeyHex(): string {
  return Array.from(
    crypto.getRandomValues(new Uint8Array(32)),
    (b) => b.toString(16).padStart(2, "0"),
  ).join("");
}

async function hmacVerifier(
  keyHex: string,
): Promise<(payload: Uint8Array<ArrayBuffer>, macHex: string) => Promise<boolean>> {
  const raw = Uint8Array.from(keyHex.match(/../g)!.map((h) => parseInt(h, 16)));
  const key = await crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, [
    "verify",
  ]);
  return async (payload, macHex) => {
    if (!/^[0-9a-f]{64}$/.test(macHex)) return false;
    const mac = Uint8Array.from(macHex.match(/../g)!.map((h) => parseInt(h, 16)));
    return await crypto.subtle.verify("HMAC", key, mac, payload);
  };
}

/** Reads the resident set size of a process in MiB (Linux); `undefined` elsewhere. */
async function residentMb(pid: number): Promise<number | undefined> {
  try {
    const status = await Deno.readTextFile(`/proc/${pid}/status`);
    const match = status.match(/VmRSS:\s+(\d+) kB/);
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** The permissions and flags of the child: nothing but reading what grading needs. */
function childArgs(job: SandboxJob, limits: SandboxLimits): string[] {
  const readable = [join(REPO_ROOT, "lib"), join(REPO_ROOT, "node_modules"), ...job.readDirs];
  return [
    "run",
    "--no-prompt",
    "--cached-only",
    "--no-lock",
    `--config=${join(REPO_ROOT, "deno.json")}`,
    `--allow-read=${readable.join(",")}`,
    `--v8-flags=--max-old-space-size=${limits.memoryLimitMb}`,
    RUNNER,
  ];
}

/** The environment of the child process: only what the Deno CLI itself needs. */
function childEnv(): Record<string, string> {
  const env: Record<string, string> = { NO_COLOR: "1" };
  for (const name of ["DENO_DIR", "HOME", "PATH", "XDG_CACHE_HOME"]) {
    const value = Deno.env.get(name);
    if (value !== undefined) env[name] = value;
  }
  return env;
}

interface ChildRun {
  results: Map<string, ExerciseOutcome>;
  /** The exercise that was being checked when the child ended without a result. */
  interrupted?: { exercise: string; outcome: ExerciseOutcome };
  /** Set when the child never became ready (the grader itself failed). */
  setupError?: string;
}

async function runChild(
  job: SandboxJob,
  exercises: SandboxJob["exercises"],
  limits: SandboxLimits,
  deadline: number,
): Promise<ChildRun> {
  const keyHex = randomKeyHex();
  const verify = await hmacVerifier(keyHex);
  const child = new Deno.Command(Deno.execPath(), {
    args: childArgs(job, limits),
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
    clearEnv: true,
    env: childEnv(),
  }).spawn();
  const request: RunnerRequest = {
    key: keyHex,
    specUrl: job.specUrl,
    exercises: exercises.map(({ name, moduleUrl }) => ({ name, moduleUrl })),
  };
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(JSON.stringify(request)));
  await writer.close();

  const results = new Map<string, ExerciseOutcome>();
  let current: string | undefined;
  let currentDeadline = Infinity;
  let currentBudgetMs = limits.exerciseTimeoutMs;
  let ready = false;
  let killedFor: ExerciseOutcome | undefined;
  let expectedSeq = 0;
  let stderrTail = "";

  const kill = (outcome: ExerciseOutcome) => {
    if (killedFor) return;
    killedFor = outcome;
    try {
      child.kill("SIGKILL");
    } catch {
      // Already exited.
    }
  };

  const watchdog = setInterval(async () => {
    const now = Date.now();
    if (now > deadline) {
      kill({ status: "timeout", message: "The submission ran out of its total time budget." });
    } else if (now > currentDeadline) {
      kill({
        status: "timeout",
        message: `Stopped after ${currentBudgetMs / 1000} s: an infinite loop, or far too slow.`,
      });
    } else {
      const rss = await residentMb(child.pid);
      if (rss !== undefined && rss > limits.memoryLimitMb) {
        kill({
          status: "timeout",
          message: `Stopped: memory use reached ${
            Math.round(rss)
          } MiB (limit ${limits.memoryLimitMb} MiB).`,
        });
      }
    }
  }, 100);

  const handleLine = async (line: string) => {
    const at = line.indexOf(MESSAGE_PREFIX);
    if (at !== 0) return;
    const [b64, mac] = line.slice(MESSAGE_PREFIX.length).trim().split(" ");
    let payload: Uint8Array<ArrayBuffer>;
    try {
      payload = Uint8Array.from(atob(b64 ?? ""), (c) => c.charCodeAt(0));
    } catch {
      return;
    }
    if (!(await verify(payload, mac ?? ""))) return;
    // The payload is UTF-8 JSON: messages may hold any character.
    const message = JSON.parse(new TextDecoder().decode(payload)) as RunnerMessage & {
      seq: number;
    };
    if (message.seq !== expectedSeq) return;
    expectedSeq++;
    if (message.type === "ready") ready = true;
    if (message.type === "start") {
      current = message.exercise;
      currentBudgetMs = exercises.find((e) => e.name === current)?.timeoutMs ??
        limits.exerciseTimeoutMs;
      currentDeadline = Date.now() + currentBudgetMs;
    }
    if (message.type === "result") {
      results.set(message.exercise, message.outcome);
      current = undefined;
      currentDeadline = Infinity;
    }
  };

  const readStdout = (async () => {
    let buffer = "";
    const decoder = new TextDecoder();
    for await (const chunk of child.stdout) {
      buffer += decoder.decode(chunk, { stream: true });
      let newline: number;
      while ((newline = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        await handleLine(line);
      }
      // A student flooding stdout without newlines must not grow the buffer forever.
      if (buffer.length > 1_000_000) buffer = buffer.slice(-1000);
    }
    await handleLine(buffer);
  })();
  const readStderr = (async () => {
    const decoder = new TextDecoder();
    for await (const chunk of child.stderr) {
      stderrTail = (stderrTail + decoder.decode(chunk, { stream: true })).slice(-4000);
    }
  })();

  const status = await child.status;
  await Promise.all([readStdout, readStderr]);
  clearInterval(watchdog);

  if (!ready) {
    if (killedFor) {
      return {
        results,
        interrupted: { exercise: exercises[0].name, outcome: killedFor },
      };
    }
    return {
      results,
      setupError: `the grading process failed to start (exit ${status.code}): ${stderrTail.trim()}`,
    };
  }
  const unfinished = current ?? exercises.find((e) => !results.has(e.name))?.name;
  if (unfinished === undefined || results.has(unfinished)) return { results };
  const outOfMemory = /heap limit|out of memory/i.test(stderrTail);
  const outcome: ExerciseOutcome = killedFor ??
    (outOfMemory
      ? {
        status: "timeout",
        message: `Stopped: the code ran out of memory (limit ${limits.memoryLimitMb} MiB).`,
      }
      : undefined) ??
    {
      status: "error",
      message: `The grading process ended while checking this exercise (exit code ${status.code}` +
        `${status.signal ? `, signal ${status.signal}` : ""}). ${lastErrorLine(stderrTail)}`.trim(),
    };
  return { results, interrupted: { exercise: unfinished, outcome } };
}

function lastErrorLine(stderr: string): string {
  const line = stderr.trim().split("\n").find((l) => /error/i.test(l));
  return line ? `It printed: ${line.slice(0, 300)}` : "";
}

/**
 * Grades `job.exercises` in as few child processes as possible. Returns an outcome for every
 * exercise, or throws when the grader itself cannot start (not the student's fault).
 */
export async function runInSandbox(
  job: SandboxJob,
  limits: SandboxLimits,
): Promise<Map<string, ExerciseOutcome>> {
  const outcomes = new Map<string, ExerciseOutcome>();
  const deadline = Date.now() + limits.submissionTimeoutMs;
  let remaining = job.exercises;
  while (remaining.length > 0) {
    if (Date.now() > deadline) {
      for (const e of remaining) {
        outcomes.set(e.name, {
          status: "timeout",
          message: "The submission ran out of its total time budget.",
        });
      }
      break;
    }
    const run = await runChild(job, remaining, limits, deadline);
    if (run.setupError) throw new Error(run.setupError);
    for (const [name, outcome] of run.results) outcomes.set(name, outcome);
    if (run.interrupted) outcomes.set(run.interrupted.exercise, run.interrupted.outcome);
    remaining = remaining.filter((e) => !outcomes.has(e.name));
  }
  return outcomes;
}
