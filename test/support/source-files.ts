/** The project's own TypeScript source files, for tests that read the tree as text (layering, definitions). */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Folders that hold no source of ours. */
const SKIP = new Set(['node_modules', 'dist', 'coverage', 'reports', '.git']);

export interface SourceFile {
  /** Path from the repository root, with forward slashes. */
  path: string;
  text: string;
}

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || SKIP.has(entry.name)) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(full);
  }
}

/** Every `.ts` file of the tree; `withTests` adds test/ and `*.test.ts`. */
export function sourceFiles(options: { withTests?: boolean } = {}): SourceFile[] {
  const found: string[] = [];
  walk(REPO_ROOT, found);
  return found
    .map((full) => relative(REPO_ROOT, full).split(sep).join('/'))
    .filter((path) => options.withTests || !(path.startsWith('test/') || path.endsWith('.test.ts')))
    .sort()
    .map((path) => ({ path, text: readFileSync(join(REPO_ROOT, path), 'utf8') }));
}
