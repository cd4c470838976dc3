import { assert, assertEquals, assertThrows } from "@std/assert";
import { bar, COLOURS, heatmap, linePlot, scatter, withAlpha } from "./mod.ts";

Deno.test("withAlpha converts #rrggbb to rgba", () => {
  assertEquals(withAlpha("#1f77b4", 0.2), "rgba(31,119,180,0.2)");
});

Deno.test("linePlot: one trace per plain series, default x, titles in layout", () => {
  const fig = linePlot({
    title: "Returns",
    xLabel: "episode",
    yLabel: "return",
    series: [{ name: "a", y: new Float32Array([1, 2, 3]) }, { name: "b", x: [10, 20], y: [5, 6] }],
  });
  assertEquals(fig.data.length, 2);
  assertEquals(fig.data[0].x, [0, 1, 2]);
  assert(Array.isArray(fig.data[0].y), "typed arrays become plain arrays (JSON-safe)");
  assertEquals(fig.data[1].x, [10, 20]);
  assertEquals(fig.data[1].line, { color: COLOURS[1] });
  assertEquals(fig.layout.title, { text: "Returns" });
  assertEquals(fig.layout.xaxis, { title: { text: "episode" } });
  assertEquals(fig.layout.yaxis, { title: { text: "return" } });
});

Deno.test("linePlot with runs: upper, lower (filled to upper) and mean traces", () => {
  // Runs [1, 2] and [3, 6]: mean [2, 4]; sample std [sqrt(2), sqrt(8)].
  const fig = linePlot({ series: [{ name: "dqn", runs: [[1, 2], [3, 6]], band: "std" }] });
  const [upper, lower, mean] = fig.data;
  assertEquals(mean.y, [2, 4]);
  assertEquals(mean.name, "dqn (mean of 2)");
  assertEquals(upper.y, [2 + Math.SQRT2, 4 + Math.sqrt(8)]);
  assertEquals(lower.y, [2 - Math.SQRT2, 4 - Math.sqrt(8)]);
  assertEquals(lower.fill, "tonexty");
  assertEquals(lower.fillcolor, withAlpha(COLOURS[0], 0.2));
  assertEquals([upper.showlegend, lower.showlegend], [false, false]);
});

Deno.test("linePlot smooths each run before taking the mean", () => {
  // Smoothed with window 2: [0, 2] -> [0, 1]; [2, 4] -> [2, 3]; mean [1, 2].
  const fig = linePlot({
    smooth: 2,
    series: [{ name: "s", runs: [[0, 2], [2, 4]], band: "minmax" }],
  });
  assertEquals(fig.data[2].y, [1, 2]);
  assertEquals(fig.data[0].y, [2, 3]);
  assertEquals(fig.data[1].y, [0, 1]);
});

Deno.test("linePlot explains bad input", () => {
  assertThrows(() => linePlot({ series: [] }), TypeError, "non-empty array");
  assertThrows(
    () => linePlot({ series: [{ name: "a", x: [0], y: [1, 2] }] }),
    RangeError,
    `series 0 ("a"): x has 1 values but y needs 2`,
  );
  assertThrows(
    // @ts-expect-error: a string in the data, as plain JavaScript could pass
    () => linePlot({ series: [{ name: "a", y: [1, "2"] }] }),
    TypeError,
    `y[1] must be a number, got "2"`,
  );
  assertThrows(() => linePlot({ series: [{ name: "r", runs: [] }] }), TypeError, "runs must be");
});

Deno.test("heatmap: cell text, square cells, row 0 on top by default", () => {
  const fig = heatmap({
    title: "V",
    z: [[0, 1], [2, 3]],
    text: [["→", "↓"], ["↑", "G"]],
    colorscale: "RdBu",
  });
  const [trace] = fig.data;
  assertEquals(trace.type, "heatmap");
  assertEquals(trace.z, [[0, 1], [2, 3]]);
  assertEquals(trace.text, [["→", "↓"], ["↑", "G"]]);
  assertEquals(trace.texttemplate, "%{text}");
  assertEquals(trace.colorscale, "RdBu");
  assertEquals(fig.layout.yaxis, { scaleanchor: "x", autorange: "reversed" });
  const bottom = heatmap({ z: [[1]], origin: "bottom" });
  assertEquals(bottom.layout.yaxis, { scaleanchor: "x" });
});

Deno.test("heatmap explains shape errors", () => {
  assertThrows(() => heatmap({ z: [[1, 2], [3]] }), RangeError, "z[1] has 1 values but z[0] has 2");
  assertThrows(
    () => heatmap({ z: [[1, 2]], text: [["a"]] }),
    RangeError,
    "text[0] has 1 entries",
  );
  assertThrows(() => heatmap({ z: [[1]], text: [["a"], ["b"]] }), RangeError, "it has 2 rows");
  assertThrows(() => heatmap({ z: [] }), TypeError, "non-empty");
});

Deno.test("bar: grouped or stacked, with error bars", () => {
  const fig = bar({
    series: [{ name: "q*", x: ["a0", "a1"], y: [0.5, -1], error: [0.1, 0.2] }],
    mode: "stack",
  });
  assertEquals(fig.layout.barmode, "stack");
  assertEquals(fig.data[0].error_y, { type: "data", array: [0.1, 0.2], visible: true });
  assertThrows(
    () => bar({ series: [{ x: ["a"], y: [1, 2] }] }),
    RangeError,
    "same length (1 vs 2)",
  );
  assertThrows(
    () => bar({ series: [{ x: ["a"], y: [1], error: [] }] }),
    RangeError,
    "error has 0 values for 1 bars",
  );
});

Deno.test("scatter: markers per series", () => {
  const fig = scatter({
    series: [{ name: "obs", x: [1, 2], y: [3, 4], text: ["p", "q"], size: 4 }],
  });
  assertEquals(fig.data[0].mode, "markers");
  assertEquals(fig.data[0].marker, { color: COLOURS[0], size: 4 });
  assertEquals(fig.data[0].text, ["p", "q"]);
  assertThrows(() => scatter({ series: [{ x: [1], y: [] }] }), RangeError, "(1 vs 0)");
});
