/**
 * Where this `scimulator` package lives, so a user file's `import … from 'scimulator'` is bound to
 * the harness that runs it (types for the compiler, the module for the runtime).
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { HarnessError } from '../errors.js';

interface PackageEntry {
  root: string;
  /** What the type checker resolves `scimulator` to: `dist/index.d.ts`, or `index.ts` when running from source. */
  types: string;
  /** The file URL a compiled user module imports instead of the bare `scimulator`. */
  runtime: string;
}

let cached: PackageEntry | undefined;

/** The package root (the folder of the package.json named `scimulator`) and its entry points. */
export function packageEntry(): PackageEntry {
  if (cached) return cached;
  const here = fileURLToPath(import.meta.url);
  let dir = dirname(here);
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const name = (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name;
      if (name === 'scimulator') break;
    }
    const parent = dirname(dir);
    if (parent === dir)
      throw new HarnessError('HARNESS_BUG', `cannot find the scimulator package.json above ${here}`);
    dir = parent;
  }
  // Running from the TypeScript sources (tests, ts-node): bind to the sources; otherwise to dist/.
  const fromSource = here.endsWith('.ts');
  const types = fromSource ? join(dir, 'index.ts') : join(dir, 'dist', 'index.d.ts');
  const runtime = pathToFileURL(fromSource ? join(dir, 'index.ts') : join(dir, 'dist', 'index.js')).href;
  cached = { root: dir, types, runtime };
  return cached;
}
