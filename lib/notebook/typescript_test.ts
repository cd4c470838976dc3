import { assert, assertEquals, assertThrows } from "@std/assert";
import {
  DeclarationNotFoundError,
  declarations,
  findDeclaration,
  requireExportedDeclaration,
  syntaxDiagnostics,
} from "./typescript.ts";

const SOLUTION = `/**
 * The module.
 * @module
 */
import { tf } from "../lib/tf/mod.ts";

// A plain comment, not JSDoc.
const helperTable = [1, 2, 3];

/**
 * Softmax over the last axis.
 * @param x logits
 */
export function softmax(
  x: number[],
  temperature = 1,
): number[] {
  return x;
}

/** A tabular agent. */
export class Agent<S extends number> extends Base implements Policy {
  readonly q: Float64Array;
  #secret = 1;
  /** Builds it. */
  constructor(states: number, private readonly gamma?: number) {
    super();
  }
  act(state: S): number {
    return 0;
  }
  static create(n: number): Agent<number> {
    return new Agent(n);
  }
  async train(steps: number): Promise<void> {}
  get epsilon(): number {
    return 0.1;
  }
  private helper(): void {}
  protected guarded(): void {}
  #hidden(): void {}
}

/** Discount. */
export const discount = (rewards: number[], gamma: number): number[] => rewards;

export interface Step {
  obs: number;
  reward: number;
}

export type Pair<T> = [T, T];

function notExported(): void {}
export { notExported as renamed };
`;

Deno.test("declarations: kinds, export flags and names in source order", () => {
  const found = declarations(SOLUTION).map((d) => [d.name, d.kind, d.exported]);
  assertEquals(found, [
    ["helperTable", "const", false],
    ["softmax", "function", true],
    ["Agent", "class", true],
    ["discount", "const", true],
    ["Step", "interface", true],
    ["Pair", "type", true],
    ["notExported", "function", false],
  ]);
});

Deno.test("findDeclaration: text starts at the JSDoc and ends at the closing brace", () => {
  const softmax = findDeclaration(SOLUTION, "softmax")!;
  assert(softmax.text.startsWith("/**\n * Softmax over the last axis."));
  assert(softmax.text.endsWith("return x;\n}"));
  assertEquals(softmax.jsDoc, "/**\n * Softmax over the last axis.\n * @param x logits\n */");
  assertEquals(SOLUTION.slice(softmax.start, softmax.end), softmax.text);
  // Lines counted by hand in SOLUTION above.
  assertEquals([softmax.startLine, softmax.endLine], [10, 19]);
});

Deno.test("findDeclaration: a line comment is not JSDoc; the module doc is not taken", () => {
  const helper = findDeclaration(SOLUTION, "helperTable", { exportedOnly: false })!;
  assertEquals(helper.jsDoc, undefined);
  assertEquals(helper.text, "const helperTable = [1, 2, 3];");
  assertEquals(findDeclaration(SOLUTION, "helperTable"), undefined);
});

Deno.test("signature: functions are normalised across formatting", () => {
  const multiLine = findDeclaration(SOLUTION, "softmax")!.signature;
  const oneLine = findDeclaration(
    "export function softmax(x: number[], temperature = 1): number[] { throw 1; }",
    "softmax",
  )!.signature;
  assertEquals(multiLine, "softmax(x: number[], temperature = 1): number[]");
  assertEquals(oneLine, multiLine);
});

Deno.test("signature: type literals compare equal with or without trailing separators", () => {
  const a = findDeclaration(
    "export function f(o: {\n  a: number;\n  b?: string;\n}): void {}",
    "f",
  )!;
  const b = findDeclaration("export function f(o: { a: number; b?: string }): void {}", "f")!;
  assertEquals(a.signature, b.signature);
});

Deno.test("signature: async, generics and overloads", () => {
  const src = `export async function g<T>(x: T): Promise<T> { return x; }
export function h(x: number): number;
export function h(x: string): string;
export function h(x: unknown): unknown { return x; }`;
  assertEquals(findDeclaration(src, "g")!.signature, "async g<T>(x: T): Promise<T>");
  const h = findDeclaration(src, "h")!;
  assertEquals(h.signature, "h(x: number): number\nh(x: string): string");
  assert(h.text.startsWith("export function h(x: number)"));
  assert(h.text.endsWith("return x; }"));
});

Deno.test("signature: class lists constructor, public methods and accessors only", () => {
  assertEquals(
    findDeclaration(SOLUTION, "Agent")!.signature.split("\n"),
    [
      "class Agent<S extends number> extends Base implements Policy",
      "constructor(states: number, private readonly gamma?: number)",
      "act(state: S): number",
      "static create(n: number): Agent<number>",
      "async train(steps: number): Promise<void>",
      "get epsilon(): number",
    ],
  );
});

Deno.test("signature: arrow-function const, interface and type alias", () => {
  assertEquals(
    findDeclaration(SOLUTION, "discount")!.signature,
    "const discount = (rewards: number[], gamma: number): number[]",
  );
  assertEquals(
    findDeclaration(SOLUTION, "Step")!.signature,
    "interface Step { obs: number; reward: number; }",
  );
  assertEquals(findDeclaration(SOLUTION, "Pair")!.signature, "type Pair<T> = [T, T];");
});

Deno.test("requireExportedDeclaration: the error lists the exported names", () => {
  const err = assertThrows(
    () => requireExportedDeclaration(SOLUTION, "sofmax", "solutions/00_tools.ts"),
    DeclarationNotFoundError,
  );
  assertEquals(
    err.message,
    'solutions/00_tools.ts has no exported declaration "sofmax"; exported: ' +
      "softmax, Agent, discount, Step, Pair",
  );
  const local = assertThrows(() => requireExportedDeclaration(SOLUTION, "helperTable"));
  assert(local.message.includes("without `export`"), local.message);
});

Deno.test("syntaxDiagnostics: line and column of a syntax error", () => {
  // Column 13 is the ";" where the ")" is missing (counted by hand).
  assertEquals(syntaxDiagnostics("const a = 1;\nconst b = (2;\n"), [
    { line: 2, column: 13, message: "')' expected." },
  ]);
  assertEquals(syntaxDiagnostics("export const ok = (x: number): number => x * 2;"), []);
});

Deno.test("syntaxDiagnostics: type errors are not syntax errors", () => {
  assertEquals(syntaxDiagnostics("const a: number = 'text';"), []);
});
