/**
 * Concurrent runs (issue 18): the same outcomes at any --concurrency, results in plan order, prerequisites and
 * collection-wide scenarios respected, an abort stops starting checks.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { runChecks, RFC_PROFILE, type Report } from '../../../engine/runner/index.js';
import {
  defineCheck,
  defineScenario,
  defineSuite,
  pass,
  type ProfileInfo,
  type Scenario,
} from '../../../engine/model/index.js';
import { DEFAULT_PROFILES, resolveProfile, toProfileInfo } from '../../../profiles/index.js';
import { startServer, type RunningServer } from '../../../reference-server/index.js';
import { SUITES } from '../../../suites/index.js';
import { startFakeScim, type FakeScim } from '../fake-scim.js';
import { sendJson, startTestServer } from '../helpers.js';

const TOKEN = 'concurrency-token';
let server: RunningServer | FakeScim | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const defaultProfiles = (): ProfileInfo[] =>
  DEFAULT_PROFILES.map((name) => (name === 'rfc' ? RFC_PROFILE : toProfileInfo(resolveProfile(name))));

const outcomes = (report: Report) =>
  report.results.map((r) => `${r.id}@${r.profile} ${r.outcome} ${r.code ?? ''}`);

/** Every userName the run sent in a body, per check: the data each scenario drew. */
const userNames = (report: Report) =>
  report.results.map((r) =>
    r.exchanges
      .flatMap((e) => /"userName":"([^"]+)"/.exec(e.request.body ?? '')?.[1] ?? [])
      .sort()
      .join(' '),
  );

async function runAt(quirks: string[], concurrency: number): Promise<Report> {
  // A fresh server per run: both runs start from the same (empty) target.
  const target = await startServer({ flavor: 'rfc', port: 0, token: TOKEN, quirks, log: () => undefined });
  try {
    return await runChecks({
      target: target.url,
      token: TOKEN,
      suites: SUITES,
      profiles: defaultProfiles(),
      seed: 18,
      concurrency,
    });
  } finally {
    await target.close();
  }
}

describe('the same outcomes at any concurrency', () => {
  test.each([
    ['the clean rfc server', []],
    [
      'a server with list, paging and write quirks',
      [
        'filter-ignored',
        'count-ignored',
        'start-index-zero-based',
        'patch-first-op-only',
        'no-location-header',
      ],
    ],
  ])(
    '%s: concurrency 1 and 8 give identical ids, profiles, outcomes and data, in plan order',
    async (_, quirks) => {
      const one = await runAt(quirks, 1);
      const eight = await runAt(quirks, 8);
      expect(outcomes(eight)).toEqual(outcomes(one));
      expect(userNames(eight)).toEqual(userNames(one));
      expect(eight.results.map((r) => r.requests)).toEqual(one.results.map((r) => r.requests));
      // No scenario was tagged wrongly (a collection-wide one started beside others is a HARNESS_BUG).
      expect(
        eight.results.filter((r) => r.code === 'HARNESS_BUG').map((r) => `${r.id}: ${r.message}`),
      ).toEqual([]);
      // Every name still starts with the run prefix (the sweep and `cleanup --prefix` find it by that).
      const names = userNames(eight).flatMap((n) => (n ? n.split(' ') : []));
      expect(names.length).toBeGreaterThan(100);
      expect(names.filter((name) => !name.toLowerCase().startsWith(`${eight.prefix}-`))).toEqual([]);
    },
    120_000,
  );
});

