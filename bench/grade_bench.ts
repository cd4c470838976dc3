/**
 * Grading throughput: a class of fake submissions of one chapter (default 01_mdp), made from
 * the chapter's notebook and its solved copy, graded with the instructor grader's defaults
 * (`deno task grade`: 60 s per exercise, 2048 MiB per process) and 2 jobs. Prints JSON: the
 * total time, the median time per submission and exercises graded per second.
 *
 * The class is a mix: 40% perfect, 20% unchanged stubs, 20% half done (the later exercises
 * still stubs), 20% with one of two hand-written mistakes.
 *
 * Run: `deno task bench:grade [CHAPTER] [--submissions N] [--jobs N]`
 *
 * @module
 */
import { parseArgs } from "node:util";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gradeAll, type Submission } from "../lib/grading/grader/grade.ts";
import type { SubmissionGrade } from "../lib/grading/grader/report.ts";
import { type Notebook, readNotebook, serializeNotebook } from "../lib/notebook/ipynb.ts";
import { solveNotebookFile } from "../lib/notebook/solve.ts";

const EXERCISE_TIMEOUT_MS = 60_000;
const MEMORY_LIMIT_MB = 2048;

/** A learner's slip: one line of a solved exercise cell, rewritten. */
interface Slip {
  exercise: string;
  find: string;
  replace: string;
}

/** Two plausible mistakes per chapter, each a one-line edit of the solved cell. */
const SLIPS: Record<string, [Slip, Slip]> = {
  "00_tools": [
    {
      exercise: "softmax",
      find: "tf.exp(tf.sub(x, tf.max(x, axis, true)))",
      replace: "tf.exp(x)",
    },
    {
      exercise: "lineStep",
      find: "return tf.mean(tf.square(tf.sub(predictions, ys))) as tf.Scalar;",
      replace: "return tf.sum(tf.square(tf.sub(predictions, ys))) as tf.Scalar;",
    },
  ],
  "01_mdp": [
    {
      exercise: "toyValues",
      find: "right: (2 * gamma) / (1 - gamma * gamma),",
      replace: "right: 2 / (1 - gamma * gamma),",
    },
    {
      exercise: "policyImprovement",
      find: "pi[s] = argmax(q);",
      replace: "pi[s] = q.indexOf(Math.min(...q));",
    },
  ],
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function exerciseNames(nb: Notebook): string[] {
  return nb.cells.flatMap((c) => {
    const name = c.metadata.rl_course?.exercise;
    return typeof name === "string" ? [name] : [];
  });
}

/** `solved` with the exercise cells named in `names` taken from `stub`. */
function withStubs(solved: Notebook, stub: Notebook, names: Set<string>): Notebook {
  return {
    ...solved,
    cells: solved.cells.map((cell, i) => {
      const name = cell.metadata.rl_course?.exercise;
      return typeof name === "string" && names.has(name) ? stub.cells[i] : cell;
    }),
  };
}

function withSlip(solved: Notebook, slip: Slip): Notebook {
  return {
    ...solved,
    cells: solved.cells.map((cell) => {
      if (cell.metadata.rl_course?.exercise !== slip.exercise) return cell;
      if (!cell.source.includes(slip.find)) {
        throw new Error(
          `the solved "${slip.exercise}" cell no longer contains "${slip.find}": update SLIPS`,
        );
      }
      return { ...cell, source: cell.source.replace(slip.find, slip.replace) };
    }),
  };
}

/** The class: `count` notebooks in the mix described in the module comment. */
function makeClass(
  chapter: string,
  stub: Notebook,
  solved: Notebook,
  count: number,
): { kind: string; nb: Notebook }[] {
  const names = exerciseNames(stub);
  const later = new Set(names.slice(Math.ceil(names.length / 2)));
  const slips = SLIPS[chapter];
  const kinds: { kind: string; nb: Notebook }[] = [
    { kind: "perfect", nb: solved },
    { kind: "stub", nb: stub },
    { kind: "half-done", nb: withStubs(solved, stub, later) },
    ...(slips ?? []).map((s) => ({ kind: `mistake-${s.exercise}`, nb: withSlip(solved, s) })),
  ];
  // Out of every ten: four perfect, two stubs, two half done, one of each mistake.
  const pattern = slips ? [0, 0, 0, 0, 1, 1, 2, 2, 3, 4] : [0, 0, 0, 0, 1, 1, 1, 2, 2, 2];
  return Array.from({ length: count }, (_, i) => kinds[pattern[i % pattern.length]]);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    args: Deno.args,
    allowPositionals: true,
    options: { submissions: { type: "string" }, jobs: { type: "string" } },
  });
  const chapter = positionals[0] ?? "01_mdp";
  const count = Number(values.submissions ?? 30);
  const jobs = Number(values.jobs ?? 2);
  for (const [flag, n] of [["--submissions", count], ["--jobs", jobs]] as const) {
    if (!Number.isInteger(n) || n < 1) {
      throw new Error(`${flag} needs a positive integer, got ${n}`);
    }
  }
  const notebook = fileURLToPath(new URL(`../notebooks/${chapter}.ipynb`, import.meta.url));
  const stub = await readNotebook(notebook);
  const solved = await solveNotebookFile(notebook);
  const members = makeClass(chapter, stub, solved, count);

  const dir = await Deno.makeTempDir({ prefix: "grade-bench-" });
  try {
    const submissions: Submission[] = [];
    for (const [i, { kind, nb }] of members.entries()) {
      const student = `student${String(i + 1).padStart(2, "0")}-${kind}`;
      const file = join(dir, `${student}.ipynb`);
      await Deno.writeTextFile(file, serializeNotebook(nb));
      submissions.push({ file, student });
    }
    const started = performance.now();
    const grades: SubmissionGrade[] = await gradeAll(submissions, {
      jobs,
      exerciseTimeoutMs: EXERCISE_TIMEOUT_MS,
      submissionTimeoutMs: EXERCISE_TIMEOUT_MS * 10,
      memoryLimitMb: MEMORY_LIMIT_MB,
    });
    const totalSeconds = (performance.now() - started) / 1000;

    const perfect = grades.filter((_, i) => members[i].kind === "perfect");
    if (perfect.some((g) => g.status !== "graded" || g.total !== g.max)) {
      throw new Error(
        `a perfect submission did not get full marks: ${
          JSON.stringify(perfect.find((g) => g.total !== g.max))
        }`,
      );
    }
    const statuses: Record<string, number> = {};
    for (const g of grades) {
      for (const e of g.exercises) statuses[e.status] = (statuses[e.status] ?? 0) + 1;
    }
    const mix: Record<string, number> = {};
    for (const m of members) mix[m.kind] = (mix[m.kind] ?? 0) + 1;
    const exercises = grades.reduce((n, g) => n + g.exercises.length, 0);
    console.log(JSON.stringify(
      {
        bench: "grade",
        chapter,
        submissions: count,
        jobs,
        exercisesPerSubmission: exerciseNames(stub).length,
        totalSeconds: Number(totalSeconds.toFixed(2)),
        medianSubmissionSeconds: Number(median(grades.map((g) => g.seconds)).toFixed(2)),
        maxSubmissionSeconds: Number(Math.max(...grades.map((g) => g.seconds)).toFixed(2)),
        exercisesPerSecond: Number((exercises / totalSeconds).toFixed(1)),
        statuses,
        mix,
        deno: Deno.version.deno,
        cpus: navigator.hardwareConcurrency,
      },
      null,
      2,
    ));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

if (import.meta.main) await main();
