/**
 * The check card: how one check's outcome is shown in a notebook.
 *
 * A card is a MIME bundle with three renderings of the same outcome: `text/html` (a compact
 * pass/fail box for Jupyter front-ends), `text/plain` (one or two lines for terminals and
 * plain front-ends) and {@link CHECK_MIME} (machine-readable, so tests and tools can find
 * cards in executed notebooks without parsing HTML).
 *
 * @module
 */
import { escapeHtml } from "../display/mod.ts";
import type { CheckFailure, ExerciseSpec, FailureKind } from "./spec.ts";

/** The MIME type of the machine-readable part of a check card. */
export const CHECK_MIME = "application/vnd.rl-course.check+json";

/** The outcome of running one exercise's check. */
export type CheckResult =
  | { status: "passed" }
  | { status: "failed"; failure: CheckFailure };

/** The {@link CHECK_MIME} payload of a card. */
export interface CheckCardData {
  /** The exercise name. */
  exercise: string;
  status: "passed" | "failed";
  /** How the check failed (absent when passed). */
  kind?: FailureKind;
  /** The recognised mistake's name, when the failure matched one. */
  mistake?: string;
  /** What the learner is told: the failure message, or a short success note. */
  message: string;
}

/** A card's MIME bundle: `text/html`, `text/plain` and {@link CHECK_MIME}. */
export interface CheckCard {
  "text/html": string;
  "text/plain": string;
  [CHECK_MIME]: CheckCardData;
  [mime: string]: unknown;
}

/** The hint shown when a failure carries none of its own. */
export const GENERIC_HINT =
  "Compare your result with the expected one on the input named above; try that input by hand.";

/** The summary a card's message, HTML and text share. */
function outcome(
  spec: ExerciseSpec<unknown>,
  result: CheckResult,
): CheckCardData & { hint?: string } {
  if (result.status === "passed") {
    return {
      exercise: spec.name,
      status: "passed",
      message: `All checks passed: ${points(spec.points)}.`,
    };
  }
  const f = result.failure;
  const data: CheckCardData & { hint?: string } = {
    exercise: spec.name,
    status: "failed",
    kind: f.kind,
    message: f.message,
    hint: f.hint ?? GENERIC_HINT,
  };
  if (f.mistake !== undefined) data.mistake = f.mistake;
  return data;
}

function points(n: number): string {
  return `${n} point${n === 1 ? "" : "s"}`;
}

const KIND_LABEL: Record<FailureKind, string> = {
  "not-implemented": "Not implemented yet",
  error: "Your code threw an error",
  wrong: "Wrong result",
};

/** The first lines of the stack of the learner's error, when there is one. */
function stackOf(failure: CheckFailure): string | undefined {
  const cause = failure.cause;
  if (failure.kind !== "error" || !(cause instanceof Error) || !cause.stack) return undefined;
  return cause.stack.split("\n").slice(0, 8).join("\n");
}

// Colours are translucent so the card reads on light and dark themes alike.
const STYLE = {
  card: "font-family: system-ui, sans-serif; font-size: 13px; line-height: 1.45; " +
    "margin: 4px 0; padding: 6px 10px; border-radius: 4px; max-width: 60em;",
  passed: "border-left: 4px solid #2e9e44; background: rgba(46, 158, 68, 0.10);",
  failed: "border-left: 4px solid #d1352b; background: rgba(209, 53, 43, 0.10);",
  meta: "opacity: 0.75; font-size: 12px;",
  pre: "white-space: pre-wrap; margin: 4px 0; padding: 4px 6px; " +
    "background: rgba(127, 127, 127, 0.12); border-radius: 3px; font-size: 12px;",
};

/**
 * Renders the card for one check outcome: exercise title, points, difficulty, importance
 * and time estimate; on failure, what was checked and what differed, the recognised
 * mistake's name and the hint (the mistake's own or a generic one). All text is escaped.
 */
export function renderCard(spec: ExerciseSpec<unknown>, result: CheckResult): CheckCard {
  const data = outcome(spec, result);
  const { hint, ...payload } = data;
  const passed = data.status === "passed";
  const word = passed ? "Passed" : "Failed";
  const icon = passed ? "✔" : "✘";
  const meta = `difficulty ${spec.difficulty}/5 · importance ${spec.importance}/5 · ` +
    `~${spec.minutes} min`;
  const score = passed ? points(spec.points) : `0 / ${points(spec.points)}`;

  const parts = [
    `<div class="rl-check rl-check-${data.status}" data-exercise="${escapeHtml(spec.name)}" ` +
    `style="${STYLE.card} ${passed ? STYLE.passed : STYLE.failed}">`,
    `<div><strong class="rl-check-status">${icon} ${word}</strong> · ` +
    `<code>${escapeHtml(spec.name)}</code>: ${escapeHtml(spec.title)} · ` +
    `<span class="rl-check-points">${escapeHtml(score)}</span></div>`,
    `<div style="${STYLE.meta}">${escapeHtml(meta)}</div>`,
  ];
  if (result.status === "failed") {
    const label = KIND_LABEL[result.failure.kind];
    parts.push(
      `<div class="rl-check-kind">${escapeHtml(label)}:</div>`,
      `<pre class="rl-check-message" style="${STYLE.pre}">${escapeHtml(data.message)}</pre>`,
    );
    if (data.mistake !== undefined) {
      parts.push(
        `<div class="rl-check-mistake">Recognised mistake: ` +
          `<code>${escapeHtml(data.mistake)}</code></div>`,
      );
    }
    parts.push(
      `<div class="rl-check-hint"><strong>Hint:</strong> ${escapeHtml(hint ?? GENERIC_HINT)}</div>`,
    );
    const stack = stackOf(result.failure);
    if (stack !== undefined) {
      parts.push(
        `<details><summary>Stack trace</summary>` +
          `<pre style="${STYLE.pre}">${escapeHtml(stack)}</pre></details>`,
      );
    }
  }
  parts.push("</div>");

  const plain = passed
    ? `${icon} ${word}: ${spec.name} (${points(spec.points)})`
    : `${icon} ${word}: ${spec.name}: ${oneLine(data.message)}` +
      (data.mistake !== undefined ? ` [${data.mistake}]` : "") +
      `\n  Hint: ${oneLine(hint ?? GENERIC_HINT)}`;

  return {
    "text/html": parts.join("\n"),
    "text/plain": plain,
    [CHECK_MIME]: payload,
  };
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}
