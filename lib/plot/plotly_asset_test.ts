import { assert, assertEquals } from "@std/assert";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));

Deno.test({
  name: "a program that only plots installs plotly.js when node_modules lacks it",
  async fn() {
    // A copy of the course's config and of lib/display + lib/plot in a folder without
    // node_modules: nothing imports an npm package, so Deno installs nothing by itself.
    const dir = await Deno.makeTempDir();
    try {
      for (const file of ["deno.json", "deno.lock"]) {
        await Deno.copyFile(join(root, file), join(dir, file));
      }
      for (const sub of ["display", "plot"]) {
        await Deno.mkdir(join(dir, "lib", sub), { recursive: true });
        for await (const entry of Deno.readDir(join(root, "lib", sub))) {
          if (entry.isFile && entry.name.endsWith(".ts")) {
            await Deno.copyFile(
              join(root, "lib", sub, entry.name),
              join(dir, "lib", sub, entry.name),
            );
          }
        }
      }
      await Deno.writeTextFile(
        join(dir, "plot.ts"),
        `import { linePlot, show } from "./lib/plot/mod.ts";
         await show(linePlot({ title: "t", series: [{ name: "a", y: [1, 2] }] }), { file: "t.html" });`,
      );
      const output = await new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", "--quiet", "plot.ts"],
        cwd: dir,
        stdout: "piped",
        stderr: "piped",
      }).output();
      const stderr = new TextDecoder().decode(output.stderr);
      assertEquals(output.code, 0, stderr);
      const page = await Deno.readTextFile(join(dir, "t.html"));
      assert(page.includes("* plotly.js v3."), "the page embeds plotly.js");
      assert((await Deno.stat(join(dir, "node_modules", "plotly.js-dist-min"))).isDirectory);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
