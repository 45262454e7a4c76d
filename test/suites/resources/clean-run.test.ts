import { afterAll, beforeAll, expect, test } from 'vitest';
import type { CheckResult } from '../../../engine/index.js';
import type { RunningServer } from '../../../reference-server/index.js';
import { TOKEN, resourceCheckIds, runResources, startRfc } from './support/harness.js';

let server: RunningServer;
let results: CheckResult[];

beforeAll(async () => {
  server = await startRfc();
  results = await runResources(server.url);
});

afterAll(async () => {
  await server.close();
});

/** Checks that skip on the clean server because it offers nothing to judge, with the reason they must give. */
const EXPECTED_SKIPS: Record<string, RegExp> = {
  'resources.extension.required-present': /marks no schema extension as required/,
};

test('every resources check passes against the clean rfc flavour (or skips for a stated reason)', () => {
  const unexpected = results
    .filter(
      (r) => r.outcome !== 'pass' && !(r.outcome === 'skip' && EXPECTED_SKIPS[r.id]?.test(r.message ?? '')),
    )
    .map((r) => `${r.id}: ${r.outcome} ${r.code ?? ''} ${r.message ?? ''}`);
  expect(unexpected).toEqual([]);
  expect(results.map((r) => r.id).sort()).toEqual(resourceCheckIds().sort());
});

test('check ids are unique, follow resources.<area>.<assertion> and cite requirement rows', async () => {
  const { resourcesSuite } = await import('../../../suites/resources/index.js');
  const ids = resourceCheckIds();
  expect(new Set(ids).size).toBe(ids.length);
  for (const c of resourcesSuite.checks) {
    expect(c.id).toMatch(/^resources\.[a-z0-9-]+\.[a-z0-9-]+$/);
    expect(c.suite, c.id).toBe('resources');
    expect(c.requirements?.length ?? 0, c.id).toBeGreaterThan(0);
  }
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
