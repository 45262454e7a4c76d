/**
 * Pacing (issue 18): `--rate` caps a run, a 429 storm with Retry-After slows a run without failing any check
 * (and everything created is still cleaned up), and the report says it happened.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { run, type Report } from '../../../index.js';
import { Pacer } from '../../../engine/transport/index.js';
import { createConsoleReporter, renderHtml, renderMarkdown } from '../../../engine/reporters/index.js';
import { startMutatingProxy, type ProxiedResponse } from '../../support/mutating-proxy.js';
import { call, serve, type Served } from '../../reference-server/robustness/server-helpers.js';

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function rfc(extra: Parameters<typeof serve>[1] = {}): Promise<Served> {
  const s = await serve('rfc', { seedUsers: 2, ...extra });
  cleanup.push(() => s.server.close());
  return s;
}

const outcomes = (report: Report) => report.results.map((r) => `${r.id} ${r.profile} ${r.outcome}`);

/** Users whose name carries the harness's prefix: what a run would have left behind. */
async function harnessUsers(s: Served): Promise<number> {
  const res = await call(s, 'GET', 'Users?filter=userName%20sw%20%22scimtest-%22');
  return (res.json as { totalResults: number }).totalResults;
}

function tooMany(retryAfter: string): ProxiedResponse {
  const body = JSON.stringify({
    schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
    status: '429',
    detail: 'Too many requests',
  });
  return {
    status: 429,
    headers: { 'content-type': 'application/scim+json', 'retry-after': retryAfter },
    body,
  };
}

describe('a 429 storm with Retry-After', () => {
  test('slows the run, fails no check, leaves nothing behind, and the report says so', async () => {
    const options = { suites: ['users', 'groups'], profiles: ['rfc', 'entra-id'], seed: 18 };
    const clean = await rfc();
    const t0 = Date.now();
    const cleanReport = await run({ target: clean.server.url, token: clean.token, ...options });
    const cleanMs = Date.now() - t0;

    const stormy = await rfc();
    const proxy = await startMutatingProxy(stormy.server.url);
    cleanup.push(() => proxy.close());
    let first: number | undefined;
    let seen = 0;
    let refused = 0;
    // A storm: everything is refused for 1.5 s after the first request, then one request in eight is, the
    // Retry-After given as delay-seconds or as an HTTP-date (RFC 9110 §10.2.3).
    proxy.setBreakage({
      answer: () => {
        const now = Date.now();
        first ??= now;
        seen++;
        const storm = now - first < 1_500;
        if (!storm && seen % 8 !== 0) return undefined;
        refused++;
        return tooMany(storm || seen % 16 === 0 ? '1' : new Date(now + 1_000).toUTCString());
      },
    });
    const t1 = Date.now();
    const stormReport = await run({ target: proxy.url, token: stormy.token, ...options });
    const stormMs = Date.now() - t1;
    console.log(
      `[pacing] storm: ${refused} of ${seen} requests refused with 429; ${stormMs} ms vs ${cleanMs} ms clean; ${JSON.stringify(stormReport.pacing)}`,
    );

    expect(outcomes(stormReport)).toEqual(outcomes(cleanReport));
    expect(stormReport.results.filter((r) => r.outcome === 'fail' || r.outcome === 'error')).toEqual([]);
    expect(refused / seen).toBeGreaterThan(0.1);
    expect(stormMs).toBeGreaterThan(cleanMs);
    expect(cleanReport.pacing).toBeUndefined();
    expect(stormReport.pacing?.rateLimited).toBe(refused);
    expect(stormReport.pacing?.retried).toBeGreaterThan(0);
    expect(stormReport.pacing?.notRetried).toBe(0);
    expect(stormReport.pacing?.waitedMs).toBeGreaterThan(1_000);
    // The 429s lowered what may be in flight (and the rate, where a pace could be measured).
    expect(stormReport.pacing?.finalInFlight).toBeGreaterThanOrEqual(1);
    // One line in each human report, only when something happened.
    let text = '';
    createConsoleReporter({ stream: { write: (s: string) => (text += s) } }).end(stormReport, 'must');
    expect(text).toMatch(
      /Pacing: the target answered 429 Too Many Requests \d+ times, \d+ retried; requests held back/,
    );
    expect(renderMarkdown(stormReport)).toContain('Pacing: the target answered 429');
    expect(renderHtml(stormReport)).toContain('<div class="note pacing">Pacing: the target answered 429');
    expect(renderMarkdown(cleanReport)).not.toContain('Pacing');
    // Every creation was seen and removed, 429s on POST included.
    expect(stormReport.cleanup).toEqual([]);
    expect(await harnessUsers(stormy)).toBe(0);
  }, 120_000);

  test('the reference server --rate-limit answers 429 until the run slows to its pace', async () => {
    const s = await rfc({ rateLimit: { requests: 10, windowSeconds: 1 } });
    const report = await run({
      target: s.server.url,
      token: s.token,
      suites: ['users'],
      profiles: ['rfc'],
      seed: 3,
    });
    expect(report.results.filter((r) => r.outcome === 'fail' || r.outcome === 'error')).toEqual([]);
    expect(report.pacing?.rateLimited).toBeGreaterThan(0);
    expect(report.pacing?.notRetried).toBe(0);
    expect(report.pacing?.finalInFlight).toBeGreaterThanOrEqual(1);
    expect(report.cleanup).toEqual([]);
  }, 120_000);
});

