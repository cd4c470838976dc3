import { assert, assertEquals, assertThrows } from "@std/assert";
import { escapeHtml, html, htmlTable, htmlToText } from "./mod.ts";

Deno.test("escapeHtml escapes the five special characters", () => {
  assertEquals(
    escapeHtml(`<a href="x">Tom & 'Jerry'</a>`),
    "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;",
  );
});

Deno.test("html: markup plus a plain fallback derived from it unless given", () => {
  assertEquals({ ...html("<p>Episode <b>3</b> &amp; 4</p>") }, {
    "text/html": "<p>Episode <b>3</b> &amp; 4</p>",
    "text/plain": "Episode 3 & 4",
  });
  assertEquals(html("<svg></svg>", "a picture")["text/plain"], "a picture");
  assertEquals(htmlToText("<div>a</div><div>b<br>c</div><script>x()</script>"), "a\nb\nc");
});

Deno.test("htmlTable with object rows: header, escaping, right-aligned numbers", () => {
  const table = htmlTable(
    [{ algorithm: "SARSA", return: -17.25 }, { algorithm: "Q<learning>", return: -13 }],
    { caption: "Cliff & co" },
  );
  assertEquals(
    table["text/html"],
    '<table class="rl-table"><caption>Cliff &amp; co</caption>' +
      '<thead><tr><th>algorithm</th><th style="text-align:right">return</th></tr></thead>' +
      '<tbody><tr><td>SARSA</td><td style="text-align:right">-17.25</td></tr>' +
      '<tr><td>Q&lt;learning&gt;</td><td style="text-align:right">-13</td></tr>' +
      "</tbody></table>",
  );
  assertEquals(
    table["text/plain"],
    [
      "Cliff & co",
      "algorithm    return",
      "-----------  ------",
      "SARSA        -17.25",
      "Q<learning>     -13",
    ].join("\n"),
  );
});

Deno.test("htmlTable: columns pick and order keys; missing cells are empty", () => {
  const table = htmlTable([{ a: 1, b: 2, c: 3 }, { a: 4 }], { columns: ["c", "a"] });
  assertEquals(table["text/plain"], ["c  a", "-  -", "3  1", "   4"].join("\n"));
});

Deno.test("htmlTable with array rows and a custom format", () => {
  const table = htmlTable([[0, 0.123456], [1, 0.5]], {
    columns: ["state", "value"],
    format: (v, column) => column === "value" ? (v as number).toFixed(2) : String(v),
  });
  assertEquals(
    table["text/plain"],
    ["state  value", "-----  -----", "    0   0.12", "    1   0.50"].join("\n"),
  );
  const headless = htmlTable([["x", 1]]);
  assert(!headless["text/html"]!.toString().includes("<thead>"));
  assertEquals(headless["text/plain"], "x  1");
});

Deno.test("htmlTable explains bad input", () => {
  assertThrows(() => htmlTable([{ a: 1 }, [2]]), TypeError, "row 1 is [2]");
  assertThrows(
    () => htmlTable([[1, 2]], { columns: ["only"] }),
    TypeError,
    "1 column names for rows of up to 2 cells",
  );
  // @ts-expect-error: not an array, as plain JavaScript could pass
  assertThrows(() => htmlTable({ a: 1 }), TypeError, "rows must be an array");
});
