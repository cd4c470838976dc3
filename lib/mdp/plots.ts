/**
 * Pictures of grid-world MDPs: value heatmaps with the policy drawn as arrows.
 *
 * @module
 */
import { type Figure, heatmap } from "../plot/figures.ts";
import type { Environment } from "./environment.ts";

/** Arrows of the grid actions, in action order (0 up, 1 right, 2 down, 3 left). */
export const ACTION_ARROWS: readonly string[] = ["↑", "→", "↓", "←"];

/** Low values red, middle yellow, high green. */
const VALUE_COLOURS: [number, string][] = [[0, "#d73027"], [0.5, "#fee08b"], [1, "#1a9850"]];

/** Options of {@link valueHeatmap}. */
export interface ValueHeatmapOptions {
  /** An action per state, drawn as an arrow after the value (terminal cells get none). */
  policy?: ArrayLike<number>;
  /** Title of the figure. */
  title?: string;
  /** Decimals of the printed values (default 2). */
  digits?: number;
}

/**
 * A heatmap of `values` over the grid of a grid-world MDP (`env.grid`), each cell showing
 * its value and, with `policy`, the action's arrow. Walls are blank; terminal cells show
 * their map letter (`G`, `T`) when the world has a map, else their value.
 *
 * @throws when `env` has no grid layout or `values`/`policy` do not have one entry per state.
 */
export function valueHeatmap(
  env: Environment,
  values: ArrayLike<number>,
  options: ValueHeatmapOptions = {},
): Figure {
  const grid = env.grid;
  if (grid === undefined) {
    throw new Error(
      "valueHeatmap: this MDP has no grid layout; build it with gridWorld(...) or pass " +
        "`grid` to the Environment constructor.",
    );
  }
  const { policy, digits = 2 } = options;
  for (const [what, given] of [["values", values], ["policy", policy]] as const) {
    if (given !== undefined && given.length !== env.numStates) {
      throw new Error(
        `valueHeatmap: ${what} has ${given.length} entries; expected one per state ` +
          `(${env.numStates}).`,
      );
    }
  }
  const { rows, cols, cells, map } = grid;
  const z = Array.from({ length: rows }, () => new Array<number>(cols).fill(NaN));
  const text = Array.from({ length: rows }, () => new Array<string>(cols).fill(""));
  for (let s = 0; s < env.numStates; s++) {
    const r = Math.floor(cells[s] / cols);
    const c = cells[s] % cols;
    const letter = map?.[r][c];
    if (letter === "#") continue;
    if (env.terminal[s] && letter !== undefined && letter !== ".") {
      text[r][c] = letter;
      continue;
    }
    z[r][c] = values[s];
    const arrow = policy !== undefined && !env.terminal[s]
      ? ` ${ACTION_ARROWS[policy[s]] ?? `a${policy[s]}`}`
      : "";
    text[r][c] = `${values[s].toFixed(digits)}${arrow}`;
  }
  return heatmap({
    z,
    text,
    title: options.title,
    x: Array.from({ length: cols }, (_, c) => `col ${c}`),
    y: Array.from({ length: rows }, (_, r) => `row ${r}`),
    colorscale: VALUE_COLOURS,
  });
}
