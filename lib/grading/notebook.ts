/**
 * The in-notebook checker: `check("name", impl)` runs an exercise's spec against the
 * learner's implementation and shows a pass/fail card (see {@link renderCard}).
 *
 * @example
 * ```ts
 * import { makeChecker } from "../lib/grading/notebook.ts";
 * const check = await makeChecker("00_tools");
 * await check("softmax", softmax);
 * ```
 * @module
 */
import { display } from "../display/mod.ts";
import { type CheckResult, renderCard } from "./card.ts";
import {
  type ChapterSpec,
  CheckFailure,
  type ExerciseSpec,
  findExercise,
  runCheck,
} from "./spec.ts";

/**
 * Checks the learner's implementation of one exercise and shows the card. Resolves to
 * nothing, so a check cell shows only the card (the kernel would print a returned value).
 */
export type Checker = (name: string, impl: unknown) => Promise<void>;

const SPECS_DIR = new URL("../../tests/specs/", import.meta.url);
const CHAPTER_ID = /^\d\d_[a-z0-9_]+$/;

/** The chapter ids that have a spec module, sorted. */
export async function knownChapters(): Promise<string[]> {
  const ids: string[] = [];
  try {
    for await (const entry of Deno.readDir(SPECS_DIR)) {
      const id = entry.name.replace(/\.ts$/, "");
      if (entry.isFile && entry.name.endsWith(".ts") && CHAPTER_ID.test(id)) ids.push(id);
    }
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
  return ids.sort();
}

/**
 * Imports the spec module of a chapter (`tests/specs/<chapterId>.ts`, its default export).
 * An unknown chapter gives an error listing the known ones.
 */
export async function loadChapterSpec(chapterId: string): Promise<ChapterSpec> {
  const known = await knownChapters();
  if (!CHAPTER_ID.test(chapterId) || !known.includes(chapterId)) {
    throw new Error(
      `Unknown chapter "${chapterId}". Known chapters: ${
        known.map((id) => `"${id}"`).join(", ") || "(none)"
      }. Use the notebook's base name, e.g. makeChecker("00_tools").`,
    );
  }
  const mod = await import(new URL(`${chapterId}.ts`, SPECS_DIR).href);
  const spec = mod.default as ChapterSpec | undefined;
  if (!spec || typeof spec !== "object" || !Array.isArray(spec.exercises)) {
    throw new Error(
      `tests/specs/${chapterId}.ts must default-export chapter({...}) from lib/grading/spec.ts.`,
    );
  }
  if (spec.id !== chapterId) {
    throw new Error(
      `tests/specs/${chapterId}.ts declares chapter id "${spec.id}"; it must be "${chapterId}".`,
    );
  }
  return spec;
}

/** Describes a value's kind for a learner ("undefined", "a number", "a function", …). */
function describe(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (typeof value === "function") return "a function";
  if (typeof value === "object") return `an object (${value.constructor?.name ?? "Object"})`;
  return `a ${typeof value}`;
}

/**
 * Runs a spec's check against `impl` and returns the outcome instead of throwing. An `impl`
 * of the wrong kind (e.g. `undefined` when a function is expected) fails with a clear
 * message before the check runs.
 */
export async function checkExercise<F>(spec: ExerciseSpec<F>, impl: unknown): Promise<CheckResult> {
  if (typeof impl !== typeof spec.solution) {
    return {
      status: "failed",
      failure: new CheckFailure(
        `check("${spec.name}", …) expects ${describe(spec.solution)}, got ${describe(impl)}.`,
        {
          kind: "error",
          hint:
            `Run the exercise cell first, then pass it: await check("${spec.name}", ${spec.name}).`,
        },
      ),
    };
  }
  try {
    await runCheck(spec, impl as F);
    return { status: "passed" };
  } catch (err) {
    if (err instanceof CheckFailure) return { status: "failed", failure: err };
    throw err;
  }
}

/**
 * Loads chapter `chapterId`'s specs and returns its checker. `check(name, impl)` looks the
 * exercise up (an unknown name throws an error listing the known ones), runs its check,
 * and displays the card (in the kernel as rich output, outside it as its text/plain).
 */
export async function makeChecker(chapterId: string): Promise<Checker> {
  const spec = await loadChapterSpec(chapterId);
  return async (name: string, impl: unknown): Promise<void> => {
    const exercise = findExercise(spec, name);
    const result = await checkExercise(exercise, impl);
    await display(renderCard(exercise, result));
  };
}
