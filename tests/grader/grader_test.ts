/**
 * The instructor grader against the corpus of fake submissions (tests/grader/corpus.ts):
 * every submission gets its stated status and points, nothing the hostile ones try gets out
 * of the sandbox, the batch finishes, grading is repeatable, and `deno task grade` writes the
 * gradebook, grades, feedback and JUnit files.
 */
import { assert, assertEquals, assertExists, assertMatch } from "@std/assert";
import { join } from "node:path";
import spec from "../specs/00_tools.ts";
import { gradeAll, gradeSubmission, type Submission } from "../../lib/grading/grader/grade.ts";
import type { GradeOptions } from "../../lib/grading/grader/grade.ts";
import type { SubmissionGrade } from "../../lib/grading/grader/report.ts";
import {
  baseNotebooks,
  buildCorpus,
  CORPUS_CHAPTER,
  type CorpusSubmission,
  HANDWRITTEN_MISTAKES,
  REPO_ROOT,
  withExercise,
  writeCorpus,
} from "./corpus.ts";
import { serializeNotebook } from "../../lib/notebook/ipynb.ts";

/**
 * Short limits keep the suite fast. A correct exercise of chapter 00 takes well under a
 * second; 6 s leaves room for a loaded machine. A perfect submission's grading process stays
 * under 200 MiB, so 512 MiB stops memory bombs early without touching honest work.
 */
const LIMITS: GradeOptions = {
  jobs: 2,
  exerciseTimeoutMs: 6_000,
  submissionTimeoutMs: 90_000,
  memoryLimitMb: 512,
};

/** Points of each exercise of chapter 00, from the spec. */
const POINTS = new Map(spec.exercises.map((e) => [e.name, e.points]));
const MAX_POINTS = spec.exercises.reduce((n, e) => n + e.points, 0);

/** Asserts that `grade` is what `sub` states. */
function assertGradeAsStated(sub: CorpusSubmission, grade: SubmissionGrade): void {
  assertEquals(grade.student, sub.student);
  if ("unreadable" in sub.expected) {
    assertEquals(grade.status, "unreadable", `${sub.student} should be unreadable`);
    assertMatch(grade.reason ?? "", sub.expected.unreadable);
    assertEquals([grade.total, grade.exercises.length], [0, 0]);
    return;
  }
  assertEquals(grade.status, "graded", `${sub.student}: ${grade.reason}`);
  assertEquals(grade.chapter, CORPUS_CHAPTER);
  assertEquals(grade.exercises.map((e) => e.exercise), spec.exercises.map((e) => e.name));
  let total = 0;
  for (const e of grade.exercises) {
    const want = sub.expected.exercises[e.exercise] ?? { status: "passed" };
    const where = `${sub.student}, ${e.exercise} (${e.status}: ${e.message})`;
    assertEquals(e.status, want.status, where);
    const points = e.status === "passed" ? POINTS.get(e.exercise)! : 0;
    assertEquals([e.points, e.maxPoints], [points, POINTS.get(e.exercise)], where);
    total += points;
    if (want.kind !== undefined) assertEquals(e.kind, want.kind, where);
    if (want.mistake !== undefined) assertEquals(e.mistake, want.mistake, where);
    if (want.message) assertMatch(e.message, want.message, where);
    if (want.note) {
      assert(e.notes.some((n) => want.note!.test(n)), `${where}: notes ${JSON.stringify(e.notes)}`);
    }
    if (e.status !== "passed") assert(e.message.trim().length > 0, `${where}: empty message`);
  }
  assertEquals([grade.total, grade.max], [total, MAX_POINTS]);
}

/** Grades without the time taken, which differs from run to run. */
function withoutTimes(grades: SubmissionGrade[]): unknown {
  return grades.map(({ seconds: _, ...rest }) => rest);
}

