/**
 * Finding and assembling exercise cells from hand-made notebooks: metadata first, then the
 * exported name; duplicates, missing cells, syntax errors; imports of the course's private
 * folders rejected; other cells' declarations included only when the exercise uses them.
 */
import { assert, assertEquals, assertMatch, assertStringIncludes } from "@std/assert";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import {
  type AssembledExercise,
  type CellLike,
  type CoursePaths,
  SubmissionCells,
} from "./submission.ts";

/** A course somewhere; only its paths matter, nothing is read. */
const ROOT = resolve("/srv/course");
const PATHS: CoursePaths = {
  notebooksDir: join(ROOT, "notebooks"),
  privateDirs: [join(ROOT, "solutions"), join(ROOT, "tests")],
};
const TF_URL = pathToFileURL(join(ROOT, "lib", "tf", "mod.ts")).href;

const SETUP = 'import { tf } from "../lib/tf/mod.ts";';

function code(source: string, exercise?: string): CellLike {
  return { cell_type: "code", source, metadata: exercise ? { rl_course: { exercise } } : {} };
}

function setup(source = SETUP): CellLike {
  return { cell_type: "code", source, metadata: { rl_course: { role: "setup" } } };
}

const MARKDOWN: CellLike = { cell_type: "markdown", source: "# Chapter", metadata: {} };

const STUB = `/** Doubles. */
function double(x: number): number {
  throw new Error("not implemented");
}`;
const DONE = "export function double(x: number): number {\n  return 2 * x;\n}";

function assemble(cells: CellLike[], name = "double"): AssembledExercise {
  return new SubmissionCells(cells, PATHS).assemble(name);
}

function moduleCode(result: AssembledExercise): string {
  assert(
    result.kind === "module",
    `expected a module, got ${result.kind}: ${JSON.stringify(result)}`,
  );
  return result.code;
}

Deno.test("assemble: setup imports resolved from notebooks/, then the exercise cell", () => {
  const result = assemble([MARKDOWN, setup(), code(DONE, "double")]);
  assertEquals(
    moduleCode(result),
    `import { tf } from ${JSON.stringify(TF_URL)};\n\n// cell 3 (exercise double)\n${DONE}\n`,
  );
  assertEquals(result.notes, []);
});

Deno.test("assemble: a missing export is added silently (the notebook stubs have none)", () => {
  const result = assemble([setup(), code(STUB, "double")]);
  assertStringIncludes(moduleCode(result), `${STUB}\n\nexport { double };\n`);
  assertEquals(result.notes, []);
});

Deno.test("assemble: found by name when the metadata was lost", () => {
  const result = assemble([setup(), MARKDOWN, code("const unrelated = 1;"), code(DONE)]);
  assertStringIncludes(moduleCode(result), "// cell 4 (exercise double)");
  assertEquals(result.notes, [
    "Found by its name in cell 4 (the cell's exercise metadata was missing).",
  ]);
});

Deno.test("assemble: a tagged cell that defines something else", () => {
  const result = assemble([setup(), code("export const triple = 3;", "double"), code(DONE)]);
  assertStringIncludes(moduleCode(result), "// cell 3 (exercise double)");
  assertMatch(result.notes[0], /tagged "double" \(cell 2\) does not define it; graded cell 3/);
  const nothing = assemble([setup(), code("export const triple = 3;", "double")]);
  assertEquals(nothing.kind, "missing");
  assertEquals(
    (nothing as { message: string }).message,
    'Cell 2 is tagged "double" but does not define it.',
  );
});

