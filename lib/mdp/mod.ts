/**
 * Code chapter 01 provides to learners: MDPs with known dynamics as dense tables, the
 * textbook worlds, a linear solver, and the bandit experiment runner.
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
