import { assert, assertEquals, assertInstanceOf, assertThrows } from "@std/assert";
import { Env, type Info, type ResetArgs, type StepResult, Wrapper } from "./core.ts";
import { CartPoleEnv } from "./envs/cartpole.ts";
import { make, register, registry, spec } from "./registration.ts";
import { Box, Discrete } from "./spaces.ts";
import { EnvChecker } from "./wrappers/env_checker.ts";
import { OrderEnforcing, ResetNeeded } from "./wrappers/order_enforcing.ts";
import { TimeLimit } from "./wrappers/time_limit.ts";

/** Observation = steps since reset; never terminates; reward = action. */
class CounterEnv extends Env<number, number> {
  actionSpace = new Discrete(2);
  observationSpace = new Discrete(1000);
  count = 0;
  readonly options: Record<string, unknown>;
  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = options;
    this.renderMode = options.renderMode as string | undefined;
    this.metadata = { renderModes: ["ansi"] };
  }
  override reset(args: ResetArgs = {}): [number, Info] {
    super.reset(args);
    this.count = 0;
    return [0, { first: this.npRandom.random() }];
  }
  step(action: number): StepResult<number> {
    this.count += 1;
    return [this.count, action, false, false, {}];
  }
  override render(): string {
    return `count ${this.count}`;
  }
}

register({ id: "TestCounter-v0", entryPoint: (o) => new CounterEnv(o), kwargs: { size: 3 } });
register({ id: "TestCounter-v1", entryPoint: (o) => new CounterEnv(o), maxEpisodeSteps: 5 });

Deno.test("make wraps like gym.make: TimeLimit > OrderEnforcing > EnvChecker > env", () => {
  const env = make("CartPole-v1");
  assertInstanceOf(env, TimeLimit);
  const order = (env as TimeLimit<Float32Array, number>).env;
  assertInstanceOf(order, OrderEnforcing);
  const checker = (order as OrderEnforcing<Float32Array, number>).env;
  assertInstanceOf(checker, EnvChecker);
  assertInstanceOf(env.unwrapped, CartPoleEnv);
  assertEquals(String(env), "TimeLimit<OrderEnforcing<EnvChecker<CartPoleEnv<CartPole-v1>>>>");
  assertEquals((env as TimeLimit<Float32Array, number>).maxEpisodeSteps, 500);
});

Deno.test("specs of CartPole-v0/v1 carry Gymnasium's limits and thresholds", () => {
  assertEquals([spec("CartPole-v1").maxEpisodeSteps, spec("CartPole-v1").rewardThreshold], [
    500,
    475,
  ]);
  assertEquals([spec("CartPole-v0").maxEpisodeSteps, spec("CartPole-v0").rewardThreshold], [
    200,
    195,
  ]);
  assert(registry.has("CartPole-v1"));
  const env = make("CartPole-v1", { maxEpisodeSteps: 7 });
  assertEquals(env.spec?.id, "CartPole-v1");
  assertEquals(env.spec?.maxEpisodeSteps, 7);
  assertEquals(env.unwrapped.spec?.maxEpisodeSteps, 7);
});

Deno.test("an unknown id lists the registered ids and other versions", () => {
  const error = assertThrows(() => make("CartPole-v7"), Error);
  assert(error.message.includes('No environment registered with id "CartPole-v7"'));
  assert(error.message.includes("Other versions of this environment: CartPole-v0, CartPole-v1"));
  assert(error.message.includes("Registered ids:"));
  assert(error.message.includes("TestCounter-v0"));
  assertThrows(() => spec("Nope-v0"), Error, "CartPole-v1");
});

Deno.test("make passes options to the env on top of the spec's kwargs", () => {
  const env = make("TestCounter-v0", { size: 9, color: "red" });
  const inner = env.unwrapped as CounterEnv;
  assertEquals(inner.options, { size: 9, color: "red" });
  assertEquals(make("TestCounter-v0").unwrapped instanceof CounterEnv, true);
  assertEquals((make("TestCounter-v0").unwrapped as CounterEnv).options, { size: 3 });
  assertEquals(env.spec?.kwargs, { size: 9, color: "red" });
});

