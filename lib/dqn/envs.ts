/**
 * Vector environments for DQN: `numEnvs` copies of a registered environment with
 * `"same-step"` autoreset (Gymnasium 0.29, as CleanRL): when an episode ends, the returned
 * observation is already the next episode's first one and the true last observation is in
 * `infos.final_observation[i]`.
 *
 * @module
 */
import {
  Box,
  CartPoleVectorEnv,
  Discrete,
  make,
  SyncVectorEnv,
  type VectorEnv,
} from "../gym/mod.ts";

/** A vector env with flat float32 observations `[numEnvs * obsDim]` and discrete actions. */
export type DQNVectorEnv = VectorEnv<Float32Array, ArrayLike<number>>;

/** Options of {@link makeVectorEnv}. */
export interface MakeVectorEnvOptions {
  /** Overrides the registered episode step limit. */
  maxEpisodeSteps?: number;
}

/**
 * `numEnvs` copies of `envId` with `"same-step"` autoreset. CartPole-v1 uses the batched
 * `CartPoleVectorEnv` (same dynamics, no allocation per step; its returned arrays are
 * overwritten by the next step), anything else a `SyncVectorEnv` of `make(envId)`.
 *
 * @throws if the environment's observations are not a 1-D float32 Box or its actions not
 * Discrete (DQN needs both).
 */
export function makeVectorEnv(
  envId: string,
  numEnvs: number,
  options: MakeVectorEnvOptions = {},
): DQNVectorEnv {
  if (!Number.isSafeInteger(numEnvs) || numEnvs <= 0) {
    throw new RangeError(`makeVectorEnv: numEnvs must be a positive integer, got ${numEnvs}.`);
  }
  if (envId === "CartPole-v1") {
    return new CartPoleVectorEnv({
      numEnvs,
      autoresetMode: "same-step",
      maxEpisodeSteps: options.maxEpisodeSteps ?? 500,
    });
  }
  const makeOptions = options.maxEpisodeSteps === undefined
    ? {}
    : { maxEpisodeSteps: options.maxEpisodeSteps };
  const envs = new SyncVectorEnv(
    Array.from({ length: numEnvs }, () => () => make(envId, makeOptions)),
    { autoresetMode: "same-step" },
  );
  envSizes(envs as unknown as DQNVectorEnv, envId);
  return envs as unknown as DQNVectorEnv;
}

/**
 * The observation size and the number of actions of a vector env's sub-environments.
 *
 * @throws if the observation space is not a 1-D float32 Box or the action space not Discrete.
 */
export function envSizes(
  envs: DQNVectorEnv,
  envId = "the environment",
): { obsDim: number; numActions: number } {
  const obsSpace = envs.singleObservationSpace;
  const actSpace = envs.singleActionSpace;
  if (!(obsSpace instanceof Box) || obsSpace.shape.length !== 1 || obsSpace.dtype !== "float32") {
    throw new TypeError(
      `DQN needs a 1-D float32 Box observation space; ${envId} has ${String(obsSpace)}.`,
    );
  }
  if (!(actSpace instanceof Discrete)) {
    throw new TypeError(`DQN needs a Discrete action space; ${envId} has ${String(actSpace)}.`);
  }
  if (actSpace.start !== 0) {
    throw new TypeError(`DQN needs actions 0..n-1; ${envId} has ${String(actSpace)}.`);
  }
  return { obsDim: obsSpace.size, numActions: actSpace.n };
}
