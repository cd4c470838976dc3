/**
 * Checking environment constructor options, so that a misspelt option (e.g. Gymnasium's
 * `is_slippery` instead of `isSlippery`) is an error rather than silently ignored.
 *
 * @module
 */

/**
 * Throws if `options` has a key not in `known`, naming the environment, the key and the
 * accepted keys. `undefined` options are accepted.
 */
export function checkOptions(
  envName: string,
  options: object | undefined,
  known: readonly string[],
): void {
  if (options === undefined) return;
  if (options === null || typeof options !== "object") {
    throw new Error(`${envName}: options must be an object, got ${String(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new Error(
        `${envName}: unknown option ${JSON.stringify(key)}; accepted options: ${known.join(", ")}`,
      );
    }
  }
}
