/**
 * The grader's outputs: `gradebook.csv`, `grades.json`, per-student feedback (HTML and
 * Markdown) and a JUnit XML file for learning platforms.
 *
 * @module
 */
import type { GradeStatus } from "./protocol.ts";

/** The grade of one exercise of one submission. */
export interface ExerciseGrade {
  exercise: string;
  title: string;
  points: number;
  maxPoints: number;
  status: GradeStatus;
  /** What the learner is told. */
  message: string;
  /** The check's failure kind (`"not-implemented"`, `"wrong"`, `"error"`), when it failed. */
  kind?: string;
  hint?: string;
  mistake?: string;
  /** How the exercise's cell was found, and anything the grader resolved on the way. */
  notes: string[];
}

/** The grade of one submission (one notebook). */
export interface SubmissionGrade {
  student: string;
  /** The notebook's path as given on the command line (or found in a folder). */
  file: string;
  chapter?: string;
  /** "unreadable" when the notebook could not be parsed: `reason` says why. */
  status: "graded" | "unreadable";
  reason?: string;
  exercises: ExerciseGrade[];
  total: number;
  max: number;
  /** Seconds spent grading this submission. */
  seconds: number;
}

/** Escapes a CSV field (RFC 4180). */
function csvField(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * `gradebook.csv`: one row per student, one column per exercise (named `NN_topic/exercise`
 * when the batch mixes chapters), the total and the maximum.
 */
export function gradebookCsv(grades: SubmissionGrade[]): string {
  const chapters = new Set(grades.filter((g) => g.status === "graded").map((g) => g.chapter));
  const columnOf = (g: SubmissionGrade, exercise: string) =>
    chapters.size > 1 ? `${g.chapter}/${exercise}` : exercise;
  const columns: string[] = [];
  for (const g of grades) {
    for (const e of g.exercises) {
      const column = columnOf(g, e.exercise);
      if (!columns.includes(column)) columns.push(column);
    }
  }
  const header = ["student", "file", "status", ...columns, "total", "max"];
  const rows = grades.map((g) => {
    const points = new Map(g.exercises.map((e) => [columnOf(g, e.exercise), e.points]));
    return [g.student, g.file, g.status, ...columns.map((c) => points.get(c) ?? 0), g.total, g.max];
  });
  return [header, ...rows].map((row) => row.map(csvField).join(",")).join("\n") + "\n";
}

/** `grades.json`: everything, per student and exercise. */
export function gradesJson(grades: SubmissionGrade[]): string {
  return JSON.stringify({ version: 1, submissions: grades }, null, 2) + "\n";
}

function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll(
    '"',
    "&quot;",
  );
}

const STATUS_LABEL: Record<GradeStatus, string> = {
  passed: "Passed",
  failed: "Failed",
  error: "Error",
  timeout: "Timed out",
  missing: "Missing",
  rejected: "Rejected",
};

/** Per-student feedback as Markdown. */
export function feedbackMarkdown(g: SubmissionGrade): string {
  const lines = [`# Feedback for ${g.student}`, "", `Notebook: \`${g.file}\``, ""];
  if (g.status === "unreadable") {
    lines.push(`**Your notebook could not be read:** ${g.reason}`, "", "Score: 0");
    return lines.join("\n") + "\n";
  }
  lines.push(`Chapter ${g.chapter}. **Score: ${g.total} / ${g.max}**`, "");
  for (const e of g.exercises) {
    lines.push(
      `## ${e.title} (\`${e.exercise}\`): ${STATUS_LABEL[e.status]}, ${e.points}/${e.maxPoints}`,
      "",
    );
    if (e.status !== "passed") {
      lines.push(e.message.split("\n").map((l) => `> ${l}`).join("\n"), "");
    }
    if (e.hint && e.status !== "passed") lines.push(`Hint: ${e.hint}`, "");
    for (const note of e.notes) lines.push(`- ${note}`);
    if (e.notes.length > 0) lines.push("");
  }
  return lines.join("\n");
}

