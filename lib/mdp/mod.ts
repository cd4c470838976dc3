/**
 * Code chapter 01 provides to learners: MDPs with known dynamics as dense tables
 * (`Environment`, the toy MDP, lib/gym's grid worlds, seeded random MDPs), a linear solver,
 * `argmax`, the bandit experiment runner, value tables typed from the textbooks with
 * side-by-side comparisons, and value heatmaps with policy arrows.
 *
 * @module
 */
export * from "./environment.ts";
export * from "./worlds.ts";
export * from "./linalg.ts";
export * from "./argmax.ts";
export * from "./random_mdp.ts";
export * from "./bandit.ts";
export * from "./textbook.ts";
export * from "./plots.ts";
