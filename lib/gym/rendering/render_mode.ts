/**
 * The warning of Gymnasium's `render()` when no render mode was chosen.
 *
 * @module
 */
import type { Env } from "../core.ts";

/**
 * Warns (on the console) that `env.render()` was called without a render mode, naming
 * how to choose one, and returns `undefined` for `render()` to return.
 */
export function warnNoRenderMode(env: Env<unknown, unknown>): undefined {
  const name = env.constructor.name.replace(/Env$/, "");
  const id = env.spec?.id ?? `${name}-vN`;
  const modes = env.metadata.renderModes.map((m) => `"${m}"`).join(" or ");
  console.warn(
    `WARN: ${name}.render() called without a render mode; use make("${id}", ` +
      `{ renderMode: ${modes} }).`,
  );
  return undefined;
}