Deno.test("assemble: duplicates prefer the last cell that is not the unchanged stub", () => {
  const stubLast = assemble([setup(), code(DONE, "double"), code(STUB, "double")]);
  assertStringIncludes(moduleCode(stubLast), "// cell 2 (exercise double)");
  assertEquals(stubLast.notes, [
    '"double" is defined in 2 cells (2, 3); graded cell 2, the last one that is not the unchanged stub.',
  ]);
  const second = DONE.replace("2 * x", "x + x");
  const twoVersions = assemble([setup(), code(DONE, "double"), code(second, "double")]);
  assertStringIncludes(moduleCode(twoVersions), "return x + x;");
  assertMatch(twoVersions.notes[0], /defined in 2 cells \(2, 3\); graded cell 3/);
  const allStubs = assemble([setup(), code(STUB, "double"), code(STUB, "double")]);
  assertStringIncludes(moduleCode(allStubs), "// cell 3 (exercise double)");
  assertMatch(allStubs.notes[0], /graded cell 3, the last one\.$/);
});

Deno.test("assemble: a tagged cell wins over an untagged redefinition, and the note says so", () => {
  const result = assemble([setup(), code(DONE, "double"), code(DONE.replace("2 * x", "0"))]);
  assertStringIncludes(moduleCode(result), "return 2 * x;");
  assertEquals(result.notes, [
    '"double" is also defined in cell 3, not tagged as the exercise; graded cell 2, the one tagged "double".',
  ]);
});

Deno.test("assemble: a missing exercise and a cell that does not compile", () => {
  const missing = assemble([setup(), code("export const triple = 3;")]);
  assertEquals(missing.kind, "missing");
  assertEquals(
    (missing as { message: string }).message,
    'No cell defines "double" (and no cell is tagged with it).',
  );
  const broken = assemble([
    setup(),
    code("export function double(x: number) {\n  return (x;\n}", "double"),
  ]);
  assertEquals(broken.kind, "error");
  assertMatch(
    (broken as { message: string }).message,
    /^Your code does not compile: cell 2, line 2, column \d+: /,
  );
});

Deno.test("assemble: imports of solutions/ and tests/ are rejected however they are written", () => {
  const specifiers = [
    "../solutions/00_tools.ts",
    "../tests/specs/00_tools.ts",
    "./../notebooks/../solutions/00_tools.ts",
    pathToFileURL(join(ROOT, "solutions", "00_tools.ts")).href,
    join(ROOT, "tests", "specs", "00_tools.ts"),
  ];
  for (const s of specifiers) {
    const forms = [
      `import { double } from ${JSON.stringify(s)};\nexport { double };`,
      `const m = await import(${JSON.stringify(s)});\nexport const double = m.double;`,
      `const m = await import(\`${s}\`);\nexport const double = m.double;`,
      `export { double } from ${JSON.stringify(s)};\nexport const unused = 0;`,
    ];
    for (const form of forms) {
      const result = assemble([setup(), code(form, "double")]);
      assertEquals(result.kind, "rejected", form);
      assertMatch(
        (result as { message: string }).message,
        /^cell 2 imports .*: graded code may not import the course's solutions or tests$/,
      );
    }
  }
  const viaSetup = assemble([
    setup(`${SETUP}\nimport spec from "../tests/specs/00_tools.ts";`),
    code(DONE, "double"),
  ]);
  assertEquals(viaSetup.kind, "rejected");
  assertMatch(
    (viaSetup as { message: string }).message,
    /^cell 1 imports "\.\.\/tests\/specs\/00_tools\.ts"/,
  );
});

Deno.test("assemble: remote, data: and jsr: imports are rejected; npm and lib imports pass", () => {
  for (
    const s of [
      "https://example.com/x.ts",
      "data:text/javascript,export default 1",
      "jsr:@std/assert",
    ]
  ) {
    const result = assemble([
      setup(),
      code(`import x from ${JSON.stringify(s)};\n${DONE}`, "double"),
    ]);
    assertEquals(result.kind, "rejected", s);
    assertMatch(
      (result as { message: string }).message,
      /may only import the course's lib\/ and its npm packages/,
    );
  }
  const ok = moduleCode(assemble([
    setup(),
    code(
      `import { assert } from "@std/assert";\nimport * as g from "../lib/gym/mod.ts";\n${DONE}`,
      "double",
    ),
  ]));
  assertStringIncludes(ok, 'import { assert } from "@std/assert";');
  assertStringIncludes(
    ok,
    `import * as g from ${JSON.stringify(pathToFileURL(join(ROOT, "lib", "gym", "mod.ts")).href)};`,
  );
});

