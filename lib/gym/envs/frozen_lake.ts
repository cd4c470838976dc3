/**
 * FrozenLake-v1 and FrozenLake8x8-v1, as in Gymnasium 0.29.1.
 *
 * Cross a frozen lake from `S` to `G` without falling into a hole `H` (`F` is frozen
 * ice). Actions: 0 left, 1 down, 2 right, 3 up. The observation is the cell index
 * `row * ncol + col`. Reward 1 on reaching `G`, 0 otherwise; the episode terminates in `G`
 * or a hole. On a slippery lake the agent moves in the intended direction with
 * probability 1/3 and in each perpendicular direction with probability 1/3. Moves off the
 * board leave the agent in place. Registered with a 100-step limit (4x4) and 200 (8x8).
 *
 * @module
 */
import { npRandom } from "../seeding.ts";
import { colorize } from "../rendering/ansi.ts";
import { gridSvg } from "../rendering/grid.ts";
import { TabularEnv, type Transition, type TransitionTable } from "./tabular.ts";
import { checkOptions } from "./options.ts";
import { warnNoRenderMode } from "../rendering/render_mode.ts";

/** The two built-in maps of Gymnasium. */
export const FROZEN_LAKE_MAPS: Readonly<Record<"4x4" | "8x8", readonly string[]>> = {
  "4x4": ["SFFF", "FHFH", "FFFH", "HFFG"],
  "8x8": [
    "SFFFFFFF",
    "FFFFFFFF",
    "FFFHFFFF",
    "FFFFFHFF",
    "FFFHFFFF",
    "FHHFFFHF",
    "FHFFHFHF",
    "FFFHFFFG",
  ],
};

/** FrozenLake actions. */
export const FrozenLakeAction = { LEFT: 0, DOWN: 1, RIGHT: 2, UP: 3 } as const;
const { LEFT, DOWN, RIGHT, UP } = FrozenLakeAction;

const ACTION_NAMES = ["Left", "Down", "Right", "Up"];

/** Options of {@linkcode FrozenLakeEnv} (Gymnasium's `desc`, `map_name`, `is_slippery`). */
export interface FrozenLakeOptions {
  /** A custom map, one string per row, letters `S`, `F`, `H`, `G`. Overrides `mapName`. */
  desc?: readonly string[];
  /** A built-in map (default `"4x4"`); `null` with no `desc` generates a random 8x8 map. */
  mapName?: "4x4" | "8x8" | null;
  /** Slippery ice (default true). */
  isSlippery?: boolean;
  /** `"ansi"` (text) or `"svg"`. */
  renderMode?: "ansi" | "svg";
}

// Depth-first search from the top-left cell for a path to G that avoids holes.
function hasPathToGoal(board: string[][]): boolean {
  const size = board.length;
  const frontier: Array<[number, number]> = [[0, 0]];
  const discovered = new Set<number>();
  while (frontier.length > 0) {
    const [r, c] = frontier.pop()!;
    if (discovered.has(r * size + c)) continue;
    discovered.add(r * size + c);
    for (const [dr, dc] of [[1, 0], [0, 1], [-1, 0], [0, -1]]) {
      const rn = r + dr;
      const cn = c + dc;
      if (rn < 0 || rn >= size || cn < 0 || cn >= size) continue;
      if (board[rn][cn] === "G") return true;
      if (board[rn][cn] !== "H") frontier.push([rn, cn]);
    }
  }
  return false;
}

/**
 * A random `size` x `size` map with a path from `S` (top left) to `G` (bottom right),
 * drawn exactly as Gymnasium's `generate_random_map(size, p, seed)`: each tile is frozen
 * with probability `p` (else a hole), drawn row by row from `npRandom(seed)`, and the
 * whole board is redrawn until a path exists. Same seed, same map as Gymnasium.
 */
export function generateRandomMap(size = 8, p = 0.8, seed?: number): string[] {
  if (!Number.isInteger(size) || size < 2) {
    throw new Error(`generateRandomMap: size must be an integer >= 2, got ${size}`);
  }
  if (!(p > 0)) {
    throw new Error(`generateRandomMap: p (probability of a frozen tile) must be > 0, got ${p}`);
  }
  const [rng] = npRandom(seed);
  const frozen = Math.min(1, p);
  // numpy's choice(["F", "H"], p=[p, 1 - p]) normalises the cumulative sums by their total.
  const threshold = frozen / (frozen + (1 - frozen));
  for (;;) {
    const board: string[][] = [];
    for (let r = 0; r < size; r++) {
      const row: string[] = [];
      for (let c = 0; c < size; c++) row.push(rng.random() < threshold ? "F" : "H");
      board.push(row);
    }
    board[0][0] = "S";
    board[size - 1][size - 1] = "G";
    if (hasPathToGoal(board)) return board.map((row) => row.join(""));
  }
}

