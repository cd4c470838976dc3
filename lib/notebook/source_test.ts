import { assertEquals, assertThrows } from "@std/assert";
import {
  buildNotebooks,
  chapterOfSource,
  KERNELSPEC,
  LANGUAGE_INFO,
  NotebookSourceError,
  parseNotebookSource,
} from "./source.ts";
import { parseNotebook } from "./ipynb.ts";

const SOURCE = `# Chapter 9: Testing

Intro text.

<!-- cell -->

## Setup

\`\`\`ts setup
import { tf } from "../lib/tf/mod.ts";
\`\`\`

Text with a plain fence, which stays in the Markdown:

\`\`\`ts
const notACell = 1;
\`\`\`

\`\`\`ts exercise=double
/** Doubles. */
export function double(x: number): number {
  throw new Error("not implemented");
}
\`\`\`

\`\`\`ts cell
await check("double", double);
\`\`\`

\`\`\`\`markdown
An example of the source format, not a cell:
\`\`\`ts cell
<!-- cell -->
\`\`\`
\`\`\`\`
`;

Deno.test("parseNotebookSource: cells, kinds, ids and metadata", () => {
  const nb = parseNotebookSource(SOURCE, { chapter: "09_testing" });
  assertEquals(
    nb.cells.map((c) => [c.cell_type, c.id, c.metadata]),
    [
      ["markdown", "c01", {}],
      ["markdown", "c02", {}],
      ["code", "c03-setup", { rl_course: { role: "setup" } }],
      ["markdown", "c04", {}],
      ["code", "c05-double", { rl_course: { exercise: "double" } }],
      ["code", "c06", {}],
      ["markdown", "c07", {}],
    ],
  );
  assertEquals(nb.cells[0].source, "# Chapter 9: Testing\n\nIntro text.");
  assertEquals(nb.cells[2].source, 'import { tf } from "../lib/tf/mod.ts";');
  assertEquals(
    nb.cells[3].source,
    "Text with a plain fence, which stays in the Markdown:\n\n```ts\nconst notACell = 1;\n```",
  );
  assertEquals(
    nb.cells[4].source,
    '/** Doubles. */\nexport function double(x: number): number {\n  throw new Error("not implemented");\n}',
  );
  // Nothing inside a longer fence is interpreted.
  assertEquals(
    nb.cells[6].source,
    "````markdown\nAn example of the source format, not a cell:\n```ts cell\n<!-- cell -->\n```\n````",
  );
});

Deno.test("parseNotebookSource: notebook metadata, nbformat 4.5, no outputs", () => {
  const nb = parseNotebookSource(SOURCE, { chapter: "09_testing" });
  assertEquals(nb.nbformat, 4);
  assertEquals(nb.nbformat_minor, 5);
  assertEquals(nb.metadata, {
    kernelspec: { name: "rl-course", display_name: "Deno (RL course)", language: "typescript" },
    language_info: { ...LANGUAGE_INFO },
    rl_course: { chapter: "09_testing" },
  });
  assertEquals(KERNELSPEC.name, "rl-course");
  for (const cell of nb.cells) {
    if (cell.cell_type === "code") {
      assertEquals([cell.outputs, cell.execution_count], [[], null]);
    }
  }
});

Deno.test("parseNotebookSource: the same source gives the same notebook", () => {
  assertEquals(
    parseNotebookSource(SOURCE, { chapter: "09_testing" }),
    parseNotebookSource(SOURCE.replaceAll("\n", "\r\n"), { chapter: "09_testing" }),
  );
});

function sourceError(text: string): string {
  return assertThrows(
    () => parseNotebookSource(text, { chapter: "09_testing", path: "src/09.md" }),
    NotebookSourceError,
  ).message;
}

Deno.test("parseNotebookSource: errors name the file, line and problem", () => {
  assertEquals(
    sourceError("text\n\n```ts exercice=double\nx\n```\n"),
    'src/09.md:3: unknown cell keyword "exercice=double" after "ts": use setup, cell or ' +
      'exercise=NAME (a plain "```ts" fence stays in the Markdown)',
  );
  assertEquals(
    sourceError("```ts exercise=2fast\n```\n"),
    'src/09.md:1: "exercise=2fast" must be exercise=NAME with NAME the exported identifier, ' +
      'e.g. "```ts exercise=softmax"',
  );
  assertEquals(
    sourceError("```ts cell extra\n```\n"),
    'src/09.md:1: unexpected "extra" after "ts cell" (one cell keyword per fence)',
  );
  assertEquals(sourceError("a\n```ts cell\nx\n"), "src/09.md:2: code cell fence is never closed");
  assertEquals(sourceError("a\n````text\nx\n```\n"), "src/09.md:2: fence is never closed");
  assertEquals(
    sourceError("```ts exercise=f\n```\n\n```ts exercise=f\n```\n"),
    'src/09.md:4: exercise "f" is declared twice (first on line 1)',
  );
});

Deno.test("buildNotebooks: every src/*.md to its .ipynb text; chapterOfSource", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.mkdir(`${dir}/src`);
  await Deno.writeTextFile(`${dir}/src/02_b.md`, "# B\n");
  await Deno.writeTextFile(`${dir}/src/01_a.md`, SOURCE);
  await Deno.writeTextFile(`${dir}/src/notes.txt`, "ignored");
  const built = await buildNotebooks(dir);
  assertEquals(built.map((b) => b.target), [`${dir}/01_a.ipynb`, `${dir}/02_b.ipynb`]);
  assertEquals(built[0].notebook.metadata.rl_course, { chapter: "01_a" });
  assertEquals(parseNotebook(built[1].text, "b"), built[1].notebook);
  assertEquals(chapterOfSource("notebooks/src/03_dqn.md"), "03_dqn");
  assertEquals(await buildNotebooks(`${dir}/nowhere`), []);
  await Deno.remove(dir, { recursive: true });
});
