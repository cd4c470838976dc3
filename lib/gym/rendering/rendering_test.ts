import { assert, assertEquals, assertMatch, assertStringIncludes, assertThrows } from "@std/assert";
import { colorize, stripAnsi } from "./ansi.ts";
import { episodeAnimationDocument, episodeAnimationHtml } from "./animation.ts";
import { gridSvg } from "./grid.ts";
import { circle, escapeXml, fmt, rotatedBar, svgDocument, text } from "./svg.ts";

/** Parses `markup` as XML with the DOM-less parser available here: counts tags and checks nesting. */
function assertWellFormedXml(markup: string): void {
  const stack: string[] = [];
  for (const match of markup.matchAll(/<(\/?)([a-zA-Z][\w-]*)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = match;
    if (selfClosing) continue;
    if (closing) {
      const open = stack.pop();
      assertEquals(open, name, `closing </${name}> does not match <${open}>`);
    } else stack.push(name);
  }
  assertEquals(stack, [], "unclosed elements");
}

Deno.test("fmt rounds to two decimals and rejects non-finite numbers", () => {
  assertEquals(fmt(1.23456), "1.23");
  assertEquals(fmt(-0.001), "0");
  assertEquals(fmt(10), "10");
  assertThrows(() => fmt(NaN), Error, "finite");
});

Deno.test("escapeXml escapes markup characters", () => {
  assertEquals(escapeXml(`<a b="c">&'`), "&lt;a b=&quot;c&quot;&gt;&amp;&apos;");
});

Deno.test("svgDocument wraps children in a well-formed svg element with a background", () => {
  const svg = svgDocument(100, 50, [circle(10, 10, 5, { fill: "red" }), text(5, 5, "a<b")], {
    title: "T",
  });
  assert(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"'));
  assert(svg.includes("<title>T</title>"));
  assert(svg.includes('<rect x="0" y="0" width="100" height="50" fill="white"/>'));
  assert(svg.includes("a&lt;b"));
  assertWellFormedXml(svg);
});

Deno.test("rotatedBar: a bar at angle pi/2 points down the screen", () => {
  const corners = rotatedBar(0, 0, 10, 2, Math.PI / 2);
  // Far end of the bar is 10 units below the start, 1 unit either side.
  const ys = corners.map(([, y]) => y);
  const xs = corners.map(([x]) => x);
  assert(Math.abs(Math.max(...ys) - 10) < 1e-12);
  assert(Math.abs(Math.min(...ys)) < 1e-12);
  assert(Math.abs(Math.max(...xs) - 1) < 1e-12 && Math.abs(Math.min(...xs) + 1) < 1e-12);
});

Deno.test("colorize uses Gymnasium's codes; stripAnsi removes them", () => {
  assertEquals(colorize("x", "red", { highlight: true }), "\x1b[41mx\x1b[0m");
  assertEquals(colorize("x", "blue", { bold: true }), "\x1b[34;1mx\x1b[0m");
  assertEquals(stripAnsi(colorize("x", "magenta") + "y"), "xy");
});

Deno.test("gridSvg draws one rect per cell, the agent, values and arrows", () => {
  const svg = gridSvg({
    rows: 2,
    cols: 3,
    cellSize: 10,
    cell: (r, c) => ({
      fill: (r + c) % 2 ? "black" : "white",
      label: r === 0 && c === 0 ? "S" : undefined,
    }),
    agent: { row: 1, col: 2 },
    values: [0.5, NaN, 1, 2, 3, 4],
    policy: [0, 1, 2, 3, -1, 0],
  });
  assertWellFormedXml(svg);
  // 6 cells + the background.
  assertEquals(svg.match(/<rect /g)?.length, 7);
  assertEquals(svg.match(/<circle /g)?.length, 1);
  assert(svg.includes('cx="25" cy="15"'), "agent circle centred on cell (1, 2)");
  assert(svg.includes(">0.50<") && svg.includes(">4.00<") && !svg.includes("NaN"));
  // 5 arrows (the -1 entry is skipped): each is a line plus a polygon head.
  assertEquals(svg.match(/<polygon /g)?.length, 5);
  assertThrows(
    () => gridSvg({ rows: 2, cols: 2, cell: () => ({ fill: "white" }), values: [1, 2, 3] }),
    Error,
    "one entry per cell",
  );
});

Deno.test("episodeAnimationHtml embeds every frame, the controls and a still first frame", () => {
  const frames = [0, 1, 2].map((i) => svgDocument(10, 10, [text(5, 5, `frame-${i}`)]));
  const html = episodeAnimationHtml(frames, { fps: 20, caption: "An <episode>" });
  assertMatch(html, /^<div id="rl-episode-\d+-[a-z0-9]+"/);
  assert(html.includes('type="range" min="0" max="2"'));
  assert(html.includes("rl-episode-play"));
  assert(html.includes("An &lt;episode&gt;"));
  // The first frame is in the markup itself (visible without scripts).
  const stage = html.slice(html.indexOf("rl-episode-stage"), html.indexOf("<script>"));
  assert(stage.includes("frame-0") && !stage.includes("frame-1"));
  // All frames are in the script, with "<" escaped so no "</script>" can end it early.
  const script = html.slice(html.indexOf("<script>") + 8, html.lastIndexOf("</script>"));
  assert(!script.includes("</") && !script.includes("<!--") && !script.includes("<svg"));
  for (const i of [0, 1, 2]) assert(script.includes(`frame-${i}`));
  assert(script.includes("}, 50);"), "interval of 1000 / fps ms");
  // Two players get different ids.
  const other = episodeAnimationHtml(frames);
  assert(other.slice(0, 40) !== html.slice(0, 40));
});

Deno.test("episodeAnimationHtml: the embedded frames decode back to the input", () => {
  const frames = ["<svg>a</svg>", "<svg>\u2028</script>b</svg>"];
  const html = episodeAnimationHtml(frames);
  const json = html.match(/var frames = (\[.*?\]);/)![1];
  assertEquals(JSON.parse(json), frames);
});

Deno.test("episodeAnimationHtml rejects empty frames and bad fps", () => {
  assertThrows(() => episodeAnimationHtml([]), Error, "at least one frame");
  assertThrows(() => episodeAnimationHtml(["<svg/>"], { fps: 0 }), Error, "fps");
  assertThrows(() => episodeAnimationHtml([1 as unknown as string]), Error, "frame 0");
});

Deno.test("episodeAnimationDocument is a complete HTML page", () => {
  const doc = episodeAnimationDocument(["<svg></svg>"], { title: "Cart" });
  assert(doc.startsWith("<!DOCTYPE html>"));
  assert(doc.includes("<title>Cart</title>"));
  assert(doc.trimEnd().endsWith("</html>"));
});

/** A minimal element for running the player's script without a browser. */
class FakeElement {
  innerHTML = "";
  textContent = "";
  value = "0";
  disabled = true;
  listeners: Record<string, () => void> = {};
  addEventListener(type: string, listener: () => void) {
    this.listeners[type] = listener;
  }
}

Deno.test("the player's script shows frames, plays at fps, pauses and scrubs", () => {
  const frames = ["<svg>A</svg>", "<svg>B</svg>", "<svg>C</svg>"];
  const html = episodeAnimationHtml(frames, { fps: 10 });
  const id = html.match(/id="([^"]+)"/)![1];
  const script = html.slice(html.indexOf("<script>") + 8, html.lastIndexOf("</script>"));
  const parts: Record<string, FakeElement> = {
    ".rl-episode-stage": new FakeElement(),
    ".rl-episode-play": new FakeElement(),
    ".rl-episode-slider": new FakeElement(),
    ".rl-episode-counter": new FakeElement(),
  };
  const root = { querySelector: (selector: string) => parts[selector] };
  const document = { getElementById: (wanted: string) => (wanted === id ? root : null) };
  const timers: Array<{ fn: () => void; ms: number } | null> = [];
  const setInterval = (fn: () => void, ms: number) => timers.push({ fn, ms }) - 1;
  const clearInterval = (handle: number) => {
    timers[handle] = null;
  };
  new Function("document", "setInterval", "clearInterval", script)(
    document,
    setInterval,
    clearInterval,
  );
  const stage = parts[".rl-episode-stage"];
  const button = parts[".rl-episode-play"];
  const slider = parts[".rl-episode-slider"];
  const counter = parts[".rl-episode-counter"];
  // Autoplay: frame 0 shown, one timer at 100 ms, controls enabled.
  assertEquals(stage.innerHTML, "<svg>A</svg>");
  assertEquals(counter.textContent, "t = 0 / 2");
  assertEquals(timers.length, 1);
  assertEquals(timers[0]!.ms, 100);
  assertEquals(button.disabled || slider.disabled, false);
  timers[0]!.fn();
  assertEquals([stage.innerHTML, slider.value], ["<svg>B</svg>", "1"]);
  timers[0]!.fn();
  assertEquals(stage.innerHTML, "<svg>C</svg>");
  // At the last frame without loop the player pauses itself.
  timers[0]!.fn();
  assertEquals(timers[0], null);
  assertStringIncludes(button.textContent, "play");
  // Scrubbing shows the chosen frame.
  slider.value = "1";
  slider.listeners.input();
  assertEquals(stage.innerHTML, "<svg>B</svg>");
  // Play from the middle, then pause with the button.
  button.listeners.click();
  assertEquals(timers.length, 2);
  assertStringIncludes(button.textContent, "pause");
  button.listeners.click();
  assertEquals(timers[1], null);
});
