/**
 * `deno task grade SUBMISSIONS... [--chapter NN_topic] [--out DIR] [--jobs N] [--timeout S]
 * [--memory MB]`: grades a class's notebooks and writes the gradebook, per-student feedback
 * and a JUnit XML file. Exits non-zero only when it could not grade at all.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { join } from "node:path";
import { defaultCoursePaths } from "./grader/submission.ts";
import { findSubmissions, gradeAll, loadChapter } from "./grader/grade.ts";
import {
  feedbackHtml,
  feedbackMarkdown,
  gradebookCsv,
  gradesJson,
  junitXml,
  summaryTable,
} from "./grader/report.ts";

const USAGE = `Usage: deno task grade SUBMISSIONS... [options]

SUBMISSIONS are .ipynb files or folders of them (one submission per notebook; the
student id is the file name, or the folder name for files named like 01_mdp.ipynb,
or notebook metadata rl_course.student).

Options:
  --chapter NN_topic  grade every notebook as this chapter (default: notebook metadata)
  --out DIR           where to write the results (default: out/grades)
  --jobs N            submissions graded at once (default: 2)
  --timeout S         seconds per exercise (default: 60); a submission gets 10x that
  --memory MB         memory cap per submission process (default: 2048)
`;

function fail(message: string): never {
  console.error(`grade: ${message}\n\n${USAGE}`);
  Deno.exit(2);
}

function positiveNumber(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) fail(`${flag} needs a positive number, got "${value}"`);
  return n;
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args: Deno.args,
      allowPositionals: true,
      options: {
        chapter: { type: "string" },
        out: { type: "string" },
        jobs: { type: "string" },
        timeout: { type: "string" },
        memory: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (err) {
    fail((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (positionals.length === 0) fail("no submissions given");
  const outDir = values.out ?? "out/grades";
  const jobs = Math.floor(positiveNumber(values.jobs, "--jobs", 2));
  const timeoutS = positiveNumber(values.timeout, "--timeout", 60);
  const memoryLimitMb = positiveNumber(values.memory, "--memory", 2048);
  const paths = defaultCoursePaths();
  if (values.chapter) {
    try {
      await loadChapter(values.chapter, paths);
    } catch (err) {
      fail(`--chapter: ${(err as Error).message}`);
    }
  }
  let submissions;
  try {
    submissions = await findSubmissions(positionals);
  } catch (err) {
    fail((err as Error).message);
  }
  if (submissions.length === 0) fail(`no .ipynb files found in ${positionals.join(", ")}`);

  const started = performance.now();
  console.log(`Grading ${submissions.length} submission(s) with ${jobs} job(s)...`);
  const grades = await gradeAll(submissions, {
    chapter: values.chapter,
    jobs,
    exerciseTimeoutMs: timeoutS * 1000,
    submissionTimeoutMs: timeoutS * 10_000,
    memoryLimitMb,
    onGraded: (g, done, total) => {
      const score = g.status === "unreadable" ? `unreadable (${g.reason})` : `${g.total}/${g.max}`;
      console.log(`[${done}/${total}] ${g.student}: ${score} in ${g.seconds.toFixed(1)} s`);
    },
  });

  await Deno.mkdir(join(outDir, "feedback"), { recursive: true });
  await Deno.writeTextFile(join(outDir, "gradebook.csv"), gradebookCsv(grades));
  await Deno.writeTextFile(join(outDir, "grades.json"), gradesJson(grades));
  await Deno.writeTextFile(join(outDir, "junit.xml"), junitXml(grades));
  for (const g of grades) {
    const safe = g.student.replace(/[^A-Za-z0-9._-]/g, "_");
    await Deno.writeTextFile(join(outDir, "feedback", `${safe}.md`), feedbackMarkdown(g));
    await Deno.writeTextFile(join(outDir, "feedback", `${safe}.html`), feedbackHtml(g));
  }
  console.log(`\n${summaryTable(grades)}\n`);
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `Graded ${grades.length} submission(s) in ${seconds.toFixed(1)} s. Results in ${outDir}/`,
  );
}

if (import.meta.main) await main();