describe('the scheduler', () => {
  const live = { now: 0, max: 0, log: [] as string[] };
  const timed = (
    id: string,
    ms: number,
    scope: 'own' | 'collection' | 'collection-read' = 'own',
    more: { long?: boolean; chain?: string; fixtures?: Scenario<unknown>[]; createsOnly?: boolean } = {},
  ) =>
    defineScenario({
      id,
      scope,
      ...more,
      run: async () => {
        live.now++;
        live.max = Math.max(live.max, live.now);
        live.log.push(`start ${id} ${live.now}`);
        await new Promise((resolve) => setTimeout(resolve, ms));
        live.log.push(`end ${id}`);
        live.now--;
        return id;
      },
    });
  const check = (id: string, scenario: Scenario<unknown>, dependsOn?: string[]) =>
    defineCheck({
      id,
      title: id,
      suite: 'sched',
      rfc: 'RFC7644 3.4',
      level: 'MUST',
      explanation: 'scheduling',
      ...(dependsOn ? { dependsOn } : {}),
      scenario,
      assert: () => pass(),
    });
  const suiteOf = (...checks: ReturnType<typeof check>[]) =>
    defineSuite({ name: 'sched', title: 'sched', description: 'scheduling', checks });
  const reset = () => {
    live.now = 0;
    live.max = 0;
    live.log = [];
  };
  const at = (entry: string) => live.log.indexOf(entry);
  const startOf = (id: string) => live.log.findIndex((l) => l.startsWith(`start ${id} `));
  const suite = suiteOf(
    check('sched.a', timed('a', 80)),
    check('sched.b', timed('b', 20)),
    check('sched.c', timed('c', 20), ['sched.a']),
    check('sched.list', timed('list', 30, 'collection'), ['sched.b']),
    check('sched.after-list', timed('after-list', 10), ['sched.list']),
    check('sched.d', timed('d', 10)),
    check('sched.e', timed('e', 10)),
    check('sched.f', timed('f', 10)),
  );

  test('prerequisites first, collection-wide scenarios first and alone, at most `concurrency` in flight, plan order kept', async () => {
    server = await startFakeScim();
    reset();
    const finished: string[] = [];
    const report = await runChecks({
      target: server.url,
      suites: [suite],
      concurrency: 2,
      onResult: (r) => finished.push(r.id),
    });
    expect(report.results.map((r) => r.id)).toEqual(suite.checks.map((c) => c.id));
    expect(report.results.every((r) => r.outcome === 'pass')).toBe(true);
    expect(finished).not.toEqual(report.results.map((r) => r.id));
    expect(live.max).toBe(2);
    expect(at('start c 1') > at('end a') || at('start c 2') > at('end a')).toBe(true);
    // The collection-wide scenario goes first (with its prerequisite b), alone; everything else after it.
    expect(live.log.slice(0, 3)).toEqual(['start b 1', 'end b', 'start list 1']);
    for (const own of ['a', 'c', 'd', 'e', 'f']) expect(startOf(own)).toBeGreaterThan(at('end list'));
    expect(startOf('after-list')).toBeGreaterThan(at('end list'));
  });

  test('a long scenario and a chain start first; a chain runs in plan order, one at a time; checks sharing a scenario share its slot', async () => {
    server = await startFakeScim();
    reset();
    const shared = timed('shared', 40);
    const report = await runChecks({
      target: server.url,
      suites: [
        suiteOf(
          check('sched.s1', shared),
          check('sched.s2', shared),
          check('sched.s3', shared),
          check('sched.x', timed('x', 10)),
          check('sched.k1', timed('k1', 30, 'own', { chain: 'k' })),
          check('sched.k2', timed('k2', 10, 'own', { chain: 'k' })),
          check('sched.k3', timed('k3', 10, 'own', { chain: 'k' })),
          check('sched.wait', timed('wait', 60, 'own', { long: true })),
        ),
      ],
      concurrency: 4,
    });
    expect(report.results.every((r) => r.outcome === 'pass')).toBe(true);
    expect(live.max).toBe(4);
    // Planned last, the long scenario and the chain start before the others.
    expect(live.log.slice(0, 2)).toEqual(['start k1 1', 'start wait 2']);
    // Three checks on one scenario hold one slot (not three of the three): x starts before it ends.
    expect(startOf('x')).toBeLessThan(at('end shared'));
    expect(live.log.filter((l) => l.startsWith('start shared'))).toHaveLength(1);
    expect(startOf('k2')).toBeGreaterThan(at('end k1'));
    expect(startOf('k3')).toBeGreaterThan(at('end k2'));
  });

  test('a waiting scenario starts first; once settled, a collection-wide scenario runs beside its wait', async () => {
    server = await startFakeScim();
    reset();
    const waiting = defineScenario({
      id: 'waiting',
      waits: true,
      run: async (ctx) => {
        live.log.push('start waiting');
        await new Promise((resolve) => setTimeout(resolve, 10));
        live.log.push('settled waiting');
        ctx.settled();
        await new Promise((resolve) => setTimeout(resolve, 80));
        live.log.push('end waiting');
        return 'waiting';
      },
    });
    const report = await runChecks({
      target: server.url,
      suites: [
        suiteOf(
          check('sched.list', timed('list', 20, 'collection')),
          check('sched.own', timed('own', 10)),
          check('sched.waiting', waiting),
        ),
      ],
      concurrency: 2,
    });
    expect(report.results.every((r) => r.outcome === 'pass')).toBe(true);
    expect(live.log[0]).toBe('start waiting');
    // The barrier waits for the set-up, not for the wait; the own scenario still comes after the barrier.
    expect(at('start list 1')).toBeGreaterThan(at('settled waiting'));
    expect(at('end list')).toBeLessThan(at('end waiting'));
    expect(startOf('own')).toBeGreaterThan(at('end list'));
  });

  test('readers of the collection: those without a fixture first, then the fixtures, then the rest side by side, alone', async () => {
    server = await startFakeScim();
    reset();
    const reads = timed('reads', 20, 'collection-read');
    const made = timed('made', 20);
    const created = timed('created', 20, 'own', { createsOnly: true });
    const report = await runChecks({
      target: server.url,
      suites: [
        suiteOf(
          check('sched.own', timed('own', 10)),
          check('sched.r1', timed('r1', 40, 'collection-read', { fixtures: [made] })),
          check('sched.r2', timed('r2', 40, 'collection-read', { fixtures: [made, created] })),
          check('sched.reads', reads),
          check('sched.list', timed('list', 20, 'collection')),
          check('sched.after', timed('after', 10)),
        ),
      ],
      concurrency: 4,
    });
    expect(report.results.every((r) => r.outcome === 'pass')).toBe(true);
    // The barrier first; the reader that needs no fixture sees the collection before any fixture is made.
    expect(live.log.slice(0, 4)).toEqual(['start list 1', 'end list', 'start reads 1', 'end reads']);
    expect(startOf('made')).toBeGreaterThan(at('end reads'));
    // Both fixtures are made before either reader starts; the two readers then overlap, with nothing else.
    for (const r of ['r1', 'r2']) {
      expect(startOf(r)).toBeGreaterThan(at('end made'));
      expect(startOf(r)).toBeGreaterThan(at('end created'));
    }
    expect(startOf('r2')).toBeLessThan(at('end r1'));
    for (const own of ['own', 'after'])
      expect(startOf(own)).toBeGreaterThan(Math.max(at('end r1'), at('end r2')));
    expect(live.log.filter((l) => l.startsWith('start made'))).toHaveLength(1);
  });

  test('a reader that writes, or a createsOnly scenario that reads, is a harness bug: nothing is sent', async () => {
    server = await startFakeScim();
    const writer = defineScenario({
      id: 'writer',
      scope: 'collection-read',
      run: (ctx) => ctx.http.request({ method: 'POST', path: '/Users', json: { userName: 'x@example.com' } }),
    });
    const search = defineScenario({
      id: 'search',
      scope: 'collection-read',
      run: (ctx) => ctx.http.request({ method: 'POST', path: '/Users/.search', json: {} }),
    });
    const peeker = defineScenario({
      id: 'peeker',
      createsOnly: true,
      run: (ctx) => ctx.http.request({ method: 'GET', path: '/Users' }),
    });
    const report = await runChecks({
      target: server.url,
      suites: [
        suiteOf(check('sched.writer', writer), check('sched.search', search), check('sched.peeker', peeker)),
      ],
    });
    const byId = new Map(report.results.map((r) => [r.id, r]));
    expect(byId.get('sched.writer')).toMatchObject({ outcome: 'error', code: 'HARNESS_BUG' });
    expect(byId.get('sched.peeker')).toMatchObject({ outcome: 'error', code: 'HARNESS_BUG' });
    // POST …/.search is a read (RFC 7644 §3.4.3).
    expect(byId.get('sched.search')?.outcome).toBe('pass');
    const sent = server.requests.map((r) => `${r.method} ${r.url.replace(/^\/scim\/v2/, '')}`);
    expect(sent).not.toContain('POST /Users');
    expect(sent).toContain('POST /Users/.search');
    // The peeker's bare GET never left (the cleanup sweep's paged lists are its own).
    expect(sent).not.toContain('GET /Users');
  });

  test('readers side by side keep to `concurrency` requests in flight, ctx.all included', async () => {
    let now = 0;
    let max = 0;
    const slow = await startTestServer(async (req, res) => {
      now++;
      max = Math.max(max, now);
      await new Promise((resolve) => setTimeout(resolve, 15));
      now--;
      sendJson(res, 200, req.url?.includes('ServiceProviderConfig') ? {} : { Resources: [] });
    });
    const reader = (id: string) =>
      defineScenario({
        id,
        scope: 'collection-read',
        run: (ctx) =>
          ctx.all(Array.from({ length: 6 }, () => () => ctx.http.request({ method: 'GET', path: '/Users' }))),
      });
    try {
      const report = await runChecks({
        target: slow.url,
        suites: [suiteOf(...['a', 'b', 'c'].map((id) => check(`sched.${id}`, reader(id))))],
        concurrency: 3,
      });
      expect(report.results.map((r) => r.outcome)).toEqual(['pass', 'pass', 'pass']);
      // 18 reads from three readers side by side: never more than three at once, and more than one.
      expect(max).toBe(3);
    } finally {
      await slow.close();
    }
  });

  test('an abort stops starting checks: those in flight are interrupted, the rest are skipped, cleanup runs', async () => {
    server = await startFakeScim();
    reset();
    const controller = new AbortController();
    const report = await runChecks({
      target: server.url,
      suites: [
        suiteOf(
          check('sched.a', timed('a', 80)),
          check('sched.b', timed('b', 20)),
          check('sched.c', timed('c', 20), ['sched.a']),
          check('sched.d', timed('d', 10)),
        ),
      ],
      concurrency: 2,
      signal: controller.signal,
      onResult: () => controller.abort(),
    });
    expect(report.interrupted).toBe('ABORTED');
    const byOutcome = (o: string) => report.results.filter((r) => r.outcome === o).map((r) => r.id);
    expect(byOutcome('pass')).toEqual(['sched.b']);
    // `a` was in flight beside `b`; nothing started after the abort.
    expect(byOutcome('error')).toEqual(['sched.a']);
    expect(
      report.results.filter((r) => r.outcome === 'skip').every((r) => r.code === 'HARNESS_ABORTED'),
    ).toBe(true);
    expect(live.log.filter((l) => l.startsWith('start')).map((l) => l.split(' ')[1])).toEqual(['a', 'b']);
  });

  test('a concurrency that is not an integer of at least 1 is a USAGE error before any request', async () => {
    server = await startFakeScim();
    for (const concurrency of [0, -1, 1.5, Number.NaN])
      await expect(runChecks({ target: server.url, suites: [suite], concurrency })).rejects.toMatchObject({
        code: 'USAGE',
      });
  });
});
