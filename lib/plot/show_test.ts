import { assert, assertEquals, assertRejects } from "@std/assert";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { type MimeBundle, RecordingOutput, setOutputTarget } from "../display/mod.ts";
import {
  linePlot,
  PLOTLY_CHUNK_CHARS,
  PLOTLY_MIME,
  plotlyGzipBase64,
  plotlyPath,
  plotlySource,
  PlotSession,
  show,
} from "./mod.ts";

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

Deno.test("a figure bundle has plotly JSON, HTML and a short text", () => {
  const bundle = new PlotSession().bundle(fig, { height: 300 });
  assertEquals(Object.keys(bundle).sort(), [PLOTLY_MIME, "text/html", "text/plain"].sort());
  const json = bundle[PLOTLY_MIME] as { data: unknown; layout: Record<string, unknown> };
  assertEquals(json.data, fig.data);
  assertEquals(json.layout.height, 300);
  assertEquals(json.layout.title, { text: "Returns </script> & co" });
  assertEquals(bundle["text/plain"], `Figure "Returns </script> & co": 1 trace (a)`);
  const html = bundle["text/html"] as string;
  // The title's "</script>" must not close the drawing script early.
  assertEquals(count(html, "</script>"), 1);
  assert(html.includes("Returns \\u003c/script> & co"), "title escaped inside the script");
  assertEquals(count(html, PLOTLY_MARKER), 0, "plotly.js comes in separate loader outputs");
});

Deno.test("each plot has its own div and waits for window.Plotly", () => {
  const session = new PlotSession();
  const html = [session.bundle(fig), session.bundle(fig)].map((b) => b["text/html"] as string);
  const ids = html.map((h) => h.match(/<div id="(rl-plot-[0-9a-f-]+)"/)![1]);
  assert(ids[0] !== ids[1], "each plot has its own div id");
  html.forEach((h, i) => {
    assert(h.includes(`document.getElementById("${ids[i]}")`));
    assert(h.includes("setTimeout(draw, 50)"), "the plot polls until Plotly is there");
  });
});

Deno.test("the plotly.js loader comes once per session, in chunks", async () => {
  const session = new PlotSession();
  const first = await session.plotlyLoader();
  assert(session.plotlyEmbedded);
  assertEquals(await session.plotlyLoader(), []);
  const compressed = await plotlyGzipBase64();
  assertEquals(first.length, Math.ceil(compressed.length / PLOTLY_CHUNK_CHARS));
  assert(first.length > 1, "several chunks, none of them megabytes");
  for (const bundle of first) {
    assertEquals(bundle["text/plain"], "");
    assert((bundle["text/html"] as string).length < PLOTLY_CHUNK_CHARS + 2000);
  }
  assertEquals((await new PlotSession().plotlyLoader()).length, first.length, "new session");
});

/** Runs loader scripts as a page would, with a stand-in window and document. */
function runLoaderScripts(bundles: MimeBundle[], window: Record<string, unknown>) {
  const appended: string[] = [];
  const document = {
    createElement: () => ({ text: "" }),
    head: { appendChild: (script: { text: string }) => appended.push(script.text) },
  };
  for (const bundle of bundles) {
    const script = (bundle["text/html"] as string)
      .replace(/^<script type="text\/javascript">/, "")
      .replace(/<\/script>$/, "");
    new Function("window", "document", script)(window, document);
  }
  return appended;
}

Deno.test("the loader scripts rebuild plotly.js in any order and run it once", async () => {
  const bundles = await new PlotSession().plotlyLoader();
  const shuffled = [...bundles.slice(1).reverse(), bundles[0], bundles[1]];
  const window: Record<string, unknown> = {};
  const appended = runLoaderScripts(shuffled, window);
  // Decompression is asynchronous: wait until the script element was added.
  for (let i = 0; i < 100 && appended.length === 0; i++) {
    await new Promise((r) => setTimeout(r, 20));
  }
  assertEquals(appended.length, 1, "plotly.js runs exactly once");
  assertEquals(appended[0], await plotlySource());
  window.Plotly = {};
  assertEquals(runLoaderScripts(bundles, window), [], "nothing happens once Plotly exists");
});

Deno.test("show in the kernel sends the loader before the first figure only", async () => {
  const out = new RecordingOutput(true);
  const restore = setOutputTarget(out);
  try {
    assertEquals(await show(fig), undefined);
    await show(fig);
  } finally {
    restore();
  }
  const chunks = Math.ceil((await plotlyGzipBase64()).length / PLOTLY_CHUNK_CHARS);
  assertEquals(out.messages.length, chunks + 2);
  assert(out.messages.every((m) => m.type === "display_data"));
  const isFigure = out.messages.map((m) => PLOTLY_MIME in (m.content.data as object));
  assertEquals(isFigure, [...Array(chunks).fill(false), true, true]);
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
    assertEquals(out.messages.length, 1, "this session already sent the loader");
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
