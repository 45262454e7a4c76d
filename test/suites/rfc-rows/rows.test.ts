import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runChecks } from '../../../engine/runner/index.js';
import type { CheckResult } from '../../../engine/model/index.js';
import { startServer, type RunningServer } from '../../../reference-server/index.js';
import { startMutatingProxy, type Breakage, type MutatingProxy } from '../../support/mutating-proxy.js';
import { RFC_ROW_CHECKS, RFC_ROW_SUITE, SKIPPED_ON_RFC } from './checks.js';
import { FEATURE_PROXIES, RFC_ROWS, type BreakageRow } from './rows.js';

const TOKEN = 'rfc-rows-token';
let seed = 700;
let server: RunningServer;
let proxy: MutatingProxy;
let clean: CheckResult[];

async function run(target: string, only: string[] = []): Promise<CheckResult[]> {
  const report = await runChecks({
    target,
    token: TOKEN,
    suites: [RFC_ROW_SUITE],
    seed: seed++,
    ...(only.length ? { only } : {}),
  });
  return report.results;
}

function pick(results: CheckResult[], id: string): CheckResult {
  const found = results.find((r) => r.id === id);
  if (!found) throw new Error(`${id} produced no result`);
  return found;
}

async function through(id: string, breakage: Breakage): Promise<CheckResult> {
  proxy.setBreakage(breakage);
  try {
    return pick(await run(proxy.url, [id]), id);
  } finally {
    proxy.setBreakage(undefined);
  }
}

beforeAll(async () => {
  server = await startServer({ flavor: 'rfc', port: 0, token: TOKEN });
  proxy = await startMutatingProxy(server.url);
  clean = await run(server.url);
});

afterAll(async () => {
  await proxy.close();
  await server.close();
});

const ids = RFC_ROW_CHECKS.map((c) => c.id);

test('every check passes against the clean rfc server, or skips where it lacks the feature', () => {
  const off = clean
    .filter((r) => (SKIPPED_ON_RFC[r.id] ? r.outcome !== 'skip' : r.outcome !== 'pass'))
    .map((r) => `${r.id}: ${r.outcome} ${r.code ?? ''} ${r.message ?? ''}`);
  expect(off).toEqual([]);
  expect(clean.map((r) => r.id).sort()).toEqual([...ids].sort());
});

test('every check has exactly one breakage row, with a unique, well-formed id and requirements', () => {
  expect(new Set(ids).size).toBe(ids.length);
  for (const c of RFC_ROW_CHECKS) {
    expect(c.id).toMatch(/^[a-z]+(\.[a-z0-9-]+){2,}$/);
    expect(c.id.startsWith(`${c.suite}.`), c.id).toBe(true);
    expect(c.requirements?.length, c.id).toBeGreaterThan(0);
  }
  expect([...ids].sort()).toEqual(RFC_ROWS.map((r) => r.checkId).sort());
  for (const row of RFC_ROWS) expect(Boolean(row.quirks) !== Boolean(row.proxy), row.checkId).toBe(true);
});

test('the run deletes every User and Group it created', async () => {
  for (const [endpoint, attr] of [
    ['Users', 'userName'],
    ['Groups', 'displayName'],
  ] as const) {
    const res = await fetch(
      `${server.url}/${endpoint}?filter=${encodeURIComponent(`${attr} sw "scimtest-"`)}`,
      {
        headers: { authorization: `Bearer ${TOKEN}`, accept: 'application/scim+json' },
      },
    );
    expect(((await res.json()) as { totalResults: number }).totalResults, endpoint).toBe(0);
  }
});

describe('checks the clean server skips pass against a loopback server that offers the feature', () => {
  test.each(Object.keys(FEATURE_PROXIES))('%s', async (id) => {
    const result = await through(id, FEATURE_PROXIES[id] ?? {});
    expect({ outcome: result.outcome, message: result.message }).toMatchObject({ outcome: 'pass' });
  });
});

async function broken(row: BreakageRow): Promise<CheckResult> {
  if (!row.quirks) return through(row.checkId, row.proxy ?? {});
  const quirky = await startServer({ flavor: 'rfc', port: 0, token: TOKEN, quirks: row.quirks });
  try {
    return pick(await run(quirky.url, [row.checkId]), row.checkId);
  } finally {
    await quirky.close();
  }
}

describe('each check fails against a server broken in its way', () => {
  test.each(RFC_ROWS.map((r) => [r.checkId, r.breakage, r] as const))(
    '%s fails when %s',
    async (_id, _breakage, row) => {
      const result = await broken(row);
      expect({ outcome: result.outcome, code: result.code, message: result.message }).toMatchObject({
        outcome: 'fail',
        code: row.expectedCode,
      });
    },
  );
});
