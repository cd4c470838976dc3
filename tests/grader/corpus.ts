/**
 * A corpus of fake student submissions of chapter 00 for the grader's tests.
 *
 * Every submission is the solved notebook (`deno task solve`'s substitution, done in memory)
 * with one change: an exercise cell replaced by a snippet a student could write, a cell
 * copied, removed or stripped of its metadata, or the file itself broken. The snippets are
 * written by hand for these tests: the named mistakes are written the way a learner would
 * write them (not copied from the spec), and the hostile ones try what a learner who wants
 * points without doing the work might try. Each submission states what the grader must
 * return for it: exercises not listed in `exercises` must pass.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import type { Cell, CodeCell, Notebook } from "../../lib/notebook/ipynb.ts";
import { readNotebook, serializeNotebook } from "../../lib/notebook/ipynb.ts";
import { solveNotebookFile } from "../../lib/notebook/solve.ts";
import type { GradeStatus } from "../../lib/grading/grader/protocol.ts";

/** The repository's root directory. */
export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The chapter the corpus is made from. */
export const CORPUS_CHAPTER = "00_tools";

/** What the grader must report for one exercise of a submission. */
export interface ExpectedExercise {
  status: GradeStatus;
  /** The check's failure kind (`"not-implemented"`, `"wrong"`, `"error"`), when it failed. */
  kind?: string;
  /** The recognised mistake's name. */
  mistake?: string;
  /** A pattern the learner-facing message must match. */
  message?: RegExp;
  /** A pattern one of the exercise's notes must match. */
  note?: RegExp;
}

/** One fake submission and what grading it must give. */
export interface CorpusSubmission {
  /** The student id: also the file name, `<student>.ipynb`. */
  student: string;
  /** What the student did, for test names. */
  about: string;
  /** The notebook file's text. */
  text: string;
  /**
   * Either the reason pattern of an unreadable notebook, or the expected result of the
   * exercises that must not pass (every other exercise must pass).
   */
  expected: { unreadable: RegExp } | { exercises: Record<string, ExpectedExercise> };
  /** Grade with this chapter instead of reading the notebook's metadata. */
  chapter?: string;
}

/** Where the hostile submissions aim, so that tests can see that nothing got there. */
export interface HostileTargets {
  /** A path outside every directory the grader writes to; no submission may create it. */
  canaryPath: string;
  /** A port on 127.0.0.1 where the test listens; no submission may reach it. */
  port: number;
}

/** The stub notebook and its solved copy, read fresh. */
export async function baseNotebooks(): Promise<{ stub: Notebook; solved: Notebook }> {
  const path = join(REPO_ROOT, "notebooks", `${CORPUS_CHAPTER}.ipynb`);
  return { stub: await readNotebook(path), solved: await solveNotebookFile(path) };
}

function exerciseIndex(nb: Notebook, name: string): number {
  const i = nb.cells.findIndex((c) => c.metadata.rl_course?.exercise === name);
  if (i < 0) throw new Error(`the ${CORPUS_CHAPTER} notebook has no exercise cell "${name}"`);
  return i;
}

/** A copy of `nb` whose exercise cell `name` holds `code`. */
export function withExercise(nb: Notebook, name: string, code: string): Notebook {
  const i = exerciseIndex(nb, name);
  return { ...nb, cells: nb.cells.map((c, j) => j === i ? { ...c, source: code } : c) };
}

/** A copy of `nb` with `edit` applied to its cells. */
function editCells(nb: Notebook, edit: (cells: Cell[]) => Cell[]): Notebook {
  return { ...nb, cells: edit(structuredClone(nb.cells)) };
}

/** A code cell with no metadata, as a learner's "insert cell below" makes. */
function plainCell(id: string, source: string): CodeCell {
  return { cell_type: "code", id, metadata: {}, source, execution_count: null, outputs: [] };
}

/**
 * Each named mistake of chapter 00 written by hand, the way a learner would get it wrong:
 * exercise name, then mistake name, then the code of the exercise cell.
 */