Deno.test("assemble: other cells' declarations come along only when the exercise uses them", () => {
  const cells = [
    setup(),
    code(
      'import { clip as clamp } from "../lib/util.ts";\nexport function clip(x: number) {\n  return clamp(x, 0, 1);\n}',
    ),
    code("const tidy = tf.tidy(() => tf.scalar(1));\nconst demo = double(4);"),
    code(
      "export function double(x: number): number {\n  return tf.tidy(() => clip(2 * x));\n}",
      "double",
    ),
  ];
  const result = moduleCode(assemble(cells));
  assertStringIncludes(result, "// from cell 2\nexport function clip(x: number)");
  assertStringIncludes(
    result,
    `import { clip as clamp } from ${
      JSON.stringify(pathToFileURL(join(ROOT, "lib", "util.ts")).href)
    };`,
  );
  // `tf.tidy` names a property, not the demo cell's `tidy`; nothing uses `demo`.
  assert(!result.includes("const tidy"), result);
  assert(!result.includes("const demo"), result);
});

Deno.test("assemble: a used helper whose cell does not compile costs the exercise", () => {
  const result = assemble([
    setup(),
    code("export function helper(x: number) {\n  return x +;\n}"),
    code("export function double(x: number) {\n  return helper(x) * 2;\n}", "double"),
  ]);
  assertEquals(result.kind, "error");
  assertMatch(
    (result as { message: string }).message,
    /^"double" uses "helper", whose cell does not compile: cell 2, line 2/,
  );
  // The same broken cell does not touch an exercise that does not use it.
  assertEquals(
    assemble([
      setup(),
      code("export function helper(x: number) {\n  return x +;\n}"),
      code(DONE, "double"),
    ]).kind,
    "module",
  );
});

Deno.test("assemble: without setup metadata, import-only cells are the setup", () => {
  const untagged = {
    cell_type: "code",
    source: `${SETUP}\nawait Promise.resolve();`,
    metadata: {},
  };
  const notSetup = code('import { x } from "../lib/x.ts";\nconst y = x + 1;');
  const result = moduleCode(assemble([untagged, notSetup, code(DONE)]));
  assertStringIncludes(result, `import { tf } from ${JSON.stringify(TF_URL)};`);
  assertStringIncludes(result, "// cell 1 (setup)\nawait Promise.resolve();");
  assert(!result.includes("lib/x.ts"), result);
});

Deno.test("assemble: a parameter or local that shadows another cell's name does not pull it in", () => {
  const demo = code("const slots = [1, 2, 3];\nconst end = slots.findIndex((s) => s > 1);");
  const exercise = code(
    "export function double(x: number, end = 0): number {\n  const slots = 2;\n  return slots * x + end;\n}",
    "double",
  );
  const text = moduleCode(assemble([setup(), demo, exercise]));
  assert(!text.includes("findIndex"), text);
  assert(!text.includes("from cell"), text);
});

Deno.test("assemble: used declarations from other cells come in notebook order", () => {
  // `scale` needs `base` when the module loads: the other order is a ReferenceError.
  const first = code("const base = 2;");
  const second = code("const scale = base * 1;");
  const exercise = code(
    "export function double(x: number): number {\n  return scale * x + base * 0;\n}",
    "double",
  );
  const text = moduleCode(assemble([setup(), first, second, exercise]));
  const baseAt = text.indexOf("const base = 2;");
  const scaleAt = text.indexOf("const scale = base * 1;");
  assert(baseAt >= 0 && scaleAt > baseAt, text);
});
