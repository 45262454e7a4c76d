import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import {
  diffTables,
  parseTable,
  renderCatalogueDoc,
  withReadmeCatchesSection,
  renderScore,
  scoreTable,
  serialiseTable,
  splitKey,
  type SweepCheck,
} from '../../engine/mutation/index.js';
import {
  CATCHES_DOC_PATH,
  MUTATION_TABLE_PATH,
  repoRoot,
  sweepChecks,
  sweepProfiles,
  sweepQuirks,
} from '../../fixtures/expectations/mutation-sweep.js';

const CHECKS: SweepCheck[] = [
  { id: 'a.one', title: 'A one', suite: 'a', level: 'MUST', profiles: ['rfc'], perProfile: false },
  { id: 'a.two', title: 'A two', suite: 'a', level: 'SHOULD', profiles: ['rfc', 'okta'], perProfile: false },
  { id: 'b.flow', title: 'B flow', suite: 'b', level: 'MUST', profiles: ['okta'], perProfile: true },
];

test('serialiseTable sorts quirks and ids, so the committed file is stable', () => {
  expect(serialiseTable({ z: ['b', 'a'], a: [] })).toBe('{\n  "a": [],\n  "z": ["a", "b"]\n}\n');
  const long = Array.from({ length: 9 }, (_, k) => `suite.check-number-${k}`);
  expect(serialiseTable({ q: long })).toBe(
    `{\n  "q": [\n${long.map((id) => `    "${id}"`).join(',\n')}\n  ]\n}\n`,
  );
  expect(serialiseTable({})).toBe('{}\n');
  expect(parseTable(serialiseTable({ q: ['x'] }))).toEqual({ q: ['x'] });
  expect(() => parseTable('{"q": "x"}')).toThrow(TypeError);
});

test('diffTables names what a quirk lost and gained, and quirks added or removed', () => {
  expect(diffTables({ q: ['a', 'b'] }, { q: ['a', 'b'] })).toEqual([]);
  expect(diffTables({ q: ['a', 'b'], gone: ['a'] }, { q: ['a', 'c'], fresh: [] })).toEqual([
    { quirk: 'fresh', lost: [], gained: [] },
    { quirk: 'gone', lost: ['a'], gained: [] },
    { quirk: 'q', lost: ['b'], gained: ['c'] },
  ]);
});

test('scoreTable counts quirks per suite and per profile the way verdicts count failures', () => {
  expect(splitKey('b.flow@okta')).toEqual({ id: 'b.flow', profile: 'okta' });
  const score = scoreTable({ q1: ['a.one'], q2: ['a.two', 'b.flow@okta'], q3: [] }, CHECKS, ['rfc', 'okta']);
  expect(score).toMatchObject({ caught: 2, total: 3, uncaught: ['q3'] });
  expect(score.bySuite).toEqual({
    a: { quirks: 2, catchingChecks: 2, checks: 2 },
    b: { quirks: 1, catchingChecks: 1, checks: 1 },
  });
  expect(score.byProfile).toEqual({ rfc: { quirks: 2 }, okta: { quirks: 1 } });
  expect(renderScore({ q1: ['a.one'], q3: [] }, CHECKS)).toMatch(/q3 +UNCAUGHT[\s\S]*mutation score: 1\/2/);
});

test(`${CATCHES_DOC_PATH} is generated from the catalogue and ${MUTATION_TABLE_PATH} (node scripts/catalogue-doc.mjs)`, () => {
  const table = parseTable(readFileSync(join(repoRoot(), MUTATION_TABLE_PATH), 'utf8'));
  const expected = renderCatalogueDoc({
    quirks: sweepQuirks(),
    table,
    checks: sweepChecks(),
    profiles: ['rfc', ...sweepProfiles().map((p) => p.name)],
  });
  expect(readFileSync(join(repoRoot(), CATCHES_DOC_PATH), 'utf8')).toBe(expected);
  const readme = readFileSync(join(repoRoot(), 'README.md'), 'utf8');
  expect(readme).toContain('<!-- catches:start -->');
  expect(withReadmeCatchesSection(readme, expected, CATCHES_DOC_PATH)).toBe(readme);
});

test('the committed table names every quirk of the catalogue and only checks that exist', () => {
  const table = parseTable(readFileSync(join(repoRoot(), MUTATION_TABLE_PATH), 'utf8'));
  expect(Object.keys(table)).toEqual(sweepQuirks().map((q) => q.name));
  const ids = new Set(sweepChecks().map((c) => c.id));
  expect(
    Object.values(table)
      .flat()
      .filter((key) => !ids.has(splitKey(key).id)),
  ).toEqual([]);
});
