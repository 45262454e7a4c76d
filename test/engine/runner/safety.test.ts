/**
 * Safe on real endpoints (issue 16): one clear stop on a wrong set-up (preflight), bounded time (per-request
 * timeout, --max-time, circuit breaker, Retry-After), and `scimulator cleanup` that only ever touches the
 * harness's own names.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { main } from '../../../cli/index.js';
import { run, runChecks, type Report } from '../../../index.js';
import { HttpTransport } from '../../../engine/transport/index.js';
import { usersSuite } from '../../../suites/index.js';
import { startHostileTarget } from './hostile-targets.js';
import { call, serve, snapshot, type Served } from '../../reference-server/robustness/server-helpers.js';

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function cli(argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const sink = { write: (s: string) => ((out += s), true) };
  const code = await main(argv, { stdout: sink, stderr: sink, env: {} });
  return { code, out };
}

async function rfc(extra: Parameters<typeof serve>[1] = {}): Promise<Served> {
  const s = await serve('rfc', { seedUsers: 5, ...extra });
  cleanup.push(() => s.server.close());
  return s;
}

/** A loopback proxy in front of `s` that holds every request `delayMs`, or stops answering after `answerFirst`. */
async function proxy(s: Served, opts: { delayMs?: number; answerFirst?: number }): Promise<string> {
  let seen = 0;
  const server: Server = createServer((req, res) => {
    seen++;
    if (opts.answerFirst !== undefined && seen > opts.answerFirst) return; // accepts, never answers
    setTimeout(() => {
      const upstream = request(
        { host: '127.0.0.1', port: s.server.port, method: req.method, path: req.url, headers: req.headers },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    }, opts.delayMs ?? 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.push(
    () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}${s.base}`;
}

describe('preflight', () => {
  test('a wrong token exits 2 with one sentence about the rejected credential, never the token', async () => {
    const s = await rfc();
    const r = await cli(['run', '--target', s.server.url, '--token', 'wrong-secret-token']);
    expect(r.code).toBe(2);
    expect(r.out.trim()).toBe(
      `scimulator: 127.0.0.1:${s.server.port} rejected the credential: GET /Users answered 401 to the Bearer token that was sent [TARGET_AUTH_REJECTED]`,
    );
    expect(r.out).not.toContain('wrong-secret-token');
  });

  test('a base URL without its SCIM path exits 2 naming the path that answers', async () => {
    const s = await rfc();
    const origin = new URL(s.server.url).origin;
    const r = await cli(['run', '--target', origin, '--token', s.token]);
    expect(r.code).toBe(2);
    expect(r.out).toContain(`use --target ${origin}/scim/v2 [TARGET_NOT_SCIM]`);
    expect(r.out.trim().split('\n')).toHaveLength(1);
  });

  test('TLS to a plain-HTTP port says how to trust a CA; a DNS failure says so', async () => {
    const s = await rfc();
    const tls = await cli(['run', '--target', s.server.url.replace('http:', 'https:'), '--token', s.token]);
    expect(tls.code).toBe(2);
    expect(tls.out).toMatch(/NODE_EXTRA_CA_CERTS.*\[TARGET_TLS_ERROR\]/);
    const dns = await cli([
      'run',
      '--target',
      'http://no-such-host.invalid/scim/v2',
      '--token',
      't',
      '--timeout',
      '2000',
    ]);
    expect(dns.code).toBe(2);
    expect(dns.out).toMatch(/could not be resolved \(DNS\).*\[TARGET_UNREACHABLE\]|\[TARGET_TIMEOUT\]/);
  });

  test('the library run() throws the same coded errors', async () => {
    const s = await rfc();
    await expect(run({ target: s.server.url, token: 'nope' })).rejects.toMatchObject({
      code: 'TARGET_AUTH_REJECTED',
    });
    await expect(run({ target: new URL(s.server.url).origin, token: s.token })).rejects.toMatchObject({
      code: 'TARGET_NOT_SCIM',
    });
  });

  test('a target that accepts connections and never answers exits 2 within 45 s with default timeouts', async () => {
    const target = await startHostileTarget('never-answers');
    cleanup.push(() => target.close());
    const started = Date.now();
    const r = await cli(['run', '--target', target.url, '--token', 't']);
    const elapsed = Date.now() - started;
    console.log(`[safety] never-answers: exit ${r.code} after ${elapsed} ms: ${r.out.trim()}`);
    expect(r.code).toBe(2);
    expect(elapsed).toBeLessThan(45_000);
    expect(r.out.trim().split('\n')).toHaveLength(1);
    expect(r.out).toMatch(/did not answer GET \/Users in time .*\[TARGET_TIMEOUT\]/);
  }, 60_000);
});

describe('bounded time', () => {
  test('a target that answers every request late gives the same outcomes as without the delay', async () => {
    const s = await rfc();
    const slow = await proxy(s, { delayMs: 150 });
    const options = { token: s.token, suites: [usersSuite], seed: 21, timeout: 2_000 };
    const direct = await run({ ...options, target: s.server.url });
    const delayed = await run({ ...options, target: slow });
    const outcomes = (r: Report) => r.results.map((x) => `${x.id} ${x.outcome}`);
    expect(outcomes(delayed)).toEqual(outcomes(direct));
    expect(delayed.cleanup).toEqual([]);
    console.log(
      `[safety] users suite: ${direct.results.length} results, ${direct.summary.passed} passed direct in ${direct.durationMs} ms, same outcomes with 150 ms per request in ${delayed.durationMs} ms`,
    );
  }, 120_000);

  test('the circuit breaker stops a run whose target stops answering: exit 2, one sentence, cleanup bounded', async () => {
    const s = await rfc();
    // Preflight and discovery (4 requests) and a few checks are answered, then nothing is.
    const dying = await proxy(s, { answerFirst: 12 });
    const started = Date.now();
    const r = await cli([
      'run',
      '--target',
      dying,
      '--token',
      s.token,
      '--suite',
      'users',
      '--timeout',
      '300',
    ]);
    expect(r.code, r.out.slice(-500)).toBe(2);
    expect(r.out).toMatch(/stopped the run: 5 requests in a row got no answer .*\[TARGET_TIMEOUT\]/);
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 60_000);

  test('--max-time stops the run, reports the rest as not run, and still cleans up', async () => {
    const s = await rfc();
    const before = await snapshot(s);
    const slow = await proxy(s, { delayMs: 50 });
    const report = await runChecks({
      target: slow,
      token: s.token,
      suites: [usersSuite],
      seed: 22,
      maxTimeMs: 1_000,
      // One check at a time keeps the suite well past the deadline at 50 ms a request (at 8 it can finish first).
      concurrency: 1,
    });
    expect(report.interrupted).toBe('MAX_TIME');
    const notRun = report.results.filter((x) => x.code === 'HARNESS_ABORTED');
    expect(notRun.length).toBeGreaterThan(0);
    expect(report.results.filter((x) => x.outcome === 'pass').length).toBeGreaterThan(0);
    expect(report.cleanup).toEqual([]);
    expect(await snapshot(s)).toBe(before);
  }, 60_000);

  test('429 with Retry-After is waited out for every method, unless the caller models its own retries', async () => {
    const hits: string[] = [];
    const server = createServer((req, res) => {
      hits.push(req.method ?? '');
      if (hits.length % 2 === 1) {
        res.writeHead(429, { 'retry-after': '0', 'content-length': '0' });
        return res.end();
      }
      res.writeHead(200, { 'content-type': 'application/scim+json' });
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise((resolve) => server.close(() => resolve())));
    const seen: number[] = [];
    const transport = new HttpTransport({
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/scim/v2`,
      retryAfter: { maxRetries: 2, maxWaitMs: 1_000 },
      onExchange: (e) => seen.push(e.response?.status ?? 0),
    });
    cleanup.push(() => transport.close());
    const evidence: number[] = [];
    const http = transport.client({ onExchange: (e) => evidence.push(e.response?.status ?? 0) });
    expect((await http.request({ method: 'GET', path: '/Users' })).status).toBe(200);
    expect((await http.request({ method: 'POST', path: '/Users', json: {} })).status).toBe(200);
    expect(hits).toEqual(['GET', 'GET', 'POST', 'POST']);
    const own = await http.request({ method: 'PATCH', path: '/Users/1', json: {}, retryRateLimited: false });
    expect(own.status).toBe(429);
    expect(hits).toEqual(['GET', 'GET', 'POST', 'POST', 'PATCH']);
    // The run's observer (creation tracker, breaker) sees every attempt; a check's evidence only its answers.
    expect(seen).toEqual([429, 200, 429, 200, 429]);
    expect(evidence).toEqual([200, 200, 429]);
    expect(transport.pacingStats()).toMatchObject({ rateLimited: 3, retried: 2, notRetried: 1 });
  });
});