export const HANDWRITTEN_MISTAKES: Record<string, Record<string, string>> = {
  logSumExp: {
    "no-max-shift": `export function logSumExp(x: tf.Tensor, axis = -1): tf.Tensor {
  // log(sum(exp(x))), straight from the formula
  return tf.tidy(() => x.exp().sum(axis).log());
}`,
    "nan-for-all-minus-infinity": `export function logSumExp(x: tf.Tensor, axis = -1): tf.Tensor {
  return tf.tidy(() => {
    const biggest = x.max(axis, true);
    const total = x.sub(biggest).exp().sum(axis, true);
    const dim = axis < 0 ? x.rank + axis : axis;
    return total.log().add(biggest).squeeze([dim]);
  });
}`,
    "max-without-keepdims": `export function logSumExp(x: tf.Tensor, axis = -1): tf.Tensor {
  return tf.tidy(() => {
    const m = tf.max(x, axis);
    const s = tf.sum(tf.exp(x.sub(m)), axis);
    return tf.log(s).add(m);
  });
}`,
    "ignores-axis": `export function logSumExp(x: tf.Tensor, axis = -1): tf.Tensor {
  return tf.tidy(() => {
    const m = tf.max(x, -1, true);
    const safe = tf.where(tf.isFinite(m), m, tf.zerosLike(m));
    const s = tf.sum(tf.exp(tf.sub(x, safe)), -1);
    return tf.log(s).add(safe.squeeze([x.rank - 1]));
  });
}`,
    "leaks-intermediates": `export function logSumExp(x: tf.Tensor, axis = -1): tf.Tensor {
  const m = tf.max(x, axis, true);
  const shift = tf.where(tf.isFinite(m), m, tf.zerosLike(m));
  const total = tf.exp(tf.sub(x, shift)).sum(axis, true);
  const dim = axis < 0 ? axis + x.rank : axis;
  return tf.log(total).add(shift).squeeze([dim]);
}`,
  },
  softmax: {
    "no-max-shift": `export function softmax(x: tf.Tensor, axis = -1): tf.Tensor {
  return tf.tidy(() => {
    const e = x.exp();
    return e.div(e.sum(axis, true));
  });
}`,
    "sum-without-keepdims": `export function softmax(x: tf.Tensor, axis = -1): tf.Tensor {
  return tf.tidy(() => {
    const e = tf.exp(x.sub(x.max(axis, true)));
    return e.div(e.sum(axis));
  });
}`,
    "ignores-axis": `export function softmax(x: tf.Tensor, axis = -1): tf.Tensor {
  // tfjs has it built in
  return tf.softmax(x);
}`,
  },
  gatherActions: {
    "gathers-rows":
      `export function gatherActions(values: tf.Tensor2D, actions: tf.Tensor1D): tf.Tensor1D {
  return tf.gather(values, actions) as tf.Tensor1D;
}`,
    "gathers-columns-for-every-row":
      `export function gatherActions(values: tf.Tensor2D, actions: tf.Tensor1D): tf.Tensor1D {
  return values.gather(actions, 1) as tf.Tensor1D;
}`,
    "breaks-gradient":
      `export function gatherActions(values: tf.Tensor2D, actions: tf.Tensor1D): tf.Tensor1D {
  const table = values.arraySync();
  const chosen = Array.from(actions.dataSync(), (a, row) => table[row][a]);
  return tf.tensor1d(chosen);
}`,
  },
  lineStep: {
    "sum-not-mean": `export function lineStep(
  params: { slope: tf.Variable; intercept: tf.Variable },
  xs: tf.Tensor1D,
  ys: tf.Tensor1D,
  optimizer: tf.Optimizer,
): number {
  return tf.tidy(() => {
    const loss = () =>
      tf.sum(tf.square(tf.sub(tf.add(tf.mul(params.slope, xs), params.intercept), ys))) as tf.Scalar;
    const cost = optimizer.minimize(loss, true, [params.slope, params.intercept])!;
    return cost.dataSync()[0];
  });
}`,
    "loss-after-step": `export function lineStep(
  params: { slope: tf.Variable; intercept: tf.Variable },
  xs: tf.Tensor1D,
  ys: tf.Tensor1D,
  optimizer: tf.Optimizer,
): number {
  const mse = () => params.slope.mul(xs).add(params.intercept).sub(ys).square().mean() as tf.Scalar;
  return tf.tidy(() => {
    optimizer.minimize(mse, false, [params.slope, params.intercept]);
    return mse().dataSync()[0];
  });
}`,
    "leaks-tensors": `export function lineStep(
  params: { slope: tf.Variable; intercept: tf.Variable },
  xs: tf.Tensor1D,
  ys: tf.Tensor1D,
  optimizer: tf.Optimizer,
): number {
  const mse = () => params.slope.mul(xs).add(params.intercept).sub(ys).square().mean() as tf.Scalar;
  const cost = optimizer.minimize(mse, true, [params.slope, params.intercept])!;
  return cost.dataSync()[0];
}`,
  },
  fitLine: {
    "leaks-variables": `export function fitLine(
  xs: Float32Array,
  ys: Float32Array,
  options: { steps: number; learningRate: number },
): { slope: number; intercept: number; losses: number[] } {
  const slope = tf.variable(tf.scalar(0));
  const intercept = tf.variable(tf.scalar(0));
  const x = tf.tensor1d(xs);
  const y = tf.tensor1d(ys);
  const sgd = tf.train.sgd(options.learningRate);
  const losses: number[] = [];
  for (let i = 0; i < options.steps; i++) losses.push(lineStep({ slope, intercept }, x, y, sgd));
  return { slope: slope.dataSync()[0], intercept: intercept.dataSync()[0], losses };
}`,
    "extra-final-loss": `export function fitLine(
  xs: Float32Array,
  ys: Float32Array,
  options: { steps: number; learningRate: number },
): { slope: number; intercept: number; losses: number[] } {
  const params = tf.tidy(() => ({ slope: tf.variable(tf.scalar(0)), intercept: tf.variable(tf.scalar(0)) }));
  const x = tf.tensor1d(xs);
  const y = tf.tensor1d(ys);
  const sgd = tf.train.sgd(options.learningRate);
  const losses: number[] = [];
  for (let i = 0; i < options.steps; i++) losses.push(lineStep(params, x, y, sgd));
  // and the loss at the end, to see where we got
  losses.push(tf.tidy(() =>
    params.slope.mul(x).add(params.intercept).sub(y).square().mean().dataSync()[0]
  ));
  const result = { slope: params.slope.dataSync()[0], intercept: params.intercept.dataSync()[0], losses };
  tf.dispose([params.slope, params.intercept, x, y]);
  sgd.dispose();
  return result;
}`,
    "starts-from-random": `export function fitLine(
  xs: Float32Array,
  ys: Float32Array,
  options: { steps: number; learningRate: number },
): { slope: number; intercept: number; losses: number[] } {
  // random start, seeded so it is reproducible
  const params = tf.tidy(() => ({
    slope: tf.variable(tf.randomNormal([], 0, 1, "float32", 1)),
    intercept: tf.variable(tf.randomNormal([], 0, 1, "float32", 2)),
  }));
  const x = tf.tensor1d(xs);
  const y = tf.tensor1d(ys);
  const sgd = tf.train.sgd(options.learningRate);
  const losses: number[] = [];
  for (let i = 0; i < options.steps; i++) losses.push(lineStep(params, x, y, sgd));
  const result = { slope: params.slope.dataSync()[0], intercept: params.intercept.dataSync()[0], losses };
  tf.dispose([params.slope, params.intercept, x, y]);
  sgd.dispose();
  return result;
}`,
  },
};

