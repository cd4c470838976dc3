import { assert, assertEquals } from "@std/assert";
import { courseKernelSpec, installKernelSpec, jupyterDataDir } from "./kernelspec.ts";
import { findJupyter } from "./lab.ts";

const labScript = new URL("./lab.ts", import.meta.url).pathname;

function envOf(vars: Record<string, string>): (name: string) => string | undefined {
  return (name) => vars[name];
}

Deno.test("jupyterDataDir: follows jupyter_core on each platform", () => {
  assertEquals(jupyterDataDir(envOf({ JUPYTER_DATA_DIR: "/x/j", HOME: "/h" }), "linux"), "/x/j");
  assertEquals(
    jupyterDataDir(envOf({ HOME: "/home/ana" }), "linux"),
    "/home/ana/.local/share/jupyter",
  );
  assertEquals(
    jupyterDataDir(envOf({ HOME: "/home/ana", XDG_DATA_HOME: "/data" }), "linux"),
    "/data/jupyter",
  );
  assertEquals(
    jupyterDataDir(envOf({ HOME: "/Users/ana" }), "darwin"),
    "/Users/ana/Library/Jupyter",
  );
  const windows = jupyterDataDir(envOf({ APPDATA: "C:\\Users\\ana\\AppData\\Roaming" }), "windows");
  assert(windows.startsWith("C:\\Users\\ana\\AppData\\Roaming") && windows.endsWith("jupyter"));
});

Deno.test("courseKernelSpec: argv to the given Deno, interrupt by message, NO_COLOR", () => {
  assertEquals(courseKernelSpec("/opt/deno"), {
    argv: ["/opt/deno", "jupyter", "--kernel", "--conn", "{connection_file}"],
    display_name: "Deno (RL course)",
    language: "typescript",
    interrupt_mode: "message",
    env: { NO_COLOR: "1" },
  });
});

Deno.test("installKernelSpec: writes kernels/rl-course/kernel.json; re-running is safe", async () => {
  const dataDir = await Deno.makeTempDir();
  const dir = await installKernelSpec({ dataDir, denoPath: "/opt/deno" });
  assertEquals(dir, `${dataDir}/kernels/rl-course`);
  const first = await Deno.readTextFile(`${dir}/kernel.json`);
  assertEquals(JSON.parse(first), courseKernelSpec("/opt/deno"));
  await installKernelSpec({ dataDir, denoPath: "/opt/deno" });
  assertEquals(await Deno.readTextFile(`${dir}/kernel.json`), first);
  await Deno.remove(dataDir, { recursive: true });
});

Deno.test("findJupyter: JupyterLab before the classic Notebook, executables only", async () => {
  const dir = await Deno.makeTempDir();
  const other = await Deno.makeTempDir();
  assertEquals(await findJupyter(`${dir}:${other}`, "linux"), undefined);
  await Deno.writeTextFile(`${dir}/jupyter-notebook`, "#!/bin/sh\n");
  assertEquals(await findJupyter(`${dir}:${other}`, "linux"), undefined, "not executable");
  await Deno.chmod(`${dir}/jupyter-notebook`, 0o755);
  assertEquals(await findJupyter(`${dir}:${other}`, "linux"), {
    kind: "notebook",
    command: `${dir}/jupyter-notebook`,
  });
  await Deno.writeTextFile(`${other}/jupyter-lab`, "#!/bin/sh\n");
  await Deno.chmod(`${other}/jupyter-lab`, 0o755);
  assertEquals(await findJupyter(`${dir}:${other}`, "linux"), {
    kind: "lab",
    command: `${other}/jupyter-lab`,
  });
  await Deno.remove(dir, { recursive: true });
  await Deno.remove(other, { recursive: true });
});

async function runLab(args: string[], env: Record<string, string>) {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", labScript, ...args],
    env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  return {
    code: output.code,
    stdout: new TextDecoder().decode(output.stdout),
    stderr: new TextDecoder().decode(output.stderr),
  };
}

Deno.test("lab: without Jupyter on PATH, it installs the kernel, explains, and exits 0", async () => {
  const dataDir = await Deno.makeTempDir();
  const emptyPath = await Deno.makeTempDir();
  const run = await runLab(["--skip-install"], { JUPYTER_DATA_DIR: dataDir, PATH: emptyPath });
  assertEquals(run.code, 0, run.stderr);
  const spec = JSON.parse(await Deno.readTextFile(`${dataDir}/kernels/rl-course/kernel.json`));
  assertEquals(spec.argv[0], Deno.execPath());
  assert(run.stdout.includes(`kernelspec "rl-course" written to ${dataDir}/kernels/rl-course`));
  for (const hint of ["VS Code", "pip install jupyterlab", "apt install jupyter-notebook"]) {
    assert(run.stdout.includes(hint), `missing "${hint}" in:\n${run.stdout}`);
  }
  await Deno.remove(dataDir, { recursive: true });
  await Deno.remove(emptyPath, { recursive: true });
});

Deno.test("lab --kernel-only: only the kernelspec, and where it went", async () => {
  const dataDir = await Deno.makeTempDir();
  const run = await runLab(["--kernel-only"], { JUPYTER_DATA_DIR: dataDir });
  assertEquals(run.code, 0, run.stderr);
  assert(run.stdout.includes(`${dataDir}/kernels/rl-course`), run.stdout);
  assert(!run.stdout.includes("VS Code"));
  const unknown = await runLab(["--bogus"], { JUPYTER_DATA_DIR: dataDir });
  assertEquals(unknown.code, 2);
  await Deno.remove(dataDir, { recursive: true });
});
