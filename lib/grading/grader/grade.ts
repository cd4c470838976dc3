/**
 * Grades a batch of student notebooks: finds the submissions, reads each notebook, assembles
 * one module per exercise, runs the checks in the sandbox and collects the grades.
 *
 * @module
 */
import { basename, dirname, extname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { ChapterSpec } from "../spec.ts";
import { parseNotebook } from "../../notebook/ipynb.ts";
import { privateModuleUrl } from "./private_modules.ts";
import type { ExerciseGrade, SubmissionGrade } from "./report.ts";
import { runInSandbox, type SandboxExercise, type SandboxLimits } from "./sandbox.ts";
import { type CoursePaths, defaultCoursePaths, SubmissionCells } from "./submission.ts";

/** One notebook to grade. */
export interface Submission {
  /** The notebook's path. */
  file: string;
  /** The student id: from notebook metadata, the folder, or the file name. */
  student: string;
}

/** Options of a grading run. */
export interface GradeOptions extends SandboxLimits {
  /** Grade every notebook as this chapter (e.g. "01_mdp") instead of reading its metadata. */
  chapter?: string;
  /** How many submissions to grade at once. */
  jobs: number;
  /** Where the per-submission folders of assembled modules go (default: the system's). */
  tempDir?: string;
  /** Called when a submission is done (for progress output). */
  onGraded?: (grade: SubmissionGrade, done: number, total: number) => void;
}

const CHAPTER_FILE = /^\d\d_[a-z0-9_]+$/;

/**
 * Expands files and folders into submissions, one per `.ipynb`. The student id is the file
 * name without extension, or the folder's name when the file is named like a chapter
 * (`alice/01_mdp.ipynb` is alice's); duplicates get a numeric suffix.
 */
export async function findSubmissions(paths: string[]): Promise<Submission[]> {
  const files: string[] = [];
  const walk = async (path: string) => {
    const info = await Deno.stat(path);
    if (info.isDirectory) {
      const entries = [];
      for await (const entry of Deno.readDir(path)) entries.push(entry.name);
      for (const name of entries.sort()) {
        if (name.startsWith(".") || name.endsWith(".solved.ipynb")) continue;
        const child = join(path, name);
        const childInfo = await Deno.stat(child);
        if (childInfo.isDirectory || name.endsWith(".ipynb")) await walk(child);
      }
    } else if (path.endsWith(".ipynb")) {
      files.push(path);
    } else {
      throw new Error(`${path} is not a notebook (.ipynb) or a folder of notebooks`);
    }
  };
  for (const p of paths) {
    try {
      await walk(p);
    } catch (err) {
      if (err instanceof Deno.errors.NotFound) throw new Error(`${p}: no such file or folder`);
      throw err;
    }
  }
  const seen = new Map<string, number>();
  return files.map((file) => {
    const stem = basename(file, extname(file));
    let student = CHAPTER_FILE.test(stem) ? basename(dirname(resolve(file))) : stem;
    const n = (seen.get(student) ?? 0) + 1;
    seen.set(student, n);
    if (n > 1) student = `${student}-${n}`;
    return { file, student };
  });
}

const specCache = new Map<string, Promise<{ spec: ChapterSpec; specUrl: string }>>();

/** Loads a chapter's spec (for the parent) and its private `data:` URL (for the child). */
export function loadChapter(
  chapterId: string,
  paths: CoursePaths,
): Promise<{ spec: ChapterSpec; specUrl: string }> {
  let entry = specCache.get(chapterId);
  if (!entry) {
    entry = (async () => {
      if (!/^\d\d_[a-z0-9_]+$/.test(chapterId)) {
        throw new Error(`"${chapterId}" is not a chapter id like "01_mdp"`);
      }
      const root = dirname(paths.notebooksDir);
      const specPath = join(root, "tests", "specs", `${chapterId}.ts`);
      try {
        await Deno.stat(specPath);
      } catch {
        const known: string[] = [];
        for await (const e of Deno.readDir(join(root, "tests", "specs"))) {
          if (e.name.endsWith(".ts")) known.push(e.name.slice(0, -3));
        }
        throw new Error(
          `no spec for chapter "${chapterId}"; known chapters: ${known.sort().join(", ")}`,
        );
      }
      const spec = (await import(pathToFileURL(specPath).href)).default as ChapterSpec;
      const specUrl = await privateModuleUrl(specPath, paths.privateDirs);
      return { spec, specUrl };
    })();
    specCache.set(chapterId, entry);
  }
  return entry;
}

function unreadable(
  sub: Submission,
  reason: string,
  started: number,
  chapter?: string,
): SubmissionGrade {
  return {
    student: sub.student,
    file: sub.file,
    chapter,
    status: "unreadable",
    reason,
    exercises: [],
    total: 0,
    max: 0,
    seconds: (performance.now() - started) / 1000,
  };
}

/** Grades one submission. Never throws for anything the student did. */
export async function gradeSubmission(
  sub: Submission,
  options: GradeOptions,
  paths: CoursePaths = defaultCoursePaths(),
): Promise<SubmissionGrade> {
  const started = performance.now();
  let text: string;
  try {
    text = await Deno.readTextFile(sub.file);
  } catch (err) {
    return unreadable(sub, `cannot read the file: ${(err as Error).message}`, started);
  }
  let nb;
  try {
    nb = parseNotebook(text, sub.file);
  } catch (err) {
    return unreadable(sub, (err as Error).message, started);
  }
  const course = (nb.metadata as Record<string, unknown> | undefined)?.rl_course as
    | Record<string, unknown>
    | undefined;
  const student = typeof course?.student === "string" && course.student.trim()
    ? course.student.trim()
    : sub.student;
  const chapterId = options.chapter ??
    (typeof course?.chapter === "string" ? course.chapter : undefined);
  if (!chapterId) {
    return unreadable(
      { ...sub, student },
      "the notebook does not say which chapter it is (metadata rl_course.chapter is missing); grade it with --chapter NN_topic",
      started,
    );
  }
  let chapter;
  try {
    chapter = await loadChapter(chapterId, paths);
  } catch (err) {
    return unreadable({ ...sub, student }, (err as Error).message, started, chapterId);
  }
  const { spec, specUrl } = chapter;

  const cells = new SubmissionCells(nb.cells, paths);
  const grades = new Map<string, ExerciseGrade>();
  const toRun: SandboxExercise[] = [];
  const notesOf = new Map<string, string[]>();
  const tmp = await Deno.makeTempDir({ prefix: "rl-grade-", dir: options.tempDir });
  try {
    for (const ex of spec.exercises) {
      const assembled = cells.assemble(ex.name);
      notesOf.set(ex.name, assembled.notes);
      if (assembled.kind === "module") {
        const file = join(tmp, `${ex.name}.ts`);
        await Deno.writeTextFile(file, assembled.code);
        // A spec that needs longer (training runs) keeps its budget even under a short --timeout.
        const timeoutMs = Math.max(options.exerciseTimeoutMs, ex.timeoutMs ?? 0);
        toRun.push({ name: ex.name, moduleUrl: pathToFileURL(file).href, timeoutMs });
      } else {
        grades.set(ex.name, {
          exercise: ex.name,
          title: ex.title,
          points: 0,
          maxPoints: ex.points,
          status: assembled.kind,
          message: assembled.message,
          notes: assembled.notes,
        });
      }
    }
    const limits: SandboxLimits = {
      exerciseTimeoutMs: options.exerciseTimeoutMs,
      submissionTimeoutMs: options.submissionTimeoutMs,
      memoryLimitMb: options.memoryLimitMb,
    };
    const outcomes = toRun.length > 0
      ? await runInSandbox({ specUrl, exercises: toRun, readDirs: [tmp] }, limits)
      : new Map();
    for (const ex of spec.exercises) {
      const outcome = outcomes.get(ex.name);
      if (!outcome) continue;
      grades.set(ex.name, {
        exercise: ex.name,
        title: ex.title,
        points: outcome.status === "passed" ? ex.points : 0,
        maxPoints: ex.points,
        status: outcome.status,
        message: outcome.message,
        kind: outcome.kind,
        hint: outcome.hint,
        mistake: outcome.mistake,
        notes: notesOf.get(ex.name) ?? [],
      });
    }
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
  const exercises = spec.exercises.map((ex) => grades.get(ex.name)!);
  return {
    student,
    file: sub.file,
    chapter: chapterId,
    status: "graded",
    exercises,
    total: exercises.reduce((n, e) => n + e.points, 0),
    max: spec.exercises.reduce((n, e) => n + e.points, 0),
    seconds: (performance.now() - started) / 1000,
  };
}

/** Grades every submission with `options.jobs` running at once, in input order. */
export async function gradeAll(
  submissions: Submission[],
  options: GradeOptions,
): Promise<SubmissionGrade[]> {
  const results: SubmissionGrade[] = new Array(submissions.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < submissions.length) {
      const i = next++;
      results[i] = await gradeSubmission(submissions[i], options);
      done++;
      options.onGraded?.(results[i], done, submissions.length);
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(options.jobs, submissions.length)) }, worker),
  );
  return results;
}
