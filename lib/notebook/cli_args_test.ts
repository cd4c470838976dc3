import { assertEquals, assertThrows } from "@std/assert";
import { displayPath, parseArgs, UsageError, userPath } from "./cli_args.ts";

Deno.test("parseArgs: positionals, --name value, --name=value and flags", () => {
  const parsed = parseArgs(
    ["nb.ipynb", "--out", "x.ipynb", "--solutions", "--timeout=30"],
    ["out", "timeout"],
    ["solutions"],
  );
  assertEquals(parsed.positional, ["nb.ipynb"]);
  assertEquals([...parsed.options], [["out", "x.ipynb"], ["solutions", true], ["timeout", "30"]]);
});

Deno.test("parseArgs: unknown options and missing values are usage errors", () => {
  assertThrows(() => parseArgs(["--bogus"], ["out"], []), UsageError, "unknown option --bogus");
  assertThrows(() => parseArgs(["--out"], ["out"], []), UsageError, "--out needs a value");
  assertThrows(() => parseArgs(["--solutions=yes"], [], ["solutions"]), UsageError);
});

Deno.test("userPath, displayPath: relative to INIT_CWD (where `deno task` was run)", () => {
  const saved = Deno.env.get("INIT_CWD");
  try {
    Deno.env.set("INIT_CWD", "/home/ana/course/notebooks");
    assertEquals(userPath("00_tools.ipynb"), "/home/ana/course/notebooks/00_tools.ipynb");
    assertEquals(userPath("/abs/x.ipynb"), "/abs/x.ipynb");
    assertEquals(displayPath("/home/ana/course/notebooks/out.ipynb"), "out.ipynb");
    assertEquals(displayPath("/tmp/out.ipynb"), "/tmp/out.ipynb");
  } finally {
    if (saved === undefined) Deno.env.delete("INIT_CWD");
    else Deno.env.set("INIT_CWD", saved);
  }
});
