/**
 * GridWorld-v0: the course's grid world with known dynamics, drawn as an ASCII map.
 *
 * Legend (one character per cell):
 *
 * | char | cell | on entering it |
 * | --- | --- | --- |
 * | `.` | empty | - |
 * | `S` | start | - (episodes start here) |
 * | `G` | goal | `+ goalReward`, the episode terminates |
 * | `T` | trap | `+ trapReward`, the episode terminates |
 * | `C` | cliff | `+ cliffReward`, the agent is sent back to the start, not terminal |
 * | `#` | wall | cannot be entered: the agent stays where it is |
 *
 * Rewards add up: every move earns `stepReward`, plus `bumpReward` when the move is
 * blocked (by the edge of the grid or a wall: the agent stays), plus the reward of the
 * cell entered. With `stepReward = -0.04`, `goalReward = 1`, `trapReward = -1` the values
 * of the non-terminal cells are exactly Russell and Norvig's utilities.
 *
 * Actions: 0 up, 1 right, 2 down, 3 left. With `slip > 0` the agent moves in the intended
 * direction with probability `1 - 2 slip` and in each perpendicular direction with
 * probability `slip` (`slip = 0.1` is the 0.8/0.1/0.1 model of Russell and Norvig).
 * Optional `teleports` move the agent from a cell to another whatever the action, with a
 * reward (Sutton and Barto's 5 x 5 world, Example 3.5).
 *
 * States are numbered row-major over ALL cells, walls included:
 * `s = row * ncol + col` ({@linkcode GridWorldEnv.stateOf}, {@linkcode GridWorldEnv.cellOf}),
 * so a value array reshapes directly to the map. Walls are never reached. Terminal cells
 * (`G`, `T`) and walls are absorbing in `P`: every action stays with probability 1,
 * reward 0, `terminated: true`, so every solver gives them value 0. Episodes start in
 * an `S` cell (uniformly if several), or, with no `S`, uniformly in any empty cell.
 * No step limit is registered: pass `maxEpisodeSteps` to `make` for maps without a
 * terminal cell.
 *
 * @module
 */
import { colorize } from "../rendering/ansi.ts";
import { gridSvg, lerpColor } from "../rendering/grid.ts";
import {
  type DenseModel,
  denseModel,
  type DenseModelOptions,
  TabularEnv,
  type Transition,
  type TransitionTable,
} from "./tabular.ts";
import { checkOptions } from "./options.ts";
import { warnNoRenderMode } from "../rendering/render_mode.ts";

/** GridWorld actions. */
export const GridAction = { UP: 0, RIGHT: 1, DOWN: 2, LEFT: 3 } as const;

/** `[dRow, dCol]` of each action. */
export const GRID_ACTION_DELTAS: ReadonlyArray<readonly [number, number]> = [
  [-1, 0],
  [0, 1],
  [1, 0],
  [0, -1],
];

const ACTION_NAMES = ["Up", "Right", "Down", "Left"];
const LEGEND = "S (start), G (goal), T (trap), C (cliff), # (wall), . (empty)";

/** A cell that sends the agent elsewhere whatever the action (Sutton and Barto's A and B). */
export interface Teleport {
  /** The cell `[row, col]` the agent leaves. */
  from: readonly [number, number];
  /** The cell `[row, col]` it lands on. */
  to: readonly [number, number];
  /** Reward added to `stepReward` for the jump. */
  reward: number;
}

/** Reward and slip parameters of a grid world (see the module documentation). */
export interface GridWorldParameters {
  /** Reward of every move (default 0). */
  stepReward: number;
  /** Added on entering `G` (default +1). */
  goalReward: number;
  /** Added on entering `T` (default -1). */
  trapReward: number;
  /** Added on entering `C` (default -100). */
  cliffReward: number;
  /** Added when a move is blocked by the edge or a wall (default 0). */
  bumpReward: number;
  /** Probability of slipping to each perpendicular direction, in [0, 0.5] (default 0). */
  slip: number;
  /** Teleporting cells (default none). */
  teleports: readonly Teleport[];
}

/** Names of the built-in maps ({@linkcode GRID_WORLD_MAPS}). */
export type GridWorldMapName = "norvig3x4" | "sutton4x4" | "sutton5x5" | "cliff4x12";

