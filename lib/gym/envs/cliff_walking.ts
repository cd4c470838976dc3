/**
 * CliffWalking-v0, as in Gymnasium 0.29.1 (Sutton and Barto, Example 6.6).
 *
 * A 4 x 12 grid; the agent starts at the bottom-left cell (state 36) and must reach the
 * bottom-right cell (state 47). The cells between them, (3, 1) .. (3, 10), are a cliff:
 * stepping into it gives -100 and sends the agent back to the start without ending the
 * episode. Every other move gives -1; reaching the goal terminates. Moves off the grid
 * leave the agent in place. Actions: 0 up, 1 right, 2 down, 3 left. The observation is
 * `row * 12 + col`. No step limit is registered (as in Gymnasium).
 *
 * @module
 */
import { TabularEnv, type Transition, type TransitionTable } from "./tabular.ts";
import { gridSvg } from "../rendering/grid.ts";
import { checkOptions } from "./options.ts";
import { warnNoRenderMode } from "../rendering/render_mode.ts";

/** Grid shape of CliffWalking. */
export const CLIFF_ROWS = 4, CLIFF_COLS = 12;
/** Start state `(3, 0)`. */
export const CLIFF_START = 36;
/** Goal state `(3, 11)`. */
export const CLIFF_GOAL = 47;

const DELTAS: ReadonlyArray<readonly [number, number]> = [[-1, 0], [0, 1], [1, 0], [0, -1]];

/** Options of {@linkcode CliffWalkingEnv}. */
export interface CliffWalkingOptions {
  /** `"ansi"` (text) or `"svg"`. */
  renderMode?: "ansi" | "svg";
}

/** Whether `(row, col)` is a cliff cell. */
export function isCliff(row: number, col: number): boolean {
  return row === CLIFF_ROWS - 1 && col >= 1 && col <= CLIFF_COLS - 2;
}

/** CliffWalking (see the module documentation). */
export class CliffWalkingEnv extends TabularEnv {
  /** Grid shape `[rows, cols]`. */
  readonly shape: readonly [number, number] = [CLIFF_ROWS, CLIFF_COLS];

  /** Builds the deterministic model. */
  constructor(options: CliffWalkingOptions = {}) {
    checkOptions("CliffWalking", options, ["renderMode"]);
    const P: TransitionTable = [];
    for (let s = 0; s < CLIFF_ROWS * CLIFF_COLS; s++) {
      const row = Math.floor(s / CLIFF_COLS);
      const col = s % CLIFF_COLS;
      P.push(DELTAS.map(([dr, dc]): Transition[] => {
        const r = Math.min(Math.max(row + dr, 0), CLIFF_ROWS - 1);
        const c = Math.min(Math.max(col + dc, 0), CLIFF_COLS - 1);
        if (isCliff(r, c)) return [{ prob: 1, next: CLIFF_START, reward: -100, terminated: false }];
        const next = r * CLIFF_COLS + c;
        return [{ prob: 1, next, reward: -1, terminated: next === CLIFF_GOAL }];
      }));
    }
    const initial = new Float64Array(CLIFF_ROWS * CLIFF_COLS);
    initial[CLIFF_START] = 1;
    super(P, initial);
    this.metadata = { renderModes: ["ansi", "svg"], renderFps: 4 };
    this.renderMode = options.renderMode;
  }

  /**
   * `"ansi"`: Gymnasium's text grid (`x` agent, `C` cliff, `T` goal, `o` other cells).
   * `"svg"`: a picture of the grid.
   */
  override render(): string | undefined {
    if (this.renderMode === undefined) return warnNoRenderMode(this);
    if (this.s === undefined) return undefined;
    const agent = this.s;
    if (this.renderMode === "ansi") {
      let out = "";
      for (let s = 0; s < CLIFF_ROWS * CLIFF_COLS; s++) {
        const row = Math.floor(s / CLIFF_COLS);
        const col = s % CLIFF_COLS;
        let cell = s === agent
          ? " x "
          : s === CLIFF_GOAL
          ? " T "
          : isCliff(row, col)
          ? " C "
          : " o ";
        if (col === 0) cell = cell.trimStart();
        if (col === CLIFF_COLS - 1) cell = cell.trimEnd() + "\n";
        out += cell;
      }
      return out + "\n";
    }
    return gridSvg({
      rows: CLIFF_ROWS,
      cols: CLIFF_COLS,
      cell: (r, c) => {
        const s = r * CLIFF_COLS + c;
        if (isCliff(r, c)) return { fill: "#6b4f3a", label: "C", labelColor: "#ffffff" };
        if (s === CLIFF_GOAL) return { fill: "#f4d35e", label: "G" };
        if (s === CLIFF_START) return { fill: "#cde5c8", label: "S" };
        return { fill: "#cde5c8" };
      },
      agent: { row: Math.floor(agent / CLIFF_COLS), col: agent % CLIFF_COLS },
      title: "CliffWalking",
    });
  }
}
