/**
 * The exercise spec API: one declaration per exercise, used by the notebook checker, the
 * `deno test` suites, the meta-tests and the instructor grader.
 *
 * A check is written once, against a {@link CheckContext}. Its main tool is
 * {@link CheckContext.expect}: a probe is run on the learner's implementation and on the
 * reference solution and the results are compared; when they differ, the same probe is run
 * on every named mistake, and if the learner's result matches one of them the failure names
 * that mistake and shows its hint. So every mistake serves twice: the meta-test proves the
 * check rejects it, and the check uses it to recognise the learner's error.
 *
 * @example
 * ```ts
 * const softmaxSpec = exercise<(x: number[]) => number[]>({
 *   name: "softmax", title: "A stable softmax", points: 2,
 *   difficulty: 1, importance: 4, minutes: 10,
 *   solution: softmax,
 *   mistakes: [{ name: "no-max-shift", hint: "Subtract max(x) before exp.", impl: naive }],
 *   async check(t) {
 *     await t.expect("softmax([1000, 1000])", (f) => f([1000, 1000]));
 *   },
 * });
 * ```
 * @module
 */

/** Difficulty and importance are rated 1 (lowest) to 5 (highest). */
export type Level = 1 | 2 | 3 | 4 | 5;

/** A plausible wrong implementation that the check must reject. */
export interface Mistake<F> {
  /** Kebab-case id, unique in the exercise, e.g. `"forgot-discount"`. */
  name: string;
  /** What a learner whose code behaves like this is told: specific and actionable. */
  hint: string;
  /** An implementation that makes exactly this mistake. */
  impl: F;
  /**
   * Whether the check recognises this mistake by name (default `true`): the meta-test then
   * requires the failure to carry this name, not just any failure.
   */
  recognised?: boolean;
}

/** The declaration of one exercise. `F` is the type of the exported function or class. */
export interface ExerciseSpec<F> {
  /** The exported name: in the solution module, the notebook cell's metadata and its code. */
  name: string;
  /** A short human title. */
  title: string;
  /** Points awarded when the check passes (all or nothing). */
  points: number;
  difficulty: Level;
  importance: Level;
  /** Time estimate for a learner, in minutes. */
  minutes: number;
  /** The reference implementation. */
  solution: F;
  /** Plausible wrong implementations, each of which the check must reject. */
  mistakes: Mistake<F>[];
  /**
   * Throws (through `t.fail` or `t.expect`) when the learner's implementation is wrong.
   * Must be deterministic: seed every random input.
   */
  check(t: CheckContext<F>): void | Promise<void>;
  /** Wall-clock budget for one check in the grader, in milliseconds (default 30 000). */
  timeoutMs?: number;
}

/** A chapter's exercises, in notebook order. */
export interface ChapterSpec {
  /** The chapter id, equal to the notebook's and the solution module's base name, e.g. `"00_tools"`. */
  id: string;
  title: string;
  // deno-lint-ignore no-explicit-any
  exercises: ExerciseSpec<any>[];
}

/** Tolerances for numeric comparison: `|a - e| <= atol + rtol * |e|` elementwise. */
export interface Tolerance {
  /** Absolute tolerance (default 1e-6). */
  atol?: number;
  /** Relative tolerance (default 1e-5). */
  rtol?: number;
}

/** How a check failed. */
export type FailureKind =
  /** The implementation still throws the notebook stub's "not implemented". */
  | "not-implemented"
  /** The learner's code threw (or returned a rejected promise). */
  | "error"
  /** The result was wrong. */
  | "wrong";

/** Thrown by a failing check; the message is written for the learner. */
export class CheckFailure extends Error {
  /** How the check failed. */
  readonly kind: FailureKind;
  /** The recognised mistake, when the learner's result matched one. */
  readonly mistake?: string;
  /** The mistake's hint, or a generic hint. */
  readonly hint?: string;