/** Per-student feedback as a standalone HTML page. */
export function feedbackHtml(g: SubmissionGrade): string {
  const body: string[] = [];
  if (g.status === "unreadable") {
    body.push(
      `<p class="unreadable"><strong>Your notebook could not be read:</strong> ${
        escapeHtml(g.reason ?? "")
      }</p>`,
    );
  } else {
    body.push(
      `<p>Chapter ${
        escapeHtml(g.chapter ?? "")
      }. <strong>Score: ${g.total} / ${g.max}</strong></p>`,
    );
    for (const e of g.exercises) {
      const details = [
        e.status === "passed" ? "" : `<pre>${escapeHtml(e.message)}</pre>`,
        e.hint && e.status !== "passed" ? `<p class="hint">Hint: ${escapeHtml(e.hint)}</p>` : "",
        e.notes.length
          ? `<ul>${e.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join("")}</ul>`
          : "",
      ].join("");
      body.push(
        `<section class="exercise ${e.status}"><h2>${escapeHtml(e.title)} <code>${
          escapeHtml(e.exercise)
        }</code>` +
          ` <span class="status">${
            STATUS_LABEL[e.status]
          }</span> <span class="points">${e.points}/${e.maxPoints}</span></h2>${details}</section>`,
      );
    }
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Feedback: ${escapeHtml(g.student)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 50rem; margin: 2rem auto; line-height: 1.4; }
section { border-left: 0.4rem solid #999; padding: 0.2rem 1rem; margin: 1rem 0; background: #fafafa; }
section.passed { border-color: #2e7d32; } section.failed, section.error { border-color: #c62828; }
section.timeout, section.rejected, section.missing { border-color: #ef6c00; }
h2 { font-size: 1.05rem; } .status { font-weight: normal; } .points { float: right; }
pre { white-space: pre-wrap; background: #fff; padding: 0.5rem; } .hint { color: #444; }
</style></head>
<body><h1>Feedback for ${escapeHtml(g.student)}</h1><p>Notebook: <code>${
    escapeHtml(g.file)
  }</code></p>
${body.join("\n")}
</body></html>
`;
}

function xmlEscape(text: string): string {
  return escapeHtml(text).replaceAll("'", "&apos;");
}

/** JUnit XML: one test suite per student, one test case per exercise. */
export function junitXml(grades: SubmissionGrade[]): string {
  const suites = grades.map((g) => {
    const cases = g.status === "unreadable"
      ? [
        `    <testcase classname="${
          xmlEscape(g.student)
        }" name="notebook"><error message="unreadable">${
          xmlEscape(g.reason ?? "")
        }</error></testcase>`,
      ]
      : g.exercises.map((e) => {
        const name = `classname="${xmlEscape(g.student)}" name="${xmlEscape(e.exercise)}"`;
        if (e.status === "passed") return `    <testcase ${name}/>`;
        const tag = e.status === "failed" ? "failure" : "error";
        return `    <testcase ${name}><${tag} type="${e.status}" message="${
          xmlEscape(e.message.split("\n")[0])
        }">${xmlEscape(e.message)}</${tag}></testcase>`;
      });
    const failures = g.exercises.filter((e) => e.status === "failed").length;
    const errors = g.status === "unreadable"
      ? 1
      : g.exercises.filter((e) => e.status !== "passed" && e.status !== "failed").length;
    const tests = g.status === "unreadable" ? 1 : g.exercises.length;
    return `  <testsuite name="${
      xmlEscape(g.student)
    }" tests="${tests}" failures="${failures}" errors="${errors}" time="${
      g.seconds.toFixed(3)
    }">\n${cases.join("\n")}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="rl-course">\n${
    suites.join("\n")
  }\n</testsuites>\n`;
}

/** A plain-text summary table for the terminal. */
export function summaryTable(grades: SubmissionGrade[]): string {
  const rows = grades.map((g) => {
    const counts = new Map<GradeStatus, number>();
    for (const e of g.exercises) counts.set(e.status, (counts.get(e.status) ?? 0) + 1);
    const detail = g.status === "unreadable"
      ? `unreadable: ${g.reason}`
      : [...counts].map(([status, n]) => `${n} ${status}`).join(", ");
    return [
      g.student,
      `${g.total}/${g.max}`,
      detail.length > 70 ? `${detail.slice(0, 69)}…` : detail,
    ];
  });
  const header = ["student", "score", "exercises"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd();
  return [fmt(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(fmt)].join("\n");
}
