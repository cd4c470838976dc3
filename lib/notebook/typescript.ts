/**
 * TypeScript source analysis for notebooks and solutions, on the TypeScript compiler's
 * parser (npm:typescript): top-level declarations with their JSDoc and a normalised
 * signature, syntax diagnostics with line and column, module specifiers and identifiers.
 *
 * Signatures are printed by the compiler's printer and then have their whitespace
 * collapsed, so the same signature formatted differently (line breaks, trailing commas,
 * comments) gives the same text: `softmax(x: number[], temperature?: number): number[]`.
 *
 * @module
 */
import ts from "typescript";

/** What a top-level declaration declares. */
export type DeclarationKind =
  | "function"
  | "class"
  | "const"
  | "let"
  | "var"
  | "interface"
  | "type"
  | "enum";

/** A top-level declaration. */
export interface Declaration {
  name: string;
  kind: DeclarationKind;
  /** Whether the module exports it (by an `export` modifier or an `export { name }`). */
  exported: boolean;
  /** The source text from the leading JSDoc (or the declaration) to its end. */
  text: string;
  /** The leading JSDoc comment (`/** ... *\/`), if there is one. */
  jsDoc?: string;
  /** Offsets of {@link text} in the source, `[start, end)`. */
  start: number;
  end: number;
  /** 1-based lines of the first and last character of {@link text}. */
  startLine: number;
  endLine: number;
  /**
   * The normalised signature. Functions: `name<T>(params): Return`; classes: the header,
   * the constructor and the public methods and accessors, one per line; variables:
   * `const name: Type` (or the arrow function's signature); interfaces, types and enums:
   * the whole declaration.
   */
  signature: string;
}

/** A syntax error at a 1-based line and column. */
export interface SyntaxDiagnostic {
  line: number;
  column: number;
  message: string;
}

/** Thrown when a required declaration is missing. */
export class DeclarationNotFoundError extends Error {
  /** Creates the error with a message listing what the module does declare. */
  constructor(message: string) {
    super(message);
    this.name = "DeclarationNotFoundError";
  }
}

const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });

/** Parses `source` (TypeScript) into a syntax tree. */
export function parseSource(source: string, fileName = "module.ts"): ts.SourceFile {
  return ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

/** Every named top-level declaration of `source`, in source order. */
export function declarations(source: string, fileName = "module.ts"): Declaration[] {
  const file = parseSource(source, fileName);
  const exportedLocals = new Set<string>();
  for (const statement of file.statements) {
    if (
      ts.isExportDeclaration(statement) && !statement.moduleSpecifier &&
      statement.exportClause && ts.isNamedExports(statement.exportClause)
    ) {
      for (const element of statement.exportClause.elements) {
        if (!element.propertyName || element.propertyName.getText() === element.name.text) {
          exportedLocals.add(element.name.text);
        }
      }
    }
  }
  const found: Declaration[] = [];
  const statements = file.statements;
  for (let i = 0; i < statements.length; i++) {
    const statement = statements[i];
    const exported = hasModifier(statement, ts.SyntaxKind.ExportKeyword);
    const add = (name: string, kind: DeclarationKind, last: ts.Node, signature: string) => {
      found.push(
        makeDeclaration(
          file,
          statement,
          last,
          name,
          kind,
          exported || exportedLocals.has(name),
          signature,
        ),
      );
    };
    if (ts.isFunctionDeclaration(statement) && statement.name) {
      // Overloads: the signatures without a body followed by the implementation.
      const group = [statement];
      while (
        !group[group.length - 1].body && i + 1 < statements.length &&
        ts.isFunctionDeclaration(statements[i + 1]) &&
        (statements[i + 1] as ts.FunctionDeclaration).name?.text === statement.name.text
      ) {
        group.push(statements[++i] as ts.FunctionDeclaration);
      }
      const signatures = group.length > 1 ? group.filter((f) => !f.body) : group;
      add(
        statement.name.text,
        "function",
        group[group.length - 1],
        signatures.map((f) => functionSignature(f, file)).join("\n"),
      );
    } else if (ts.isClassDeclaration(statement) && statement.name) {
      add(statement.name.text, "class", statement, classSignature(statement, file));
    } else if (ts.isVariableStatement(statement)) {
      const flags = statement.declarationList.flags;
      const kind = flags & ts.NodeFlags.Const ? "const" : flags & ts.NodeFlags.Let ? "let" : "var";
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name)) {
          add(
            declaration.name.text,
            kind,
            statement,
            variableSignature(kind, declaration, file),
          );
        }
      }
    } else if (
      ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) ||
      ts.isEnumDeclaration(statement)
    ) {
      const kind = ts.isInterfaceDeclaration(statement)
        ? "interface"
        : ts.isTypeAliasDeclaration(statement)
        ? "type"
        : "enum";
      add(statement.name.text, kind, statement, withoutExport(print(statement, file)));
    }
  }
  return found;
}