  /** Creates a failure; `message` says what was checked and what differed. */
  constructor(
    message: string,
    options: { kind?: FailureKind; mistake?: string; hint?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "CheckFailure";
    this.kind = options.kind ?? "wrong";
    this.mistake = options.mistake;
    this.hint = options.hint;
  }
}

/** The message the notebook stubs throw; recognised so the learner is told to implement it. */
export const NOT_IMPLEMENTED = "not implemented";

/** What a check receives: the implementation under test and comparison tools. */
export interface CheckContext<F> {
  /** The implementation being checked (the learner's, the solution, or a mistake). */
  readonly impl: F;
  /** The reference solution. */
  readonly solution: F;
  /**
   * Runs `probe` on {@link impl} and on the solution and compares the results structurally
   * (numbers within tolerance, arrays, typed arrays, plain objects, strings, booleans).
   * On a mismatch, recognises named mistakes whose result matches the learner's.
   * `what` names the probe for the learner, e.g. `"softmax([1, 2, 3])"`.
   */
  expect<R>(what: string, probe: (f: F) => R | Promise<R>, tol?: Tolerance): Promise<void>;
  /** Runs `probe` on {@link impl} only, turning a throw into a learner-facing failure. */
  run<R>(what: string, probe: (f: F) => R | Promise<R>): Promise<R>;
  /** Fails with a learner-facing message, optionally naming a mistake of this exercise. */
  fail(message: string, mistake?: string): never;
  /** Fails with `message` unless `condition` holds. */
  assert(condition: unknown, message: string, mistake?: string): asserts condition;
}

/** Declares an exercise; checks the declaration for obvious slips. */
export function exercise<F>(spec: ExerciseSpec<F>): ExerciseSpec<F> {
  const names = new Set<string>();
  for (const m of spec.mistakes) {
    if (names.has(m.name)) {
      throw new Error(`exercise "${spec.name}": mistake "${m.name}" is declared twice`);
    }
    names.add(m.name);
  }
  if (!(spec.points > 0)) throw new Error(`exercise "${spec.name}": points must be positive`);
  return spec;
}

/** Declares a chapter; exercise names must be unique. */
export function chapter(spec: ChapterSpec): ChapterSpec {
  const names = new Set<string>();
  for (const ex of spec.exercises) {
    if (names.has(ex.name)) {
      throw new Error(`chapter "${spec.id}": exercise "${ex.name}" is declared twice`);
    }
    names.add(ex.name);
  }
  return spec;
}

/** Looks up an exercise by name; the error lists the known names. */
// deno-lint-ignore no-explicit-any
export function findExercise(chapterSpec: ChapterSpec, name: string): ExerciseSpec<any> {
  const found = chapterSpec.exercises.find((ex) => ex.name === name);
  if (!found) {
    const known = chapterSpec.exercises.map((ex) => `"${ex.name}"`).join(", ");
    throw new Error(
      `Unknown exercise "${name}" in chapter ${chapterSpec.id}. Known exercises: ${known}. ` +
        `Check the spelling, or the exercise cell's metadata if you renamed it.`,
    );
  }
  return found;
}

/** Runs a spec's check against `impl`; resolves when it passes, throws {@link CheckFailure}. */
export async function runCheck<F>(
  spec: ExerciseSpec<F>,
  impl: F,
  options: { expected?: RecordedExpectations } = {},
): Promise<void> {
  const t = new Context(spec, impl, options.expected);
  try {
    await spec.check(t);
  } catch (err) {
    throw toFailure(err);
  }
}

/**
 * The solution's results of every `t.expect` probe of a check, in call order, recorded by
 * {@link recordExpectations}. Keys are `what` plus the call's occurrence number.
 */
export type RecordedExpectations = ReadonlyMap<string, unknown>;

/**
 * Runs a spec's check against its own solution and records what each `t.expect` probe
 * returned. The grader does this before any student code is loaded, then passes the
 * recording to {@link runCheck}: student code that patches a library both sides use (say,
 * tfjs's `arraySync`) then cannot make its answer and the expected one agree.
 */
export async function recordExpectations<F>(spec: ExerciseSpec<F>): Promise<RecordedExpectations> {
  const recording = new Map<string, unknown>();
  const t = new Context(spec, spec.solution, undefined, recording);
  await spec.check(t);
  return recording;
}

function errorMessage(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  try {
    return `a non-Error value: ${JSON.stringify(err) ?? String(err)}`;
  } catch {
    return `a non-Error value: ${String(err)}`;
  }
}

function isNotImplemented(err: unknown): boolean {
  return err instanceof Error && err.message.toLowerCase().includes(NOT_IMPLEMENTED);
}

function toFailure(err: unknown, what?: string): CheckFailure {
  if (err instanceof CheckFailure) return err;
  if (isNotImplemented(err)) {
    return new CheckFailure(
      what ? `${what}: not implemented yet.` : "Not implemented yet.",
      {
        kind: "not-implemented",
        hint: "Replace the `throw` in the exercise cell with your code.",
        cause: err,
      },
    );
  }
  const where = what ? ` while running ${what}` : "";
  return new CheckFailure(`Your code threw${where}: ${errorMessage(err)}`, {
    kind: "error",
    hint: "Read the error and the line it points to; run the cell on a small input by hand.",
    cause: err,
  });
}

class Context<F> implements CheckContext<F> {
  private readonly occurrences = new Map<string, number>();

  constructor(
    private readonly spec: ExerciseSpec<F>,
    readonly impl: F,
    private readonly recorded?: RecordedExpectations,
    private readonly recording?: Map<string, unknown>,
  ) {}

  get solution(): F {
    return this.spec.solution;
  }

  async run<R>(what: string, probe: (f: F) => R | Promise<R>): Promise<R> {
    try {
      return await probe(this.impl);
    } catch (err) {
      throw toFailure(err, what);
    }
  }

