#!/usr/bin/env node
// Regenerates the README's figures section (check counts and requirement coverage per RFC) from the check
// catalogue and docs/requirements/*.md. Needs `npm run build` first.
//   --check   exit 1 (and write nothing) when the README's section is stale
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRequirements, renderFigures, withReadmeFigures } from '../dist/engine/requirements/index.js';
import { repoRoot } from '../dist/fixtures/expectations/mutation-sweep.js';
import { SUITES } from '../dist/suites/index.js';

const readmePath = join(repoRoot(), 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const next = withReadmeFigures(
  readme,
  renderFigures(
    SUITES.flatMap((s) => s.checks),
    loadRequirements(),
  ),
);
if (process.argv.includes('--check')) {
  if (next !== readme) {
    console.error('the README figures are stale: run `npm run build && node scripts/figures-doc.mjs`');
    process.exit(1);
  }
} else {
  writeFileSync(readmePath, next);
  console.error('wrote the README figures section');
}
