import { afterAll, beforeAll, expect, test } from 'vitest';
import { startProxiedRfc, type ProxiedRfc } from '../support/suite-harness.js';
import { TOLERANCE_ROWS } from './rows/tolerance-rows.js';

let proxied: ProxiedRfc;

beforeAll(async () => {
  proxied = await startProxiedRfc();
});

afterAll(async () => {
  await proxied.close();
});

test.each(TOLERANCE_ROWS.map((row) => [row.deviation, row] as const))(
  'checks still pass when %s',
  async (_name, row) => {
    const results = await proxied.runAll(row.checkIds, row.proxy);
    expect(results.map((r) => `${r.id}: ${r.outcome} ${r.code ?? ''}`).sort()).toEqual(
      row.checkIds.map((id) => `${id}: pass `).sort(),
    );
  },
);