/** Live processes whose command line mentions `marker` (Linux; empty elsewhere). */
async function processesMentioning(marker: string): Promise<string[]> {
  const found: string[] = [];
  try {
    for await (const entry of Deno.readDir("/proc")) {
      if (!/^\d+$/.test(entry.name) || Number(entry.name) === Deno.pid) continue;
      try {
        const cmdline = (await Deno.readTextFile(`/proc/${entry.name}/cmdline`)).replaceAll(
          "\0",
          " ",
        );
        if (cmdline.includes(marker)) found.push(`${entry.name}: ${cmdline.trim()}`);
      } catch {
        // The process ended while we looked.
      }
    }
  } catch {
    // No /proc.
  }
  return found;
}

/**
 * The grading processes that still run after waiting up to `ms` for them to exit (a process
 * killed a moment ago may not be gone yet). Grading processes are recognised by the
 * folder of assembled modules they may read, under `tempDir`: other test files run in the
 * same process and spawn processes of their own.
 */
async function lingeringGraders(tempDir: string, ms = 5000): Promise<string[]> {
  const deadline = Date.now() + ms;
  let found = await processesMentioning(tempDir);
  while (found.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    found = await processesMentioning(tempDir);
  }
  return found;
}

/** Every file under `dir`, relative, sorted. */
async function filesUnder(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory) out.push(...await filesUnder(join(dir, entry.name), rel));
    else out.push(rel);
  }
  return out.sort();
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch {
    return false;
  }
}

Deno.test("the corpus has a hand-written version of every named mistake of chapter 00", () => {
  assertEquals(
    Object.keys(HANDWRITTEN_MISTAKES),
    spec.exercises.map((e) => e.name),
  );
  for (const e of spec.exercises) {
    assertEquals(
      Object.keys(HANDWRITTEN_MISTAKES[e.name]).sort(),
      e.mistakes.map((m) => m.name).sort(),
      `mistakes of ${e.name}`,
    );
  }
});

Deno.test("grader: every corpus submission gets its stated grade, and nothing escapes", async (t) => {
  const work = await Deno.makeTempDir({ prefix: "grader-corpus-" });
  // The canary's folder is outside the corpus and out folders, and writable by this test:
  // only a sandbox escape could create the file.
  const canaryDir = await Deno.makeTempDir({ prefix: "grader-canary-" });
  const canaryPath = join(canaryDir, "escaped.txt");
  const requests: string[] = [];
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    (req) => {
      requests.push(req.url);
      return new Response("full marks");
    },
  );
  try {
    const corpus = await buildCorpus({ canaryPath, port: server.addr.port });
    const paths = await writeCorpus(join(work, "submissions"), corpus);
    const submissions: Submission[] = corpus.map((s, i) => ({
      file: paths[i],
      student: s.student,
    }));
    const byMetadata = corpus.flatMap((s, i) => s.chapter ? [] : [i]);
    const withChapter = corpus.flatMap((s, i) => s.chapter ? [i] : []);

    const grades: SubmissionGrade[] = new Array(corpus.length);
    const tempDir = join(work, "tmp");
    await Deno.mkdir(tempDir);
    const limits = { ...LIMITS, tempDir };
    const batch = await gradeAll(byMetadata.map((i) => submissions[i]), limits);
    byMetadata.forEach((i, k) => grades[i] = batch[k]);
    for (const i of withChapter) {
      grades[i] = await gradeSubmission(submissions[i], { ...limits, chapter: corpus[i].chapter });
    }

    for (const [i, sub] of corpus.entries()) {
      await t.step(`${sub.student}: ${sub.about}`, () => assertGradeAsStated(sub, grades[i]));
    }

    await t.step("nothing escaped the sandbox", async () => {
      assertEquals(await exists(canaryPath), false, "a submission wrote the canary file");
      assertEquals(requests, [], "a submission reached the test's server");
      assertEquals(await lingeringGraders(tempDir), [], "grading processes were left running");
      assertEquals(await filesUnder(tempDir), [], "assembled modules were left behind");
      assertEquals(
        await filesUnder(join(work, "submissions")),
        corpus.map((s) => `${s.student}.ipynb`).sort(),
        "the submissions folder changed",
      );
    });

    await t.step("grading the same submissions again gives the same grades", async () => {
      const again = [
        "perfect",
        "stubs",
        "mistake-softmax-no-max-shift",
        "exit",
        "fake-result-lines",
        "duplicated-two-versions",
        "truncated-json",
      ].map((student) => corpus.findIndex((s) => s.student === student));
      assert(again.every((i) => i >= 0));
      const regraded = await gradeAll(again.map((i) => submissions[i]), limits);
      assertEquals(withoutTimes(regraded), withoutTimes(again.map((i) => grades[i])));
    });
  } finally {
    await server.shutdown();
    await Deno.remove(work, { recursive: true });
    await Deno.remove(canaryDir, { recursive: true });
  }
});

