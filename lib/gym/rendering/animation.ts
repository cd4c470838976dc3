/**
 * Turns a recorded episode (one SVG string per step) into an HTML player with play/pause,
 * a scrubber and a frame counter.
 *
 * The markup is self-contained (inline script and styles, no network): display it in a
 * notebook as `text/html`, or write it to a file with {@linkcode episodeAnimationDocument}
 * and open it in a browser. Where scripts do not run (an untrusted notebook, a static
 * export), the first frame stays visible as a still picture.
 *
 * @module
 */

/** Options for {@linkcode episodeAnimationHtml}. */
export interface EpisodeAnimationOptions {
  /** Playback speed in frames per second (default 30). */
  fps?: number;
  /** Start playing as soon as the player is shown (default true). */
  autoplay?: boolean;
  /** Start again from the first frame after the last one (default false). */
  loop?: boolean;
  /** A caption shown above the player. */
  caption?: string;
}

let playerCount = 0;

function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}

// JSON inside <script> must not contain "</script" or "<!--": escaping every "<" is enough.
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replaceAll("<", "\\u003c").replaceAll("\u2028", "\\u2028")
    .replaceAll("\u2029", "\\u2029");
}

/**
 * An HTML snippet that plays `frames` (SVG markup strings, one per step) at `fps`.
 *
 * Controls: a play/pause button, a range input to scrub to any frame and a `t / n`
 * counter. Each call gets its own element ids, so several players can share a page.
 *
 * @throws if `frames` is empty or `fps` is not a positive finite number.
 */
export function episodeAnimationHtml(
  frames: string[],
  options: EpisodeAnimationOptions = {},
): string {
  if (!Array.isArray(frames) || frames.length === 0) {
    throw new Error(
      "episodeAnimationHtml needs at least one frame: record env.render() after reset and " +
        'after every step (with renderMode: "svg").',
    );
  }
  for (const [i, frame] of frames.entries()) {
    if (typeof frame !== "string") {
      throw new Error(`episodeAnimationHtml: frame ${i} is a ${typeof frame}, expected a string`);
    }
  }
  const fps = options.fps ?? 30;
  if (!(Number.isFinite(fps) && fps > 0)) {
    throw new Error(`episodeAnimationHtml: fps must be a positive number, got ${fps}`);
  }
  const autoplay = options.autoplay ?? true;
  const loop = options.loop ?? false;
  playerCount += 1;
  const id = `rl-episode-${playerCount}-${Math.floor(Math.random() * 1e9).toString(36)}`;
  const last = frames.length - 1;
  const caption = options.caption === undefined
    ? ""
    : `<div style="font-weight:bold;margin-bottom:4px">${escapeHtml(options.caption)}</div>`;
  const script = `(function () {
  var frames = ${scriptSafeJson(frames)};
  var root = document.getElementById(${JSON.stringify(id)});
  if (!root) return;
  var stage = root.querySelector(".rl-episode-stage");
  var button = root.querySelector(".rl-episode-play");
  var slider = root.querySelector(".rl-episode-slider");
  var counter = root.querySelector(".rl-episode-counter");
  var index = 0, timer = null, loop = ${loop};
  function show(i) {
    index = i;
    stage.innerHTML = frames[i];
    slider.value = String(i);
    counter.textContent = "t = " + i + " / " + (frames.length - 1);
  }
  function pause() {
    if (timer !== null) { clearInterval(timer); timer = null; }
    button.textContent = "\\u25B6 play";
  }
  function play() {
    if (frames.length < 2) return;
    if (index >= frames.length - 1) show(0);
    button.textContent = "|| pause";
    timer = setInterval(function () {
      if (index < frames.length - 1) { show(index + 1); }
      else if (loop) { show(0); }
      else { pause(); }
    }, ${1000 / fps});
  }
  button.addEventListener("click", function () { if (timer === null) { play(); } else { pause(); } });
  slider.addEventListener("input", function () { pause(); show(Number(slider.value)); });
  button.disabled = false;
  slider.disabled = false;
  show(0);
  if (${autoplay}) play();
})();`;
  return `<div id="${id}" class="rl-episode" style="display:inline-block;font-family:sans-serif;font-size:13px">` +
    caption +
    `<div class="rl-episode-stage">${frames[0]}</div>` +
    `<div style="display:flex;align-items:center;gap:8px;margin-top:4px">` +
    `<button class="rl-episode-play" type="button" disabled>&#9654; play</button>` +
    `<input class="rl-episode-slider" type="range" min="0" max="${last}" step="1" value="0" disabled style="flex:1">` +
    `<span class="rl-episode-counter" style="font-family:monospace">t = 0 / ${last}</span>` +
    `</div>` +
    `<script>${script}</script>` +
    `</div>`;
}

/** A complete HTML document (for a standalone .html file) containing the player. */
export function episodeAnimationDocument(
  frames: string[],
  options: EpisodeAnimationOptions & { title?: string } = {},
): string {
  const title = escapeHtml(options.title ?? options.caption ?? "Episode");
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>${title}</title>` +
    `</head><body>${episodeAnimationHtml(frames, options)}</body></html>\n`;
}
