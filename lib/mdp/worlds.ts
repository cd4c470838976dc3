/**
 * Small MDPs from the textbooks as dense {@link Environment}s.
 *
 * Grid worlds come from lib/gym's GridWorld: cells are numbered row by row from the top left
 * (`state = row * cols + col`) and actions are 0 up, 1 right, 2 down, 3 left.
 *
 * @module
 */
import { GridWorldEnv, type GridWorldOptions } from "../gym/envs/grid_world.ts";
import { Environment, zeros3 } from "./environment.ts";

/** Action names of the grid worlds, in action order (0 up, 1 right, 2 down, 3 left). */
export const GRID_ACTION_NAMES: readonly string[] = ["up", "right", "down", "left"];

/**
 * The toy MDP whose optimal policy flips with the discount (Sutton and Barto, Exercise 3.22).
 *
 * Three states. In state 0 the agent chooses: action 0 ("left") goes to state 1 with reward
 * +1, action 1 ("right") goes to state 2 with reward 0. From state 1 every action returns to
 * state 0 with reward 0; from state 2 every action returns to state 0 with reward +2. The task
 * is continuing (no terminal state), so `gamma` must be below 1.
 */
export function toyMdp(): Environment {
  const T = zeros3(3, 2);
  const R = zeros3(3, 2);
  T[0][0][1] = 1;
  R[0][0][1] = 1;
  T[0][1][2] = 1;
  for (let a = 0; a < 2; a++) {
    T[1][a][0] = 1;
    T[2][a][0] = 1;
    R[2][a][0] = 2;
  }
  return new Environment(T, R, {
    stateNames: ["top", "left", "right"],
    actionNames: ["left", "right"],
  });
}

/**
 * A grid world of lib/gym (`GridWorld-v0`: an ASCII map, or a built-in map such as
 * `"norvig3x4"`, `"sutton4x4"`, `"sutton5x5"`, `"cliff4x12"`, with its textbook parameters)
 * as a dense MDP. States are the cells, row-major, walls included; the rows of terminal
 * cells (`G`, `T`) and walls are zero, so their value is 0.
 *
 * @example
 * ```ts
 * const norvig = gridWorld({ map: "norvig3x4" }); // 12 states, 4 actions
 * ```
 */
export function gridWorld(options: GridWorldOptions = {}): Environment {
  return fromGridWorld(new GridWorldEnv(options));
}

/** Converts a lib/gym GridWorld environment into a dense MDP (see {@link gridWorld}). */
export function fromGridWorld(world: GridWorldEnv): Environment {
  const { nrow, ncol, numStates } = world;
  return Environment.fromModel(world, {
    stateNames: Array.from({ length: numStates }, (_, s) => `(${world.cellOf(s).join(", ")})`),
    actionNames: [...GRID_ACTION_NAMES],
    grid: {
      rows: nrow,
      cols: ncol,
      cells: Array.from({ length: numStates }, (_, s) => s),
      map: world.map,
    },
  });
}
