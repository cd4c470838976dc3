import { assertEquals, assertStringIncludes } from "@std/assert";
import { LiveReturnsChart } from "./live_chart.ts";

Deno.test("LiveReturnsChart draws one dot per episode and the rolling mean", async () => {
  const chart = new LiveReturnsChart({ title: "test", window: 2, maxSteps: 100 });
  chart.add({ step: 10, episodeReturn: 100, length: 100 });
  chart.add({ step: 20, episodeReturn: 300, length: 300 });
  chart.add({ step: 30, episodeReturn: 500, length: 500 });
  await chart.done(); // outside the kernel: nothing is displayed
  const svg = chart.svg();
  assertEquals(svg.match(/<circle/g)?.length, 3);
  assertStringIncludes(svg, "3 episodes, 30 steps, mean of last 2 = 400.0");
  assertStringIncludes(svg, "<polyline");
});
