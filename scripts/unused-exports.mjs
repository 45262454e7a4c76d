#!/usr/bin/env node
// Lists exports of source files that nothing imports and the public API does not re-export.
// Run: node scripts/unused-exports.mjs   (`npm run lint` runs it; --update rewrites the baseline).
//
// A ratchet: the exports found unused when the rule came in are listed in
// fixtures/expectations/unused-exports.txt. A new unused export fails, and so does a listed one that is
// used or gone again is named with a warning (delete its line, or run --update), so the list only shrinks.
//
// An export counts as used when any .ts/.js/.mjs file of the repository imports it (tests included:
// a test importing an internal is a use), or when a package.json "exports" entry point, or bin/,
// re-exports it. It reads imports with the TypeScript parser, never with regular expressions.
import { readFileSync, readdirSync, statSync, existsSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');
/** Folders whose exports are judged. */
const SOURCE = ['cli', 'engine', 'integrations', 'reference-server', 'suites', 'profiles', 'protocol'];
/** Folders (and root files) that may import them. */
const SCAN = [...SOURCE, 'test', 'fixtures', 'bench', 'scripts', 'bin', 'index.ts', 'vitest.config.ts'];
const SKIP = new Set(['node_modules', 'dist', 'reports', 'coverage', 'bench/results']);

const rel = (p) => relative(ROOT, p).split(sep).join('/');

function walk(path, out) {
  if (!existsSync(path)) return out;
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path))
      if (name !== 'node_modules' && !SKIP.has(rel(join(path, name)))) walk(join(path, name), out);
  } else if (/\.(ts|mts|js|mjs)$/.test(path) && !path.endsWith('.d.ts')) out.push(path);
  return out;
}

