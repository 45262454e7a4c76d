import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cli } from '../../support/cli.js';
import {
  defaultPattern,
  LatencyRecorder,
  parseRetryAfter,
  patternFromProfile,
  renderK6Script,
  retryDelay,
  runLoad,
  Template,
  TokenBucket,
  throughputOf,
  throughputVerdict,
  DEFAULT_RETRY,
  type PhaseFigures,
} from '../../../engine/load/index.js';
import { resolveProfile } from '../../../profiles/index.js';
import { createFlavour, startServer, type RunningServer } from '../../../reference-server/index.js';
import { createRequestListener } from '../../../reference-server/core/index.js';

const TOKEN = 'load-test-token';
/** Entra ID's published throughput expectation, as the entra-id profile states it. */
const ENTRA = throughputOf(resolveProfile('entra-id'));

/** Users whose userName starts with `prefix`, as the server sees them. */
async function countByPrefix(
  server: RunningServer,
  endpoint: 'Users' | 'Groups',
  prefix: string,
): Promise<number> {
  const pool = new Pool(server.origin);
  try {
    const attr = endpoint === 'Users' ? 'userName' : 'displayName';
    const res = await pool.request({
      path: `${new URL(server.url).pathname}/${endpoint}?filter=${encodeURIComponent(`${attr} sw "${prefix}"`)}&count=0`,
      method: 'GET',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    return ((await res.body.json()) as { totalResults: number }).totalResults;
  } finally {
    await pool.close();
  }
}

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({
    flavor: 'rfc',
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    log: () => undefined,
  });
});
afterAll(async () => {
  await server.close();
});

describe('runLoad (initial sync against the rfc reference server)', () => {
  test('matches, creates, groups per 100 users with one membership PATCH each, then cleans up', async () => {
    const pattern = defaultPattern('scimtest-t1-load', ENTRA);
    const report = await runLoad({ target: server.url, token: TOKEN, pattern, users: 250, concurrency: 8 });
    expect(report.outcome).toEqual({
      matched: 0,
      created: 250,
      groupsCreated: 3,
      membershipPatches: 3,
      failedUsers: 0,
    });
    // 250 × (match + POST) + 3 × (group match + POST + PATCH)
    expect(report.sync.requests).toBe(250 * 2 + 3 * 3);
    expect(report.sync.statuses).toEqual({ '200': 250 + 3 + 3, '201': 253 });
    expect(report.sync.errorCount).toBe(0);
    expect(report.sync.latencyMs.count).toBe(509);
    expect(report.verdict.text).toMatch(/meets/);
    expect(report.cleanup).toMatchObject({ skipped: false, deleted: 253 });
    expect(await countByPrefix(server, 'Users', pattern.prefix)).toBe(0);
    expect(await countByPrefix(server, 'Groups', pattern.prefix)).toBe(0);
  });

  test('--keep leaves the data; a second run with the same prefix matches every user instead of creating', async () => {
    const pattern = defaultPattern('scimtest-t2-load');
    const first = await runLoad({
      target: server.url,
      token: TOKEN,
      pattern,
      users: 30,
      concurrency: 4,
      keep: true,
    });
    expect(first.cleanup).toMatchObject({ skipped: true });
    expect(await countByPrefix(server, 'Users', pattern.prefix)).toBe(30);
    const second = await runLoad({ target: server.url, token: TOKEN, pattern, users: 30, concurrency: 4 });
    expect(second.outcome).toMatchObject({ matched: 30, created: 0, groupsCreated: 0, membershipPatches: 1 });
    // The second run deletes only what it created: nothing, so the first run's users remain.
    expect(second.cleanup).toMatchObject({ skipped: false, deleted: 0 });
    expect(await countByPrefix(server, 'Users', pattern.prefix)).toBe(30);
  });

  test('speaks the profile dialect: Entra query encoding, capitalised member Add', async () => {
    const pattern = patternFromProfile(resolveProfile('entra-id'), 'scimtest-t3-load');
    expect(pattern.userMatchQuery.render(7)).toBe(
      'filter=userName+eq+%22scimtest-t3-load-u7%40example.com%22',
    );
    expect(JSON.parse(pattern.memberAddBody(['a']))).toMatchObject({
      Operations: [{ op: 'Add', path: 'members', value: [{ $ref: null, value: 'a' }] }],
    });
    expect(pattern.headers.withBody['content-type']).toBe('application/scim+json; charset=utf-8');
    const report = await runLoad({ target: server.url, token: TOKEN, pattern, users: 120, concurrency: 6 });
    expect(report.outcome).toEqual({
      matched: 0,
      created: 120,
      groupsCreated: 2,
      membershipPatches: 2,
      failedUsers: 0,
    });
    expect(report.sync.errorCount).toBe(0);
  });

  test('an unreachable target is a harness error, not a verdict', async () => {
    const closed = await startServer({ flavor: 'rfc', host: '127.0.0.1', port: 0, token: TOKEN });
    await closed.close();
    await expect(
      runLoad({
        target: closed.url,
        token: TOKEN,
        pattern: defaultPattern('scimtest-t4-load'),
        users: 3,
        concurrency: 1,
      }),
    ).rejects.toMatchObject({ code: 'TARGET_UNREACHABLE' });
  });
});

