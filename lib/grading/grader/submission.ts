/**
 * Reads a student's notebook the way a forgiving human grader would: exercise cells are found
 * by their metadata, or by the exported name when the metadata was lost (cells copied,
 * retyped, duplicated or reordered), and each exercise is assembled into its own module so
 * that a broken cell costs only its own exercise.
 *
 * A module for exercise X holds: the setup cells (imports), the cell of X, and, from other
 * cells, only the declarations X refers to (transitively). Relative imports are resolved
 * against the course's `notebooks/` folder, where the notebook was written to live; imports
 * that reach `solutions/` or `tests/` are rejected before anything runs.
 *
 * @module
 */
import ts from "typescript";
import { syntaxDiagnostics } from "../../notebook/typescript.ts";
import { isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The parts of a notebook cell the grader reads. */
export interface CellLike {
  cell_type: string;
  source: string | string[];
  metadata?: Record<string, unknown>;
}

/** One exercise's assembled module, or why there is none. */
export type AssembledExercise =
  | { kind: "module"; name: string; code: string; notes: string[] }
  | { kind: "missing"; name: string; message: string; notes: string[] }
  | { kind: "error" | "rejected"; name: string; message: string; notes: string[] };

interface CodeCell {
  /** 1-based index among all cells, as a learner counts them in the notebook. */
  number: number;
  code: string;
  metadataExercise?: string;
  isSetup: boolean;
  sourceFile: ts.SourceFile;
  syntaxErrors: string[];
  /** Top-level declarations by name: statement text, and whether it is exported. */
  declarations: Map<string, { statement: ts.Statement; exported: boolean }>;
  imports: ts.ImportDeclaration[];
}

function sourceText(cell: CellLike): string {
  return Array.isArray(cell.source) ? cell.source.join("") : cell.source;
}

function courseMetadata(cell: CellLike): Record<string, unknown> {
  const meta = cell.metadata?.rl_course;
  return meta && typeof meta === "object" ? meta as Record<string, unknown> : {};
}

function syntaxErrors(code: string, number: number): string[] {
  return syntaxDiagnostics(code, `cell${number}.ts`).map((d) =>
    `cell ${number}, line ${d.line}, column ${d.column}: ${d.message}`
  );
}

function isExported(statement: ts.Statement): boolean {
  return ts.canHaveModifiers(statement) &&
    (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

function declaredNames(statement: ts.Statement): string[] {
  if (
    (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) ||
      ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) ||
      ts.isEnumDeclaration(statement)) && statement.name
  ) {
    return [statement.name.text];
  }
  if (ts.isVariableStatement(statement)) {
    return statement.declarationList.declarations.flatMap((d) =>
      ts.isIdentifier(d.name) ? [d.name.text] : []
    );
  }
  return [];
}

function analyse(cell: CellLike, number: number): CodeCell {
  const code = sourceText(cell);
  const sourceFile = ts.createSourceFile(
    `cell${number}.ts`,
    code,
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TS,
  );
  const declarations = new Map<string, { statement: ts.Statement; exported: boolean }>();
  const imports: ts.ImportDeclaration[] = [];
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement)) imports.push(statement);
    for (const name of declaredNames(statement)) {
      declarations.set(name, { statement, exported: isExported(statement) });
    }
  }
  const meta = courseMetadata(cell);
  return {
    number,
    code,
    metadataExercise: typeof meta.exercise === "string" ? meta.exercise : undefined,
    isSetup: meta.role === "setup",
    sourceFile,
    syntaxErrors: syntaxErrors(code, number),
    declarations,
    imports,
  };
}

/** Whether identifier `id` names a property (`x.id`, `{ id: 1 }`, `tf.id`), not a variable. */
function isPropertyName(id: ts.Identifier): boolean {
  const parent = id.parent;
  if (ts.isPropertyAccessExpression(parent)) return parent.name === id;
  if (ts.isQualifiedName(parent)) return parent.right === id;
  if (ts.isBindingElement(parent)) return parent.propertyName === id;
  const named = ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) ||
    ts.isMethodDeclaration(parent) || ts.isPropertySignature(parent) ||
    ts.isMethodSignature(parent) || ts.isGetAccessor(parent) || ts.isSetAccessor(parent);
  return named && parent.name === id;
}