describe('scimulator cleanup', () => {
  test('lists by prefix in a dry run, deletes only with --yes, and never touches other names', async () => {
    const s = await rfc();
    const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
    for (const name of [
      'scimtest-old1-1-a',
      'scimtest-old1-2-b',
      'scimtest-old2-1-c',
      'scimtestnodash',
      'alice-scimtest-x',
    ])
      expect((await call(s, 'POST', 'Users', { schemas: [USER], userName: name })).status).toBe(201);
    const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
    expect(
      (await call(s, 'POST', 'Groups', { schemas: [GROUP], displayName: 'scimtest-old1-3-team' })).status,
    ).toBe(201);
    expect((await call(s, 'POST', 'Groups', { schemas: [GROUP], displayName: 'Real team' })).status).toBe(
      201,
    );
    const before = await snapshot(s);

    const dry = await cli(['cleanup', '--target', s.server.url, '--token', s.token]);
    expect(dry.code, dry.out).toBe(0);
    expect(dry.out).toContain('4 resource(s) named scimtest-… on');
    expect(dry.out).toContain('dry run, nothing deleted');
    expect(await snapshot(s)).toBe(before);

    const narrow = await cli([
      'cleanup',
      '--target',
      s.server.url,
      '--token',
      s.token,
      '--prefix',
      'scimtest-old1',
      '--yes',
    ]);
    expect(narrow.code, narrow.out).toBe(0);
    expect(narrow.out).toContain('deleted 3 of 3');
    const all = await cli(['cleanup', '--target', s.server.url, '--token', s.token, '--yes']);
    expect(all.out).toContain('deleted 1 of 1');

    const users = (await call(s, 'GET', 'Users?count=100')).json as {
      Resources: Array<{ userName: string }>;
    };
    const names = users.Resources.map((u) => u.userName).sort();
    expect(names).toEqual([
      'alice-scimtest-x',
      'scimtestnodash',
      'seed.user1@example.com',
      'seed.user2@example.com',
      'seed.user3@example.com',
      'seed.user4@example.com',
      'seed.user5@example.com',
    ]);
    const groups = (await call(s, 'GET', 'Groups')).json as { Resources: Array<{ displayName: string }> };
    expect(groups.Resources.map((g) => g.displayName)).toEqual(['Real team']);

    const refused = await cli(['cleanup', '--target', s.server.url, '--prefix', 'seed.', '--yes']);
    expect(refused.code).toBe(2);
    expect(refused.out).toMatch(/--prefix must start with "scimtest-"/);
  });

  test('pre-existing users and groups survive a run and a cleanup --yes unchanged', async () => {
    const s = await rfc();
    const before = await snapshot(s);
    const r = await cli([
      'run',
      '--target',
      s.server.url,
      '--token',
      s.token,
      '--suite',
      'users,groups',
      '--seed',
      '5',
    ]);
    expect(r.code, r.out.slice(-400)).toBe(0);
    const c = await cli(['cleanup', '--target', s.server.url, '--token', s.token, '--yes']);
    expect(c.out).toContain('nothing on');
    expect(await snapshot(s)).toBe(before);
  }, 60_000);
});