Deno.test("make: unsupported render mode is an error listing the supported ones", () => {
  assertThrows(
    () => make("CartPole-v1", { renderMode: "human" }),
    RangeError,
    'render mode "human" is not supported; supported modes: "svg"',
  );
  assertEquals(make("TestCounter-v0", { renderMode: "ansi" }).renderMode, "ansi");
});

Deno.test("make: maxEpisodeSteps overrides (or with null removes) the time limit", () => {
  const short = make("TestCounter-v1", { maxEpisodeSteps: 2 });
  short.reset();
  assertEquals(short.step(0)[3], false);
  assertEquals(short.step(0)[3], true);
  const unlimited = make("TestCounter-v1", { maxEpisodeSteps: null });
  assertInstanceOf(unlimited, OrderEnforcing);
  unlimited.reset();
  for (let i = 0; i < 10; i++) assertEquals(unlimited.step(1)[3], false);
  assertThrows(() => make("TestCounter-v1", { maxEpisodeSteps: 0 }), RangeError, "positive");
  const unchecked = make("TestCounter-v0", { disableEnvChecker: true });
  assertInstanceOf((unchecked as OrderEnforcing<number, number>).env, CounterEnv);
});

Deno.test("register validates ids and entry points, and warns when overriding", () => {
  assertThrows(
    // deno-lint-ignore no-explicit-any
    () => register({ id: "bad id!", entryPoint: (o: any) => new CounterEnv(o) }),
    RangeError,
    "malformed id",
  );
  // deno-lint-ignore no-explicit-any
  assertThrows(() => register({ id: "X-v0", entryPoint: 3 as any }), TypeError, "entryPoint");
  const warnings: string[] = [];
  const originalWarn = console.warn;
  console.warn = (m: string) => warnings.push(m);
  try {
    register({ id: "TestCounter-v9", entryPoint: (o) => new CounterEnv(o) });
    register({ id: "TestCounter-v9", entryPoint: (o) => new CounterEnv(o) });
  } finally {
    console.warn = originalWarn;
  }
  assertEquals(warnings, ["Overriding environment TestCounter-v9 already in registry."]);
});

Deno.test("step before reset is a ResetNeeded error; so is render", () => {
  const env = make("CartPole-v1", { renderMode: "svg" });
  assertThrows(() => env.step(0), ResetNeeded, "Cannot call env.step() before calling env.reset()");
  assertThrows(() => env.render(), ResetNeeded, "env.render() before calling env.reset()");
  env.reset({ seed: 1 });
  env.step(0);
  assert(typeof env.render() === "string");
  const lenient = new OrderEnforcing(new CounterEnv(), { disableRenderOrderEnforcing: true });
  assertEquals(lenient.render(), "count 0");
  assert(!lenient.hasReset);
});

Deno.test("Env: reset({ seed }) reseeds npRandom; without a seed the stream continues", () => {
  const env = new CounterEnv();
  const [, a] = env.reset({ seed: 5 });
  const [, b] = env.reset();
  const [, c] = env.reset({ seed: 5 });
  assertEquals(a.first, c.first);
  assert(a.first !== b.first);
  // np.random.default_rng(5).random() (numpy 2.4.6).
  assertEquals(a.first, 0.8050029237453802);
  const fresh = new CounterEnv();
  assert(typeof fresh.npRandom.random() === "number", "lazily seeded from entropy");
});

Deno.test("Wrapper forwards spaces, metadata, render mode, spec and npRandom", () => {
  const inner = make("TestCounter-v0", { renderMode: "ansi" });
  const wrapper = new Wrapper(inner);
  assertEquals(wrapper.actionSpace, inner.actionSpace);
  assertEquals(wrapper.metadata, { renderModes: ["ansi"] });
  assertEquals(wrapper.renderMode, "ansi");
  assertEquals(wrapper.spec?.id, "TestCounter-v0");
  assert(wrapper.npRandom === inner.unwrapped.npRandom);
  wrapper.reset({ seed: 1 });
  assertEquals(wrapper.step(1), [1, 1, false, false, {}]);
  assertEquals(wrapper.render(), "count 1");
  const box = new Box({ low: 0, high: 1, shape: [1] });
  const retyped = new Wrapper<unknown, unknown>(inner);
  retyped.observationSpace = box;
  assert(retyped.observationSpace === box);
  assert(inner.observationSpace !== box);
  assertThrows(() => new Wrapper({} as Env<number, number>), TypeError, "expects an Env");
});
