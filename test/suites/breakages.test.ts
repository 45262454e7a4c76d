import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RFC_ROWS } from './rfc-rows/rows.js';
import { allCheckIds, startProxiedRfc, type ProxiedRfc } from '../support/suite-harness.js';
import { ALL_ROWS } from './rows/index.js';

let proxied: ProxiedRfc;

beforeAll(async () => {
  proxied = await startProxiedRfc();
});

afterAll(async () => {
  await proxied.close();
});

test('every check has a breakage row, and every row names a check', () => {
  const ids = allCheckIds();
  // Checks for the RFC rows added later are proven in test/suites/rfc-rows with their own rows.
  const proven = (id: string) =>
    ALL_ROWS.some((r) => r.checkId === id) || RFC_ROWS.some((r) => r.checkId === id);
  expect(ids.filter((id) => !proven(id))).toEqual([]);
  expect(ALL_ROWS.map((r) => r.checkId).filter((id) => !ids.includes(id))).toEqual([]);
  for (const row of ALL_ROWS) expect(Boolean(row.quirks) !== Boolean(row.proxy), row.checkId).toBe(true);
});

describe.each(['discovery', 'users', 'errors', 'security'])('%s', (suite) => {
  test.each(
    ALL_ROWS.filter((r) => r.checkId.startsWith(`${suite}.`)).map((r) => [r.checkId, r.breakage, r] as const),
  )('%s fails when %s', async (_id, _breakage, row) => {
    const result = await proxied.runRow(row);
    expect({ outcome: result.outcome, code: result.code, message: result.message }).toMatchObject({
      outcome: 'fail',
      code: row.expectedCode,
    });
  });
});
