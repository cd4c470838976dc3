/**
 * The graded suite: `gradedSuite(spec)` registers the Deno tests that prove a chapter's
 * checks are sound. For every exercise: the check passes on the reference solution, fails on
 * the notebook's stub with kind `"not-implemented"`, and fails on each named mistake (by that
 * mistake's name unless it is declared `recognised: false`). One more test asserts that the
 * notebook's exercise cells and the spec's exercises are the same set.
 *
 * @example
 * ```ts
 * import { gradedSuite } from "../lib/grading/harness.ts";
 * import spec from "./specs/00_tools.ts";
 * gradedSuite(spec);
 * ```
 * @module
 */
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { exerciseCells } from "../notebook/exercises.ts";
import { readNotebook } from "../notebook/ipynb.ts";
import { defaultCoursePaths, SubmissionCells } from "./grader/submission.ts";
import { type ChapterSpec, CheckFailure, type ExerciseSpec, runCheck } from "./spec.ts";

/** Options of {@link gradedSuite}. */
export interface GradedSuiteOptions {
  /** The notebook holding the stubs (default: `notebooks/<id>.ipynb` of this repository). */
  notebookPath?: string;
}

/** The path of a chapter's notebook in this repository. */
export function notebookPathOf(chapterId: string): string {
  return fileURLToPath(new URL(`../../notebooks/${chapterId}.ipynb`, import.meta.url));
}

/** Runs the check and returns the failure, or `undefined` when it passed. */
async function failureOf<F>(spec: ExerciseSpec<F>, impl: F): Promise<CheckFailure | undefined> {
  try {
    await runCheck(spec, impl);
    return undefined;
  } catch (err) {
    if (err instanceof CheckFailure) return err;
    throw err;
  }
}

/** Describes a failure for a test message: kind, mistake and the learner-facing text. */
export function describeFailure(f: CheckFailure): string {
  const mistake = f.mistake === undefined ? "" : `, mistake "${f.mistake}"`;
  const cause = f.kind === "error" && f.cause instanceof Error && f.cause.stack
    ? `\n${f.cause.stack}`
    : "";
  return `[${f.kind}${mistake}] ${f.message}${cause}`;
}

/** Asserts that the check passes on the reference solution. */
export async function assertPassesOnSolution<F>(spec: ExerciseSpec<F>): Promise<void> {
  const f = await failureOf(spec, spec.solution);
  if (f !== undefined) {
    throw new Error(
      `The check of "${spec.name}" fails on its own reference solution: ${describeFailure(f)}`,
    );
  }
}

/** Asserts that the check fails on `stub` with kind `"not-implemented"`. */
export async function assertFailsOnStub<F>(spec: ExerciseSpec<F>, stub: F): Promise<void> {
  const f = await failureOf(spec, stub);
  if (f === undefined) {
    throw new Error(`The check of "${spec.name}" passes on the notebook stub: it cannot fail.`);
  }
  if (f.kind !== "not-implemented") {
    throw new Error(
      `The check of "${spec.name}" should fail on the notebook stub with kind ` +
        `"not-implemented"; it failed with ${describeFailure(f)}`,
    );
  }
}

/**
 * Asserts that the check rejects the mistake named `mistake`, and that the failure names it
 * unless the mistake is declared `recognised: false`.
 */
export async function assertRejectsMistake<F>(
  spec: ExerciseSpec<F>,
  mistake: string,
): Promise<void> {
  const m = spec.mistakes.find((x) => x.name === mistake);
  if (m === undefined) throw new Error(`"${spec.name}" declares no mistake "${mistake}"`);
  const f = await failureOf(spec, m.impl);
  if (f === undefined) {
    throw new Error(`The check of "${spec.name}" accepts the mistake "${m.name}".`);
  }
  if (m.recognised !== false && f.mistake !== m.name) {
    throw new Error(
      `The check of "${spec.name}" rejects the mistake "${m.name}" but does not recognise it ` +
        `(declare it \`recognised: false\` if that is intended): ${describeFailure(f)}`,
    );
  }
}

