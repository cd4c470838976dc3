/**
 * The messages between the grader and its child process (see runner.ts and sandbox.ts).
 *
 * @module
 */

/** What the grader records for one exercise of one submission. */
export type GradeStatus =
  /** The check passed: full points. */
  | "passed"
  /** The check ran and the result was wrong (or still the stub). */
  | "failed"
  /** The student's code threw, did not compile, or could not be loaded. */
  | "error"
  /** The exercise exceeded its wall-clock or memory budget and was killed. */
  | "timeout"
  /** No cell for the exercise was found in the notebook. */
  | "missing"
  /** The code tried something graded code may not do (read solutions, network, exit...). */
  | "rejected";

/** The result of one exercise, as the child reports it. */
export interface ExerciseOutcome {
  status: GradeStatus;
  /** What the learner is told. */
  message: string;
  /** The check's failure kind, when a check failed. */
  kind?: string;
  /** The recognised mistake, if any. */
  mistake?: string;
  /** A hint for the learner. */
  hint?: string;
}

/** The request the parent writes to the child's standard input. */
export interface RunnerRequest {
  /** HMAC-SHA256 key, hex: the child signs every message with it. */
  key: string;
  /** A `data:` URL of the chapter's spec module (default export: a `ChapterSpec`). */
  specUrl: string;
  /** The exercises to grade, in order, each with the file URL of its assembled module. */
  exercises: { name: string; moduleUrl: string }[];
}

/** A message from the child, before signing (the sender adds `seq`). */
export type RunnerMessage =
  | { type: "ready" }
  | { type: "start"; exercise: string }
  | { type: "result"; exercise: string; outcome: ExerciseOutcome; ms: number }
  | { type: "done" };

/** Every signed line starts with this prefix, then base64 JSON, a space and the hex HMAC. */
export const MESSAGE_PREFIX = "@@rl-grade ";
