import { expect, test } from 'vitest';
import {
  citations,
  coverage,
  isClientObservableMust,
  levelOf,
  loadRequirements,
  parseRequirements,
  percent,
  sectionUrl,
  unknownCitations,
} from '../../../engine/requirements/index.js';
import { SUITES } from '../../../suites/index.js';

const rows = loadRequirements();
const checks = SUITES.flatMap((s) => s.checks);
const cited = citations(checks);

test('the checklists of RFC 7643, 7644 and 9865 parse into rows with unique ids', () => {
  const ids = rows.map((r) => r.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const rfc of [7643, 7644, 9865])
    expect(rows.filter((r) => r.rfc === rfc).length, `RFC ${rfc}`).toBeGreaterThan(25);
});

test('no check cites a requirement row that does not exist', () => {
  expect(unknownCitations(rows, checks)).toEqual([]);
});

test('at least 95% of the client-observable MUST/SHALL rows have a check, and every other one says why not', () => {
  const binding = rows.filter(isClientObservableMust);
  const covered = binding.filter((r) => (cited.get(r.id)?.length ?? 0) > 0);
  expect(covered.length / binding.length).toBeGreaterThanOrEqual(0.95);
  const unexplained = binding.filter((r) => !cited.has(r.id) && !r.reason).map((r) => r.id);
  expect(unexplained).toEqual([]);
  // A reason on a row that has a check is stale.
  expect(rows.filter((r) => r.reason && cited.has(r.id)).map((r) => r.id)).toEqual([]);
});

test('every RFC 9865 MUST row a client can observe is covered by the pagination-cursor suite', () => {
  const rfc9865 = coverage(rows, cited).find((c) => c.rfc === 9865);
  expect(rfc9865?.mustObservable).toBeGreaterThan(0);
  expect(rfc9865?.mustCovered).toBe(rfc9865?.mustObservable);
});

test('coverage counts rows per RFC and level from the citations', () => {
  const md = [
    '| id | § | keyword | requirement | observable? | black-box check |',
    '|---|---|---|---|---|---|',
    '| 9999-1-a | 1 | MUST | one | yes | x |',
    '| 9999-1-b | 1 | SHALL NOT | two | partly | x |',
    '| 9999-2-a | 2 | MUST (client) | three | no | x |',
    '| 9999-2-b | 2 | SHOULD | four | yes | x |',
    '| 9999-2.1-a | 2.1 | (impl) | five | no | x |',
    '',
    '| id | reason |',
    '|---|---|',
    '| 9999-1-b | because |',
  ].join('\n');
  const parsed = parseRequirements(md, 'test.md');
  expect(parsed.map((r) => [r.id, r.level, r.client, r.observable])).toEqual([
    ['9999-1-a', 'MUST', false, 'yes'],
    ['9999-1-b', 'MUST', false, 'partly'],
    ['9999-2-a', 'MUST', true, 'no'],
    ['9999-2-b', 'SHOULD', false, 'yes'],
    ['9999-2.1-a', 'DEFINED', false, 'no'],
  ]);
  expect(parsed[1]?.reason).toBe('because');
  const [only] = coverage(parsed, citations([{ id: 'c.one', requirements: ['9999-1-a', '9999-2-b'] }]));
  expect(only).toMatchObject({ rfc: 9999, mustObservable: 2, mustCovered: 1 });
  expect(only?.levels.MUST).toEqual({ rows: 3, observable: 2, covered: 1 });
  expect(only?.levels.SHOULD).toEqual({ rows: 1, observable: 1, covered: 1 });
  expect(percent(1, 2)).toBe('50.0%');
  expect(percent(2, 3)).toBe('66.6%');
  expect(percent(0, 0)).toBe('n/a');
  expect(sectionUrl(parsed[4] as (typeof parsed)[number])).toBe(
    'https://www.rfc-editor.org/rfc/rfc9999#section-2.1',
  );
});

test('keyword levels: uppercase BCP 14 words only, the strongest wins', () => {
  expect(levelOf('MUST / SHOULD')).toBe('MUST');
  expect(levelOf('OPTIONAL, MUST NOT')).toBe('MUST');
  expect(levelOf('RECOMMENDED')).toBe('SHOULD');
  expect(levelOf('must (lc)')).toBe('DEFINED');
  expect(levelOf('MAY')).toBe('MAY');
});

test('a malformed row or a reason for an unknown row is refused, naming the line', () => {
  const head =
    '| id | § | keyword | requirement | observable? | black-box check |\n|---|---|---|---|---|---|\n';
  expect(() => parseRequirements(`${head}| 9999-1-a | 1 | MUST | x | maybe | y |`, 'bad.md')).toThrow(
    /bad.md:3/,
  );
  expect(() => parseRequirements(`${head}| 9999-x | 1 | MUST | x | yes | y |`, 'bad.md')).toThrow(
    /NNNN-section/,
  );
  expect(() => parseRequirements('| id | reason |\n|---|---|\n| 9999-1-a | why |', 'r.md')).toThrow(
    /not a row/,
  );
});
