import { appendFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { resourceCheckIds, startProxiedRfc, type ProxiedRfc } from './support/harness.js';
import { ROWS } from './rows.js';

let proxied: ProxiedRfc;

beforeAll(async () => {
  proxied = await startProxiedRfc();
});

afterAll(async () => {
  await proxied.close();
});

test('every resources check has a breakage row, and every row names a check', () => {
  const ids = resourceCheckIds();
  expect(ids.filter((id) => !ROWS.some((r) => r.checkId === id))).toEqual([]);
  expect(ROWS.map((r) => r.checkId).filter((id) => !ids.includes(id))).toEqual([]);
  for (const row of ROWS) expect(Boolean(row.quirks) !== Boolean(row.proxy), row.checkId).toBe(true);
});

test('the proxy without a breakage changes no outcome (each failure below is the breakage, not the proxy)', async () => {
  const results = [];
  for (const id of [
    'resources.references.resolve',
    'resources.extension.under-urn',
    'resources.order.schemas-last',
  ]) {
    results.push(await proxied.runBroken(id, {}));
  }
  expect(results.map((r) => `${r.id}: ${r.outcome}`)).toEqual(results.map((r) => `${r.id}: pass`));
});

test.each(ROWS.map((r) => [r.checkId, r.breakage, r] as const))('%s fails when %s', async (_id, _b, row) => {
  const result = await proxied.runRow(row);
  if (process.env['SHOW_MESSAGES'])
    appendFileSync(process.env['SHOW_MESSAGES'], `${row.checkId}: ${result.message ?? ''}\n`);
  expect({ outcome: result.outcome, code: result.code, message: result.message }).toMatchObject({
    outcome: 'fail',
    code: row.expectedCode,
  });
});
