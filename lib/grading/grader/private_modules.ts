/**
 * Turns a spec module and everything it imports from `tests/` and `solutions/` into
 * self-contained `data:` URL modules.
 *
 * The grading child has no read access to those folders, and a module loaded from a
 * `file:` URL could be imported again by student code through the module cache. A `data:`
 * URL carries the source itself: student code cannot read it from disk, and cannot import it
 * without already knowing the exact source. Imports of other local files (such as `lib/`)
 * become absolute `file:` URLs; bare and `npm:` specifiers are left to the import map.
 *
 * @module
 */
import ts from "typescript";
import { dirname, isAbsolute, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";

function isPrivate(path: string, privateDirs: string[]): boolean {
  return privateDirs.some((dir) => {
    const rel = relative(dir, path);
    return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
  });
}

function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/**
 * Builds the `data:` URL of the module at `entry`, inlining every module it reaches inside
 * `privateDirs` (recursively) and pointing other relative imports at absolute `file:` URLs.
 */
export async function privateModuleUrl(entry: string, privateDirs: string[]): Promise<string> {
  const cache = new Map<string, Promise<string>>();
  const build = (path: string, stack: string[]): Promise<string> => {
    if (stack.includes(path)) {
      throw new Error(`cannot inline ${path}: import cycle ${[...stack, path].join(" -> ")}`);
    }
    let url = cache.get(path);
    if (!url) {
      url = inline(path, [...stack, path]);
      cache.set(path, url);
    }
    return url;
  };
  const inline = async (path: string, stack: string[]): Promise<string> => {
    const source = await Deno.readTextFile(path);
    const { importedFiles } = ts.preProcessFile(source, true, true);
    const replacements: { start: number; end: number; text: string }[] = [];
    for (const ref of importedFiles) {
      const specifier = ref.fileName;
      if (!specifier.startsWith("./") && !specifier.startsWith("../")) continue;
      const target = resolve(dirname(path), specifier);
      const text = isPrivate(target, privateDirs)
        ? await build(target, stack)
        : pathToFileURL(target).href;
      // Positions from preProcessFile may include the quote: locate the specifier itself.
      const start = source.indexOf(specifier, Math.max(0, ref.pos - 1));
      replacements.push({ start, end: start + specifier.length, text });
    }
    let out = source;
    for (const r of replacements.sort((a, b) => b.start - a.start)) {
      out = out.slice(0, r.start) + r.text + out.slice(r.end);
    }
    return `data:application/typescript;base64,${base64Utf8(out)}`;
  };
  return await build(resolve(entry), []);
}
