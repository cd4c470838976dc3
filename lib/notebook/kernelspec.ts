/**
 * The course's Jupyter kernelspec (`rl-course`) and where Jupyter looks for it.
 *
 * @module
 */
import { join } from "node:path";
import { KERNELSPEC } from "./source.ts";

/** The content of `kernel.json`. */
export interface KernelSpecFile {
  argv: string[];
  display_name: string;
  language: string;
  interrupt_mode: "message" | "signal";
  env: Record<string, string>;
}

/**
 * The course kernelspec for the Deno binary at `denoPath`. `interrupt_mode: "message"`
 * makes front-ends send `interrupt_request` (which Deno's kernel handles) instead of
 * SIGINT (which ends the kernel); `NO_COLOR` keeps colour codes out of text outputs.
 */
export function courseKernelSpec(denoPath: string): KernelSpecFile {
  return {
    argv: [denoPath, "jupyter", "--kernel", "--conn", "{connection_file}"],
    display_name: KERNELSPEC.display_name,
    language: KERNELSPEC.language,
    interrupt_mode: "message",
    env: { NO_COLOR: "1" },
  };
}

/**
 * Jupyter's user data directory, as jupyter_core computes it: `JUPYTER_DATA_DIR` if set;
 * otherwise `~/Library/Jupyter` on macOS, `%APPDATA%\jupyter` on Windows, and
 * `$XDG_DATA_HOME/jupyter` (default `~/.local/share/jupyter`) elsewhere.
 */
export function jupyterDataDir(
  env: (name: string) => string | undefined = (name) => Deno.env.get(name),
  os: typeof Deno.build.os = Deno.build.os,
): string {
  const explicit = env("JUPYTER_DATA_DIR");
  if (explicit) return explicit;
  const home = env(os === "windows" ? "USERPROFILE" : "HOME");
  if (os === "darwin") return join(requireDir(home, "HOME"), "Library", "Jupyter");
  if (os === "windows") {
    const appData = env("APPDATA");
    return appData ? join(appData, "jupyter") : join(requireDir(home, "USERPROFILE"), "jupyter");
  }
  const xdg = env("XDG_DATA_HOME");
  return join(xdg || join(requireDir(home, "HOME"), ".local", "share"), "jupyter");
}

/**
 * Writes `kernels/rl-course/kernel.json` under `dataDir` (default {@link jupyterDataDir})
 * for the Deno binary `denoPath`; returns the kernelspec directory. Overwrites an earlier
 * spec, so re-running (e.g. after a Deno update) is safe.
 */
export async function installKernelSpec(
  options: { dataDir?: string; denoPath?: string } = {},
): Promise<string> {
  const dir = join(options.dataDir ?? jupyterDataDir(), "kernels", KERNELSPEC.name);
  await Deno.mkdir(dir, { recursive: true });
  const spec = courseKernelSpec(options.denoPath ?? Deno.execPath());
  await Deno.writeTextFile(join(dir, "kernel.json"), JSON.stringify(spec, null, 1) + "\n");
  return dir;
}

function requireDir(value: string | undefined, name: string): string {
  if (!value) {
    throw new Error(
      `cannot find Jupyter's data directory: ${name} is not set (set JUPYTER_DATA_DIR)`,
    );
  }
  return value;
}
