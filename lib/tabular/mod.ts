/**
 * What chapter 02 (tabular learning from experience) provides to learners: the Q-table, the
 * agent interface and its training loop, an experiment runner over seeds, exact planning on
 * a known model as a yardstick, the maximisation-bias MDP, and grid pictures.
 *
 * @module
 */
export * from "./agent.ts";
export * from "./curves.ts";
export * from "./grid.ts";
export * from "./maximization_bias.ts";
export * from "./planning.ts";
export * from "./qtable.ts";
export * from "./training.ts";
