import { assert, assertEquals, assertRejects, assertThrows } from "@std/assert";
import {
  clearOutputs,
  NotebookFormatError,
  parseNotebook,
  readNotebook,
  serializeNotebook,
  splitLines,
  writeNotebook,
} from "./ipynb.ts";

// Written the way Jupyter (nbformat.write) writes a notebook: keys sorted, one-space
// indent, multi-line strings as lists of lines, a final newline.
const JUPYTER_TEXT = `{
 "cells": [
  {
   "cell_type": "markdown",
   "id": "intro",
   "metadata": {},
   "source": [
    "# Title\\n",
    "\\n",
    "Some $x^2$ math."
   ]
  },
  {
   "cell_type": "code",
   "execution_count": 3,
   "id": "c2",
   "metadata": {
    "rl_course": {
     "exercise": "softmax"
    }
   },
   "outputs": [
    {
     "name": "stdout",
     "output_type": "stream",
     "text": [
      "a\\n",
      "b\\n"
     ]
    },
    {
     "data": {
      "application/json": {
       "b": 1,
       "a": [
        1,
        2
       ]
      },
      "text/plain": [
       "line 1\\n",
       "line 2"
      ]
     },
     "execution_count": 3,
     "metadata": {},
     "output_type": "execute_result"
    }
   ],
   "source": "export function softmax() {}"
  }
 ],
 "metadata": {
  "kernelspec": {
   "display_name": "Deno (RL course)",
   "language": "typescript",
   "name": "rl-course"
  }
 },
 "nbformat": 4,
 "nbformat_minor": 5
}
`;

Deno.test("parseNotebook: lists of lines become one string", () => {
  const nb = parseNotebook(JUPYTER_TEXT, "t.ipynb");
  assertEquals(nb.cells[0].source, "# Title\n\nSome $x^2$ math.");
  const code = nb.cells[1];
  assert(code.cell_type === "code");
  assertEquals(code.source, "export function softmax() {}");
  assertEquals(code.execution_count, 3);
  assertEquals(code.metadata.rl_course?.exercise, "softmax");
  assertEquals(code.outputs[0], { output_type: "stream", name: "stdout", text: "a\nb\n" });
  const result = code.outputs[1];
  assert(result.output_type === "execute_result");
  assertEquals(result.data["text/plain"], "line 1\nline 2");
  // JSON MIME data is a value, never joined.
  assertEquals(result.data["application/json"], { b: 1, a: [1, 2] });
});

Deno.test("serializeNotebook: writes Jupyter's format (keys sorted, lines split)", () => {
  const nb = parseNotebook(JUPYTER_TEXT, "t.ipynb");
  const expected = JUPYTER_TEXT
    // nbformat sorts keys everywhere, JSON MIME data included; the fixture had b before a.
    .replace(
      `       "b": 1,\n       "a": [\n        1,\n        2\n       ]\n`,
      `       "a": [\n        1,\n        2\n       ],\n       "b": 1\n`,
    )
    // nbformat writes a one-line source as a one-element list.
    .replace(
      `"source": "export function softmax() {}"`,
      `"source": [\n    "export function softmax() {}"\n   ]`,
    );
  assertEquals(serializeNotebook(nb), expected);
  // Writing what was read gives the same text again.
  assertEquals(serializeNotebook(parseNotebook(expected, "t.ipynb")), expected);
});

Deno.test("serializeNotebook: clearOutputs drops outputs and execution counts", () => {
  const text = serializeNotebook(parseNotebook(JUPYTER_TEXT, "t.ipynb"), { clearOutputs: true });
  const raw = JSON.parse(text);
  assertEquals(raw.cells[1].outputs, []);
  assertEquals(raw.cells[1].execution_count, null);
  const cleared = clearOutputs(parseNotebook(JUPYTER_TEXT, "t.ipynb"));
  assert(cleared.cells[1].cell_type === "code");
  assertEquals(cleared.cells[1].outputs, []);
});

Deno.test("splitLines: like Python's str.splitlines(keepends=True)", () => {
  assertEquals(splitLines("a\nb"), ["a\n", "b"]);
  assertEquals(splitLines("a\r\nb\n"), ["a\r\n", "b\n"]);
  assertEquals(splitLines("a\rb"), ["a\r", "b"]);
  assertEquals(splitLines("\n\n"), ["\n", "\n"]);
  // Python also breaks at the file/group separators and Unicode line separators.
  assertEquals(splitLines("a\x1cb\u2028c"), ["a\x1c", "b\u2028", "c"]);
  assertEquals(splitLines(""), "");
});

