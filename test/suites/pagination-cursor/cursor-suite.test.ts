import { afterAll, beforeAll, expect, test } from 'vitest';
import type { CheckResult } from '../../../engine/model/index.js';
import type { RunningServer } from '../../../reference-server/index.js';
import { paginationCursorSuite } from '../../../suites/pagination-cursor/index.js';
import { createCheckHarness, type BreakageRow } from '../../support/check-harness.js';
import { CURSOR_ROWS } from './rows.js';

const TOKEN = 'cursor-suite-token';
const harness = createCheckHarness({ token: TOKEN, seed: 91, suites: [paginationCursorSuite] });
const ids = harness.checkIds();
let server: RunningServer;
let clean: CheckResult[];

beforeAll(async () => {
  server = await harness.startRfc();
  clean = await harness.run(server.url);
});

afterAll(async () => {
  await server.close();
});

test('the suite has at least 10 checks, each citing RFC 9865 rows', () => {
  expect(ids.length).toBeGreaterThanOrEqual(10);
  for (const c of paginationCursorSuite.checks) {
    expect(c.rfc, c.id).toMatch(/^RFC9865 /);
    expect(
      c.requirements?.every((r) => r.startsWith('9865-')),
      c.id,
    ).toBe(true);
  }
});

test('every check passes against the clean rfc flavour', () => {
  const off = clean
    .filter((r) => r.outcome !== 'pass')
    .map((r) => `${r.id}: ${r.outcome} ${r.message ?? ''}`);
  expect(off).toEqual([]);
  expect(clean.map((r) => r.id).sort()).toEqual([...ids].sort());
});

test('every check has a breakage row, and every row names a check', () => {
  expect(ids.filter((id) => !CURSOR_ROWS.some((r) => r.checkId === id))).toEqual([]);
  expect(CURSOR_ROWS.map((r) => r.checkId).filter((id) => !ids.includes(id))).toEqual([]);
});

test.each(CURSOR_ROWS.map((r) => [r.checkId, r.breakage, r] as const))(
  '%s fails when %s',
  async (_id, _breakage, row: BreakageRow) => {
    const result = await harness.runWithQuirks(row.checkId, row.quirks ?? []);
    expect({ outcome: result.outcome, code: result.code, message: result.message }).toMatchObject({
      outcome: 'fail',
      code: row.expectedCode,
    });
  },
);

test('without pagination.cursor advertised, the suite skips with the reason', async () => {
  const broken = await harness.startRfc(['cursor-not-advertised']);
  try {
    const results = await harness.run(broken.url);
    const skipped = results.filter((r) => r.id !== 'pagination-cursor.spc.advertised-when-honoured');
    expect(skipped.every((r) => r.outcome === 'skip')).toBe(true);
    expect(skipped[0]?.message).toMatch(/pagination/);
  } finally {
    await broken.close();
  }
});