/** A built-in map with the parameters that make it the textbook world. */
export interface GridWorldPreset {
  /** What the world is and where it comes from. */
  description: string;
  /** The ASCII map. */
  map: readonly string[];
  /** Parameters that differ from the defaults. */
  parameters: Partial<GridWorldParameters>;
}

/** The built-in maps. */
export const GRID_WORLD_MAPS: Readonly<Record<GridWorldMapName, GridWorldPreset>> = {
  norvig3x4: {
    description: "Russell and Norvig's 4 x 3 world (AIMA, Figure 17.1): +1 top right, -1 below " +
      "it, a wall at (1, 1), start bottom left, step reward -0.04, 0.8/0.1/0.1 slip",
    map: ["...G", ".#.T", "S..."],
    parameters: { stepReward: -0.04, goalReward: 1, trapReward: -1, slip: 0.1 },
  },
  sutton4x4: {
    description: "Sutton and Barto's 4 x 4 gridworld (Example 4.1): terminal corners, reward -1 " +
      "on every move, episodes start in any non-terminal cell",
    map: ["G...", "....", "....", "...G"],
    parameters: { stepReward: -1, goalReward: 0 },
  },
  sutton5x5: {
    description: "Sutton and Barto's 5 x 5 gridworld (Example 3.5): from A = (0, 1) every action " +
      "jumps to (4, 1) with +10, from B = (0, 3) to (2, 3) with +5, -1 for bumping into the " +
      "edge, 0 otherwise; continuing (no terminal cell), usually with gamma = 0.9",
    map: [".....", ".....", ".....", ".....", "....."],
    parameters: {
      bumpReward: -1,
      teleports: [
        { from: [0, 1], to: [4, 1], reward: 10 },
        { from: [0, 3], to: [2, 3], reward: 5 },
      ],
    },
  },
  cliff4x12: {
    description: "Sutton and Barto's cliff walk (Example 6.6): -1 per move, -100 for stepping " +
      "into the cliff (which sends the agent back to the start), the same model as CliffWalking-v0",
    map: ["............", "............", "............", "SCCCCCCCCCCG"],
    parameters: { stepReward: -1, goalReward: 0, cliffReward: -99 },
  },
};

const DEFAULT_PARAMETERS: GridWorldParameters = {
  stepReward: 0,
  goalReward: 1,
  trapReward: -1,
  cliffReward: -100,
  bumpReward: 0,
  slip: 0,
  teleports: [],
};

/** Options of {@linkcode GridWorldEnv}: a map and any parameter to override. */
export interface GridWorldOptions extends Partial<GridWorldParameters> {
  /**
   * The ASCII map (one string per row), or the name of a built-in map whose parameters
   * are then the defaults (default `"norvig3x4"`).
   */
  map?: readonly string[] | GridWorldMapName;
  /** `"ansi"` (text) or `"svg"`. */
  renderMode?: "ansi" | "svg";
}

/** Overlays for {@linkcode GridWorldEnv.svg}. */
export interface GridWorldSvgOptions {
  /** One value per state (length `numStates`), printed in each non-wall cell. */
  values?: ArrayLike<number>;
  /** One action per state (length `numStates`), drawn as arrows in non-terminal cells. */
  policy?: ArrayLike<number>;
  /** Decimals of the values (default 2). */
  valueDigits?: number;
  /** Draw the agent (default true when an episode is running). */
  showAgent?: boolean;
  /** Side of a cell in pixels (default 56). */
  cellSize?: number;
}

function resolveMap(
  map: GridWorldOptions["map"],
): { rows: readonly string[]; preset: Partial<GridWorldParameters> } {
  if (map === undefined) map = "norvig3x4";
  if (typeof map === "string") {
    const preset = (GRID_WORLD_MAPS as Record<string, GridWorldPreset>)[map];
    if (preset === undefined) {
      throw new Error(
        `GridWorld: unknown map name ${JSON.stringify(map)}; built-in maps: ` +
          `${Object.keys(GRID_WORLD_MAPS).join(", ")} (or pass the map as an array of strings)`,
      );
    }
    return { rows: preset.map, preset: preset.parameters };
  }
  return { rows: map, preset: {} };
}

