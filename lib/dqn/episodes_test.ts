import { assertEquals } from "@std/assert";
import { EpisodeTracker, firstSolved, rollingMeanReturn } from "./episodes.ts";
import type { EpisodeRecord } from "./types.ts";

Deno.test("EpisodeTracker sums rewards per sub-environment and reports ended episodes", () => {
  const tracker = new EpisodeTracker(2);
  assertEquals(tracker.record([1, 2], [false, false], [false, false], 2), []);
  assertEquals(tracker.record([1, 0.5], [true, false], [false, false], 4), [
    { step: 4, episodeReturn: 2, length: 2 },
  ]);
  assertEquals(tracker.record([3, 1], [false, false], [false, true], 6), [
    { step: 6, episodeReturn: 3.5, length: 3 },
  ]);
  assertEquals(tracker.record([1, 1], [true, true], [false, false], 8), [
    { step: 8, episodeReturn: 4, length: 2 },
    { step: 8, episodeReturn: 1, length: 1 },
  ]);
});

const records = (returns: number[]): EpisodeRecord[] =>
  returns.map((r, i) => ({ step: 10 * (i + 1), episodeReturn: r, length: r }));

Deno.test("rollingMeanReturn averages the last window returns", () => {
  assertEquals(rollingMeanReturn([]), NaN);
  assertEquals(rollingMeanReturn(records([10, 20])), 15);
  assertEquals(rollingMeanReturn(records([100, 1, 2, 3]), 3), 2);
});

Deno.test("firstSolved finds the first full window whose mean reaches the threshold", () => {
  assertEquals(firstSolved(records([500, 500]), 475, 3), undefined);
  const episodes = records([400, 500, 500, 500, 500]);
  // Windows of 3: [400, 500, 500] = 466.7, then [500, 500, 500] = 500 at the fourth episode.
  assertEquals(firstSolved(episodes, 475, 3), episodes[3]);
  assertEquals(firstSolved(episodes, 400, 3), episodes[2]);
});
