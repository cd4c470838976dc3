/**
 * Pictures of grid worlds for chapter 02: greedy paths as SVG and as text for terminals, and
 * the arrow glyphs of each environment's actions for heatmaps.
 *
 * A map is a list of equally long strings, one per row, one character per cell:
 * `S` start, `G` goal, `H` hole, `C` cliff, `#` wall, `+`/`-` good and bad terminal cells
 * (the Norvig world), anything else a free cell. Cells are numbered row by row from the top
 * left, `cell = row * cols + col`, which is also the state number of CliffWalking and
 * FrozenLake.
 *
 * @module
 */
import type { QTable } from "./qtable.ts";
import type { DiscreteEnv } from "./training.ts";

/** Arrow glyphs per action, in action order, for the grid environments of lib/gym. */
export const ACTION_ARROWS = {
  /** CliffWalking-v0: 0 up, 1 right, 2 down, 3 left. */
  cliffWalking: ["↑", "→", "↓", "←"],
  /** FrozenLake-v1: 0 left, 1 down, 2 right, 3 up. */
  frozenLake: ["←", "↓", "→", "↑"],
  /** GridWorld-v0: 0 up, 1 right, 2 down, 3 left. */
  gridWorld: ["↑", "→", "↓", "←"],
} as const;

/** The map of CliffWalking-v0 (4 x 12): start bottom left, goal bottom right, cliff between. */
export const CLIFF_WALKING_MAP: readonly string[] = [
  "............",
  "............",
  "............",
  "SCCCCCCCCCCG",
];

/** A path to draw: the cells visited, in order. */
export interface GridPath {
  /** Cell indices (`row * cols + col`) in the order visited. */
  cells: number[];
  /** Stroke colour (any SVG colour). */
  color: string;
  /** Legend text. */
  label?: string;
}

/** Options of {@link gridPathsSvg}. */
export interface GridPathsSvgOptions {
  /** The map, one string per row. */
  map: readonly string[];
  /** Paths drawn as polylines over the grid. */
  paths?: GridPath[];
  /** Side of a cell in pixels (default 36). */
  cellSize?: number;
  /** A caption above the grid. */
  title?: string;
}

const CELL_COLOURS: Record<string, string> = {
  S: "#cfe8ff",
  G: "#c8f0c8",
  H: "#3b4a6b",
  C: "#e8a0a0",
  "#": "#555555",
  "+": "#c8f0c8",
  "-": "#e8a0a0",
};

function checkMap(map: readonly string[], who: string): { rows: number; cols: number } {
  const rows = map.length;
  const cols = rows > 0 ? map[0].length : 0;
  if (rows === 0 || cols === 0) throw new Error(`${who}: the map is empty.`);
  map.forEach((row, i) => {
    if (row.length !== cols) {
      throw new Error(`${who}: map row ${i} has ${row.length} cells, row 0 has ${cols}.`);
    }
  });
  return { rows, cols };
}

function escapeXml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/**
 * An SVG picture of a grid map with paths drawn over it (polylines with a start dot and an
 * end arrow head), e.g. the greedy paths of two agents. Cells of a path must lie inside the
 * map. (For values and policy arrows per cell, lib/gym's grid environments draw their own
 * SVG; this adds what they lack: whole paths.)
 */
