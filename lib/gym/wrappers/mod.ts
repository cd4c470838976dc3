/**
 * Wrappers: time limits, order enforcement, the environment checker, episode statistics,
 * normalization, transformations, action clipping and frame recording.
 *
 * @module
 */
export * from "./env_checker.ts";
export * from "./normalize.ts";
export * from "./order_enforcing.ts";
export * from "./record_episode_statistics.ts";
export * from "./record_frames.ts";
export * from "./time_limit.ts";
export * from "./transform.ts";