/**
 * Exercises whose solution calls another exercise: the learner's `fitLine` calls the learner's
 * `lineStep`, so a wrong `lineStep` fails both.
 */
const DEPENDENTS: Record<string, string[]> = { lineStep: ["fitLine"] };

/** The signature line of the softmax exercise, shared by the hostile snippets. */
const SOFTMAX_SIGNATURE = "export function softmax(x: tf.Tensor, axis = -1): tf.Tensor {";

/** A correct softmax body, so that only the hostile part decides the grade. */
const SOFTMAX_BODY = `  return tf.tidy(() => {
    const e = tf.exp(tf.sub(x, tf.max(x, axis, true)));
    return tf.div(e, tf.sum(e, axis, true));
  });`;

/** A correct softmax preceded by `before` at the top level of the cell. */
function softmaxAfter(before: string): string {
  return `${before}\n\n${SOFTMAX_SIGNATURE}\n${SOFTMAX_BODY}\n}`;
}

/** A softmax whose body runs `hostile` first and then computes the right answer. */
function softmaxDoing(hostile: string): string {
  return `${SOFTMAX_SIGNATURE}\n${hostile}\n${SOFTMAX_BODY}\n}`;
}

/** A string expression that evaluates to `text` but does not contain it literally. */
function hidden(text: string): string {
  const cut = Math.floor(text.length / 2);
  return `[${JSON.stringify(text.slice(0, cut))}, ${JSON.stringify(text.slice(cut))}].join("")`;
}

