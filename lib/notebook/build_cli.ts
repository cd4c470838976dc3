/**
 * `deno task nb:build [--check]`: regenerates `notebooks/NN_topic.ipynb` from every
 * `notebooks/src/NN_topic.md`. With `--check`, writes nothing and exits 1 when a notebook
 * is missing or differs from its source.
 *
 * @module
 */
import { displayPath } from "./cli_args.ts";
import { buildNotebooks } from "./source.ts";

async function main(args: string[]): Promise<number> {
  const unknown = args.filter((a) => a !== "--check");
  if (unknown.length > 0) {
    console.error(`nb:build: unknown argument ${unknown[0]}\nusage: deno task nb:build [--check]`);
    return 2;
  }
  const check = args.includes("--check");
  const built = await buildNotebooks();
  if (built.length === 0) {
    console.log("nb:build: no notebook sources in notebooks/src/");
    return 0;
  }
  let stale = 0;
  for (const { source, target, text } of built) {
    const current = await Deno.readTextFile(target).catch(() => undefined);
    const name = displayPath(target);
    if (current === text) {
      console.log(`  unchanged  ${name}`);
    } else if (check) {
      stale++;
      console.log(`  STALE      ${name} (differs from ${displayPath(source)})`);
    } else {
      await Deno.writeTextFile(target, text);
      console.log(`  ${current === undefined ? "created" : "updated"}    ${name}`);
    }
  }
  if (stale > 0) {
    console.error(`nb:build: ${stale} notebook(s) out of date: run \`deno task nb:build\``);
    return 1;
  }
  return 0;
}

if (import.meta.main) {
  try {
    Deno.exit(await main(Deno.args));
  } catch (err) {
    console.error(`nb:build: ${(err as Error).message}`);
    Deno.exit(1);
  }
}