function validateMap(rows: readonly string[]): void {
  if (!Array.isArray(rows) || rows.length === 0) {
    throw new Error("GridWorld: map must be a non-empty array of strings, one per row");
  }
  const ncol = typeof rows[0] === "string" ? rows[0].length : 0;
  for (const [r, row] of rows.entries()) {
    if (typeof row !== "string" || row.length !== ncol || ncol === 0) {
      throw new Error(
        `GridWorld: map rows must be non-empty strings of equal length (${ncol}); row ${r} is ` +
          JSON.stringify(row),
      );
    }
    for (const [c, ch] of [...row].entries()) {
      if (!"SGTC#.".includes(ch)) {
        throw new Error(
          `GridWorld: unknown character ${JSON.stringify(ch)} at row ${r}, column ${c}; ` +
            `legend: ${LEGEND}`,
        );
      }
    }
  }
}

function validateParameters(p: GridWorldParameters, rows: readonly string[]): void {
  for (
    const key of ["stepReward", "goalReward", "trapReward", "cliffReward", "bumpReward"] as const
  ) {
    if (typeof p[key] !== "number" || !Number.isFinite(p[key])) {
      throw new Error(`GridWorld: ${key} must be a finite number, got ${p[key]}`);
    }
  }
  if (typeof p.slip !== "number" || !(p.slip >= 0 && p.slip <= 0.5)) {
    throw new Error(
      `GridWorld: slip is the probability of slipping to EACH perpendicular direction and ` +
        `must be in [0, 0.5], got ${p.slip}`,
    );
  }
  const nrow = rows.length;
  const ncol = rows[0].length;
  for (const [i, t] of p.teleports.entries()) {
    for (const end of ["from", "to"] as const) {
      const cell = t[end];
      const ok = Array.isArray(cell) && cell.length === 2 && Number.isInteger(cell[0]) &&
        Number.isInteger(cell[1]) && cell[0] >= 0 && cell[0] < nrow && cell[1] >= 0 &&
        cell[1] < ncol;
      if (!ok) {
        throw new Error(
          `GridWorld: teleports[${i}].${end} must be a [row, col] inside the ${nrow} x ${ncol} ` +
            `map, got ${JSON.stringify(cell)}`,
        );
      }
      if (!".S".includes(rows[cell[0]][cell[1]])) {
        throw new Error(
          `GridWorld: teleports[${i}].${end} = [${cell}] is a ${
            JSON.stringify(rows[cell[0]][cell[1]])
          } cell; teleports must join empty (.) or start (S) cells`,
        );
      }
    }
    if (typeof t.reward !== "number" || !Number.isFinite(t.reward)) {
      throw new Error(`GridWorld: teleports[${i}].reward must be a finite number`);
    }
  }
  const starts = rows.join("").split("").filter((ch) => ch === "S").length;
  if (rows.some((row) => row.includes("C")) && starts !== 1) {
    throw new Error(
      `GridWorld: a map with cliffs (C) needs exactly one start (S) to send the agent back ` +
        `to, found ${starts}`,
    );
  }
}

/** GridWorld (see the module documentation). */
export class GridWorldEnv extends TabularEnv {
  /** The ASCII map, one string per row. */
  readonly map: readonly string[];
  /** Number of rows. */
  readonly nrow: number;
  /** Number of columns. */
  readonly ncol: number;
  /** The reward and slip parameters in use. */
  readonly parameters: Readonly<GridWorldParameters>;
  /** Terminal states (`G` and `T` cells), ascending. */
  readonly terminalStates: readonly number[];
  /** Wall states (`#` cells, never reached), ascending. */
  readonly wallStates: readonly number[];
  /** States episodes can start in, ascending. */
  readonly startStates: readonly number[];

