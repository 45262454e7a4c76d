import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import {
  diffTables,
  parseTable,
  renderCatalogueDoc,
  serialiseTable,
  toMutationTable,
  type MutationSweep,
  type MutationTable,
} from '../../engine/mutation/index.js';
import {
  CATCHES_DOC_PATH,
  MUTATION_TABLE_PATH,
  repoRoot,
  sweepChecks,
  sweepProfiles,
  sweepQuirks,
  sweepReferenceServer,
} from '../../fixtures/expectations/mutation-sweep.js';

const UPDATE = process.env.UPDATE_EXPECTATIONS === '1';
const tablePath = join(repoRoot(), MUTATION_TABLE_PATH);
let sweep: MutationSweep;
let table: MutationTable;

beforeAll(async () => {
  sweep = await sweepReferenceServer();
  table = toMutationTable(sweep);
  if (UPDATE) {
    writeFileSync(tablePath, serialiseTable(table));
    const doc = renderCatalogueDoc({
      quirks: sweepQuirks(),
      table,
      checks: sweepChecks(),
      profiles: sweep.profiles,
    });
    writeFileSync(join(repoRoot(), CATCHES_DOC_PATH), doc);
  }
}, 300_000);

test('every check passes (or is skipped) against the clean rfc flavour', () => {
  const broken = sweep.clean.results
    .filter((r) => r.outcome === 'fail' || r.outcome === 'error')
    .map((r) => `${r.key}: ${r.outcome} ${r.code ?? ''} ${r.message ?? ''}`);
  expect([...broken, ...sweep.clean.errored.filter((e) => e.key === '(run)').map((e) => e.message)]).toEqual(
    [],
  );
  expect(sweep.clean.results.length).toBeGreaterThan(0);
});

test('the sweep covers every quirk and every shipped profile', () => {
  expect(sweep.quirks.map((r) => r.quirk)).toEqual(sweepQuirks().map((q) => q.name));
  expect(sweep.profiles).toEqual([
    'rfc',
    ...sweepProfiles()
      .map((p) => p.name)
      .filter((n) => n !== 'rfc'),
  ]);
});

test('no quirk makes the harness error: a broken server is a failure of the target, never of the harness', () => {
  const errored = sweep.quirks.flatMap((r) =>
    r.errored.map((e) => `${r.quirk}: ${e.key} ${e.code ?? ''} ${e.message ?? ''}`),
  );
  expect(errored).toEqual([]);
});

/**
 * Quirks no check catches yet, each with the check the suite owners must add. The list may only shrink:
 * once a check catches a quirk, the test fails until its entry is removed here.
 */
const AWAITING_A_CHECK: Record<string, string> = {};

test('every quirk is caught by at least one check (except those awaiting one, listed with the missing check)', () => {
  expect(Object.keys(table).filter((q) => (table[q] ?? []).length === 0)).toEqual(
    Object.keys(AWAITING_A_CHECK).sort(),
  );
});

test(`the checks catching each quirk equal ${MUTATION_TABLE_PATH} (UPDATE_EXPECTATIONS=1 rewrites it)`, () => {
  const committed = parseTable(readFileSync(tablePath, 'utf8'));
  expect(diffTables(committed, table)).toEqual([]);
});