/** Whether identifier `id` is the name a declaration introduces (a binding, not a use). */
function isBindingName(id: ts.Identifier): boolean {
  const parent = id.parent;
  const declares = ts.isVariableDeclaration(parent) || ts.isParameter(parent) ||
    ts.isFunctionDeclaration(parent) || ts.isFunctionExpression(parent) ||
    ts.isClassDeclaration(parent) || ts.isClassExpression(parent) || ts.isBindingElement(parent) ||
    ts.isTypeParameterDeclaration(parent) || ts.isInterfaceDeclaration(parent) ||
    ts.isTypeAliasDeclaration(parent) || ts.isEnumDeclaration(parent) ||
    ts.isImportSpecifier(parent) || ts.isImportClause(parent) || ts.isNamespaceImport(parent);
  return declares && (parent as ts.NamedDeclaration).name === id;
}

/**
 * The names a node uses but does not declare itself: what it needs from elsewhere. A name
 * declared anywhere inside the node (a parameter, a local) counts as its own, so a
 * parameter `end` does not pull in another cell's `const end`.
 */
function freeNames(node: ts.Node): Set<string> {
  const declared = new Set<string>();
  const used = new Set<string>();
  const visit = (n: ts.Node) => {
    if (ts.isIdentifier(n)) {
      if (isBindingName(n)) declared.add(n.text);
      else if (!isPropertyName(n)) used.add(n.text);
    }
    n.forEachChild(visit);
  };
  visit(node);
  for (const name of declared) used.delete(name);
  return used;
}

function looksLikeStub(statement: ts.Statement): boolean {
  return /throw new Error\(\s*["'`]not implemented["'`]\s*\)/.test(statement.getText());
}

/** Where the course's notebooks live: relative imports in a notebook resolve from here. */
export interface CoursePaths {
  /** The course's `notebooks/` directory. */
  notebooksDir: string;
  /** Directories no graded code may import from (`solutions/`, `tests/`). */
  privateDirs: string[];
}

type ImportCheck = { ok: true; rewritten: string } | { ok: false; reason: string };

function checkImport(specifier: string, paths: CoursePaths): ImportCheck {
  let target: string | undefined;
  if (specifier.startsWith("./") || specifier.startsWith("../")) {
    target = resolve(paths.notebooksDir, specifier);
  } else if (specifier.startsWith("/")) {
    target = resolve(specifier);
  } else if (specifier.startsWith("file:")) {
    target = fileURLToPath(specifier);
  } else if (/^(https?|data|blob|jsr):/.test(specifier)) {
    return {
      ok: false,
      reason:
        `imports "${specifier}": graded code may only import the course's lib/ and its npm packages`,
    };
  }
  if (target === undefined) return { ok: true, rewritten: specifier };
  for (const dir of paths.privateDirs) {
    const rel = relative(dir, target);
    if (rel === "" || (!rel.startsWith("..") && !isAbsolute(rel))) {
      return {
        ok: false,
        reason:
          `imports "${specifier}": graded code may not import the course's solutions or tests`,
      };
    }
  }
  return { ok: true, rewritten: pathToFileURL(target).href };
}

/** Imports gathered from several cells, one line per local binding, first binding wins. */
class ImportSet {
  private readonly lines = new Map<string, string>();
  private readonly sideEffects = new Set<string>();

  /** Adds an import declaration's bindings; returns an error message when it is not allowed. */
  add(cell: CodeCell, decl: ts.ImportDeclaration, paths: CoursePaths): string | undefined {
    const specifier = (decl.moduleSpecifier as ts.StringLiteral).text;
    const check = checkImport(specifier, paths);
    if (!check.ok) return `cell ${cell.number} ${check.reason}`;
    const from = JSON.stringify(check.rewritten);
    const clause = decl.importClause;
    if (!clause) {
      this.sideEffects.add(`import ${from};`);
      return undefined;
    }
    const typeOnly = clause.isTypeOnly ? "type " : "";
    if (clause.name) {
      this.put(clause.name.text, `import ${typeOnly}${clause.name.text} from ${from};`);
    }
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) {
      this.put(bindings.name.text, `import ${typeOnly}* as ${bindings.name.text} from ${from};`);
    } else if (bindings) {
      for (const el of bindings.elements) {
        const imported = el.propertyName ? `${el.propertyName.text} as ` : "";
        const type = typeOnly || (el.isTypeOnly ? "type " : "");
        this.put(el.name.text, `import ${type}{ ${imported}${el.name.text} } from ${from};`);
      }
    }
    return undefined;
  }

  private put(local: string, line: string): void {
    if (!this.lines.has(local)) this.lines.set(local, line);
  }

  /** Whether `name` is bound by an import. */
  binds(name: string): boolean {
    return this.lines.has(name);
  }

  /** The import lines. */
  toString(): string {
    return [...this.sideEffects, ...this.lines.values()].join("\n");
  }
}

/**
 * The text of `cell` between `start` and `end` without its import declarations, with the
 * specifiers of dynamic imports and re-exports checked and rewritten.
 */
function bodyText(
  cell: CodeCell,
  paths: CoursePaths,
  start = 0,
  end = cell.code.length,
): ImportCheck {
  const edits: { start: number; end: number; text: string }[] = [];
  let problem: string | undefined;
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      edits.push({ start: node.getFullStart(), end: node.getEnd(), text: "" });
      return;
    }
    let spec: ts.Expression | undefined;
    if (ts.isExportDeclaration(node) && node.moduleSpecifier) spec = node.moduleSpecifier;
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      spec = node.arguments[0];
    }
    if (spec && ts.isStringLiteralLike(spec)) {
      const check = checkImport(spec.text, paths);
      if (!check.ok) problem ??= `cell ${cell.number} ${check.reason}`;
      else if (check.rewritten !== spec.text) {
        edits.push({
          start: spec.getStart(),
          end: spec.getEnd(),
          text: JSON.stringify(check.rewritten),
        });
      }
    }
    node.forEachChild(visit);
  };
  for (const statement of cell.sourceFile.statements) {
    if (statement.getStart() >= start && statement.getEnd() <= end) visit(statement);
  }
  if (problem) return { ok: false, reason: problem };
  let out = cell.code;
  for (const e of edits.sort((a, b) => b.start - a.start)) {
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
  }
  const removed = edits.filter((e) => e.end <= end).reduce(
    (n, e) => n + (e.end - e.start) - e.text.length,
    0,
  );
  const removedBefore = edits.filter((e) => e.end <= start).reduce(
    (n, e) => n + (e.end - e.start) - e.text.length,
    0,
  );
  return { ok: true, rewritten: out.slice(start - removedBefore, end - removed).trim() };
}