  /** Builds the model of `options.map` with the given parameters. */
  constructor(options: GridWorldOptions = {}) {
    checkOptions("GridWorld", options, ["map", ...Object.keys(DEFAULT_PARAMETERS), "renderMode"]);
    const { rows, preset } = resolveMap(options.map);
    validateMap(rows);
    const parameters: GridWorldParameters = { ...DEFAULT_PARAMETERS, ...preset };
    for (const key of Object.keys(DEFAULT_PARAMETERS) as Array<keyof GridWorldParameters>) {
      if (options[key] !== undefined) {
        (parameters as unknown as Record<string, unknown>)[key] = options[key];
      }
    }
    validateParameters(parameters, rows);
    const nrow = rows.length;
    const ncol = rows[0].length;
    const cells = rows.join("");
    const indicesOf = (pred: (ch: string) => boolean) =>
      [...cells].flatMap((ch, s) => (pred(ch) ? [s] : []));
    const explicitStarts = indicesOf((ch) => ch === "S");
    const startStates = explicitStarts.length > 0 ? explicitStarts : indicesOf((ch) => ch === ".");
    if (startStates.length === 0) {
      throw new Error("GridWorld: the map has no start (S) and no empty (.) cell to start in");
    }
    const initial = new Float64Array(nrow * ncol);
    for (const s of startStates) initial[s] = 1 / startStates.length;
    super(buildGridWorldModel(rows, parameters, startStates[0]), initial);
    this.map = [...rows];
    this.nrow = nrow;
    this.ncol = ncol;
    this.parameters = { ...parameters, teleports: [...parameters.teleports] };
    this.terminalStates = indicesOf((ch) => ch === "G" || ch === "T");
    this.wallStates = indicesOf((ch) => ch === "#");
    this.startStates = startStates;
    this.metadata = { renderModes: ["ansi", "svg"], renderFps: 4 };
    this.renderMode = options.renderMode;
  }

  /** The state of cell (`row`, `col`): `row * ncol + col`. */
  stateOf(row: number, col: number): number {
    if (
      !Number.isInteger(row) || !Number.isInteger(col) || row < 0 || row >= this.nrow || col < 0 ||
      col >= this.ncol
    ) {
      throw new Error(
        `GridWorld.stateOf: (${row}, ${col}) is outside the ${this.nrow} x ${this.ncol} map`,
      );
    }
    return row * this.ncol + col;
  }

  /** The cell `[row, col]` of state `s`. */
  cellOf(s: number): [number, number] {
    if (!Number.isInteger(s) || s < 0 || s >= this.numStates) {
      throw new Error(
        `GridWorld.cellOf: state must be an integer in 0..${this.numStates - 1}, got ${s}`,
      );
    }
    return [Math.floor(s / this.ncol), s % this.ncol];
  }

  /** The map character of state `s`. */
  cellType(s: number): string {
    const [r, c] = this.cellOf(s);
    return this.map[r][c];
  }

  /**
   * Dense `T[s][a][s2]` and `R[s][a][s2]` of this world (see {@linkcode denseModel}), e.g.
   * `env.denseModel({ zeroRows: [...env.terminalStates, ...env.wallStates] })`.
   */
  denseModel(options: DenseModelOptions = {}): DenseModel {
    return denseModel(this, options);
  }

  /**
   * An SVG picture of the world with optional overlays: a value per state and a policy
   * arrow per state (e.g. the result of value iteration).
   */
  svg(options: GridWorldSvgOptions = {}): string {
    const n = this.numStates;
    for (const key of ["values", "policy"] as const) {
      const overlay = options[key];
      if (overlay !== undefined && overlay.length !== n) {
        throw new Error(
          `GridWorld.svg: ${key} must have one entry per state (${n}), got ${overlay.length}`,
        );
      }
    }
    const isWall = (s: number) => this.cellType(s) === "#";
    const absorbing = (s: number) => "#GT".includes(this.cellType(s));
    const values = options.values === undefined
      ? undefined
      : Float64Array.from({ length: n }, (_, s) => (isWall(s) ? NaN : options.values![s]));
    const policy = options.policy === undefined
      ? undefined
      : Int32Array.from({ length: n }, (_, s) => (absorbing(s) ? -1 : options.policy![s]));
    const showAgent = options.showAgent ?? true;
    const colors: Record<string, string> = {
      ".": "#f4f4f0",
      S: "#cde5c8",
      G: "#f4d35e",
      T: "#e76f51",
      C: "#6b4f3a",
      "#": "#4a4e57",
    };
    // With values, empty and start cells are tinted from red (lowest) to green (highest).
    let tint: ((s: number) => string) | undefined;
    if (values !== undefined) {
      const shown = [...values].filter((v) => Number.isFinite(v));
      const lo = Math.min(...shown);
      const hi = Math.max(...shown);
      tint = (s) =>
        lerpColor([244, 190, 170], [190, 230, 180], hi > lo ? (values[s] - lo) / (hi - lo) : 0.5);
    }
    const teleportFrom = new Set(
      this.parameters.teleports.map((t) => t.from[0] * this.ncol + t.from[1]),
    );
    return gridSvg({
      rows: this.nrow,
      cols: this.ncol,
      cellSize: options.cellSize ?? 56,
      cell: (r, c) => {
        const ch = this.map[r][c];
        const label = ch === "." || ch === "#"
          ? (teleportFrom.has(r * this.ncol + c) ? "\u21e2" : undefined)
          : ch;
        return {
          fill: tint !== undefined && (ch === "." || ch === "S")
            ? tint(r * this.ncol + c)
            : colors[ch],
          label,
          labelColor: ch === "C" || ch === "T" ? "#ffffff" : "#333333",
        };
      },
      agent: showAgent && this.s !== undefined
        ? { row: Math.floor(this.s / this.ncol), col: this.s % this.ncol }
        : undefined,
      values,
      valueDigits: options.valueDigits,
      policy,
      title: "GridWorld",
    });
  }

