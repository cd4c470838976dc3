import { assert, assertEquals, assertRejects, assertThrows } from "@std/assert";
import {
  Progress,
  progressEta,
  progressHtml,
  progressRate,
  type ProgressState,
  progressText,
  RecordingOutput,
  setOutputTarget,
  Throttle,
} from "./mod.ts";

/** A clock the test moves by hand, in milliseconds. */
function fakeClock(start = 1000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

/** Lets queued promise callbacks (the progress display's message queue) run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function withOutput(out: RecordingOutput): () => void {
  return setOutputTarget(out);
}

Deno.test("Throttle: first call due, then at most once per interval", () => {
  const clock = fakeClock();
  const throttle = new Throttle(100, clock.now);
  const due: boolean[] = [];
  for (const step of [0, 50, 49, 1, 99, 1, 0]) {
    clock.advance(step);
    due.push(throttle.due());
  }
  // Times 1000, 1050, 1099, 1100, 1199, 1200, 1200.
  assertEquals(due, [true, false, false, true, false, true, false]);
  assert(throttle.due(true), "force is always due");
  const delayed = new Throttle(100, clock.now, clock.now());
  assertEquals(delayed.due(), false);
});

const state: ProgressState = {
  label: "training",
  unit: "steps",
  count: 4500,
  total: 10_000,
  elapsed: 9,
  metrics: { return: 123.4, epsilon: 0.05 },
  finished: false,
};

Deno.test("rate and ETA: 4500 steps in 9 s is 500 steps/s, 5500 left take 11 s", () => {
  assertEquals(progressRate(state), 500);
  assertEquals(progressEta(state), 11);
  assertEquals(progressEta({ ...state, total: undefined }), undefined);
  assertEquals(progressEta({ ...state, elapsed: 0 }), undefined);
});

Deno.test("progressText shows counts, percent, rate, elapsed, ETA and metrics", () => {
  assertEquals(
    progressText(state),
    "training: 45% 4,500/10,000 | 500 steps/s | elapsed 0:09 | ETA 0:11 | return=123.4, epsilon=0.05",
  );
  assertEquals(
    progressText({ ...state, label: undefined, total: undefined, metrics: {}, unit: "it" }),
    "4,500 | 500 it/s | elapsed 0:09",
  );
  assertEquals(
    progressText({ ...state, count: 10_000, elapsed: 20, finished: true, metrics: {} }),
    "training: 100% 10,000/10,000 | 500 steps/s | elapsed 0:20",
  );
});

Deno.test("progressHtml: a bar as wide as the share done, escaped text", () => {
  const markup = progressHtml({ ...state, label: "<train>" });
  assert(markup.includes('style="width:45.0%'), markup);
  assert(markup.includes("&lt;train&gt;: 45%"), markup);
  assert(!progressHtml({ ...state, total: undefined }).includes("rl-progress-fill"));
  assert(progressHtml({ ...state, finished: true }).includes('data-finished="true"'));
});

Deno.test("Progress in the kernel: one display id, throttled updates, final update", async () => {
  const out = new RecordingOutput(true);
  const restore = withOutput(out);
  const clock = fakeClock();
  try {
    const progress = new Progress(100, { label: "run", now: clock.now, intervalMs: 100 });
    await settle();
    for (let i = 0; i < 10; i++) {
      clock.advance(30);
      progress.update(1, { loss: i });
      await settle();
    }
    // Updates at +30..+300 ms: due at +120 (first >= 100 after start) and +240.
    clock.advance(10);
    await progress.done({ loss: 0.5 });
    await progress.done();
  } finally {
    restore();
  }
  const types = out.messages.map((m) => m.type);
  assertEquals(types, [
    "display_data",
    "update_display_data",
    "update_display_data",
    "update_display_data",
  ]);
  const ids = new Set(
    out.messages.map((m) => (m.content.transient as { display_id: string }).display_id),
  );
  assertEquals(ids.size, 1);
  const texts = out.messages.map((m) => (m.content.data as Record<string, string>)["text/plain"]);
  assertEquals(texts[0], "run: 0% 0/100 | ? it/s | elapsed 0:00 | ETA ?");
  assert(texts[1].startsWith("run: 4% 4/100"), texts[1]);
  assert(texts[2].startsWith("run: 8% 8/100"), texts[2]);
  assertEquals(texts[3], "run: 10% 10/100 | 32.3 it/s | elapsed 0:00 | loss=0.5");
  assertEquals(out.stderrText, "");
});

Deno.test("Progress in the kernel coalesces refreshes requested while a message waits", async () => {
  const out = new RecordingOutput(true);
  const restore = withOutput(out);
  const clock = fakeClock();
  try {
    const progress = new Progress(undefined, { now: clock.now });
    // A synchronous loop: no message can go out until it ends.
    for (let i = 0; i < 1000; i++) {
      clock.advance(1);
      progress.update();
    }
    await progress.done();
  } finally {
    restore();
  }
  // Nothing could be sent during the loop, so the one queued message (the first display)
  // went out after it, showing the final state.
  assertEquals(out.messages.length, 1);
  const data = out.messages[0].content.data as Record<string, string>;
  assertEquals(out.messages[0].type, "display_data");
  assertEquals(data["text/plain"], "1,000 | 1,000 it/s | elapsed 0:01");
  assert(data["text/html"].includes('data-finished="true"'));
});

Deno.test("Progress on a terminal rewrites one stderr line and ends it", async () => {
  const out = new RecordingOutput(false, true);
  const restore = withOutput(out);
  const clock = fakeClock();
  try {
    const progress = new Progress(3, { now: clock.now });
    for (let i = 0; i < 3; i++) {
      clock.advance(1000);
      progress.update();
    }
    await progress.done();
  } finally {
    restore();
  }
  const frames = out.stderrText.split("\r").slice(1);
  assertEquals(frames.length, 5); // start, three updates, final
  assert(frames.slice(0, 4).every((f) => f.endsWith("\x1b[K")));
  assertEquals(frames[4], "100% 3/3 | 1 it/s | elapsed 0:03\x1b[K\n");
  assertEquals(out.messages, []);
});

Deno.test("Progress in a log prints a plain line per log interval and a final line", async () => {
  const out = new RecordingOutput(false, false);
  const restore = withOutput(out);
  const clock = fakeClock();
  try {
    const progress = new Progress(50, { now: clock.now, logIntervalMs: 10_000, unit: "ep" });
    for (let i = 0; i < 50; i++) {
      clock.advance(500);
      progress.update();
    }
    await progress.done();
  } finally {
    restore();
  }
  assertEquals(out.stderrText.split("\n"), [
    "40% 20/50 | 2 ep/s | elapsed 0:10 | ETA 0:15",
    "80% 40/50 | 2 ep/s | elapsed 0:20 | ETA 0:05",
    "100% 50/50 | 2 ep/s | elapsed 0:25",
    "",
  ]);
  assert(!out.stderrText.includes("\r"));
});

Deno.test("Progress rejects bad counts and updates after done", async () => {
  const restore = withOutput(new RecordingOutput(false));
  try {
    assertThrows(() => new Progress(-1), RangeError, "non-negative");
    const progress = new Progress(10);
    assertThrows(() => progress.update(Number.NaN), RangeError, "got NaN");
    await progress.done();
    assertThrows(() => progress.update(), Error, "is done");
  } finally {
    restore();
  }
});

Deno.test("Progress.done rejects when the kernel could not show an update", async () => {
  const out = new RecordingOutput(true);
  out.broadcast = () => Promise.reject(new Error("iopub closed"));
  const restore = withOutput(out);
  try {
    await assertRejects(() => new Progress(1).done(), Error, "iopub closed");
  } finally {
    restore();
  }
});