Deno.test("parseNotebook: cells without ids (nbformat 4.4) get unique ids", () => {
  const nb = parseNotebook(
    JSON.stringify({
      nbformat: 4,
      nbformat_minor: 4,
      metadata: {},
      cells: [
        { cell_type: "markdown", metadata: {}, source: "a" },
        { cell_type: "markdown", id: "x", metadata: {}, source: "b" },
        { cell_type: "raw", id: "x", metadata: {}, source: "c" },
      ],
    }),
    "old.ipynb",
  );
  assertEquals(nb.cells.map((c) => c.id), ["cell-1", "x", "x-2"]);
  assertEquals(nb.nbformat_minor, 5);
});

function parseError(text: string): string {
  return assertThrows(() => parseNotebook(text, "notebooks/bad.ipynb"), NotebookFormatError)
    .message;
}

Deno.test("parseNotebook: malformed notebooks get errors naming the file and the problem", () => {
  assertEquals(
    parseError('{\n "cells": [,]\n}'),
    `notebooks/bad.ipynb: not valid JSON: line 2 column 12: expected a value, found ","`,
  );
  assertEquals(
    parseError('{\n "nbformat": 4\n "cells": []\n}'),
    `notebooks/bad.ipynb: not valid JSON: line 3 column 2: expected ',' or '}', found "\\""`,
  );
  assertEquals(
    parseError('{"cells": ['),
    "notebooks/bad.ipynb: not valid JSON: line 1 column 12: expected a value, " +
      "found the end of the file",
  );

  assertEquals(
    parseError('{"nbformat": 3, "cells": []}'),
    "notebooks/bad.ipynb: nbformat 3 is not supported, only 4 " +
      "(open and save it in a current Jupyter to convert it)",
  );
  assertEquals(
    parseError('{"nbformat": 4, "nbformat_minor": 5, "metadata": {}}'),
    'notebooks/bad.ipynb: no "cells" list',
  );
  assertEquals(
    parseError("[1, 2]"),
    "notebooks/bad.ipynb: not a notebook: the top level is not a JSON object",
  );
  const cells = (cell: unknown) =>
    parseError(JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [cell] }));
  assertEquals(
    cells({ id: "a", metadata: {}, source: "" }),
    'notebooks/bad.ipynb: cell 1 (id "a") has no "cell_type"',
  );
  assertEquals(
    cells({ cell_type: "code", id: "a", metadata: {}, outputs: [] }),
    'notebooks/bad.ipynb: cell 1 (id "a") has no "source"',
  );
  assertEquals(
    cells({ cell_type: "code", id: "a", metadata: {}, source: 42, outputs: [] }),
    'notebooks/bad.ipynb: cell 1 (id "a") "source" must be a string or a list of strings',
  );
  assertEquals(
    cells({ cell_type: "picture", id: "a", metadata: {}, source: "" }),
    'notebooks/bad.ipynb: cell 1 (id "a") has cell_type "picture", expected "code", ' +
      '"markdown" or "raw"',
  );
  assertEquals(
    cells({
      cell_type: "code",
      id: "a",
      metadata: {},
      source: "",
      outputs: [{ output_type: "x" }],
    }),
    'notebooks/bad.ipynb: cell 1 (id "a") output 1 has output_type "x", expected one of ' +
      "stream, display_data, execute_result, error",
  );
  assertEquals(
    cells({ cell_type: "code", id: "has space", metadata: {}, source: "" }),
    'notebooks/bad.ipynb: cell 1 (id "has space") has an invalid id "has space" ' +
      '(1-64 letters, digits, "-" or "_")',
  );
});

Deno.test("readNotebook / writeNotebook: a round trip through a file; a missing file", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/n.ipynb`;
  await writeNotebook(path, parseNotebook(JUPYTER_TEXT, "t.ipynb"));
  const back = await readNotebook(path);
  assertEquals(back, parseNotebook(JUPYTER_TEXT, "t.ipynb"));
  const err = await assertRejects(() => readNotebook(`${dir}/missing.ipynb`), NotebookFormatError);
  assert(err.message.startsWith(`${dir}/missing.ipynb: cannot read the file`), err.message);
  await Deno.remove(dir, { recursive: true });
});