/**
 * Imports every exercise of a notebook the way the grader assembles a submission: one module
 * per exercise, with the setup cells and the declarations it uses. So the stub meta-tests go
 * through the grader's own path.
 */
async function importStubs(notebookPath: string): Promise<Record<string, unknown>> {
  const nb = await readNotebook(notebookPath);
  const cells = new SubmissionCells(nb.cells, {
    notebooksDir: dirname(notebookPath),
    privateDirs: defaultCoursePaths().privateDirs,
  });
  const dir = await Deno.makeTempDir({ prefix: "rl-stubs-" });
  const stubs: Record<string, unknown> = {};
  try {
    for (const { name } of exerciseCells(nb)) {
      const assembled = cells.assemble(name);
      if (assembled.kind !== "module") {
        throw new Error(`${notebookPath}: exercise "${name}": ${assembled.message}`);
      }
      const file = join(dir, `${name}.ts`);
      await Deno.writeTextFile(file, assembled.code);
      stubs[name] = (await import(pathToFileURL(file).href))[name];
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  return stubs;
}

/**
 * Registers the chapter's graded tests (see the module doc). The notebook's stubs are
 * assembled once, on first use, as the grader would assemble them.
 */
export function gradedSuite(spec: ChapterSpec, options: GradedSuiteOptions = {}): void {
  const notebookPath = options.notebookPath ?? notebookPathOf(spec.id);
  let stubs: Promise<Record<string, unknown>> | undefined;
  const loadStubs = () => stubs ??= importStubs(notebookPath);

  Deno.test(`${spec.id}: the notebook's exercise cells and the spec's exercises match`, async () => {
    const nb = await readNotebook(notebookPath);
    const inNotebook = exerciseCells(nb).map((c) => c.name);
    const inSpec = spec.exercises.map((ex) => ex.name);
    const noSpec = inNotebook.filter((n) => !inSpec.includes(n));
    const noCell = inSpec.filter((n) => !inNotebook.includes(n));
    const problems = [
      ...noSpec.map((n) => `exercise cell "${n}" has no spec in tests/specs/${spec.id}.ts`),
      ...noCell.map((n) => `spec "${n}" has no exercise cell in ${notebookPath}`),
    ];
    if (problems.length > 0) throw new Error(problems.join("\n"));
    const order = inSpec.filter((n) => inNotebook.includes(n));
    if (order.join() !== inNotebook.join()) {
      throw new Error(
        `The spec lists the exercises in a different order than the notebook: spec ` +
          `[${order.join(", ")}], notebook [${inNotebook.join(", ")}].`,
      );
    }
  });

  for (const ex of spec.exercises) {
    Deno.test(`${spec.id} › ${ex.name}: the check passes on the solution`, async () => {
      await assertPassesOnSolution(ex);
    });

    Deno.test(`${spec.id} › ${ex.name}: the check fails on the notebook stub`, async () => {
      const mod = await loadStubs();
      if (!(ex.name in mod)) {
        throw new Error(
          `The notebook ${notebookPath} has no exercise "${ex.name}" (it has: ${
            Object.keys(mod).join(", ") || "none"
          }).`,
        );
      }
      await assertFailsOnStub(ex, mod[ex.name]);
    });

    if (ex.mistakes.length === 0) {
      Deno.test(`${spec.id} › ${ex.name}: declares at least one mistake`, () => {
        throw new Error(
          `"${ex.name}" declares no mistakes: add at least one plausible wrong implementation.`,
        );
      });
    }
    for (const m of ex.mistakes) {
      Deno.test(`${spec.id} › ${ex.name}: the check rejects mistake "${m.name}"`, async () => {
        await assertRejectsMistake(ex, m.name);
      });
    }
  }
}
