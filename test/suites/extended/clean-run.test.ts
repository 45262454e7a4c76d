import { afterAll, beforeAll, expect, test } from 'vitest';
import { SKIPPED_ON_RFC } from '../rfc-rows/checks.js';
import type { CheckResult } from '../../../engine/model/index.js';
import type { RunningServer } from '../../../reference-server/index.js';
import { TOKEN, extendedCheckIds, runExtended, startRfc } from './support/harness.js';

let server: RunningServer;
let results: CheckResult[];

beforeAll(async () => {
  server = await startRfc();
  results = await runExtended(server.url);
});

afterAll(async () => {
  await server.close();
});

test('every extended check passes against the clean rfc flavour', () => {
  const notPassing = results
    // A few later checks skip on the rfc server because it does not offer their feature (test/suites/rfc-rows proves them).
    .filter((r) => r.outcome !== 'pass' && !(r.outcome === 'skip' && r.id in SKIPPED_ON_RFC))
    .map((r) => `${r.id}: ${r.outcome} ${r.code ?? ''} ${r.message ?? ''}`);
  expect(notPassing).toEqual([]);
  expect(results.map((r) => r.id).sort()).toEqual(extendedCheckIds().sort());
});

test('check ids are unique and follow area.operation.assertion', () => {
  const ids = extendedCheckIds();
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of ids) expect(id).toMatch(/^[a-z]+(\.[a-z0-9-]+){2,}$/);
});

test('the cleanup ledger deletes every User and Group the run created', async () => {
  for (const endpoint of ['Users', 'Groups']) {
    const attr = endpoint === 'Users' ? 'userName' : 'displayName';
    const res = await fetch(
      `${server.url}/${endpoint}?filter=${encodeURIComponent(`${attr} sw "scimtest-"`)}`,
      {
        headers: { authorization: `Bearer ${TOKEN}`, accept: 'application/scim+json' },
      },
    );
    expect(res.status).toBe(200);
    expect(((await res.json()) as { totalResults: number }).totalResults, endpoint).toBe(0);
  }
});

test('the extended suites hold at least 110 checks, each citing requirement rows and a level', async () => {
  const { EXTENDED_SUITES } = await import('../../../suites/extended.js');
  const checks = EXTENDED_SUITES.flatMap((s) => s.checks);
  expect(checks.length).toBeGreaterThanOrEqual(110);
  for (const c of checks) {
    expect(c.requirements?.length ?? 0, c.id).toBeGreaterThan(0);
    expect(c.suite, c.id).toBe(c.id.split('.')[0]);
  }
});