function validateDesc(desc: readonly string[]): void {
  if (!Array.isArray(desc) || desc.length === 0) {
    throw new Error("FrozenLake: desc must be a non-empty array of strings (map rows)");
  }
  const ncol = desc[0].length;
  for (const [r, row] of desc.entries()) {
    if (typeof row !== "string" || row.length !== ncol || ncol === 0) {
      throw new Error(
        `FrozenLake: every map row must be a string of the same length (${ncol}); ` +
          `row ${r} is ${JSON.stringify(row)}`,
      );
    }
    const bad = [...row].find((ch) => !"SFHG".includes(ch));
    if (bad !== undefined) {
      throw new Error(
        `FrozenLake: unknown tile ${JSON.stringify(bad)} in row ${r}; use S (start), ` +
          "F (frozen), H (hole), G (goal)",
      );
    }
  }
  if (!desc.some((row) => row.includes("S"))) {
    throw new Error("FrozenLake: the map needs at least one start tile S");
  }
}

/** FrozenLake (see the module documentation). */
export class FrozenLakeEnv extends TabularEnv {
  /** The map, one string per row. */
  readonly desc: readonly string[];
  /** Number of rows. */
  readonly nrow: number;
  /** Number of columns. */
  readonly ncol: number;

  /** Builds the model of the chosen map. */
  constructor(options: FrozenLakeOptions = {}) {
    checkOptions("FrozenLake", options, ["desc", "mapName", "isSlippery", "renderMode"]);
    const mapName = options.mapName === undefined ? "4x4" : options.mapName;
    let desc: readonly string[];
    if (options.desc !== undefined) desc = options.desc;
    else if (mapName === null) desc = generateRandomMap();
    else if (mapName in FROZEN_LAKE_MAPS) desc = FROZEN_LAKE_MAPS[mapName];
    else {
      throw new Error(
        `FrozenLake: unknown mapName ${JSON.stringify(mapName)}; use "4x4", "8x8", or desc`,
      );
    }
    validateDesc(desc);
    const isSlippery = options.isSlippery ?? true;
    const nrow = desc.length;
    const ncol = desc[0].length;
    const P = buildFrozenLakeModel(desc, isSlippery);
    // Uniform over the start tiles (Gymnasium normalises the indicator of "S").
    const starts = Float64Array.from(desc.join(""), (ch) => (ch === "S" ? 1 : 0));
    const total = starts.reduce((a, b) => a + b, 0);
    super(P, starts.map((x) => x / total));
    this.desc = [...desc];
    this.nrow = nrow;
    this.ncol = ncol;
    this.metadata = { renderModes: ["ansi", "svg"], renderFps: 4 };
    this.renderMode = options.renderMode;
  }

  /**
   * `"ansi"`: the map with the agent's tile highlighted in red, preceded by the last
   * action in brackets. `"svg"`: a picture of the lake.
   */
  override render(): string | undefined {
    if (this.renderMode === undefined) return warnNoRenderMode(this);
    if (this.s === undefined) return undefined;
    const row = Math.floor(this.s / this.ncol);
    const col = this.s % this.ncol;
    if (this.renderMode === "ansi") {
      const lines = this.desc.map((line) => [...line]);
      lines[row][col] = colorize(lines[row][col], "red", { highlight: true });
      const header = this.lastAction === undefined
        ? "\n"
        : `  (${ACTION_NAMES[this.lastAction]})\n`;
      return header + lines.map((line) => line.join("")).join("\n") + "\n";
    }
    const colors: Record<string, string> = {
      S: "#dcecf7",
      F: "#dcecf7",
      H: "#1d3557",
      G: "#f4d35e",
    };
    return gridSvg({
      rows: this.nrow,
      cols: this.ncol,
      cellSize: this.nrow > 8 ? 32 : 56,
      cell: (r, c) => {
        const tile = this.desc[r][c];
        return {
          fill: colors[tile],
          label: tile === "F" ? undefined : tile,
          labelColor: tile === "H" ? "#ffffff" : "#333333",
        };
      },
      agent: { row, col },
      title: "FrozenLake",
    });
  }
}

/** `P` of FrozenLake for a map (Gymnasium's construction, outcome order included). */
function buildFrozenLakeModel(desc: readonly string[], isSlippery: boolean): TransitionTable {
  const nrow = desc.length;
  const ncol = desc[0].length;
  const move = (row: number, col: number, a: number): [number, number] => {
    if (a === LEFT) col = Math.max(col - 1, 0);
    else if (a === DOWN) row = Math.min(row + 1, nrow - 1);
    else if (a === RIGHT) col = Math.min(col + 1, ncol - 1);
    else if (a === UP) row = Math.max(row - 1, 0);
    return [row, col];
  };
  const outcome = (prob: number, row: number, col: number, a: number): Transition => {
    const [r, c] = move(row, col, a);
    const tile = desc[r][c];
    return {
      prob,
      next: r * ncol + c,
      reward: tile === "G" ? 1 : 0,
      terminated: tile === "G" || tile === "H",
    };
  };
  const P: TransitionTable = [];
  for (let row = 0; row < nrow; row++) {
    for (let col = 0; col < ncol; col++) {
      const s = row * ncol + col;
      const actions: Transition[][] = [];
      for (let a = 0; a < 4; a++) {
        const tile = desc[row][col];
        if (tile === "G" || tile === "H") {
          actions.push([{ prob: 1, next: s, reward: 0, terminated: true }]);
        } else if (isSlippery) {
          actions.push([(a + 3) % 4, a, (a + 1) % 4].map((b) => outcome(1 / 3, row, col, b)));
        } else {
          actions.push([outcome(1, row, col, a)]);
        }
      }
      P.push(actions);
    }
  }
  return P;
}