  async expect<R>(
    what: string,
    probe: (f: F) => R | Promise<R>,
    tol: Tolerance = {},
  ): Promise<void> {
    const actual = await this.run(what, probe);
    const n = this.occurrences.get(what) ?? 0;
    this.occurrences.set(what, n + 1);
    const key = `${what}#${n}`;
    let expected: unknown;
    if (this.recording) {
      expected = actual;
      try {
        this.recording.set(key, structuredClone(actual));
      } catch {
        // Not plain data: the grader will call the solution live for this probe.
      }
    } else {
      expected = this.recorded?.has(key) ? this.recorded.get(key) : await probe(this.spec.solution);
    }
    const diff = compareValues(actual, expected, tol);
    if (diff === undefined) return;
    for (const m of this.spec.mistakes) {
      let wrong: unknown;
      try {
        wrong = await probe(m.impl);
      } catch {
        continue;
      }
      if (
        compareValues(actual, wrong, tol) === undefined &&
        compareValues(wrong, expected, tol) !== undefined
      ) {
        throw new CheckFailure(`${what}: ${diff}`, {
          kind: "wrong",
          mistake: m.name,
          hint: m.hint,
        });
      }
    }
    throw new CheckFailure(`${what}: ${diff}`, { kind: "wrong" });
  }

  fail(message: string, mistake?: string): never {
    const hint = mistake === undefined ? undefined : this.hintOf(mistake);
    throw new CheckFailure(message, { kind: "wrong", mistake, hint });
  }

  assert(condition: unknown, message: string, mistake?: string): asserts condition {
    if (!condition) this.fail(message, mistake);
  }

  private hintOf(mistake: string): string {
    const m = this.spec.mistakes.find((x) => x.name === mistake);
    if (!m) {
      throw new Error(
        `exercise "${this.spec.name}": the check names an undeclared mistake "${mistake}"`,
      );
    }
    return m.hint;
  }
}

/** Formats a value briefly for a learner-facing message. */
export function preview(value: unknown, maxLength = 120): string {
  let text: string;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    text = `[${Array.from(value as unknown as ArrayLike<number>).map(formatNumber).join(", ")}]`;
  } else if (typeof value === "number") {
    text = formatNumber(value);
  } else {
    try {
      // JSON has no Infinity or NaN (they would print as null): mark them, then unquote.
      const json = JSON.stringify(value, (_k, v) => {
        if (typeof v !== "number") return v;
        return Number.isFinite(v) ? Number(formatNumber(v)) : `${NON_FINITE}${v}`;
      });
      text = json === undefined
        ? String(value)
        : json.replace(new RegExp(`"${NON_FINITE}(-?Infinity|NaN)"`, "g"), "$1");
    } catch {
      text = String(value);
    }
  }
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

/** A private-use character that marks non-finite numbers inside {@link preview}'s JSON. */
const NON_FINITE = "\uE000";

function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(6)));
}

function isNumericArray(v: unknown): v is ArrayLike<number> {
  return ArrayBuffer.isView(v) && !(v instanceof DataView);
}

/**
 * Compares two values structurally. Returns `undefined` when they match, otherwise a short
 * description of the first difference, written for the learner ("expected …, got …").
 */
export function compareValues(
  actual: unknown,
  expected: unknown,
  tol: Tolerance = {},
  path = "",
): string | undefined {
  const at = path === "" ? "" : ` at ${path}`;
  const atol = tol.atol ?? 1e-6;
  const rtol = tol.rtol ?? 1e-5;
  if (typeof expected === "number") {
    if (typeof actual !== "number") return `expected a number${at}, got ${preview(actual)}`;
    if (Number.isNaN(expected) && Number.isNaN(actual)) return undefined;
    if (Number.isNaN(actual)) return `got NaN${at}, expected ${formatNumber(expected)}`;
    if (actual === expected) return undefined;
    if (Math.abs(actual - expected) <= atol + rtol * Math.abs(expected)) return undefined;
    return `expected ${formatNumber(expected)}${at}, got ${formatNumber(actual)}`;
  }
  if (isNumericArray(expected) || Array.isArray(expected)) {
    const exp = expected as ArrayLike<unknown>;
    if (!isNumericArray(actual) && !Array.isArray(actual)) {
      return `expected an array of length ${exp.length}${at}, got ${preview(actual)}`;
    }
    const act = actual as ArrayLike<unknown>;
    if (act.length !== exp.length) {
      return `expected length ${exp.length}${at}, got length ${act.length}: expected ${
        preview(expected)
      }, got ${preview(actual)}`;
    }
    for (let i = 0; i < exp.length; i++) {
      const d = compareValues(act[i], exp[i], tol, `${path}[${i}]`);
      if (d !== undefined) {
        return path === "" && exp.length <= 12
          ? `${d} (expected ${preview(expected)}, got ${preview(actual)})`
          : d;
      }
    }
    return undefined;
  }
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object") {
      return `expected an object${at}, got ${preview(actual)}`;
    }
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    for (const key of Object.keys(e)) {
      if (!(key in a)) return `missing property "${key}"${at}`;
      const d = compareValues(a[key], e[key], tol, path === "" ? key : `${path}.${key}`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  if (!Object.is(actual, expected)) {
    return `expected ${preview(expected)}${at}, got ${preview(actual)}`;
  }
  return undefined;
}
