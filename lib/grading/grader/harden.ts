/**
 * Hardening of the grading child process before student code is loaded.
 *
 * The child runs a spec's check against student code in one isolate, so student code must
 * not be able to change what the check sees: the built-in objects the check relies on are
 * frozen, the ways to end the process early throw, and stack traces hide the URLs of the
 * grader's private modules (spec and solution), which would otherwise be importable.
 *
 * @module
 */
import process from "node:process";

/** Thrown when graded code tries something the grader forbids. */
export class ForbiddenInGrading extends Error {
  /** Creates the error for the forbidden `what`. */
  constructor(what: string) {
    super(`${what} is not allowed in graded code`);
    this.name = "ForbiddenInGrading";
  }
}

function lock(target: object, key: PropertyKey, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    writable: false,
    configurable: false,
    enumerable: true,
  });
}

function forbidden(what: string): () => never {
  return () => {
    throw new ForbiddenInGrading(what);
  };
}

/**
 * Intrinsics whose mutation could change a check's outcome. `Object.prototype`, `Error` and
 * `Error.prototype` are sealed rather than frozen: freezing them would make ordinary
 * assignments such as `this.name = "MyError"` or `Error.stackTraceLimit = 0` throw.
 */
function intrinsics(): object[] {
  const typedArrayProto = Object.getPrototypeOf(Float32Array.prototype);
  return [
    Object,
    Function.prototype,
    Array,
    Array.prototype,
    Number,
    Number.prototype,
    String,
    String.prototype,
    Boolean.prototype,
    Symbol,
    Math,
    JSON,
    Reflect,
    Promise,
    Promise.prototype,
    Map.prototype,
    Set.prototype,
    WeakMap.prototype,
    typedArrayProto,
    Object.getPrototypeOf(typedArrayProto.constructor),
    Float32Array.prototype,
    Float64Array.prototype,
    Int32Array.prototype,
    Uint8Array.prototype,
    ArrayBuffer.prototype,
  ];
}

/** Global bindings that must keep pointing at the real objects. */
const PINNED_GLOBALS = [
  "Object",
  "Function",
  "Array",
  "Number",
  "String",
  "Boolean",
  "Symbol",
  "Math",
  "JSON",
  "Reflect",
  "Promise",
  "Map",
  "Set",
  "Error",
  "Float32Array",
  "Float64Array",
  "Int32Array",
  "Uint8Array",
  "ArrayBuffer",
  "Deno",
] as const;

/**
 * Replaces a stack trace's private module URLs (`data:` URLs) with `<grader>`, keeping the
 * student's own frames so error messages can still point at their line.
 */
function sanitizedStack(
  error: Error,
  callSites: {
    getFileName(): unknown;
    getLineNumber(): unknown;
    getColumnNumber(): unknown;
    getFunctionName(): unknown;
  }[],
): string {
  const lines = callSites.map((site) => {
    const file = String(site.getFileName() ?? "<anonymous>");
    if (file.startsWith("data:") || file.startsWith("blob:")) return "    at <grader>";
    const fn = site.getFunctionName();
    const where = `${file}:${site.getLineNumber()}:${site.getColumnNumber()}`;
    return fn ? `    at ${String(fn)} (${where})` : `    at ${where}`;
  });
  let head: string;
  try {
    head = `${error.name}: ${error.message}`;
  } catch {
    head = "Error";
  }
  return [head, ...lines].join("\n");
}

/**
 * Locks the process down for student code. Call once, after the spec, the solution and
 * everything they need are imported, and before the first student module is imported.
 */
export function hardenForStudentCode(): void {
  lock(Error, "prepareStackTrace", sanitizedStack);
  lock(Deno, "exit", forbidden("Deno.exit"));
  lock(Deno, "test", forbidden("Deno.test"));
  lock(Deno, "bench", forbidden("Deno.bench"));
  lock(process, "exit", forbidden("process.exit"));
  lock(process, "abort", forbidden("process.abort"));
  lock(process, "reallyExit", forbidden("process.reallyExit"));
  lock(globalThis, "close", forbidden("close()"));
  for (const name of PINNED_GLOBALS) {
    lock(globalThis, name, (globalThis as Record<string, unknown>)[name]);
  }
  for (const obj of intrinsics()) Object.freeze(obj);
  for (const obj of [Object.prototype, Error, Error.prototype]) Object.seal(obj);
  Object.freeze(Deno);
  globalThis.addEventListener("error", (event) => event.preventDefault());
  globalThis.addEventListener("unhandledrejection", (event) => event.preventDefault());
}