/** Builds the whole corpus. */
export async function buildCorpus(targets: HostileTargets): Promise<CorpusSubmission[]> {
  const { stub, solved } = await baseNotebooks();
  const out: CorpusSubmission[] = [];
  const add = (
    student: string,
    about: string,
    nb: Notebook | string,
    expected: CorpusSubmission["expected"],
    chapter?: string,
  ) =>
    out.push({
      student,
      about,
      text: typeof nb === "string" ? nb : serializeNotebook(nb),
      expected,
      chapter,
    });
  const fails = (exercises: Record<string, ExpectedExercise>) => ({ exercises });
  const exerciseNames = Object.keys(HANDWRITTEN_MISTAKES);
  const solutionsFile = join(REPO_ROOT, "solutions", `${CORPUS_CHAPTER}.ts`);

  add("perfect", "the solved notebook", solved, fails({}));
  add(
    "stubs",
    "the unchanged notebook",
    stub,
    fails(Object.fromEntries(
      exerciseNames.map((n) => [n, { status: "failed", kind: "not-implemented" }]),
    )),
  );

  for (const [name, mistakes] of Object.entries(HANDWRITTEN_MISTAKES)) {
    for (const [mistake, code] of Object.entries(mistakes)) {
      const dependents = Object.fromEntries(
        (DEPENDENTS[name] ?? []).map((d) => [d, { status: "failed" as const }]),
      );
      add(
        `mistake-${name}-${mistake}`,
        `${name} with the mistake "${mistake}"`,
        withExercise(solved, name, code),
        fails({ ...dependents, [name]: { status: "failed", mistake } }),
      );
    }
  }

  // Hangs and resource bombs.
  add(
    "loop-top-level",
    "an infinite loop at the top level of an exercise cell",
    withExercise(solved, "softmax", softmaxAfter("while (true) {}")),
    fails({ softmax: { status: "timeout", message: /Stopped after/ } }),
  );
  add(
    "loop-in-exercise",
    "an infinite loop inside an exercise",
    withExercise(
      solved,
      "gatherActions",
      `export function gatherActions(values: tf.Tensor2D, actions: tf.Tensor1D): tf.Tensor1D {
  let i = 0;
  while (i >= 0) i = (i + 1) % 10;
  return values.gather(actions, 1) as tf.Tensor1D;
}`,
    ),
    fails({ gatherActions: { status: "timeout", message: /Stopped after/ } }),
  );
  add(
    "never-settles",
    "a cell that awaits a promise that never settles",
    withExercise(
      solved,
      "gatherActions",
      `await new Promise(() => {});
export function gatherActions(values: tf.Tensor2D, actions: tf.Tensor1D): tf.Tensor1D {
  return values.gather(actions, 1) as tf.Tensor1D;
}`,
    ),
    fails({ gatherActions: { status: "error", message: /never resolved/ } }),
  );
  add(
    "memory-bomb-buffers",
    "an exercise that fills memory with typed arrays",
    withExercise(
      solved,
      "logSumExp",
      `export function logSumExp(x: tf.Tensor, axis = -1): tf.Tensor {
  const hoard: Float64Array[] = [];
  while (true) hoard.push(new Float64Array(8_000_000).fill(Math.PI));
}`,
    ),
    fails({ logSumExp: { status: "timeout", message: /memory/ } }),
  );
  add(
    "memory-bomb-heap",
    "a cell that fills the JavaScript heap at the top level",
    withExercise(
      solved,
      "logSumExp",
      `const hoard: number[][] = [];
while (true) hoard.push(new Array(1_000_000).fill(hoard.length + 0.5));
export function logSumExp(x: tf.Tensor, axis = -1): tf.Tensor {
  return tf.logSumExp(x, axis);
}`,
    ),
    fails({ logSumExp: { status: "timeout", message: /memory/ } }),
  );

  // Reaching for the solutions and the specs.
  add(
    "import-solutions-static",
    "a static import of the solution module",
    withExercise(
      solved,
      "softmax",
      `import { softmax as reference } from "../solutions/00_tools.ts";
export function softmax(x: tf.Tensor, axis = -1): tf.Tensor {
  return reference(x, axis);
}`,
    ),
    fails({ softmax: { status: "rejected", message: /solutions or tests/ } }),
  );
  add(
    "import-spec-setup-cell",
    "a setup cell importing the chapter's spec",
    editCells(solved, (cells) => {
      const setup = cells.find((c) => c.metadata.rl_course?.role === "setup")!;
      setup.source = `import spec from "../tests/specs/00_tools.ts";\n${setup.source}`;
      return cells;
    }),
    fails(Object.fromEntries(
      exerciseNames.map((n) => [n, { status: "rejected", message: /solutions or tests/ }]),
    )),
  );
  add(
    "import-solutions-dynamic-literal",
    "a dynamic import of the solutions with a literal specifier",
    withExercise(
      solved,
      "softmax",
      `const reference = await import("../solutions/00_tools.ts");
export const softmax = reference.softmax;`,
    ),
    fails({ softmax: { status: "rejected", message: /solutions or tests/ } }),
  );
  add(
    "import-solutions-dynamic-computed",
    "a dynamic import of the solutions by their absolute path, computed at run time",
    withExercise(
      solved,
      "softmax",
      `const where = ${hidden(`file://${solutionsFile}`)};
const reference = await import(where);
export const softmax = reference.softmax;`,
    ),
    fails({ softmax: { status: "rejected", message: /read access|NotCapable|PermissionDenied/ } }),
  );
  add(
    "import-solutions-dynamic-relative",
    "a dynamic import of the solutions by a computed relative path",
    withExercise(
      solved,
      "softmax",
      `const reference = await import(["..", "solutions", "00_tools.ts"].join("/"));
export const softmax = reference.softmax;`,
    ),
    fails({ softmax: { status: "rejected" } }),
  );
  add(
    "read-solutions-file",
    "reading the solution's source and evaluating it",
    withExercise(
      solved,
      "softmax",
      softmaxDoing(`  const source = Deno.readTextFileSync(${hidden(solutionsFile)});
  if (source.length === 0) throw new Error("empty");`),
    ),
    fails({ softmax: { status: "rejected", message: /read access|NotCapable|PermissionDenied/ } }),
  );
  add(
    "read-spec-file-relative",
    "reading the spec through a path relative to the working directory, with node:fs",
    withExercise(
      solved,
      "softmax",
      `import { readFileSync } from "node:fs";
const spec = readFileSync("tests/specs/00_tools.ts", "utf8");
${softmaxAfter(`console.log(spec.length);`)}`,
    ),
    fails({ softmax: { status: "rejected" } }),
  );

  // Side effects the sandbox forbids.
  add(
    "network",
    "a fetch to a server on 127.0.0.1",
    withExercise(
      solved,
      "softmax",
      softmaxAfter(`await fetch("http://127.0.0.1:${targets.port}/leak?grade=full");`),
    ),
    fails({ softmax: { status: "rejected", message: /net/ } }),
  );
  add(
    "network-socket",
    "a raw TCP connection to 127.0.0.1",
    withExercise(
      solved,
      "gatherActions",
      `const socket = await Deno.connect({ hostname: "127.0.0.1", port: ${targets.port} });
await socket.write(new TextEncoder().encode("GET /leak HTTP/1.0\\r\\n\\r\\n"));
export function gatherActions(values: tf.Tensor2D, actions: tf.Tensor1D): tf.Tensor1D {
  return tf.tidy(() => tf.sum(tf.mul(values, tf.cast(tf.oneHot(actions, values.shape[1]), "float32")), 1)) as tf.Tensor1D;
}`,
    ),
    fails({ gatherActions: { status: "rejected", message: /net/ } }),
  );
  add(
    "file-write",
    "writing a file",
    withExercise(
      solved,
      "softmax",
      softmaxDoing(
        `  Deno.writeTextFileSync(${JSON.stringify(targets.canaryPath)}, "all passed");`,
      ),
    ),
    fails({ softmax: { status: "rejected", message: /write access|NotCapable|PermissionDenied/ } }),
  );
  add(
    "exit",
    "Deno.exit(0) at the top level of an exercise cell",
    withExercise(solved, "softmax", softmaxAfter("Deno.exit(0);")),
    fails({ softmax: { status: "rejected", message: /Deno\.exit/ } }),
  );
  add(
    "exit-inside",
    "process.exit(0) and close() inside an exercise",
    withExercise(
      solved,
      "gatherActions",
      `import process from "node:process";
export function gatherActions(values: tf.Tensor2D, actions: tf.Tensor1D): tf.Tensor1D {
  try {
    process.exit(0);
  } finally {
    globalThis.close();
  }
}`,
    ),
    fails({ gatherActions: { status: "rejected" } }),
  );
  add(
    "spawn",
    "spawning a shell that writes a file",
    withExercise(
      solved,
      "softmax",
      softmaxDoing(
        `  new Deno.Command("sh", { args: ["-c", ${
          JSON.stringify(`echo pwned > '${targets.canaryPath}'`)
        }] }).outputSync();`,
      ),
    ),
    fails({ softmax: { status: "rejected", message: /run access|NotCapable|PermissionDenied/ } }),
  );
  add(
    "environment",
    "reading an environment variable",
    withExercise(solved, "softmax", softmaxAfter(`console.log(Deno.env.get("HOME"));`)),
    fails({ softmax: { status: "rejected", message: /env/ } }),
  );

  // Tampering with what the check relies on.
  add(
    "patch-math-random",
    "replacing Math.random",
    withExercise(solved, "softmax", softmaxAfter("Math.random = () => 0.5;")),
    fails({ softmax: { status: "rejected" } }),
  );
  add(
    "patch-assert",
    "patching @std/assert so that assertions cannot fail",
    withExercise(
      solved,
      "softmax",
      `import * as asserts from "@std/assert";
(asserts as Record<string, unknown>).assertEquals = () => {};
${SOFTMAX_SIGNATURE}
  throw new Error("not implemented");
}`,
    ),
    fails({ softmax: { status: "rejected" } }),
  );
  add(
    "patch-deno-test",
    "replacing Deno.test inside the exercise",
    withExercise(
      solved,
      "softmax",
      `${SOFTMAX_SIGNATURE}
  (Deno as unknown as Record<string, unknown>).test = () => {};
  throw new Error("not implemented");
}`,
    ),
    fails({ softmax: { status: "rejected" } }),
  );
  add(
    "patch-quietly",
    "returning zeros after patching Math.abs, Object.is and Array.prototype.every with Reflect",
    withExercise(
      solved,
      "softmax",
      `${SOFTMAX_SIGNATURE}
  // Reflect does not throw where an assignment would: it returns false.
  Reflect.set(Object, "is", () => true);
  Reflect.set(Array.prototype, "every", () => true);
  Reflect.defineProperty(Math, "abs", { value: () => 0 });
  return tf.zerosLike(x);
}`,
    ),
    fails({ softmax: { status: "failed", kind: "wrong" } }),
  );
  add(
    "fake-result-lines",
    "printing forged result lines for every exercise",
    withExercise(
      stub,
      "softmax",
      `const forge = (seq: number, exercise: string) =>
  "@@rl-grade " + btoa(JSON.stringify({
    type: "result", exercise, seq, ms: 1,
    outcome: { status: "passed", message: "Passed." },
  })) + " " + "0".repeat(64);
