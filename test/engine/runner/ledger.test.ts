/**
 * The cleanup ledger against a pre-seeded rfc server: resources that existed before the run are never
 * modified, and nothing the run created is left behind: after a full run, after the target starts
 * failing mid-run, and after an interrupt (abort signal and SIGINT).
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { runChecks } from '../../../engine/index.js';
import { RFC_SUITES } from '../../../suites/index.js';
import { call, serve, snapshot, type Served } from '../../reference-server/robustness/server-helpers.js';

const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const TIMEOUTS = { connectMs: 1_000, headersMs: 2_000, bodyMs: 2_000, requestMs: 3_000, scenarioMs: 20_000 };

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup) await c();
  cleanup = [];
});

/** An rfc server with 20 users and 3 groups (with members) that the run must not touch. */
async function seeded(): Promise<{ s: Served; before: string }> {
  const s = await serve('rfc', { seedUsers: 20 });
  cleanup.push(() => s.server.close());
  const users = ((await call(s, 'GET', 'Users?count=5')).json as { Resources: Array<{ id: string }> })
    .Resources;
  for (let g = 0; g < 3; g++) {
    const res = await call(s, 'POST', 'Groups', {
      schemas: [GROUP],
      displayName: `pre-existing-${g}`,
      members: users.slice(g, g + 3).map((u) => ({ value: u.id })),
    });
    expect(res.status).toBe(201);
  }
  return { s, before: await snapshot(s) };
}

/** A pass-through proxy in front of the server; `fail(req)` can answer 503 instead (a target failing mid-run). */
async function proxy(s: Served, fail: (method: string, seen: number) => boolean): Promise<string> {
  let seen = 0;
  const server: Server = createServer((req, res) => {
    seen++;
    if (fail(req.method ?? 'GET', seen)) {
      req.resume();
      res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '1' });
      res.end('upstream exploded');
      return;
    }
    const upstream = request(
      { host: '127.0.0.1', port: s.server.port, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.unshift(() => new Promise((resolve) => server.close(() => resolve())));
  server.closeIdleConnections();
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/scim/v2`;
}

describe('cleanup ledger', () => {
  test('a full run leaves pre-existing users and groups byte-identical and nothing behind', async () => {
    const { s, before } = await seeded();
    const report = await runChecks({
      target: s.server.url,
      token: s.token,
      suites: RFC_SUITES,
      seed: 3,
      timeouts: TIMEOUTS,
    });
    expect(report.cleanup).toEqual([]);
    expect(report.summary.failed + report.summary.errored).toBe(0);
    expect(await snapshot(s)).toBe(before);
    console.log(
      `[reliability] ledger: full run (${report.results.length} results) left 20 users + 3 groups identical, nothing behind`,
    );
  }, 120_000);

  test('when the target fails mid-run, cleanup still deletes what the run created', async () => {
    const { s, before } = await seeded();
    let creates = 0;
    // After the fifth create every request but DELETE fails: the checks fail, cleanup must still work.
    const url = await proxy(s, (method) => {
      if (method === 'POST') creates++;
      return creates > 5 && method !== 'DELETE';
    });
    const report = await runChecks({
      target: url,
      token: s.token,
      suites: RFC_SUITES,
      seed: 4,
      timeouts: TIMEOUTS,
    });
    expect(report.summary.failed).toBeGreaterThan(0);
    expect(report.results.filter((r) => r.code === 'HARNESS_BUG')).toEqual([]);
    expect(report.cleanup).toEqual([]);
    expect(await snapshot(s)).toBe(before);
  }, 120_000);

  test('an interrupted run (abort signal, then SIGINT) still cleans up', async () => {
    const { s, before } = await seeded();
    const controller = new AbortController();
    let results = 0;
    const aborted = await runChecks({
      target: s.server.url,
      token: s.token,
      suites: RFC_SUITES,
      seed: 5,
      timeouts: TIMEOUTS,
      signal: controller.signal,
      onResult: () => {
        if (++results === 40) controller.abort();
      },
    });
    expect(aborted.interrupted).toBe('ABORTED');
    expect(await snapshot(s)).toBe(before);

    results = 0;
    const interrupted = await runChecks({
      target: s.server.url,
      token: s.token,
      suites: RFC_SUITES,
      seed: 6,
      timeouts: TIMEOUTS,
      handleSignals: true,
      // The runner's own SIGINT handler is called as a real Ctrl-C would call it.
      onResult: () => {
        if (++results === 60) process.emit('SIGINT');
      },
    });
    expect(interrupted.interrupted).toBe('SIGINT');
    expect(interrupted.cleanup).toEqual([]);
    expect(await snapshot(s)).toBe(before);
  }, 120_000);
});
