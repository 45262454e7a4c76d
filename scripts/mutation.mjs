#!/usr/bin/env node
// `npm run mutation`: runs every suite against the clean rfc reference server and against one server
// per quirk, then prints the mutation score (quirks caught / total, per suite and per profile).
//   --update            rewrite fixtures/expectations/mutation-table.json and docs/what-scimulator-catches.md
//   --quirk NAME        sweep only this quirk (repeatable; never written with --update)
//   --concurrency N     runs in flight at once (default 4; all in one event loop, so one core)
//   --json              print the table as JSON instead of the score
// Exit 1 when the clean run is not clean or a quirk made the harness error (a harness bug); uncaught
// quirks are printed in the score (test/mutation gates on them, with its list of checks still missing).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  diffTables,
  parseTable,
  renderCatalogueDoc,
  renderScore,
  serialiseTable,
  toMutationTable,
} from '../dist/engine/mutation/index.js';
import {
  CATCHES_DOC_PATH,
  MUTATION_TABLE_PATH,
  repoRoot,
  sweepChecks,
  sweepQuirks,
  sweepReferenceServer,
} from '../dist/fixtures/expectations/mutation-sweep.js';

const { values } = parseArgs({
  options: {
    update: { type: 'boolean', default: false },
    quirk: { type: 'string', multiple: true },
    concurrency: { type: 'string', default: '4' },
    json: { type: 'boolean', default: false },
  },
});
const concurrency = Number(values.concurrency);
if (!Number.isInteger(concurrency) || concurrency < 1) {
  console.error('--concurrency must be a positive integer');
  process.exit(2);
}
const known = new Set(sweepQuirks().map((q) => q.name));
const unknown = (values.quirk ?? []).filter((q) => !known.has(q));
if (unknown.length > 0) {
  console.error(`unknown quirk: ${unknown.join(', ')} (see \`scimulator list quirks\`)`);
  process.exit(2);
}
if (values.update && values.quirk) {
  console.error('--update rewrites the whole table; it cannot be combined with --quirk');
  process.exit(2);
}

const total = values.quirk?.length ?? known.size;
let finished = 0;
const sweep = await sweepReferenceServer({
  concurrency,
  ...(values.quirk ? { quirks: values.quirk } : {}),
  onRun: (run) => {
    if (run.quirk === null) {
      process.stderr.write(`clean run: ${run.results.length} results in ${run.ms} ms\n`);
      return;
    }
    finished++;
    const caught = run.caught.length === 0 ? 'UNCAUGHT' : `${run.caught.length} checks`;
    process.stderr.write(`[${finished}/${total}] ${run.quirk}: ${caught} (${run.ms} ms)\n`);
  },
});
const table = toMutationTable(sweep);
const checks = sweepChecks();

let code = 0;
const dirty = sweep.clean.results.filter((r) => r.outcome === 'fail' || r.outcome === 'error');
for (const r of [...dirty, ...sweep.clean.errored.filter((e) => e.key === '(run)')]) {
  console.error(`clean run: ${r.key} ${r.outcome} ${r.code ?? ''} ${r.message ?? ''}`);
  code = 1;
}
for (const run of sweep.quirks) {
  for (const e of run.errored) {
    console.error(`harness error under ${run.quirk}: ${e.key} ${e.code ?? ''} ${e.message ?? ''}`);
    code = 1;
  }
}

if (values.json) process.stdout.write(serialiseTable(table));
else process.stdout.write(renderScore(table, checks, sweep.profiles));
process.stderr.write(
  `sweep: ${sweep.quirks.length} quirks + clean run in ${(sweep.durationMs / 1000).toFixed(1)} s\n`,
);

const root = repoRoot();
if (values.update) {
  writeFileSync(join(root, MUTATION_TABLE_PATH), serialiseTable(table));
  writeFileSync(
    join(root, CATCHES_DOC_PATH),
    renderCatalogueDoc({ quirks: sweepQuirks(), table, checks, profiles: sweep.profiles }),
  );
  process.stderr.write(`wrote ${MUTATION_TABLE_PATH} and ${CATCHES_DOC_PATH}\n`);
} else {
  const committed = parseTable(readFileSync(join(root, MUTATION_TABLE_PATH), 'utf8'));
  const subset = values.quirk
    ? Object.fromEntries(Object.entries(committed).filter(([q]) => values.quirk.includes(q)))
    : committed;
  const diffs = diffTables(subset, table);
  for (const d of diffs) {
    const parts = [
      d.lost.length ? `no longer caught by ${d.lost.join(', ')}` : '',
      d.gained.length ? `newly caught by ${d.gained.join(', ')}` : '',
    ].filter(Boolean);
    process.stderr.write(
      `differs from ${MUTATION_TABLE_PATH}: ${d.quirk}: ${parts.join('; ') || 'added or removed'}\n`,
    );
  }
  if (diffs.length > 0) process.stderr.write('run `npm run mutation -- --update` to accept the new table\n');
}
process.exitCode = code;