  /**
   * `"ansi"`: the map with the agent shown as a red-highlighted `A`, preceded by the last
   * action in brackets. `"svg"`: {@linkcode GridWorldEnv.svg} without overlays.
   */
  override render(): string | undefined {
    if (this.renderMode === undefined) return warnNoRenderMode(this);
    if (this.s === undefined) return undefined;
    if (this.renderMode === "svg") return this.svg();
    const [row, col] = this.cellOf(this.s);
    const lines = this.map.map((line) => [...line]);
    lines[row][col] = colorize("A", "red", { highlight: true });
    const header = this.lastAction === undefined ? "\n" : `  (${ACTION_NAMES[this.lastAction]})\n`;
    return header + lines.map((line) => line.join("")).join("\n") + "\n";
  }
}

/** `P` of a grid world (see the module documentation for the rules). */
function buildGridWorldModel(
  rows: readonly string[],
  p: GridWorldParameters,
  start: number,
): TransitionTable {
  const nrow = rows.length;
  const ncol = rows[0].length;
  const teleports = new Map(
    p.teleports.map((t) => [t.from[0] * ncol + t.from[1], t] as const),
  );
  const move = (row: number, col: number, direction: number): Omit<Transition, "prob"> => {
    const [dr, dc] = GRID_ACTION_DELTAS[direction];
    const r = row + dr;
    const c = col + dc;
    if (r < 0 || r >= nrow || c < 0 || c >= ncol || rows[r][c] === "#") {
      return { next: row * ncol + col, reward: p.stepReward + p.bumpReward, terminated: false };
    }
    const next = r * ncol + c;
    switch (rows[r][c]) {
      case "G":
        return { next, reward: p.stepReward + p.goalReward, terminated: true };
      case "T":
        return { next, reward: p.stepReward + p.trapReward, terminated: true };
      case "C":
        return { next: start, reward: p.stepReward + p.cliffReward, terminated: false };
      default:
        return { next, reward: p.stepReward, terminated: false };
    }
  };
  const P: TransitionTable = [];
  for (let row = 0; row < nrow; row++) {
    for (let col = 0; col < ncol; col++) {
      const s = row * ncol + col;
      const ch = rows[row][col];
      const actions: Transition[][] = [];
      for (let a = 0; a < 4; a++) {
        if (ch === "G" || ch === "T" || ch === "#") {
          actions.push([{ prob: 1, next: s, reward: 0, terminated: true }]);
          continue;
        }
        const teleport = teleports.get(s);
        if (teleport !== undefined) {
          const next = teleport.to[0] * ncol + teleport.to[1];
          actions.push([{
            prob: 1,
            next,
            reward: p.stepReward + teleport.reward,
            terminated: false,
          }]);
          continue;
        }
        // Intended direction first, then the two perpendicular ones; equal outcomes merge.
        const outcomes: Transition[] = [];
        const candidates: Array<[number, number]> = [
          [a, 1 - 2 * p.slip],
          [(a + 3) % 4, p.slip],
          [(a + 1) % 4, p.slip],
        ];
        for (const [direction, prob] of candidates) {
          if (prob === 0) continue;
          const o = move(row, col, direction);
          const same = outcomes.find((x) =>
            x.next === o.next && x.reward === o.reward && x.terminated === o.terminated
          );
          if (same) same.prob += prob;
          else outcomes.push({ prob, ...o });
        }
        actions.push(outcomes);
      }
      P.push(actions);
    }
  }
  return P;
}
