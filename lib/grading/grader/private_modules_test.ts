/**
 * Private modules: a spec and the solutions it reaches become `data:` URLs that hold their
 * sources; other local imports point at absolute `file:` URLs.
 */
import { assert, assertEquals, assertRejects, assertStringIncludes } from "@std/assert";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { privateModuleUrl } from "./private_modules.ts";

const PREFIX = "data:application/typescript;base64,";

function sourceOf(url: string): string {
  assert(url.startsWith(PREFIX), url.slice(0, 60));
  return new TextDecoder().decode(
    Uint8Array.from(atob(url.slice(PREFIX.length)), (c) => c.charCodeAt(0)),
  );
}

/** Writes `files` (path relative to a new temp root -> source); returns the root. */
async function tree(files: Record<string, string>): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "private-modules-" });
  for (const [path, source] of Object.entries(files)) {
    await Deno.mkdir(dirname(join(root, path)), { recursive: true });
    await Deno.writeTextFile(join(root, path), source);
  }
  return root;
}

Deno.test("privateModuleUrl: solutions inlined, lib imports made absolute, the module runs", async () => {
  const root = await tree({
    "lib/util.ts": "export const base = 10;\n",
    "solutions/helpers/half.ts": "// naïve… but fine\nexport const half = (x: number) => x / 2;\n",
    "solutions/ch.ts": [
      'import { base } from "../lib/util.ts";',
      'import { half } from "./helpers/half.ts";',
      "export const answer = base + half(3);",
      "",
    ].join("\n"),
    "tests/specs/ch.ts": [
      'import { answer } from "../../solutions/ch.ts";',
      'export { base } from "../../lib/util.ts";',
      'const lazy = () => import("../../solutions/helpers/half.ts");',
      'export default { answer, text: "→ ✓", half: (await lazy()).half(8) };',
      "",
    ].join("\n"),
  });
  try {
    const url = await privateModuleUrl(join(root, "tests", "specs", "ch.ts"), [
      join(root, "solutions"),
      join(root, "tests"),
    ]);
    const spec = sourceOf(url);
    const libUrl = pathToFileURL(join(root, "lib", "util.ts")).href;
    assertStringIncludes(spec, `export { base } from "${libUrl}";`);
    assert(!spec.includes("solutions/"), spec);
    const solutionUrl = spec.match(/import \{ answer \} from "([^"]+)";/)![1];
    const solution = sourceOf(solutionUrl);
    assertStringIncludes(solution, `import { base } from "${libUrl}";`);
    const helperUrl = solution.match(/import \{ half \} from "([^"]+)";/)![1];
    assertEquals(
      sourceOf(helperUrl),
      "// naïve… but fine\nexport const half = (x: number) => x / 2;\n",
    );
    // The dynamic import of the same file gets the same data: URL.
    assertStringIncludes(spec, `import("${helperUrl}")`);

    const loaded = await import(url);
    assertEquals(loaded.default, { answer: 11.5, text: "→ ✓", half: 4 });
    assertEquals(loaded.base, 10);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("privateModuleUrl: an import cycle among private modules is named", async () => {
  const root = await tree({
    "tests/a.ts": 'import { b } from "./b.ts";\nexport const a = 1 + b;\n',
    "tests/b.ts": 'import { a } from "./a.ts";\nexport const b = 2;\nexport const c = () => a;\n',
  });
  try {
    const a = join(root, "tests", "a.ts");
    await assertRejects(
      () => privateModuleUrl(a, [join(root, "tests")]),
      Error,
      `cannot inline ${a}: import cycle ${a} -> ${join(root, "tests", "b.ts")} -> ${a}`,
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
