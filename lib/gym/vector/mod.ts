/**
 * Vector environments: the `VectorEnv` API with explicit autoreset modes, `SyncVectorEnv`,
 * the batched `CartPoleVectorEnv`, and episode statistics for vector envs.
 *
 * @module
 */
export * from "./vector_env.ts";
export * from "./sync_vector_env.ts";
export * from "./cartpole_batched.ts";
export * from "./record_episode_statistics.ts";
