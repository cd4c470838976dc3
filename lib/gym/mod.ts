/**
 * lib/gym: a Gymnasium-compatible environment library (Gymnasium 0.29.1 semantics,
 * TypeScript naming). Importing this module registers every environment:
 *
 * ```ts
 * import { make } from "../lib/gym/mod.ts";
 * const env = make("CartPole-v1");
 * const [obs, info] = env.reset({ seed: 0 });
 * ```
 *
 * @module
 */
export * from "./seeding.ts";
export * from "./spaces.ts";
export * from "./core.ts";
export * from "./registration.ts";
export * from "./wrappers/mod.ts";
export * from "./vector/mod.ts";
export * from "./envs/cartpole.ts";
export * from "./envs/mod.ts";
export * from "./rendering/animation.ts";
