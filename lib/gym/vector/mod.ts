/**
 * Vector environments: the `VectorEnv` API with explicit autoreset modes, `SyncVectorEnv`,
 * and the batched `CartPoleVectorEnv`.
 *
 * @module
 */
export * from "./vector_env.ts";
export * from "./sync_vector_env.ts";
export * from "./cartpole_batched.ts";