/**
 * The top-level declaration named `name` (by default only an exported one), or
 * `undefined`.
 */
export function findDeclaration(
  source: string,
  name: string,
  options: { fileName?: string; exportedOnly?: boolean } = {},
): Declaration | undefined {
  const exportedOnly = options.exportedOnly ?? true;
  return declarations(source, options.fileName).find((d) =>
    d.name === name && (d.exported || !exportedOnly)
  );
}

/**
 * The exported declaration named `name`; throws {@link DeclarationNotFoundError} listing
 * the exported names of `fileName` when there is none.
 */
export function requireExportedDeclaration(
  source: string,
  name: string,
  fileName = "module.ts",
): Declaration {
  const all = declarations(source, fileName);
  const found = all.find((d) => d.name === name && d.exported);
  if (found) return found;
  const exported = all.filter((d) => d.exported).map((d) => d.name);
  const local = all.find((d) => d.name === name);
  throw new DeclarationNotFoundError(
    `${fileName} has no exported declaration "${name}"` +
      (local ? ` (it declares ${name} without \`export\`)` : "") +
      `; exported: ${exported.length ? exported.join(", ") : "(none)"}`,
  );
}

/** The syntax errors of `source` (no type checking), with 1-based line and column. */
export function syntaxDiagnostics(source: string, fileName = "module.ts"): SyntaxDiagnostic[] {
  const output = ts.transpileModule(source, {
    fileName,
    reportDiagnostics: true,
    compilerOptions: { target: ts.ScriptTarget.ESNext, module: ts.ModuleKind.ESNext },
  });
  return (output.diagnostics ?? [])
    .filter((d) => d.file !== undefined && d.start !== undefined)
    .map((d) => {
      const { line, character } = d.file!.getLineAndCharacterOfPosition(d.start!);
      return {
        line: line + 1,
        column: character + 1,
        message: ts.flattenDiagnosticMessageText(d.messageText, "\n"),
      };
    });
}

function makeDeclaration(
  file: ts.SourceFile,
  first: ts.Statement,
  last: ts.Node,
  name: string,
  kind: DeclarationKind,
  exported: boolean,
  signature: string,
): Declaration {
  const source = file.text;
  const nodeStart = first.getStart(file);
  const jsDocRange = (ts.getLeadingCommentRanges(source, first.pos) ?? [])
    .filter((r) =>
      r.kind === ts.SyntaxKind.MultiLineCommentTrivia && source.startsWith("/**", r.pos) &&
      source.slice(r.pos, r.pos + 4) !== "/**/" && source.slice(r.end, nodeStart).trim() === ""
    )
    .pop();
  const start = jsDocRange?.pos ?? nodeStart;
  const end = last.end;
  return {
    name,
    kind,
    exported,
    text: source.slice(start, end),
    jsDoc: jsDocRange ? source.slice(jsDocRange.pos, jsDocRange.end) : undefined,
    start,
    end,
    startLine: file.getLineAndCharacterOfPosition(start).line + 1,
    endLine: file.getLineAndCharacterOfPosition(Math.max(start, end - 1)).line + 1,
    signature,
  };
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) &&
    (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === kind);
}