describe('429 with Retry-After', () => {
  let throttled: Server;
  let url: string;
  let remaining429 = 0;
  let retryAfter: () => string = () => '1';
  beforeAll(async () => {
    const listener = createRequestListener(createFlavour({ flavor: 'rfc', token: TOKEN }).listener);
    throttled = createServer((req, res) => {
      if (remaining429 > 0) {
        remaining429--;
        req.resume();
        res.writeHead(429, { 'retry-after': retryAfter(), 'content-type': 'application/scim+json' });
        res.end('{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"429"}');
        return;
      }
      listener(req, res);
    });
    await new Promise<void>((resolve) => throttled.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(throttled.address() as AddressInfo).port}/scim/v2`;
  });
  afterAll(async () => {
    throttled.closeAllConnections();
    await new Promise((resolve) => throttled.close(resolve));
  });

  test('the first K requests answered 429 are retried after the delay the server named, and counted', async () => {
    remaining429 = 2;
    retryAfter = () => '1';
    const report = await runLoad({
      target: url,
      token: TOKEN,
      pattern: defaultPattern('scimtest-t5-load'),
      users: 5,
      concurrency: 1,
    });
    expect(report.sync.retries).toBe(2);
    expect(report.sync.retryWaitMs).toBe(2000);
    expect(report.sync.statuses['429']).toBe(2);
    expect(report.sync.errorCount).toBe(0);
    expect(report.outcome.created).toBe(5);
  });

  test('an HTTP-date Retry-After is honoured as a delay from now', async () => {
    remaining429 = 1;
    retryAfter = () => new Date(Date.now() + 1000).toUTCString();
    const report = await runLoad({
      target: url,
      token: TOKEN,
      pattern: defaultPattern('scimtest-t6-load'),
      users: 2,
      concurrency: 1,
    });
    expect(report.sync.retries).toBe(1);
    expect(report.sync.retryWaitMs).toBeGreaterThanOrEqual(0);
    expect(report.sync.retryWaitMs).toBeLessThanOrEqual(1000);
    expect(report.outcome.created).toBe(2);
  });

  test('after maxRetries the 429 is the final answer and counts as an error', async () => {
    remaining429 = 2;
    retryAfter = () => '0';
    const report = await runLoad({
      target: url,
      token: TOKEN,
      pattern: defaultPattern('scimtest-t7-load', ENTRA),
      users: 3,
      concurrency: 1,
      retry: { maxRetries: 1 },
    });
    expect(report.sync.retries).toBe(1);
    expect(report.sync.errors).toEqual({ 'GET /Users?filter 429': 1 });
    expect(report.outcome).toMatchObject({ created: 2, failedUsers: 1 });
    expect(report.verdict.text).toBe('does not meet');
    expect(report.verdict.reasons.join(' ')).toMatch(/failed \(>= 1%\); most often GET \/Users\?filter 429/);
  });
});

describe('building blocks', () => {
  test('parseRetryAfter reads delay-seconds and HTTP-dates; retryDelay caps and falls back', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-1', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    const policy = { ...DEFAULT_RETRY, maxDelayMs: 10_000, fallbackDelayMs: 500 };
    expect(retryDelay('120', 1, policy, now)).toBe(10_000);
    expect(retryDelay(undefined, 1, policy, now)).toBe(500);
    expect(retryDelay(undefined, 3, policy, now)).toBe(2000);
  });

  test('the token bucket paces reservations at the rate, in order', () => {
    let t = 0;
    const bucket = new TokenBucket(10, { capacity: 1, now: () => t });
    expect(bucket.reserve()).toBe(0);
    expect(bucket.reserve()).toBeCloseTo(100);
    expect(bucket.reserve()).toBeCloseTo(200);
    t = 1000;
    expect(bucket.reserve()).toBe(0);
    expect(() => new TokenBucket(0)).toThrow(TypeError);
  });

  test('latency percentiles are nearest-rank', () => {
    const recorder = new LatencyRecorder();
    for (let i = 1; i <= 2000; i++) recorder.add(i);
    expect(recorder.summary()).toMatchObject({ count: 2000, p50: 1000, p90: 1800, p99: 1980, max: 2000 });
    expect(new LatencyRecorder().summary().count).toBe(0);
  });

  test('templates splice the user number and its 12-digit form', () => {
    const template = new Template('{"u":"a-__N__","g":"x-__G__"}');
    expect(template.render(42)).toBe('{"u":"a-42","g":"x-000000000042"}');
  });

  test('the throughput expectation is profile data: entra-id names 25 requests/s, okta none', () => {
    expect(ENTRA).toEqual({ idp: 'entra-id', minRequestsPerSecond: 25, maxErrorRate: 0.01 });
    expect(throughputOf(resolveProfile('entra-id-2020'))).toMatchObject({ minRequestsPerSecond: 25 });
    expect(throughputOf(resolveProfile('okta'))).toBeUndefined();
    expect(patternFromProfile(resolveProfile('okta'), 'scimtest-t0-load').throughput).toBeUndefined();
  });

  test("the verdict says why a run does not meet the profile's requests/s", () => {
    const figures = (over: Partial<PhaseFigures>): PhaseFigures => ({
      durationMs: 10_000,
      requests: 1000,
      requestsPerSec: 100,
      okPerSec: 100,
      lowestSecond: 90,
      latencyMs: { count: 1000, p50: 5, p90: 9, p99: 20, max: 30, mean: 6 },
      statuses: { '200': 1000 },
      errors: {},
      errorCount: 0,
      errorRate: 0,
      retries: 0,
      retryWaitMs: 0,
      ...over,
    });
    expect(throughputVerdict(figures({}), undefined, ENTRA)).toMatchObject({ meets: true, text: 'meets' });
    expect(throughputVerdict(figures({ okPerSec: 1 }), undefined, undefined)).toMatchObject({
      judged: false,
      text: 'not judged',
    });
    const capped = throughputVerdict(figures({ okPerSec: 10 }), 10, ENTRA);
    expect(capped).toMatchObject({ meets: false, text: 'does not meet' });
    expect(capped.reasons[0]).toMatch(/--rate 10 caps the run/);
    const throttled = throughputVerdict(
      figures({ okPerSec: 20, statuses: { '200': 200, '429': 50 }, retries: 50 }),
      undefined,
      ENTRA,
    );
    expect(throttled.reasons[0]).toMatch(/throttled with 429 50 times/);
    expect(
      throughputVerdict(
        figures({ errorCount: 20, errorRate: 0.02, errors: { 'POST /Users 500': 20 } }),
        undefined,
        ENTRA,
      ).meets,
    ).toBe(false);
  });
});

describe('k6 export', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'scimulator-k6-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('is a parseable ES module with the k6 entry points, thresholds and the profile templates', async () => {
    const pattern = patternFromProfile(resolveProfile('entra-id'), 'scimtest-k6-load');
    const script = renderK6Script({
      pattern,
      users: 1000,
      concurrency: 20,
      rate: 50,
      target: 'https://example.test/scim/v2',
    });
    expect(script).toContain("import http from 'k6/http';");
    expect(script).toContain('export const options');
    expect(script).toContain('export default function');
    expect(script).toContain('export function teardown');
    expect(script).toContain("scim_good_requests: ['rate>=25']");
    expect(script).toContain("res.headers['Retry-After']");
    expect(script).toContain('const RATE = Number(__ENV.RATE || 50);');
    expect(script).toContain(JSON.stringify(pattern.userMatchQuery.source));
    expect(script).toContain('https://example.test/scim/v2');
    const file = join(dir, 'script.mjs');
    await writeFile(file, script);
    const checked = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8' });
    expect(checked.stderr).toBe('');
    expect(checked.status).toBe(0);
  });

  test('scimulator load --export k6 prints the script on stdout and runs nothing', async () => {
    const { code, stdout } = await cli([
      'load',
      '--export',
      'k6',
      '--profile',
      'okta',
      '--users',
      '10',
      '--concurrency',
      '2',
      '--seed',
      '1',
    ]);
    expect(code).toBe(0);
    expect(stdout.startsWith('// Generated by `scimulator load --export k6`')).toBe(true);
    expect(stdout).toContain('scimtest-');
  });
});

describe('scimulator load (CLI)', () => {
  test('without --target it starts the embedded server and reports JSON', async () => {
    const { code, stdout, stderr } = await cli([
      'load',
      '--users',
      '40',
      '--concurrency',
      '4',
      '--json',
      '--seed',
      '3',
    ]);
    expect(stderr).toMatch(/embedded rfc reference server/);
    const report = JSON.parse(stdout) as {
      seed: number;
      outcome: { created: number };
      cleanup: { deleted: number };
    };
    expect(report.seed).toBe(3);
    expect(report.outcome.created).toBe(40);
    expect(report.cleanup.deleted).toBe(41);
    expect([0, 1]).toContain(code);
  });

  test('prints a readable report against --target', async () => {
    const { stdout } = await cli([
      'load',
      '--target',
      server.url,
      '--token',
      TOKEN,
      '--users',
      '20',
      '--concurrency',
      '2',
      '--rate',
      '1000',
    ]);
    expect(stdout).toMatch(/initial sync {2}43 requests/);
    expect(stdout).toMatch(/latency ms {2}p50 .* p90 .* p99 .* max/);
    expect(stdout).toMatch(/entra-id: >= 25 requests\/s with < 1% errors: (meets|does not meet)/);
  });

  test('a profile without a throughput expectation is not judged and exits 0', async () => {
    const { stdout, code } = await cli([
      'load',
      '--profile',
      'okta',
      '--target',
      server.url,
      '--token',
      TOKEN,
      '--users',
      '5',
      '--concurrency',
      '1',
    ]);
    expect(stdout).toMatch(/Throughput: not judged\n {2}- the profile names no throughput expectation/);
    expect(code).toBe(0);
  });

  test('usage errors exit 2', async () => {
    expect((await cli(['load', '--users', '0'])).code).toBe(2);
    expect((await cli(['load', '--rate', 'fast'])).code).toBe(2);
    expect((await cli(['load', '--export', 'jmeter'])).code).toBe(2);
    expect((await cli(['load', '--profile', 'no-such-idp', '--export', 'k6'])).code).toBe(2);
  });
});