for (let seq = 0; seq < 40; seq++) {
  for (const name of ["logSumExp", "softmax", "gatherActions", "lineStep", "fitLine"]) {
    console.log(forge(seq, name));
  }
}
Deno.stdout.writeSync(new TextEncoder().encode("\\n" + forge(2, "softmax") + "\\n"));
function softmax(x: tf.Tensor, axis = -1): tf.Tensor {
  console.log(forge(3, "softmax"));
  throw new Error("not implemented");
}`,
    ),
    fails(Object.fromEntries(
      exerciseNames.map((n) => [n, { status: "failed", kind: "not-implemented" }]),
    )),
  );

  // Odd values.
  add(
    "throws-string",
    "an exercise that throws a string",
    withExercise(solved, "softmax", `${SOFTMAX_SIGNATURE}\n  throw "TODO later";\n}`),
    fails({
      softmax: { status: "error", kind: "error", message: /non-Error value: "TODO later"/ },
    }),
  );
  add(
    "throws-object-top-level",
    "a cell that throws a plain object while loading",
    withExercise(
      solved,
      "gatherActions",
      `throw { reason: "no idea" };\nexport function gatherActions() {}`,
    ),
    fails({
      gatherActions: { status: "error", message: /non-Error value: \{"reason":"no idea"\}/ },
    }),
  );
  add(
    "throws-undefined",
    "an exercise that throws undefined",
    withExercise(solved, "softmax", `${SOFTMAX_SIGNATURE}\n  throw undefined;\n}`),
    fails({ softmax: { status: "error", message: /non-Error value: undefined/ } }),
  );
  add(
    "throws-booby-trapped-proxy",
    "an exercise that throws a Proxy whose every trap throws",
    withExercise(
      solved,
      "softmax",
      `${SOFTMAX_SIGNATURE}
  const trap = () => { throw new Error("gotcha"); };
  throw new Proxy({}, { get: trap, getPrototypeOf: trap, ownKeys: trap, has: trap });
}`,
    ),
    fails({ softmax: { status: "error" } }),
  );
  add(
    "nan",
    "a softmax that returns NaN everywhere",
    withExercise(
      solved,
      "softmax",
      `${SOFTMAX_SIGNATURE}\n  return tf.fill(x.shape, NaN);\n}`,
    ),
    fails({ softmax: { status: "failed", kind: "wrong", message: /NaN/ } }),
  );
  add(
    "wrong-shape",
    "a gatherActions that keeps a column dimension, [batch, 1]",
    withExercise(
      solved,
      "gatherActions",
      `export function gatherActions(values: tf.Tensor2D, actions: tf.Tensor1D): tf.Tensor1D {
  return tf.tidy(() => {
    const mask = tf.cast(tf.oneHot(actions, values.shape[1]), "float32");
    return tf.sum(tf.mul(values, mask), 1, true);
  }) as tf.Tensor1D;
}`,
    ),
    fails({ gatherActions: { status: "failed", kind: "wrong", message: /\[3, 1\]/ } }),
  );
  add(
    "returns-array",
    "a softmax that returns a plain array instead of a tensor",
    withExercise(
      solved,
      "softmax",
      `${SOFTMAX_SIGNATURE}\n  return tf.tidy(() => tf.softmax(x).arraySync()) as unknown as tf.Tensor;\n}`,
    ),
    fails({ softmax: { status: "failed", kind: "wrong", message: /expected a tf\.Tensor/ } }),
  );
  add(
    "syntax-error",
    "an exercise cell that does not compile",
    withExercise(
      solved,
      "softmax",
      `${SOFTMAX_SIGNATURE}\n  const e = tf.exp(x;\n  return e;\n}`,
    ),
    fails({ softmax: { status: "error", message: /line 2/ } }),
  );

  // Cells moved about.
  add(
    "metadata-lost",
    "the softmax cell retyped without its exercise metadata",
    editCells(solved, (cells) => {
      delete cells[exerciseIndex(solved, "softmax")].metadata.rl_course;
      return cells;
    }),
    fails({}),
  );
  add(
    "metadata-lost-everywhere",
    "every cell's metadata stripped (setup cell included), chapter given on the command line",
    { ...editCells(solved, (cells) => cells.map((c) => ({ ...c, metadata: {} }))), metadata: {} },
    fails({}),
    CORPUS_CHAPTER,
  );
  const softmaxAt = exerciseIndex(solved, "softmax");
  add(
    "duplicated-stub-after",
    "the softmax cell copied: the implementation, then the unchanged stub below it",
    editCells(solved, (cells) => {
      cells.splice(softmaxAt + 1, 0, { ...stub.cells[softmaxAt], id: "copied-stub" });
      return cells;
    }),
    fails({
      softmax: {
        status: "passed",
        note:
          /defined in 2 cells \((\d+), \d+\); graded cell \1, the last one that is not the unchanged stub/,
      },
    }),
  );
  add(
    "duplicated-two-versions",
    "the softmax cell copied, then the copy changed to a version without the max shift",
    editCells(solved, (cells) => {
      cells.splice(softmaxAt + 1, 0, {
        ...cells[softmaxAt],
        id: "second-try",
        source: HANDWRITTEN_MISTAKES.softmax["no-max-shift"],
      });
      return cells;
    }),
    fails({
      softmax: {
        status: "failed",
        mistake: "no-max-shift",
        note: /defined in 2 cells \(\d+, (\d+)\); graded cell \1, the last one/,
      },
    }),
  );
  add(
    "duplicated-untagged-later",
    "a wrong softmax retyped in a new cell at the end, the tagged cell still correct",
    editCells(solved, (cells) => {
      cells.push(plainCell("retyped", HANDWRITTEN_MISTAKES.softmax["no-max-shift"]));
      return cells;
    }),
    fails({
      softmax: {
        status: "passed",
        note: /also defined in cell \d+, not tagged as the exercise; graded cell \d+/,
      },
    }),
  );
  add(
    "missing-cell",
    "the gatherActions cell deleted",
    editCells(
      solved,
      (cells) => cells.filter((_, i) => i !== exerciseIndex(solved, "gatherActions")),
    ),
    fails({ gatherActions: { status: "missing", message: /No cell defines "gatherActions"/ } }),
  );

  // Files that are not notebooks of this course.
  add(
    "truncated-json",
    "a notebook file cut off in the middle",
    serializeNotebook(solved).slice(0, 2000),
    { unreadable: /not valid JSON/ },
  );
  add(
    "nbformat-3",
    "a notebook in nbformat 3",
    JSON.stringify({ nbformat: 3, nbformat_minor: 0, metadata: {}, worksheets: [] }),
    { unreadable: /nbformat 3 is not supported/ },
  );
  add(
    "no-chapter",
    "a notebook whose metadata does not name its chapter",
    serializeNotebook({ ...solved, metadata: {} }),
    { unreadable: /--chapter/ },
  );
  return out;
}

/** Writes each submission to `dir/<student>.ipynb`; returns the paths in corpus order. */
export async function writeCorpus(dir: string, corpus: CorpusSubmission[]): Promise<string[]> {
  await Deno.mkdir(dir, { recursive: true });
  const paths: string[] = [];
  for (const s of corpus) {
    const path = join(dir, `${s.student}.ipynb`);
    await Deno.writeTextFile(path, s.text);
    paths.push(path);
  }
  return paths;
}