describe('429 on a write', () => {
  test('is retried for the checks; a lifecycle replay retries it only when its IdP does', async () => {
    const s = await rfc({ quirks: ['rate-limited-once'] });
    const report = await run({
      target: s.server.url,
      token: s.token,
      checks: ['users.post.returns-201', 'lifecycle.create.post-201'],
      profiles: ['rfc', 'entra-id', 'keycloak-scim'],
      seed: 6,
    });
    const outcome = (id: string, profile: string) =>
      report.results.find((r) => r.id === id && r.profile === profile)?.outcome;
    expect(outcome('users.post.returns-201', 'rfc')).toBe('pass');
    expect(outcome('lifecycle.create.post-201', 'entra-id')).toBe('pass');
    // Keycloak's SCIM client does not retry a 429 (docs/idp/keycloak-scim.md): judged as it would fare.
    expect(outcome('lifecycle.create.post-201', 'keycloak-scim')).toBe('fail');
    const keycloak = report.results.find((r) => r.profile === 'keycloak-scim');
    expect(keycloak?.exchanges.map((e) => e.response?.status)).toContain(429);
    expect(report.pacing?.rateLimited).toBeGreaterThan(0);
    expect(report.cleanup).toEqual([]);
  }, 60_000);
});

describe('--rate', () => {
  test('caps the run: N requests at 20/s take at least about N/20 s', async () => {
    const s = await rfc();
    const proxy = await startMutatingProxy(s.server.url);
    cleanup.push(() => proxy.close());
    let requests = 0;
    proxy.setBreakage({
      answer: () => {
        requests++;
        return undefined;
      },
    });
    const t0 = Date.now();
    const report = await run({
      target: proxy.url,
      token: s.token,
      suites: ['users'],
      profiles: ['rfc'],
      seed: 4,
      rate: 20,
    });
    const ms = Date.now() - t0;
    expect(requests).toBeGreaterThan(30);
    // The bucket lets a first request through at once; allow generous slack below the ideal.
    expect(ms).toBeGreaterThanOrEqual(((requests - 2) / 20) * 1000 * 0.9);
    expect(report.pacing).toMatchObject({ rate: 20, rateLimited: 0, finalRate: 20 });
    expect(report.pacing?.waitedMs).toBeGreaterThan(0);
  }, 60_000);

  test('must be a positive number', async () => {
    await expect(run({ rate: 0 })).rejects.toMatchObject({ code: 'USAGE' });
    await expect(run({ rate: Number.NaN })).rejects.toThrow(/rate must be a number of requests per second/);
  });
});

describe('Pacer', () => {
  test('a 429 halves the pace and holds every request for Retry-After; answers add back slowly', async () => {
    let t = 0;
    const pacer = new Pacer({ adaptive: true, now: () => t });
    for (let i = 0; i < 40; i++) {
      await pacer.acquire([]);
      t += 25;
    }
    expect(pacer.rate).toBeUndefined();
    expect(pacer.answered(429, '2', 0)).toBe(2_000);
    expect(pacer.rate).toBe(20);
    // A second 429 within a second is the same overload: no second halving.
    expect(pacer.answered(429, '1', 0)).toBe(1_000);
    expect(pacer.rate).toBe(20);
    // A second of answers at 20/s adds a tenth of the interrupted pace (40/s): 4 requests/s.
    for (let i = 0; i < 20; i++) pacer.answered(200, undefined, 0);
    expect(pacer.rate).toBeGreaterThan(23.5);
    expect(pacer.rate).toBeLessThan(24.1);
    // Retry-After: 0 asks for no wait: counted, no halving; longer than the cap: handed back.
    t += 5_000;
    const rate = pacer.rate;
    expect(pacer.answered(429, '0', 0)).toBe(0);
    expect(pacer.rate).toBe(rate);
    expect(pacer.answered(429, '3600', 0)).toBeUndefined();
    expect(pacer.stats()).toMatchObject({ rateLimited: 4, tooLong: 1 });
  });

  test('a 429 halves the requests allowed in flight; a waiting request goes once enough are answered', async () => {
    const pacer = new Pacer({ adaptive: true, maxWaitMs: 50 });
    for (let i = 0; i < 4; i++) expect(await pacer.acquire([])).toBe(true);
    pacer.release(); // the refused request's answer: 3 still in flight
    expect(pacer.answered(429, undefined, 0)).toBe(50);
    let sent = false;
    const next = pacer.acquire([]).then((slot) => (sent = slot));
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(sent).toBe(false);
    pacer.release();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(sent).toBe(false);
    pacer.release();
    await next;
    expect(sent).toBe(true);
    expect(pacer.stats()).toMatchObject({ rateLimited: 1, finalInFlight: 2 });
    const aborted = new AbortController();
    const blocked = pacer.acquire([aborted.signal]);
    aborted.abort();
    expect(await blocked).toBe(false);
  });

  test('without Retry-After the wait doubles per attempt, within the cap', () => {
    const pacer = new Pacer({ adaptive: true, maxWaitMs: 3_000, now: () => 0 });
    expect(pacer.answered(429, undefined, 0)).toBe(1_000);
    expect(pacer.answered(429, undefined, 1)).toBe(2_000);
    expect(pacer.answered(429, undefined, 2)).toBe(3_000);
  });

  test('not adaptive: a 429 is only counted', () => {
    const pacer = new Pacer();
    expect(pacer.answered(429, '1', 0)).toBeUndefined();
    expect(pacer.rate).toBeUndefined();
    expect(pacer.stats()).toMatchObject({ rateLimited: 1, retried: 0 });
    expect(new Pacer().stats()).toBeUndefined();
  });
});