/** `./x.js` from `from` → the repository file it means; `dist/` paths map back to their .ts source. */
function resolveSpecifier(from, spec) {
  if (!spec.startsWith('.')) return undefined;
  let target = resolve(dirname(from), spec);
  const inDist = rel(target).startsWith('dist/');
  if (inDist) target = join(ROOT, rel(target).slice('dist/'.length));
  const candidates = [
    target,
    target.replace(/\.js$/, '.ts'),
    target.replace(/\.mjs$/, '.mts'),
    `${target}.ts`,
    join(target, 'index.ts'),
  ];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

const files = SCAN.flatMap((s) => walk(join(ROOT, s), []));
/** file → Set of exported names (own declarations and re-exports). */
const exported = new Map();
/** file → Set of used names, or '*' for all. */
const used = new Map();
/** [from, target, 'star' | [importedName, exportedName]] re-export edges. */
const reexports = [];

const use = (file, name) => {
  if (used.get(file) === '*') return;
  if (name === '*') return void used.set(file, '*');
  if (!used.has(file)) used.set(file, new Set());
  used.get(file).add(name);
};
const isUsed = (file, name) => used.get(file) === '*' || (used.get(file)?.has(name) ?? false);
const hasExport = (node) => ts.getCombinedModifierFlags(node) & ts.ModifierFlags.Export;

for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const names = new Set();
  exported.set(file, names);
  const visit = (node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const target = resolveSpecifier(file, node.moduleSpecifier.text);
      const clause = node.importClause;
      if (target && clause) {
        if (clause.name) use(target, 'default');
        const bindings = clause.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) use(target, '*');
        if (bindings && ts.isNamedImports(bindings))
          for (const el of bindings.elements) use(target, (el.propertyName ?? el.name).text);
      } else if (target) use(target, '*'); // a side-effect import keeps the module, not its names
    } else if (ts.isExportDeclaration(node)) {
      const target =
        node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)
          ? resolveSpecifier(file, node.moduleSpecifier.text)
          : undefined;
      if (!node.exportClause) {
        if (target) reexports.push([file, target, 'star']);
      } else if (ts.isNamespaceExport(node.exportClause)) {
        names.add(node.exportClause.name.text);
        if (target) reexports.push([file, target, ['*', node.exportClause.name.text]]);
      } else {
        for (const el of node.exportClause.elements) {
          names.add(el.name.text);
          if (target) reexports.push([file, target, [(el.propertyName ?? el.name).text, el.name.text]]);
        }
      }
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      // `import('./x.js').Name` in a type position.
      const target = resolveSpecifier(file, node.argument.literal.text);
      if (target) use(target, node.qualifier && ts.isIdentifier(node.qualifier) ? node.qualifier.text : '*');
    } else if (ts.isExportAssignment(node)) {
      names.add('default');
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      const target = arg && ts.isStringLiteral(arg) ? resolveSpecifier(file, arg.text) : undefined;
      if (target) {
        // `const { a, b } = await import('./x.js')` uses a and b; any other shape uses the whole module.
        const decl = ts.isAwaitExpression(node.parent) ? node.parent.parent : undefined;
        if (decl && ts.isVariableDeclaration(decl) && ts.isObjectBindingPattern(decl.name)) {
          for (const el of decl.name.elements) {
            const key = el.propertyName ?? el.name;
            if (ts.isIdentifier(key)) use(target, key.text);
            else use(target, '*');
          }
        } else use(target, '*');
      }
    } else if (
      (ts.isFunctionDeclaration(node) ||
        ts.isClassDeclaration(node) ||
        ts.isInterfaceDeclaration(node) ||
        ts.isTypeAliasDeclaration(node) ||
        ts.isEnumDeclaration(node)) &&
      hasExport(node) &&
      node.parent === sf
    ) {
      const isDefault = ts.getCombinedModifierFlags(node) & ts.ModifierFlags.Default;
      names.add(isDefault ? 'default' : (node.name?.text ?? 'default'));
    } else if (ts.isVariableStatement(node) && hasExport(node) && node.parent === sf) {
      for (const d of node.declarationList.declarations) if (ts.isIdentifier(d.name)) names.add(d.name.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
}

// The public API: every entry point of package.json "exports", and bin/, uses all it exports.
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
for (const entry of Object.values(pkg.exports)) {
  const path = typeof entry === 'string' ? entry : entry.import;
  if (!path?.startsWith('./dist/')) continue;
  const source = join(ROOT, path.slice('./dist/'.length).replace(/\.js$/, '.ts'));
  if (existsSync(source)) use(source, '*');
}

// Propagate through re-exports until nothing changes.
for (let changed = true; changed;) {
  changed = false;
  for (const [from, target, what] of reexports) {
    const before = used.get(target) === '*' ? Infinity : (used.get(target)?.size ?? 0);
    if (what === 'star') {
      if (used.get(from) === '*') use(target, '*');
      else for (const name of used.get(from) ?? []) if (!ownExport(from, name)) use(target, name);
    } else if (isUsed(from, what[1])) use(target, what[0]);
    const after = used.get(target) === '*' ? Infinity : (used.get(target)?.size ?? 0);
    if (after !== before) changed = true;
  }
}

function ownExport(file, name) {
  return exported.get(file)?.has(name) ?? false;
}

const isSource = (file) =>
  SOURCE.some((s) => rel(file).startsWith(`${s}/`)) && !/\.test\.ts$/.test(file) && file.endsWith('.ts');
const unused = [];
for (const [file, names] of exported) {
  if (!isSource(file)) continue;
  for (const name of names) if (!isUsed(file, name)) unused.push(`${rel(file)}: ${name}`);
}
unused.sort();

const BASELINE = join(ROOT, 'fixtures/expectations/unused-exports.txt');
if (process.argv.includes('--update')) {
  const header =
    '# Exports nothing imports, listed when the rule came in (scripts/unused-exports.mjs). Only ever shrinks.\n';
  writeFileSync(BASELINE, header + unused.map((l) => `${l}\n`).join(''));
  console.log(`unused-exports: wrote ${unused.length} line(s) to ${rel(BASELINE)}`);
  process.exit(0);
}
const listed = existsSync(BASELINE)
  ? readFileSync(BASELINE, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.startsWith('#'))
  : [];
const known = new Set(listed);
const found = new Set(unused);
const fresh = unused.filter((l) => !known.has(l));
const stale = listed.filter((l) => !found.has(l));
if (fresh.length > 0) {
  console.error(
    `${fresh.length} export(s) nothing imports: un-export or delete them (tests importing them count as a use):`,
  );
  for (const line of fresh) console.error(`  ${line}`);
}
if (stale.length > 0) {
  console.error(
    `warning: ${stale.length} line(s) of ${rel(BASELINE)} no longer apply: delete them (or run node scripts/unused-exports.mjs --update):`,
  );
  for (const line of stale) console.error(`  ${line}`);
}
// A stale line only warns: branches merged one after another each shrink the list, and that is no failure.
if (fresh.length > 0) process.exit(1);
console.log(
  `unused-exports: ${files.length} files read; ${unused.length} known unused export(s) left in ${rel(BASELINE)}, no new one`,
);
