import { afterAll, beforeAll, expect, test } from 'vitest';
import { SKIPPED_ON_RFC } from './rfc-rows/checks.js';
import type { CheckResult } from '../../engine/index.js';
import type { RunningServer } from '../../reference-server/index.js';
import { TOKEN, allCheckIds, runSuites, startRfc } from '../support/suite-harness.js';

let server: RunningServer;
let results: CheckResult[];

beforeAll(async () => {
  server = await startRfc();
  results = await runSuites(server.url);
});

afterAll(async () => {
  await server.close();
});

test('every check of discovery, users, errors and security passes against the clean rfc flavour', () => {
  const notPassing = results
    // A few later checks skip on the rfc server because it does not offer their feature (test/suites/rfc-rows proves them).
    .filter((r) => r.outcome !== 'pass' && !(r.outcome === 'skip' && r.id in SKIPPED_ON_RFC))
    .map((r) => `${r.id}: ${r.outcome} ${r.code ?? ''} ${r.message ?? ''}`);
  expect(notPassing).toEqual([]);
  expect(results.map((r) => r.id).sort()).toEqual(allCheckIds().sort());
});

test('the suites hold at least 40 checks with unique ids', () => {
  const ids = allCheckIds();
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.length).toBeGreaterThanOrEqual(40);
});

test('the run creates users and its cleanup ledger deletes every one of them', async () => {
  const created = results
    .flatMap((r) => r.exchanges)
    .filter((e) => e.request.method === 'POST' && e.response?.status === 201);
  expect(created.length).toBeGreaterThan(0);
  const res = await fetch(`${server.url}/Users?filter=${encodeURIComponent('userName sw "scimtest-"')}`, {
    headers: { authorization: `Bearer ${TOKEN}`, accept: 'application/scim+json' },
  });
  expect(res.status).toBe(200);
  expect(((await res.json()) as { totalResults: number }).totalResults).toBe(0);
});
