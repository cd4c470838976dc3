/**
 * `deno task solve NOTEBOOK [--out FILE]`: writes the solved copy of a notebook (default
 * `notebooks/NN_topic.solved.ipynb`, which git ignores).
 *
 * @module
 */
import { displayPath, parseArgs, UsageError, userPath } from "./cli_args.ts";
import { writeSolvedNotebook } from "./solve.ts";

const USAGE = "usage: deno task solve NOTEBOOK [--out FILE]";

async function main(args: string[]): Promise<number> {
  const { positional, options } = parseArgs(args, ["out"], []);
  if (positional.length !== 1) throw new UsageError("give exactly one notebook");
  const out = options.get("out");
  const written = await writeSolvedNotebook(userPath(positional[0]), {
    out: typeof out === "string" ? userPath(out) : undefined,
  });
  console.log(`solve: wrote ${displayPath(written)}`);
  return 0;
}

if (import.meta.main) {
  try {
    Deno.exit(await main(Deno.args));
  } catch (err) {
    console.error(`solve: ${(err as Error).message}`);
    if (err instanceof UsageError) console.error(USAGE);
    Deno.exit(err instanceof UsageError ? 2 : 1);
  }
}
