/**
 * Registers the environments of lib/gym/envs (all but CartPole, which registers itself)
 * and re-exports their classes and helpers.
 *
 * | id | class | step limit | reward threshold |
 * | --- | --- | --- | --- |
 * | `Acrobot-v1` | {@linkcode AcrobotEnv} | 500 | -100 |
 * | `MountainCar-v0` | {@linkcode MountainCarEnv} | 200 | -110 |
 * | `MountainCarContinuous-v0` | {@linkcode MountainCarContinuousEnv} | 999 | 90 |
 * | `Pendulum-v1` | {@linkcode PendulumEnv} | 200 | - |
 * | `FrozenLake-v1` | {@linkcode FrozenLakeEnv} (`mapName: "4x4"`) | 100 | 0.70 |
 * | `FrozenLake8x8-v1` | {@linkcode FrozenLakeEnv} (`mapName: "8x8"`) | 200 | 0.85 |
 * | `CliffWalking-v0` | {@linkcode CliffWalkingEnv} | - | - |
 * | `Taxi-v3` | {@linkcode TaxiEnv} | 200 | 8 |
 * | `GridWorld-v0` | {@linkcode GridWorldEnv} (`map: "norvig3x4"`) | - | - |
 * | `ArmedBandit-v0` | {@linkcode ArmedBanditEnv} | - | - |
 * | `Probe1-v0` ... `Probe5-v0` | {@linkcode ProbeEnv} | - | - |
 *
 * Limits and thresholds are Gymnasium 0.29.1's. Environments without a limit run until
 * they terminate; pass `maxEpisodeSteps` to `make` to truncate them.
 *
 * @module
 */
import { register } from "../registration.ts";
import { AcrobotEnv } from "./acrobot.ts";
import { ArmedBanditEnv } from "./bandit.ts";
import { CliffWalkingEnv } from "./cliff_walking.ts";
import { FrozenLakeEnv } from "./frozen_lake.ts";
import { GridWorldEnv } from "./grid_world.ts";
import { MountainCarEnv } from "./mountain_car.ts";
import { MountainCarContinuousEnv } from "./mountain_car_continuous.ts";
import { PendulumEnv } from "./pendulum.ts";
import { ProbeEnv, type ProbeNumber } from "./probes.ts";
import { TaxiEnv } from "./taxi.ts";

export * from "./acrobot.ts";
export * from "./bandit.ts";
export * from "./cliff_walking.ts";
export * from "./frozen_lake.ts";
export * from "./grid_world.ts";
export * from "./model_checks.ts";
export * from "./mountain_car.ts";
export * from "./mountain_car_continuous.ts";
export * from "./pendulum.ts";
export * from "./probes.ts";
export * from "./tabular.ts";
export * from "./taxi.ts";

register({
  id: "Acrobot-v1",
  entryPoint: (options) => new AcrobotEnv(options),
  maxEpisodeSteps: 500,
  rewardThreshold: -100.0,
});
register({
  id: "MountainCar-v0",
  entryPoint: (options) => new MountainCarEnv(options),
  maxEpisodeSteps: 200,
  rewardThreshold: -110.0,
});
register({
  id: "MountainCarContinuous-v0",
  entryPoint: (options) => new MountainCarContinuousEnv(options),
  maxEpisodeSteps: 999,
  rewardThreshold: 90.0,
});
register({
  id: "Pendulum-v1",
  entryPoint: (options) => new PendulumEnv(options),
  maxEpisodeSteps: 200,
});
register({
  id: "FrozenLake-v1",
  entryPoint: (options) => new FrozenLakeEnv(options),
  kwargs: { mapName: "4x4" },
  maxEpisodeSteps: 100,
  rewardThreshold: 0.70,
});
register({
  id: "FrozenLake8x8-v1",
  entryPoint: (options) => new FrozenLakeEnv(options),
  kwargs: { mapName: "8x8" },
  maxEpisodeSteps: 200,
  rewardThreshold: 0.85,
});
register({ id: "CliffWalking-v0", entryPoint: (options) => new CliffWalkingEnv(options) });
register({
  id: "Taxi-v3",
  entryPoint: (options) => new TaxiEnv(options),
  maxEpisodeSteps: 200,
  rewardThreshold: 8,
});
register({
  id: "GridWorld-v0",
  entryPoint: (options) => new GridWorldEnv(options),
  kwargs: { map: "norvig3x4" },
});
register({ id: "ArmedBandit-v0", entryPoint: (options) => new ArmedBanditEnv(options) });
for (const probe of [1, 2, 3, 4, 5] as ProbeNumber[]) {
  register({
    id: `Probe${probe}-v0`,
    entryPoint: (options) => new ProbeEnv({ ...options, probe }),
  });
}