export function gridPathsSvg(options: GridPathsSvgOptions): string {
  const { map, paths = [], cellSize = 36, title } = options;
  const { rows, cols } = checkMap(map, "gridPathsSvg");
  const top = title === undefined ? 0 : 24;
  const legendHeight = paths.some((p) => p.label !== undefined) ? 20 * paths.length + 8 : 0;
  const width = cols * cellSize + 2;
  const height = top + rows * cellSize + 2 + legendHeight;
  const centre = (cell: number) => {
    if (!Number.isInteger(cell) || cell < 0 || cell >= rows * cols) {
      throw new Error(`gridPathsSvg: cell ${cell} is outside the ${rows} x ${cols} map.`);
    }
    const x = 1 + (cell % cols + 0.5) * cellSize;
    const y = top + 1 + (Math.floor(cell / cols) + 0.5) * cellSize;
    return [x, y] as const;
  };
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="5" ` +
    `markerHeight="5" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" ` +
    `fill="context-stroke"/></marker></defs>`,
  ];
  if (title !== undefined) {
    parts.push(`<text x="4" y="17" font-size="14">${escapeXml(title)}</text>`);
  }
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const ch = map[r][c];
      const x = 1 + c * cellSize;
      const y = top + 1 + r * cellSize;
      parts.push(
        `<rect x="${x}" y="${y}" width="${cellSize}" height="${cellSize}" ` +
          `fill="${CELL_COLOURS[ch] ?? "#ffffff"}" stroke="#999" stroke-width="1"/>`,
      );
      if ("SG+-".includes(ch)) {
        parts.push(
          `<text x="${x + cellSize / 2}" y="${y + cellSize / 2 + 5}" font-size="14" ` +
            `text-anchor="middle" fill="#333">${escapeXml(ch)}</text>`,
        );
      }
    }
  }
  paths.forEach((path, i) => {
    if (path.cells.length === 0) return;
    // Offset each path a little so overlapping paths stay visible.
    const shift = (i - (paths.length - 1) / 2) * Math.min(6, cellSize / 8);
    const points = path.cells.map((cell) => {
      const [x, y] = centre(cell);
      return `${(x + shift).toFixed(1)},${(y + shift).toFixed(1)}`;
    });
    const [x0, y0] = centre(path.cells[0]);
    parts.push(
      `<polyline points="${points.join(" ")}" fill="none" stroke="${path.color}" ` +
        `stroke-width="3" stroke-linejoin="round" marker-end="url(#arrow)"/>`,
      `<circle cx="${(x0 + shift).toFixed(1)}" cy="${(y0 + shift).toFixed(1)}" r="4" ` +
        `fill="${path.color}"/>`,
    );
  });
  paths.forEach((path, i) => {
    if (path.label === undefined) return;
    const y = top + rows * cellSize + 20 + 20 * i;
    parts.push(
      `<line x1="6" y1="${y - 5}" x2="30" y2="${y - 5}" stroke="${path.color}" stroke-width="3"/>`,
      `<text x="36" y="${y}" font-size="13">${escapeXml(path.label)}</text>`,
    );
  });
  parts.push("</svg>");
  return parts.join("");
}

/**
 * The map as text with a path marked on it: each visited cell shows the direction the path
 * leaves it in (`^ > v <`), the last cell `*`; other cells show the map.
 */
export function pathText(map: readonly string[], cells: readonly number[]): string {
  const { rows, cols } = checkMap(map, "pathText");
  const grid = map.map((row) => row.split(""));
  cells.forEach((cell, i) => {
    if (!Number.isInteger(cell) || cell < 0 || cell >= rows * cols) {
      throw new Error(`pathText: cell ${cell} is outside the ${rows} x ${cols} map.`);
    }
    const r = Math.floor(cell / cols);
    const c = cell % cols;
    if (i === cells.length - 1) {
      grid[r][c] = "*";
      return;
    }
    const next = cells[i + 1];
    const dr = Math.floor(next / cols) - r;
    const dc = next % cols - c;
    grid[r][c] = dr < 0 ? "^" : dr > 0 ? "v" : dc > 0 ? ">" : dc < 0 ? "<" : grid[r][c];
  });
  return grid.map((row) => row.join("")).join("\n");
}

/** A greedy episode: the states visited and what it earned. */
export interface GreedyPath {
  /** States visited, from the reset state to the last one reached. */
  states: number[];
  /** Undiscounted return. */
  return: number;
  /** Whether a terminal state was reached within the step limit. */
  terminated: boolean;
}

/**
 * Follows the greedy policy of `q` (lowest action among ties) from a reset for at most
 * `maxSteps` steps, recording the states visited. On a stochastic environment the path is
 * one sample; seed it for a reproducible picture.
 */