/** A submission's code cells, analysed once, from which exercises are assembled. */
export class SubmissionCells {
  private readonly cells: CodeCell[];

  /** Analyses the code cells of a notebook. */
  constructor(cells: CellLike[], private readonly paths: CoursePaths) {
    this.cells = cells.flatMap((cell, i) =>
      cell.cell_type === "code" ? [analyse(cell, i + 1)] : []
    );
  }

  /** Finds the cell that defines exercise `name`, preferring metadata, then the declared name. */
  private locate(name: string): { cell?: CodeCell; notes: string[] } {
    const notes: string[] = [];
    const declaring = this.cells.filter((c) => c.declarations.has(name));
    const byMetadata = this.cells.filter((c) => c.metadataExercise === name);
    let candidates = declaring.filter((c) => c.metadataExercise === name);
    const untagged = candidates.length > 0
      ? declaring.filter((c) => c.metadataExercise !== name)
      : [];
    if (candidates.length === 0 && declaring.length > 0) {
      candidates = declaring;
      notes.push(
        byMetadata.length > 0
          ? `The cell tagged "${name}" (cell ${
            byMetadata[0].number
          }) does not define it; graded cell ${declaring.at(-1)!.number}, which does.`
          : `Found by its name in cell ${
            declaring.at(-1)!.number
          } (the cell's exercise metadata was missing).`,
      );
    }
    if (candidates.length === 0) {
      if (byMetadata.length > 0) return { cell: byMetadata.at(-1), notes };
      return { notes };
    }
    let chosen = candidates[0];
    if (candidates.length > 1) {
      const edited = candidates.filter((c) => !looksLikeStub(c.declarations.get(name)!.statement));
      const pool = edited.length > 0 ? edited : candidates;
      chosen = pool.at(-1)!;
      notes.push(
        `"${name}" is defined in ${candidates.length} cells (${
          candidates.map((c) => c.number).join(", ")
        }); ` +
          `graded cell ${chosen.number}, the last one ${
            edited.length > 0 ? "that is not the unchanged stub" : ""
          }`.trimEnd() + ".",
      );
    }
    if (untagged.length > 0) {
      notes.push(
        `"${name}" is also defined in ${untagged.length > 1 ? "cells" : "cell"} ${
          untagged.map((c) => c.number).join(", ")
        }, not tagged as the exercise; graded cell ${chosen.number}, the one tagged "${name}".`,
      );
    }
    return { cell: chosen, notes };
  }

