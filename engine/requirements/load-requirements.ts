/**
 * Loads the shipped checklists (docs/requirements/rfc7643.md, rfc7644.md, rfc9865.md) from the package root.
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HarnessError } from '../errors.js';
import { parseRequirements, type RequirementRow } from './parse-requirements.js';

/** The checklists, in the order `list requirements` prints them. */
const REQUIREMENT_FILES = ['rfc7643.md', 'rfc7644.md', 'rfc9865.md'] as const;

/** docs/requirements of the package this module belongs to (found from src/ and from dist/). */
function requirementsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'docs', 'requirements')))
      return join(dir, 'docs', 'requirements');
    const up = dirname(dir);
    if (up === dir)
      throw new HarnessError('HARNESS_FIXTURE_INVALID', 'cannot find docs/requirements above the engine');
    dir = up;
  }
}

/** Every row of every checklist; an unreadable checklist is a HARNESS_FIXTURE_INVALID naming the file. */
export function loadRequirements(dir = requirementsDir()): RequirementRow[] {
  const rows: RequirementRow[] = [];
  for (const file of REQUIREMENT_FILES) {
    const path = join(dir, file);
    try {
      rows.push(...parseRequirements(readFileSync(path, 'utf8'), file));
    } catch (err) {
      throw new HarnessError('HARNESS_FIXTURE_INVALID', `cannot read ${path}: ${(err as Error).message}`, {
        cause: err,
      });
    }
  }
  return rows;
}