export function greedyPath(
  env: DiscreteEnv,
  q: QTable,
  options: { seed?: number; maxSteps?: number } = {},
): GreedyPath {
  const { seed, maxSteps = 200 } = options;
  let [obs] = seed === undefined ? env.reset() : env.reset({ seed });
  const states = [obs];
  let total = 0;
  for (let step = 0; step < maxSteps; step++) {
    const [next, reward, terminated, truncated] = env.step(q.greedyAction(obs));
    states.push(next);
    total += reward;
    if (terminated || truncated) return { states, return: total, terminated };
    obs = next;
  }
  return { states, return: total, terminated: false };
}

/** The greedy action of each state as its arrow glyph, `[numStates]`. */
export function greedyArrows(q: QTable, arrows: readonly string[]): string[] {
  if (arrows.length !== q.numActions) {
    throw new Error(
      `greedyArrows: ${arrows.length} arrow glyphs for ${q.numActions} actions; give one per action.`,
    );
  }
  return Array.from(q.greedyPolicy(), (a) => arrows[a]);
}

/** Options of {@link qHeatmapData}. */
export interface QHeatmapOptions {
  /** Grid rows; state `s` is drawn at row `floor(s / cols)`, column `s % cols`. */
  rows: number;
  /** Grid columns. */
  cols: number;
  /** One arrow glyph per action (see {@link ACTION_ARROWS}). */
  arrows: readonly string[];
  /** States drawn without an arrow (terminal states, walls). */
  noArrow?: readonly number[];
  /** Decimals of the printed values (default 1). */
  digits?: number;
}

/**
 * `max_a Q(s, a)` laid out on the grid (`z`) with the greedy action's arrow and the value as
 * cell text: ready for lib/plot's `heatmap({ z, text })`.
 */
export function qHeatmapData(
  q: QTable,
  options: QHeatmapOptions,
): { z: number[][]; text: string[][] } {
  const { rows, cols, arrows, noArrow = [], digits = 1 } = options;
  if (rows * cols !== q.numStates) {
    throw new Error(
      `qHeatmapData: a ${rows} x ${cols} grid has ${
        rows * cols
      } cells, Q has ${q.numStates} states.`,
    );
  }
  const glyphs = greedyArrows(q, arrows);
  const values = q.stateValues();
  const z: number[][] = [];
  const text: string[][] = [];
  for (let r = 0; r < rows; r++) {
    z.push([]);
    text.push([]);
    for (let c = 0; c < cols; c++) {
      const s = r * cols + c;
      z[r].push(values[s]);
      const value = values[s].toFixed(digits);
      text[r].push(noArrow.includes(s) ? value : `${glyphs[s]} ${value}`);
    }
  }
  return { z, text };
}

/**
 * Plays one greedy episode of `q` (lowest action among ties) and returns the frames
 * `env.render()` gives after the reset and after every step: with `renderMode: "svg"`,
 * ready for lib/gym's `episodeAnimationHtml`.
 */
export function recordGreedyEpisode(
  env: DiscreteEnv & { render(): string | undefined },
  q: QTable,
  options: { seed?: number; maxSteps?: number } = {},
): string[] {
  const { seed, maxSteps = 200 } = options;
  const frames: string[] = [];
  const capture = () => {
    const frame = env.render();
    if (typeof frame !== "string") {
      throw new Error(
        "recordGreedyEpisode: env.render() returned no frame; make the environment with a " +
          'renderMode, e.g. make(id, { renderMode: "svg" }).',
      );
    }
    frames.push(frame);
  };
  let [obs] = seed === undefined ? env.reset() : env.reset({ seed });
  capture();
  for (let step = 0; step < maxSteps; step++) {
    const [next, , terminated, truncated] = env.step(q.greedyAction(obs));
    capture();
    if (terminated || truncated) break;
    obs = next;
  }
  return frames;
}
