/**
 * `deno task lab`: gets a learner from a fresh clone to the notebooks.
 *
 * 1. Installs the npm packages with the Deno running this task (`deno install`, allowing
 *    the install scripts of zeromq and core-js, see {@link ALLOWED_SCRIPTS}), then checks
 *    that zeromq, which ships prebuilt binaries, loads.
 * 2. Writes the `rl-course` kernelspec into Jupyter's data directory.
 * 3. Opens JupyterLab (or the classic Notebook) on `notebooks/` when it is on PATH;
 *    otherwise prints how to open the notebooks and exits 0.
 *
 * `deno task kernel` (`--kernel-only`) does step 2 only. `--skip-install` skips step 1.
 * Every step is safe to repeat.
 *
 * @module
 */
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { installKernelSpec } from "./kernelspec.ts";
import { KERNELSPEC } from "./source.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * npm packages whose install scripts may run. zeromq's only checks that its prebuilt
 * binary loads (and builds one where none fits); core-js (a tfjs dependency) only prints a
 * notice. Allowing them keeps Deno's "ignored build scripts" warning off a first run.
 */
const ALLOWED_SCRIPTS = ["npm:zeromq", "npm:core-js"];
const NOTEBOOKS = join(ROOT, "notebooks");

/** A Jupyter front-end found on PATH. */
export interface JupyterFrontEnd {
  kind: "lab" | "notebook";
  /** The executable to run (`jupyter-lab` or `jupyter-notebook`). */
  command: string;
}

/**
 * Finds JupyterLab (preferred) or the classic Notebook on `path` (a PATH value), by the
 * `jupyter-lab` / `jupyter-notebook` executables that `jupyter lab` / `jupyter notebook`
 * run.
 */
export async function findJupyter(
  path = Deno.env.get("PATH") ?? "",
  os: typeof Deno.build.os = Deno.build.os,
): Promise<JupyterFrontEnd | undefined> {
  const dirs = path.split(os === "windows" ? ";" : delimiter).filter((d) => d !== "");
  const suffixes = os === "windows" ? [".exe", ".cmd", ".bat", ""] : [""];
  for (const kind of ["lab", "notebook"] as const) {
    for (const dir of dirs) {
      for (const suffix of suffixes) {
        const command = join(dir, `jupyter-${kind}${suffix}`);
        if (await isExecutableFile(command, os)) return { kind, command };
      }
    }
  }
  return undefined;
}

/** What to tell a learner who has no Jupyter on PATH. */
export function openInstructions(kernelDir: string): string {
  return [
    `The "${KERNELSPEC.display_name}" kernel is installed in ${kernelDir},`,
    "but no Jupyter was found on PATH. To open the notebooks in notebooks/, either:",
    "",
    "  - VS Code: install the Jupyter extension, open a notebook from notebooks/, and pick",
    `    the kernel "${KERNELSPEC.display_name}" (Select Kernel > Jupyter Kernel).`,
    "  - JupyterLab: `pip install jupyterlab` (or `pipx install jupyterlab`), then run",
    "    `npx -y deno@2.9.6 task lab` again.",
    "  - Debian/Ubuntu: `sudo apt install jupyter-notebook`, then run the task again.",
  ].join("\n");
}

async function installPackages(): Promise<void> {
  console.log("lab: installing npm packages (deno install)...");
  const install = await new Deno.Command(Deno.execPath(), {
    args: ["install", `--allow-scripts=${ALLOWED_SCRIPTS.join(",")}`],
    cwd: ROOT,
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  if (!install.success) {
    throw new Error(`\`deno install\` failed (exit code ${install.code}); see the output above`);
  }
  const check = await new Deno.Command(Deno.execPath(), {
    args: ["eval", 'const zmq = await import("zeromq"); new zmq.Dealer().close();'],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!check.success) {
    throw new Error(
      "the zeromq package does not load on this machine, so notebooks cannot run headless " +
        `(\`deno task nb:run\`); Jupyter itself still works.\n${
          new TextDecoder().decode(check.stderr).trim()
        }`,
    );
  }
}

async function main(args: string[]): Promise<number> {
  const known = ["--kernel-only", "--skip-install"];
  const unknown = args.find((a) => !known.includes(a));
  if (unknown) {
    console.error(`lab: unknown argument ${unknown}\nusage: deno task lab [--skip-install]`);
    return 2;
  }
  const kernelOnly = args.includes("--kernel-only");
  if (!kernelOnly && !args.includes("--skip-install")) await installPackages();
  const kernelDir = await installKernelSpec();
  console.log(`lab: kernelspec "${KERNELSPEC.name}" written to ${kernelDir}`);
  console.log(`lab: it runs ${Deno.execPath()} jupyter --kernel`);
  if (kernelOnly) return 0;

  const frontEnd = await findJupyter();
  if (!frontEnd) {
    console.log(`\n${openInstructions(kernelDir)}`);
    return 0;
  }
  const name = frontEnd.kind === "lab" ? "JupyterLab" : "Jupyter Notebook";
  console.log(`lab: starting ${name} on notebooks/ (stop it with Ctrl+C)`);
  // Started in notebooks/, which every Jupyter version takes as its root directory.
  // Jupyter refuses to run as root (e.g. in a container) unless told it is intended.
  const child = new Deno.Command(frontEnd.command, {
    args: Deno.uid() === 0 ? ["--allow-root"] : [],
    cwd: NOTEBOOKS,
    stdin: "inherit",
    stdout: "inherit",
    stderr: "inherit",
  }).spawn();
  // Ctrl+C reaches Jupyter too (same process group); wait for it to shut down cleanly.
  const ignore = () => {};
  Deno.addSignalListener("SIGINT", ignore);
  try {
    const status = await child.status;
    return status.success || status.signal === "SIGINT" ? 0 : status.code;
  } finally {
    Deno.removeSignalListener("SIGINT", ignore);
  }
}

async function isExecutableFile(path: string, os: typeof Deno.build.os): Promise<boolean> {
  try {
    const info = await Deno.stat(path);
    return info.isFile && (os === "windows" || ((info.mode ?? 0) & 0o111) !== 0);
  } catch {
    return false;
  }
}

if (import.meta.main) {
  try {
    Deno.exit(await main(Deno.args));
  } catch (err) {
    console.error(`lab: ${(err as Error).message}`);
    Deno.exit(1);
  }
}