/** Runs `deno task grade`'s entry point in a subprocess with its own temp folder. */
async function gradeCli(args: string[], tmp: string) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      `--config=${join(REPO_ROOT, "deno.json")}`,
      join(REPO_ROOT, "lib", "grading", "grade_cli.ts"),
      ...args,
    ],
    cwd: REPO_ROOT,
    env: { TMPDIR: tmp, NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return { code: out.code, stdout: decoder.decode(out.stdout), stderr: decoder.decode(out.stderr) };
}

/** Splits a CSV text (RFC 4180 quoting) into rows of fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  return rows;
}

Deno.test("deno task grade writes the gradebook, grades, feedback and JUnit, and cleans up", async () => {
  const work = await Deno.makeTempDir({ prefix: "grader-cli-" });
  try {
    const tmp = join(work, "tmp");
    const outDir = join(work, "out");
    await Deno.mkdir(tmp);
    const chosen = ["perfect", "stubs", "mistake-logSumExp-no-max-shift", "missing-cell", "exit"];
    const corpus = (await buildCorpus({ canaryPath: join(work, "canary"), port: 9 }))
      .filter((s) => chosen.includes(s.student) || s.student === "truncated-json");
    // One submission in a student folder, named like the chapter: the folder names the student.
    const folder = join(work, "class");
    await writeCorpus(folder, corpus.filter((s) => s.student !== "perfect"));
    const perfect = corpus.find((s) => s.student === "perfect")!;
    await Deno.mkdir(join(folder, "ada"));
    await Deno.writeTextFile(join(folder, "ada", `${CORPUS_CHAPTER}.ipynb`), perfect.text);

    const run = await gradeCli([
      folder,
      "--out",
      outDir,
      "--jobs",
      "2",
      "--timeout",
      String(LIMITS.exerciseTimeoutMs / 1000),
      "--memory",
      String(LIMITS.memoryLimitMb),
    ], tmp);
    assertEquals(run.code, 0, run.stderr);
    const students = ["ada", ...chosen.filter((s) => s !== "perfect"), "truncated-json"].sort();
    for (const s of students) assertMatch(run.stdout, new RegExp(`\\] ${s}: `));
    assertMatch(run.stdout, /Graded 6 submission\(s\)/);

    assertEquals(
      await filesUnder(outDir),
      [
        ...students.flatMap((s) => [`feedback/${s}.html`, `feedback/${s}.md`]),
        "gradebook.csv",
        "grades.json",
        "junit.xml",
      ].sort(),
    );
    assertEquals(await filesUnder(tmp), [], "temporary files were left behind");

    const expectedFor = (student: string) =>
      student === "ada" ? perfect : corpus.find((s) => s.student === student)!;
    const json = JSON.parse(await Deno.readTextFile(join(outDir, "grades.json")));
    assertEquals(json.version, 1);
    const graded = json.submissions as SubmissionGrade[];
    assertEquals(graded.map((g) => g.student).sort(), students);
    for (const g of graded) {
      assertGradeAsStated({ ...expectedFor(g.student), student: g.student }, g);
    }

    const csv = parseCsv(await Deno.readTextFile(join(outDir, "gradebook.csv")));
    const names = spec.exercises.map((e) => e.name);
    assertEquals(csv[0], ["student", "file", "status", ...names, "total", "max"]);
    assertEquals(csv.length, students.length + 1);
    for (const row of csv.slice(1)) {
      const g = graded.find((x) => x.student === row[0])!;
      assertExists(g, `gradebook row for ${row[0]}`);
      const points = names.map((n) =>
        String(g.exercises.find((e) => e.exercise === n)?.points ?? 0)
      );
      assertEquals(row.slice(2), [g.status, ...points, String(g.total), String(g.max)]);
    }
    assertEquals(csv.find((r) => r[0] === "ada")!.at(-2), String(MAX_POINTS));

    const junit = await Deno.readTextFile(join(outDir, "junit.xml"));
    assertEquals(junit.match(/<testsuite /g)?.length, students.length);
    assertMatch(junit, /<testsuite name="stubs" tests="5" failures="5" errors="0"/);
    assertMatch(junit, /<testsuite name="ada" tests="5" failures="0" errors="0"/);
    assertMatch(junit, /<testsuite name="exit" tests="5" failures="0" errors="1"/);
    assertMatch(junit, /<testsuite name="truncated-json" tests="1" failures="0" errors="1"/);

    const feedback = await Deno.readTextFile(
      join(outDir, "feedback", "mistake-logSumExp-no-max-shift.md"),
    );
    assertMatch(feedback, /Score: 7 \/ 9/);
    assertMatch(feedback, /Hint: exp\(1000\) overflows/);
    const unreadable = await Deno.readTextFile(join(outDir, "feedback", "truncated-json.html"));
    assertMatch(unreadable, /could not be read:.*not valid JSON/);
  } finally {
    await Deno.remove(work, { recursive: true });
  }
});

Deno.test("deno task grade exits non-zero only when it cannot grade at all", async () => {
  const work = await Deno.makeTempDir({ prefix: "grader-cli-usage-" });
  try {
    const missing = await gradeCli([join(work, "nothing-here"), "--out", join(work, "out")], work);
    assertEquals(missing.code, 2);
    assertMatch(missing.stderr, /no such file or folder/);
    const chapter = await gradeCli(
      [work, "--chapter", "99_nothing", "--out", join(work, "o")],
      work,
    );
    assertEquals(chapter.code, 2);
    assertMatch(chapter.stderr, /no spec for chapter "99_nothing"; known chapters: .*00_tools/);
    const empty = await gradeCli([work, "--out", join(work, "out")], work);
    assertEquals(empty.code, 2);
    assertMatch(empty.stderr, /no \.ipynb files found/);
    assertEquals(await exists(join(work, "out")), false);
  } finally {
    await Deno.remove(work, { recursive: true });
  }
});

Deno.test({
  // Student code shares the process with the check and with tfjs, and freezing the built-ins
  // does not cover tfjs's own objects: a patch of the library would change what the
  // solution's probes return as well. The grader compares against the solution's answers
  // recorded before any student code was loaded.
  name: "patching tfjs's Tensor.prototype.arraySync does not earn the points",
  async fn() {
    const { solved } = await baseNotebooks();
    const nb = withExercise(
      solved,
      "softmax",
      `tf.Tensor.prototype.arraySync = function () { return 0; };
export function softmax(x: tf.Tensor, axis = -1): tf.Tensor {
  return tf.zerosLike(x);
}`,
    );
    const dir = await Deno.makeTempDir({ prefix: "grader-tamper-" });
    try {
      const file = join(dir, "tamper.ipynb");
      await Deno.writeTextFile(file, serializeNotebook(nb));
      const grade = await gradeSubmission({ file, student: "tamper" }, LIMITS);
      const softmax = grade.exercises.find((e) => e.exercise === "softmax")!;
      assert(softmax.status !== "passed", softmax.message);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