function print(node: ts.Node, file: ts.SourceFile): string {
  // The printer may break tuples and argument lists over lines; after collapsing the
  // whitespace, drop the spaces that leaves inside brackets and parentheses.
  return printer.printNode(ts.EmitHint.Unspecified, node, file)
    .replace(/\s+/g, " ")
    .replace(/([[(]) /g, "$1")
    .replace(/ ([\])])/g, "$1")
    .trim();
}

function withoutExport(text: string): string {
  return text.replace(/^(export\s+(default\s+)?)?(declare\s+)?/, "");
}

function parameterList(
  node: ts.SignatureDeclarationBase,
  file: ts.SourceFile,
): string {
  const typeParameters = node.typeParameters
    ? `<${node.typeParameters.map((p) => print(p, file)).join(", ")}>`
    : "";
  const parameters = node.parameters.map((p) => print(p, file)).join(", ");
  const returnType = node.type ? `: ${print(node.type, file)}` : "";
  return `${typeParameters}(${parameters})${returnType}`;
}

function functionSignature(node: ts.FunctionDeclaration, file: ts.SourceFile): string {
  const async = hasModifier(node, ts.SyntaxKind.AsyncKeyword) ? "async " : "";
  const star = node.asteriskToken ? "*" : "";
  return `${async}${star}${node.name?.text ?? ""}${parameterList(node, file)}`;
}

function classSignature(node: ts.ClassDeclaration, file: ts.SourceFile): string {
  const typeParameters = node.typeParameters
    ? `<${node.typeParameters.map((p) => print(p, file)).join(", ")}>`
    : "";
  const heritage = (node.heritageClauses ?? []).map((h) => ` ${print(h, file)}`).join("");
  const abstract = hasModifier(node, ts.SyntaxKind.AbstractKeyword) ? "abstract " : "";
  const lines = [`${abstract}class ${node.name?.text ?? ""}${typeParameters}${heritage}`];
  for (const member of node.members) {
    const isPublic = !hasModifier(member, ts.SyntaxKind.PrivateKeyword) &&
      !hasModifier(member, ts.SyntaxKind.ProtectedKeyword) &&
      !(member.name && ts.isPrivateIdentifier(member.name));
    if (!isPublic) continue;
    const prefix = ["static", "abstract", "async"]
      .filter((word) =>
        hasModifier(
          member,
          word === "static"
            ? ts.SyntaxKind.StaticKeyword
            : word === "abstract"
            ? ts.SyntaxKind.AbstractKeyword
            : ts.SyntaxKind.AsyncKeyword,
        )
      )
      .map((word) => `${word} `)
      .join("");
    if (ts.isConstructorDeclaration(member)) {
      lines.push(`constructor${parameterList(member, file)}`);
    } else if (ts.isMethodDeclaration(member)) {
      const star = member.asteriskToken ? "*" : "";
      const optional = member.questionToken ? "?" : "";
      lines.push(
        `${prefix}${star}${print(member.name, file)}${optional}${parameterList(member, file)}`,
      );
    } else if (ts.isGetAccessorDeclaration(member) || ts.isSetAccessorDeclaration(member)) {
      const word = ts.isGetAccessorDeclaration(member) ? "get" : "set";
      lines.push(`${prefix}${word} ${print(member.name, file)}${parameterList(member, file)}`);
    }
  }
  return lines.join("\n");
}

function variableSignature(
  kind: DeclarationKind,
  node: ts.VariableDeclaration,
  file: ts.SourceFile,
): string {
  const name = print(node.name, file);
  if (node.type) return `${kind} ${name}: ${print(node.type, file)}`;
  const init = node.initializer;
  if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) {
    const async = hasModifier(init, ts.SyntaxKind.AsyncKeyword) ? "async " : "";
    return `${kind} ${name} = ${async}${parameterList(init, file)}`;
  }
  return `${kind} ${name}`;
}
