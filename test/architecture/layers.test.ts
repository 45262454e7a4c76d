/**
 * docs/architecture.md matches the code: every path it names exists, every source folder has a row in its
 * layer table, no source file imports a folder its row does not allow, and test/ files sit in their folders.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { expect, test } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const DOC = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');

/** The layer table between the layers markers: folder (or root file) → what it may import. */
function layerTable(): Map<string, Set<string>> {
  const block = /<!-- layers:start -->([\s\S]*?)<!-- layers:end -->/.exec(DOC)?.[1] ?? '';
  const rows = block.split('\n').filter((l) => l.startsWith('| `'));
  return new Map(
    rows.map((row) => {
      const [from = '', to = ''] = row.split('|').slice(1, 3);
      const names = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!.replace(/\/$/, ''));
      return [names(from)[0]!, new Set(names(to))];
    }),
  );
}

/** The layer a repository path belongs to: its top folder, or the root file itself. */
const layerOf = (path: string) => (path.includes('/') ? path.slice(0, path.indexOf('/')) : path);

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

const table = layerTable();
/** Top-level folders holding TypeScript that ships (tsconfig.build.json), fixtures excepted: data, not a layer. */
const shipped = (
  JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8')) as { include: string[] }
).include
  .filter((p) => p !== 'fixtures')
  .filter((p) => existsSync(join(ROOT, p)));

test('the layer table has a row for every shipped source folder, and each folder it names exists', () => {
  expect(table.size).toBeGreaterThan(5);
  expect([...table.keys()].sort()).toEqual(expect.arrayContaining(shipped));
  for (const [from, allowed] of table)
    for (const name of [from, ...allowed])
      expect(existsSync(join(ROOT, name)), `${name} (docs/architecture.md)`).toBe(true);
});

test('every path docs/architecture.md names exists', () => {
  const paths = [...DOC.matchAll(/`([^`\s<>*…]+)`/g)].map((m) => m[1]!).filter((p) => /^[\w.-]+\//.test(p)); // the doc writes every path from the root
  expect(paths.length).toBeGreaterThan(20);
  const missing = paths.filter((p) => !existsSync(join(ROOT, p.replace(/\/$/, ''))));
  expect(missing).toEqual([]);
});

/** Every relative import of a source file that reaches a layer its row in `rules` does not allow. */
function violations(rules: Map<string, Set<string>>): string[] {
  const found: string[] = [];
  for (const [from, allowed] of rules) {
    const files = from.endsWith('.ts') ? [from] : existsSync(join(ROOT, from)) ? sources(from) : [];
    for (const file of files) {
      const { importedFiles } = ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true);
      for (const { fileName } of importedFiles) {
        if (!fileName.startsWith('.')) continue;
        const target = relative(ROOT, resolve(ROOT, file, '..', fileName))
          .split(sep)
          .join('/')
          .replace(/^index\.js$/, 'index.ts');
        const layer = layerOf(target);
        if (layer !== from && !allowed.has(layer)) found.push(`${file} imports ${target}`);
      }
    }
  }
  return found;
}

test('no source file imports a layer its row does not allow', () => {
  expect(violations(table)).toEqual([]);
});

test('the walk sees imports: suites/ without engine/ in its row is a violation', () => {
  const stricter = new Map(table);
  stricter.set('suites', new Set([...table.get('suites')!].filter((l) => l !== 'engine')));
  expect(violations(stricter).some((v) => /^suites\/.* imports engine\//.test(v))).toBe(true);
  expect(table.get('engine')?.has('suites')).toBe(false);
  expect(table.get('reference-server')?.has('engine')).toBe(false);
});

// The script lists files with git; a copy without .git (an unpacked tarball) has nothing to judge.
test.skipIf(!existsSync(join(ROOT, '.git')))(
  'every test file sits where test/README.md says (scripts/relayout-tests.mjs has nothing to move)',
  () => {
    const out = execFileSync(process.execPath, [join(ROOT, 'scripts/relayout-tests.mjs'), '--dry-run'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(out).toMatch(/, 0 to move\n/);
    expect(out.split('\n').filter((l) => /UNKNOWN|NOT MOVED|UNTRACKED/.test(l))).toEqual([]);
  },
);
