/**
 * Every client requirement is seen to pass on a well-behaved client and to fail on a client built to break
 * exactly it (real HTTP on 127.0.0.1: the judge's reference server, the library grading).
 */
import { describe, expect, test } from 'vitest';
import type { Report } from '../../../engine/runner/index.js';
import { judgeRequests, startJudgeServer } from '../../../integrations/judge/index.js';
import { CLIENT_CHECKS } from '../../../suites/client/index.js';
import { BREAKS, runScriptedClient, type Breakage } from './scripted-client.js';

/** Throttling only where Retry-After is judged (a 3 s window: the 9th request is throttled even on a loaded machine). */
const THROTTLED: ReadonlySet<Breakage> = new Set(['ignore-retry-after']);

async function judgeClient(broken: Breakage | undefined, throttled: boolean): Promise<Report> {
  const server = await startJudgeServer({
    server: {
      flavor: 'rfc',
      port: 0,
      ...(throttled ? { rateLimit: { requests: 8, windowSeconds: 3 } } : {}),
    },
  });
  // The judge read discovery itself (from an in-process twin), not from the client's traffic.
  expect(server.capabilities?.etag).toBe(true);
  try {
    await runScriptedClient(server.url, server.token ?? '', broken);
  } finally {
    await server.close();
  }
  return judgeRequests(server.exchanges, {
    as: 'okta',
    baseUrl: server.url,
    ...(server.capabilities ? { capabilities: server.capabilities } : {}),
    secrets: [server.token ?? ''],
  });
}

const failed = (report: Report) =>
  report.results.filter((r) => r.outcome === 'fail' || r.outcome === 'error').map((r) => r.id);

describe('client checks', () => {
  test('every check has a breakage row, and ids are unique client.<area>.<assertion>', () => {
    const ids = CLIENT_CHECKS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^client\.[a-z-]+\.[a-z-]+$/);
    expect(Object.values(BREAKS).sort()).toEqual([...ids].sort());
  });

  test('a well-behaved client passes every check (none fails, none is left unjudged)', async () => {
    const report = await judgeClient(undefined, true);
    expect(failed(report)).toEqual([]);
    // Every requirement was judged and met: nothing skipped, nothing inconclusive.
    const notPassed = report.results
      .filter((r) => r.outcome !== 'pass')
      .map((r) => `${r.id}: ${r.outcome} ${r.message}`);
    expect(notPassed).toEqual([]);
    expect(report.results).toHaveLength(CLIENT_CHECKS.length);
  }, 20_000);

  test.each(Object.entries(BREAKS) as Array<[Breakage, string]>)(
    'a client that breaks %s fails exactly %s',
    async (broken, id) => {
      const report = await judgeClient(broken, THROTTLED.has(broken));
      expect(failed(report)).toEqual([id]);
      const result = report.results.find((r) => r.id === id);
      expect(result?.code).toMatch(/^CLIENT_/);
      expect(result?.fix).toMatch(/\.$/);
      expect(result?.decisive).toBe(0);
      expect(result?.exchanges.length).toBeGreaterThan(0);
      // Evidence is redacted like every report.
      expect(JSON.stringify(result?.exchanges)).not.toMatch(/Bearer scim-/);
    },
    20_000,
  );
});
