#!/usr/bin/env node
// Regenerates docs/what-scimulator-catches.md from the quirk catalogue, the check catalogue and the
// committed mutation table (fixtures/expectations/mutation-table.json). Needs `npm run build` first.
//   --check   exit 1 (and write nothing) when the committed page is stale
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTable, renderCatalogueDoc, withReadmeCatchesSection } from '../dist/engine/mutation/index.js';
import {
  CATCHES_DOC_PATH,
  MUTATION_TABLE_PATH,
  repoRoot,
  sweepChecks,
  sweepProfiles,
  sweepQuirks,
} from '../dist/fixtures/expectations/mutation-sweep.js';

const root = repoRoot();
const table = parseTable(readFileSync(join(root, MUTATION_TABLE_PATH), 'utf8'));
const doc = renderCatalogueDoc({
  quirks: sweepQuirks(),
  table,
  checks: sweepChecks(),
  profiles: ['rfc', ...sweepProfiles().map((p) => p.name)],
});
const path = join(root, CATCHES_DOC_PATH);
const readmePath = join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const nextReadme = withReadmeCatchesSection(readme, doc, CATCHES_DOC_PATH);
if (process.argv.includes('--check')) {
  const current = readFileSync(path, 'utf8');
  if (current !== doc || readme !== nextReadme) {
    console.error(
      `${CATCHES_DOC_PATH} or the README's "What scimulator catches" is stale: run \`node scripts/catalogue-doc.mjs\``,
    );
    process.exit(1);
  }
} else {
  writeFileSync(path, doc);
  writeFileSync(readmePath, nextReadme);
  console.error(`wrote ${CATCHES_DOC_PATH} and the README section`);
}
