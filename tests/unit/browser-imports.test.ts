import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * In the browser bundle a `*.server` module is an empty stand-in, so a value imported from one is `undefined` in any
 * code that runs there. That is how the feedback form's file input lost its name after an in-app link (ATTACHMENT_FIELD
 * came from uploads.server.ts) and photos were silently dropped. This reads each route and component: the code that
 * runs in the browser (the default export, meta, links, handle, ErrorBoundary, any component, and what they call)
 * must not use a value from a `.server` import. loader and action (and what only they call) may.
 */
const BROWSER_EXPORTS = new Set(['default', 'meta', 'links', 'handle', 'ErrorBoundary', 'shouldRevalidate', 'clientLoader', 'clientAction']);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) && !entry.name.includes('.server.') ? [join(dir, entry.name)] : [],
  );
}

/** An identifier that names a value in scope (not `x.name`, `{ name: … }`, `<a name=…>`). */
function isReference(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return false;
  if ((ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent)) && parent.name === node) return false;
  if (ts.isBindingElement(parent) && parent.propertyName === node) return false;
  return !ts.isJsxAttribute(parent);
}

/** The `.server` values a file's browser code uses, as "where: name". */
function serverValuesInBrowserCode(path: string): string[] {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const serverNames = new Set<string>();
  const declarations = new Map<string, ts.Node>();
  const roots: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (!/\.server['"]$/.test(statement.moduleSpecifier.getText()) || !clause || clause.isTypeOnly) continue;
      if (clause.name) serverNames.add(clause.name.text);
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) serverNames.add(bindings.name.text);
      if (bindings && ts.isNamedImports(bindings)) for (const e of bindings.elements) if (!e.isTypeOnly) serverNames.add(e.name.text);
      continue;
    }
    const exported = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    const isDefault = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
    const names: string[] = [];
    if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) names.push(isDefault ? 'default' : (statement.name?.text ?? 'default'));
    else if (ts.isVariableStatement(statement)) names.push(...statement.declarationList.declarations.map((d) => d.name.getText()));
    else if (ts.isExportAssignment(statement)) names.push('default');
    for (const name of names) {
      declarations.set(name, statement);
      // Components run in the browser whether exported or not (PascalCase by React's rule).
      if ((exported && BROWSER_EXPORTS.has(name)) || name === 'default' || /^[A-Z]/.test(name)) roots.push(name);
    }
  }
  if (serverNames.size === 0) return [];
  const found = new Set<string>();
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const walk = (node: ts.Node) => {
      if (ts.isTypeNode(node)) return; // types (`typeof action`) are erased, never run
      if (ts.isIdentifier(node) && isReference(node)) {
        if (serverNames.has(node.text)) found.add(`${name}: ${node.text}`);
        else if (declarations.has(node.text)) visit(node.text);
      }
      ts.forEachChild(node, walk);
    };
    walk(declarations.get(name)!);
  };
  roots.forEach(visit);
  return [...found];
}

describe('code that runs in the browser', () => {
  it('uses no value imported from a .server module (there it is undefined)', () => {
    const offenders = [...files('app/routes'), ...files('app/components'), 'app/root.tsx'].flatMap((path) => serverValuesInBrowserCode(path).map((use) => `${path} ${use}`));
    expect(offenders).toEqual([]);
  });
});
