/**
 * A small stand-in for `@std/assert`, built on `node:assert/strict`.
 *
 * JSR is not reachable where this course is developed, so the bare specifier `@std/assert`
 * is mapped here in deno.json. The names and semantics follow `jsr:@std/assert@1` for the
 * functions the course uses; pointing the import map at JSR is a one-line change.
 *
 * @module
 */
import nodeAssert from "node:assert/strict";

/** Error thrown by every assertion in this module. */
export class AssertionError extends Error {
  /** Creates an assertion error with the given message. */
  constructor(message: string) {
    super(message);
    this.name = "AssertionError";
  }
}

function fail(message: string): never {
  throw new AssertionError(message);
}

function rethrow(err: unknown, msg?: string): never {
  const text = err instanceof Error ? err.message : String(err);
  throw new AssertionError(msg ? `${msg}: ${text}` : text);
}

/** Asserts that `expr` is truthy. */
export function assert(expr: unknown, msg = ""): asserts expr {
  if (!expr) fail(msg || "Expected expression to be truthy");
}

/** Asserts deep (structural) equality of `actual` and `expected`. */
export function assertEquals<T>(actual: T, expected: T, msg?: string): void {
  try {
    nodeAssert.deepStrictEqual(actual, expected);
  } catch (err) {
    rethrow(err, msg);
  }
}

/** Asserts that `actual` and `expected` are not deeply equal. */
export function assertNotEquals<T>(actual: T, expected: T, msg?: string): void {
  try {
    nodeAssert.notDeepStrictEqual(actual, expected);
  } catch (err) {
    rethrow(err, msg);
  }
}

/** Asserts `actual === expected` (same value, or same reference for objects). */
export function assertStrictEquals<T>(
  actual: unknown,
  expected: T,
  msg?: string,
): asserts actual is T {
  if (!Object.is(actual, expected)) {
    fail(msg ?? `Values are not strictly equal: ${String(actual)} !== ${String(expected)}`);
  }
}

/**
 * Asserts that `actual` is within `tolerance` of `expected` (default: 1e-7 times the larger
 * magnitude, as in `@std/assert`). Equal infinities and equal NaN-free values pass.
 */
export function assertAlmostEquals(
  actual: number,
  expected: number,
  tolerance?: number,
  msg?: string,
): void {
  if (Object.is(actual, expected)) return;
  const delta = Math.abs(expected - actual);
  const tol = tolerance ?? Math.abs(expected) * 1e-7;
  if (!(delta <= tol)) {
    fail(
      msg ??
        `Expected actual: "${actual}" to be close to "${expected}": delta "${delta}" is greater than "${tol}"`,
    );
  }
}

/** Asserts `actual > expected`. */
export function assertGreater<T>(actual: T, expected: T, msg?: string): void {
  if (!(actual > expected)) fail(msg ?? `Expect ${String(actual)} > ${String(expected)}`);
}

/** Asserts `actual >= expected`. */
export function assertGreaterOrEqual<T>(actual: T, expected: T, msg?: string): void {
  if (!(actual >= expected)) fail(msg ?? `Expect ${String(actual)} >= ${String(expected)}`);
}

/** Asserts `actual < expected`. */
export function assertLess<T>(actual: T, expected: T, msg?: string): void {
  if (!(actual < expected)) fail(msg ?? `Expect ${String(actual)} < ${String(expected)}`);
}

/** Asserts `actual <= expected`. */
export function assertLessOrEqual<T>(actual: T, expected: T, msg?: string): void {
  if (!(actual <= expected)) fail(msg ?? `Expect ${String(actual)} <= ${String(expected)}`);
}

/** Asserts that `actual` is neither `null` nor `undefined`. */
export function assertExists<T>(actual: T, msg?: string): asserts actual is NonNullable<T> {
  if (actual === null || actual === undefined) {
    fail(msg ?? `Expected actual: "${actual}" to not be null or undefined`);
  }
}

/** Asserts that `actual` is an instance of `expectedType`. */
// deno-lint-ignore no-explicit-any
export function assertInstanceOf<T extends abstract new (...args: any[]) => any>(
  actual: unknown,
  expectedType: T,
  msg?: string,
): asserts actual is InstanceType<T> {
  if (!(actual instanceof expectedType)) {
    fail(msg ?? `Expected object to be an instance of "${expectedType.name}"`);
  }
}

/** Asserts that `actual` includes `expected` as a substring. */
export function assertStringIncludes(actual: string, expected: string, msg?: string): void {
  if (!actual.includes(expected)) {
    fail(msg ?? `Expected actual: "${actual}" to contain: "${expected}".`);
  }
}

/** Asserts that `actual` matches the regular expression `expected`. */
export function assertMatch(actual: string, expected: RegExp, msg?: string): void {
  if (!expected.test(actual)) fail(msg ?? `Expected actual: "${actual}" to match: "${expected}".`);
}

// deno-lint-ignore no-explicit-any
type ErrorClass<E extends Error> = abstract new (...args: any[]) => E;

function checkError<E extends Error>(
  err: unknown,
  ErrorClass?: ErrorClass<E>,
  msgIncludes?: string,
): void {
  if (ErrorClass && !(err instanceof ErrorClass)) {
    fail(
      `Expected error to be instance of "${ErrorClass.name}", but was "${
        (err as Error)?.constructor?.name ?? typeof err
      }": ${String((err as Error)?.message ?? err)}`,
    );
  }
  if (msgIncludes !== undefined) {
    const message = err instanceof Error ? err.message : String(err);
    if (!message.includes(msgIncludes)) {
      fail(`Expected error message to include "${msgIncludes}", but got "${message}".`);
    }
  }
}

/**
 * Asserts that `fn` throws. With an error class (and optionally a substring of the
 * message) it also checks what was thrown. Returns the thrown value.
 */
export function assertThrows<E extends Error = Error>(
  fn: () => unknown,
  ErrorClass?: ErrorClass<E>,
  msgIncludes?: string,
  msg?: string,
): E {
  let thrown: unknown;
  let didThrow = false;
  try {
    fn();
  } catch (err) {
    thrown = err;
    didThrow = true;
  }
  if (!didThrow) fail(msg ?? "Expected function to throw.");
  checkError(thrown, ErrorClass, msgIncludes);
  return thrown as E;
}

/** Like {@link assertThrows} for a function returning a promise that must reject. */
export async function assertRejects<E extends Error = Error>(
  fn: () => PromiseLike<unknown>,
  ErrorClass?: ErrorClass<E>,
  msgIncludes?: string,
  msg?: string,
): Promise<E> {
  let thrown: unknown;
  let didThrow = false;
  try {
    await fn();
  } catch (err) {
    thrown = err;
    didThrow = true;
  }
  if (!didThrow) fail(msg ?? "Expected function to reject.");
  checkError(thrown, ErrorClass, msgIncludes);
  return thrown as E;
}
