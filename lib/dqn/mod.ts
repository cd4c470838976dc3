/**
 * What chapter 03 (deep Q-learning) provides to learners besides the exercises: the
 * hyperparameters, shared types, vector environments with "same-step" autoreset, episode
 * bookkeeping, greedy evaluation and the probe ladder.
 *
 * @module
 */
export * from "./args.ts";
export * from "./envs.ts";
export * from "./episodes.ts";
export * from "./evaluate.ts";
export * from "./probes.ts";
export * from "./types.ts";
export * from "./live_chart.ts";
