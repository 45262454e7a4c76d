/**
 * Vitest global setup: compiles dist/ once for the whole run, and only when a source is newer than it, so the
 * tests that spawn `bin/scimulator.js` or pack the package no longer each run tsc (16 s apiece on 2 cores).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = [
  'index.ts',
  'cli',
  'integrations',
  'engine',
  'reference-server',
  'suites',
  'profiles',
  'fixtures',
];

/** Newest modification time below `path` of the files whose name passes `keep` (0 when there are none). */
function newest(path: string, keep: (name: string) => boolean): number {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return keep(path) ? stat.mtimeMs : 0;
  let latest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules') continue;
    latest = Math.max(latest, newest(join(path, entry), keep));
  }
  return latest;
}

export function distIsFresh(): boolean {
  const source = Math.max(
    ...SOURCES.map((s) => newest(s, (n) => n.endsWith('.ts') && !n.endsWith('.test.ts'))),
    newest('tsconfig.json', () => true),
    newest('tsconfig.build.json', () => true),
  );
  const built = newest('dist', (n) => n.endsWith('.js'));
  return built > 0 && built >= source;
}

export default function setup(): void {
  if (distIsFresh()) return;
  // Emits even when some folder has type errors (noEmitOnError is off): the spawn tests only need dist/.
  spawnSync(
    process.execPath,
    [join('node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
    {
      stdio: 'ignore',
    },
  );
}