  private setupCells(): CodeCell[] {
    const tagged = this.cells.filter((c) => c.isSetup);
    if (tagged.length > 0) return tagged;
    // Metadata lost: the import-only cells are the setup.
    return this.cells.filter((c) =>
      c.imports.length > 0 &&
      c.sourceFile.statements.every((s) => ts.isImportDeclaration(s) || ts.isExpressionStatement(s))
    );
  }

  /** Assembles the module that grades exercise `name`. */
  assemble(name: string): AssembledExercise {
    const { cell, notes } = this.locate(name);
    if (!cell) {
      return {
        kind: "missing",
        name,
        message: `No cell defines "${name}" (and no cell is tagged with it).`,
        notes,
      };
    }
    if (cell.syntaxErrors.length > 0) {
      return {
        kind: "error",
        name,
        message: `Your code does not compile: ${cell.syntaxErrors.join("; ")}`,
        notes,
      };
    }
    const imports = new ImportSet();
    const bodies: string[] = [];
    const provided = new Set<string>(cell.declarations.keys());
    const fail = (kind: "error" | "rejected", message: string): AssembledExercise => ({
      kind,
      name,
      message,
      notes,
    });

    const setups = this.setupCells().filter((c) => c !== cell && c.syntaxErrors.length === 0);
    for (const setup of [...setups, cell]) {
      for (const decl of setup.imports) {
        const problem = imports.add(setup, decl, this.paths);
        if (problem) return fail("rejected", problem);
      }
    }
    for (const setup of setups) {
      const body = bodyText(setup, this.paths);
      if (!body.ok) return fail("rejected", body.reason);
      if (body.rewritten) bodies.push(`// cell ${setup.number} (setup)\n${body.rewritten}`);
      for (const n of setup.declarations.keys()) provided.add(n);
    }
    const own = bodyText(cell, this.paths);
    if (!own.ok) return fail("rejected", own.reason);

    // Declarations from other cells that the exercise refers to, transitively.
    const pending = [...freeNames(cell.sourceFile)];
    const extra: { cell: number; start: number; text: string }[] = [];
    const seen = new Set<string>();
    while (pending.length > 0) {
      const ref = pending.pop()!;
      if (seen.has(ref) || provided.has(ref) || imports.binds(ref)) continue;
      seen.add(ref);
      // The declaration the kernel would have seen last before the exercise cell ran, else a
      // later one (a function body may use names declared further down).
      const declaring = this.cells.filter((c) => c !== cell && c.declarations.has(ref));
      const owner = declaring.filter((c) => c.number < cell.number).at(-1) ?? declaring[0];
      if (!owner) continue;
      if (owner.syntaxErrors.length > 0) {
        return fail(
          "error",
          `"${name}" uses "${ref}", whose cell does not compile: ${owner.syntaxErrors.join("; ")}`,
        );
      }
      const statement = owner.declarations.get(ref)!.statement;
      const body = bodyText(owner, this.paths, statement.getStart(), statement.getEnd());
      if (!body.ok) return fail("rejected", body.reason);
      extra.push({
        cell: owner.number,
        start: statement.getStart(),
        text: `// from cell ${owner.number}\n${body.rewritten}`,
      });
      for (const n of declaredNames(statement)) provided.add(n);
      for (const decl of owner.imports) {
        const problem = imports.add(owner, decl, this.paths);
        if (problem) return fail("rejected", problem);
      }
      pending.push(...freeNames(statement));
    }
    const parts = [
      imports.toString(),
      ...bodies,
      // In notebook order, as the kernel ran them.
      ...extra.sort((x, y) => x.cell - y.cell || x.start - y.start).map((x) => x.text),
      `// cell ${cell.number} (exercise ${name})\n${own.rewritten}`,
    ];
    if (!cell.declarations.get(name)?.exported) {
      if (!cell.declarations.has(name)) {
        return {
          kind: "missing",
          name,
          message: `Cell ${cell.number} is tagged "${name}" but does not define it.`,
          notes,
        };
      }
      parts.push(`export { ${name} };`);
    }
    return { kind: "module", name, code: parts.filter((p) => p !== "").join("\n\n") + "\n", notes };
  }
}

/** The default course paths, relative to this module. */
export function defaultCoursePaths(): CoursePaths {
  const root = resolve(fileURLToPath(new URL("../../../", import.meta.url)));
  return {
    notebooksDir: join(root, "notebooks"),
    privateDirs: [join(root, "solutions"), join(root, "tests")],
  };
}
