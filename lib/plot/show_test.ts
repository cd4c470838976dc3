import { assert, assertEquals, assertRejects } from "@std/assert";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { RecordingOutput, setOutputTarget } from "../display/mod.ts";
import { linePlot, PLOTLY_MIME, plotlyPath, plotlySource, PlotSession, show } from "./mod.ts";

/** The first line of the plotly.js bundle names its version; it marks an embedded copy. */
const PLOTLY_MARKER = "* plotly.js v";

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

const fig = linePlot({ title: "Returns </script> & co", series: [{ name: "a", y: [1, 2] }] });

Deno.test("plotly.js is found in node_modules and is safe to inline", async () => {
  assert(plotlyPath().endsWith("plotly.min.js"), plotlyPath());
  const source = await plotlySource();
  assert(source.length > 1_000_000, `plotly.js is only ${source.length} characters`);
  assertEquals(count(source, PLOTLY_MARKER), 1);
  assert(!/<\/script/i.test(source));
});

Deno.test("a figure bundle has plotly JSON, HTML and a short text", async () => {
  const bundle = await new PlotSession().bundle(fig, { height: 300 });
  assertEquals(Object.keys(bundle).sort(), [PLOTLY_MIME, "text/html", "text/plain"].sort());
  const json = bundle[PLOTLY_MIME] as { data: unknown; layout: Record<string, unknown> };
  assertEquals(json.data, fig.data);
  assertEquals(json.layout.height, 300);
  assertEquals(json.layout.title, { text: "Returns </script> & co" });
  assertEquals(bundle["text/plain"], `Figure "Returns </script> & co": 1 trace (a)`);
  const html = bundle["text/html"] as string;
  // The title's "</script>" must not close the script element early.
  assertEquals(count(html, "</script>"), 2); // plotly.js, then the drawing script
  assert(html.includes("Returns \\u003c/script> & co"), "title escaped inside the script");
});

Deno.test("plotly.js is embedded once per session; every plot waits for window.Plotly", async () => {
  const session = new PlotSession();
  const first = (await session.bundle(fig))["text/html"] as string;
  const second = (await session.bundle(fig))["text/html"] as string;
  assertEquals(count(first, PLOTLY_MARKER), 1);
  assertEquals(count(second, PLOTLY_MARKER), 0);
  assert(session.plotlyEmbedded);
  const ids = [first, second].map((h) => h.match(/<div id="(rl-plot-[0-9a-f-]+)"/)![1]);
  assert(ids[0] !== ids[1], "each plot has its own div id");
  for (const [html, id] of [[first, ids[0]], [second, ids[1]]]) {
    assert(html.includes(`document.getElementById("${id}")`));
    assert(html.includes("setTimeout(draw, 50)"), "the plot polls until Plotly is there");
  }
  const other = (await new PlotSession().bundle(fig))["text/html"] as string;
  assertEquals(count(other, PLOTLY_MARKER), 1, "a new session embeds it again");
});

Deno.test("show in the kernel displays the bundle, plotly.js in the first only", async () => {
  const out = new RecordingOutput(true);
  const restore = setOutputTarget(out);
  try {
    assertEquals(await show(fig), undefined);
    await show(fig);
  } finally {
    restore();
  }
  assertEquals(out.messages.map((m) => m.type), ["display_data", "display_data"]);
  const html = out.messages.map((m) => (m.content.data as Record<string, string>)["text/html"]);
  assertEquals([count(html[0], PLOTLY_MARKER), count(html[1], PLOTLY_MARKER)], [1, 0]);
  assertEquals(out.stdoutText, "");
});

Deno.test("show in the kernel with a file displays and also writes the file", async () => {
  const dir = await Deno.makeTempDir();
  const out = new RecordingOutput(true);
  const restore = setOutputTarget(out);
  try {
    const path = await show(fig, { file: `${dir}/f.html` });
    assertEquals(path, `${dir}/f.html`);
    assertEquals(count(await Deno.readTextFile(path!), PLOTLY_MARKER), 1);
    assertEquals(out.messages.length, 1);
  } finally {
    restore();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("show outside the kernel writes a standalone HTML file and prints its path", async () => {
  const dir = await Deno.makeTempDir();
  const out = new RecordingOutput(false);
  const restore = setOutputTarget(out);
  try {
    const path = await show(fig, { file: `${dir}/sub/returns.html`, width: 500 });
    assertEquals(path, `${dir}/sub/returns.html`);
    const page = await Deno.readTextFile(path!);
    assert(page.startsWith("<!DOCTYPE html>"));
    assertEquals(count(page, PLOTLY_MARKER), 1);
    assert(page.includes("<title>Returns &lt;/script&gt; &amp; co</title>"));
    assert(page.includes('style="width:500px;height:450px"'));
    assertEquals(
      out.stdoutText,
      `Figure "Returns </script> & co": 1 trace (a) written to ${path}\n`,
    );
    assertEquals(out.messages, []);
  } finally {
    restore();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("show outside the kernel defaults to out/plots/<title>.html in the course folder", async () => {
  const root = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
  const restore = setOutputTarget(new RecordingOutput(false));
  const title = `Show test ${crypto.randomUUID().slice(0, 8)}`;
  const paths: string[] = [];
  try {
    const titled = linePlot({ title, series: [{ name: "a", y: [1] }] });
    paths.push((await show(titled))!, (await show(titled))!);
  } finally {
    restore();
    for (const path of paths) await Deno.remove(path);
  }
  const slug = title.toLowerCase().replace(" ", "-").replace(" ", "-");
  assertEquals(paths, [
    `${root}/out/plots/${slug}.html`,
    `${root}/out/plots/${slug}-2.html`,
  ]);
});

Deno.test("show rejects something that is not a figure", async () => {
  // @ts-expect-error: not a figure, as plain JavaScript could pass
  await assertRejects(() => show({ x: [1] }), TypeError, "expected a Figure");
});
