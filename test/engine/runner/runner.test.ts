import { afterEach, describe, expect, test } from 'vitest';
import { HarnessError } from '../../../engine/errors.js';
import { exitCodeFor, runChecks } from '../../../engine/runner/index.js';
import {
  defineCheck,
  defineScenario,
  defineSuite,
  fail,
  pass,
  skip,
  type CheckResult,
  type HttpResult,
  type Scenario,
} from '../../../engine/model/index.js';
import { closedPortUrl } from '../helpers.js';
import { counters, fakeSuite, startFakeScim, type FakeScim } from '../fake-scim.js';

let target: FakeScim | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

const byId = (results: CheckResult[]) => Object.fromEntries(results.map((r) => [r.id, r]));

describe('runChecks', () => {
  test('separates pass, fail, skip and error; memoises scenarios; cleans up in reverse order', async () => {
    target = await startFakeScim();
    counters.created = 0;
    const live: string[] = [];
    const report = await runChecks({
      target: target.url,
      token: 'runner-token',
      suites: [fakeSuite],
      seed: 7,
      onResult: (r) => live.push(r.id),
    });
    const r = byId(report.results);
    expect(r['fake.create.returns-201']?.outcome).toBe('pass');
    expect(r['fake.create.has-id']?.outcome).toBe('pass');
    expect(r['fake.group.returns-201']?.outcome).toBe('pass');
    // The nested scenario's exchanges are included: POST /Users then POST /Groups.
    expect(r['fake.group.returns-201']?.exchanges.map((e) => e.request.url.replace(target!.url, ''))).toEqual(
      ['/Users', '/Groups'],
    );
    expect(r['fake.teapot.status-200']).toMatchObject({
      outcome: 'fail',
      code: 'STATUS_MISMATCH',
      expected: 200,
      actual: 418,
    });
    expect(r['fake.bulk.supported']).toMatchObject({
      outcome: 'skip',
      message: 'ServiceProviderConfig.bulk.supported is false',
    });
    expect(r['fake.assert.throws']).toMatchObject({ outcome: 'error', code: 'HARNESS_BUG' });
    expect(r['fake.assert.throws']?.message).toContain('boom');
    expect(r['fake.scenario.harness-error']).toMatchObject({
      outcome: 'error',
      code: 'HARNESS_FIXTURE_INVALID',
    });
    expect(r['fake.scenario.target-failure']).toMatchObject({ outcome: 'fail', code: 'STATUS_MISMATCH' });
    expect(r['fake.assert.skips']).toMatchObject({ outcome: 'skip', message: 'not applicable' });
    // The user scenario ran once for three checks (two direct, one via use()).
    expect(counters.created).toBe(1);
    // onResult fires as checks finish; the report keeps plan (catalogue) order whatever the finishing order.
    expect([...live].sort()).toEqual(report.results.map((x) => x.id).sort());
    expect(report.results.map((x) => x.id)).toEqual(fakeSuite.checks.map((c) => c.id));
    // Groups go before Users (the group may contain the user), whatever the concurrency.
    expect(target.deleted).toEqual(['/Groups/2', '/Users/1']);
    expect(report.cleanup).toEqual([]);
    // The two teapot checks failed on the very same exchange with the same code: one cause.
    expect(report.summary).toEqual({ passed: 3, failed: 3, skipped: 2, errored: 2, causes: 4 });
    expect(report.verdicts).toEqual({
      rfc: {
        judged: true,
        compatible: false,
        failed: [
          'fake.teapot.status-200',
          'fake.assert.throws',
          'fake.scenario.harness-error',
          'fake.scenario.target-failure',
        ],
      },
    });
    expect(exitCodeFor(report, 'must')).toBe(1);
    expect(exitCodeFor(report, 'never')).toBe(0);
    // The token never appears in the report.
    expect(JSON.stringify(report)).not.toContain('runner-token');
  });

  test('fail-on: SHOULD failures gate only with should; skips never gate', async () => {
    target = await startFakeScim();
    const report = await runChecks({
      target: target.url,
      suites: [fakeSuite],
      only: ['fake.teapot.should', 'fake.bulk.supported'],
    });
    expect(report.results.map((r) => r.outcome)).toEqual(['fail', 'skip']);
    expect(exitCodeFor(report, 'must')).toBe(0);
    expect(exitCodeFor(report, 'should')).toBe(1);
    expect(report.verdicts.rfc?.compatible).toBe(true);
  });

  test('only accepts suite names and prefix patterns; unknown names are a usage error', async () => {
    target = await startFakeScim();
    const report = await runChecks({ target: target.url, suites: [fakeSuite], only: ['fake.create.*'] });
    expect(report.results.map((r) => r.id)).toEqual(['fake.create.returns-201', 'fake.create.has-id']);
    await expect(
      runChecks({ target: target.url, suites: [fakeSuite], only: ['nope'] }),
    ).rejects.toMatchObject({
      code: 'USAGE',
    });
  });

  test('the same seed sends identical request bodies', async () => {
    const bodies: string[][] = [];
    for (let i = 0; i < 2; i++) {
      target = await startFakeScim();
      await runChecks({
        target: target.url,
        suites: [fakeSuite],
        seed: 42,
        only: ['fake.group.returns-201'],
      });
      bodies.push(target.requests.filter((r) => r.method === 'POST').map((r) => r.body));
      await target.close();
      target = undefined;
    }
    expect(bodies[0]).toHaveLength(2);
    expect(bodies[0]).toEqual(bodies[1]);
    expect(bodies[0]?.[0]).toContain('scimtest-');
  });

  test('a failed cleanup DELETE is reported without changing outcomes', async () => {
    target = await startFakeScim({ failDelete: true });
    const report = await runChecks({
      target: target.url,
      suites: [fakeSuite],
      only: ['fake.create.returns-201'],
    });
    expect(report.results[0]?.outcome).toBe('pass');
    expect(report.cleanup).toEqual([
      {
        path: '/Users/1',
        resourceType: 'User',
        id: '1',
        name: expect.stringMatching(/^scimtest-/) as string,
        status: 500,
        message: 'DELETE /Users/1 answered 500',
      },
    ]);
  });

  test('without a usable ServiceProviderConfig, patch and filter are assumed, bulk is not', async () => {
    target = await startFakeScim({ spc: false });
    const report = await runChecks({
      target: target.url,
      suites: [fakeSuite],
      only: ['fake.bulk.supported'],
    });
    expect(report.results[0]?.outcome).toBe('skip');
    expect(report.results[0]?.message).toMatch(
      /bulk is assumed unsupported: \/ServiceProviderConfig is unusable \(it answered 404\)/,
    );
  });

  test('an unreachable target is a harness error (TARGET_UNREACHABLE)', async () => {
    const url = await closedPortUrl();
    const err = await runChecks({ target: url, suites: [fakeSuite] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HarnessError);
    expect((err as HarnessError).code).toBe('TARGET_UNREACHABLE');
  });

  test('an aborted run skips what is left and still cleans up', async () => {
    target = await startFakeScim();
    const controller = new AbortController();
    const report = await runChecks({
      target: target.url,
      suites: [fakeSuite],
      concurrency: 1,
      signal: controller.signal,
      onResult: () => controller.abort(),
    });
    expect(report.interrupted).toBe('ABORTED');
    // The second check shares the first one's scenario, so it was in flight (without a slot of its own).
    expect(report.results.slice(0, 2).map((r) => r.outcome)).toEqual(['pass', 'pass']);
    expect(report.results.slice(2).every((r) => r.outcome === 'skip' && r.code === 'HARNESS_ABORTED')).toBe(
      true,
    );
    expect(target.deleted).toEqual(['/Users/1']);
  });

  test('a scenario past its deadline errors with HARNESS_TIMEOUT; a scenario cycle is a HARNESS_BUG', async () => {
    target = await startFakeScim();
    const slow = defineScenario({
      id: 'slow',
      run: () => new Promise((resolve) => setTimeout(resolve, 2_000)),
    });
    const a: Scenario<unknown> = defineScenario({ id: 'a', run: (ctx) => ctx.use(b) });
    const b: Scenario<unknown> = defineScenario({ id: 'b', run: (ctx) => ctx.use(a) });
    const common = {
      suite: 'x',
      rfc: 'RFC7644 3',
      level: 'MUST' as const,
      explanation: 'x',
      assert: () => pass(),
    };
    const suite = defineSuite({
      name: 'x',
      title: 'x',
      description: 'x',
      checks: [
        defineCheck({ ...common, id: 'x.slow', title: 'slow', scenario: slow }),
        defineCheck({ ...common, id: 'x.cycle', title: 'cycle', scenario: a }),
      ],
    });
    const report = await runChecks({ target: target.url, suites: [suite], timeouts: { scenarioMs: 100 } });
    expect(report.results[0]).toMatchObject({ outcome: 'error', code: 'HARNESS_TIMEOUT' });
    expect(report.results[1]).toMatchObject({ outcome: 'error', code: 'HARNESS_BUG' });
    expect(report.results[1]?.message).toContain('a → b → a');
  });

  test('evidence narrows a result to the exchanges its verdict rests on, and falls back to all of them', async () => {
    target = await startFakeScim();
    const twoRequests = defineScenario({
      id: 'two-requests',
      async run(ctx) {
        const first = await ctx.http.request({ method: 'GET', path: '/Users' });
        const second = await ctx.http.request({ method: 'GET', path: '/Groups' });
        return { first, second };
      },
    });
    type Two = { first: HttpResult; second: HttpResult };
    const common = {
      suite: 'x',
      rfc: 'RFC7644 3',
      level: 'MUST' as const,
      explanation: 'x',
      scenario: twoRequests,
    };
    const suite = defineSuite({
      name: 'x',
      title: 'x',
      description: 'x',
      checks: [
        defineCheck<Two>({
          ...common,
          id: 'x.evidence.second',
          title: 'picks the second',
          assert: () => pass(),
          evidence: (run) => [run.second.exchange],
        }),
        defineCheck<Two>({
          ...common,
          id: 'x.evidence.reordered',
          title: 'kept in request order, duplicates once',
          assert: () => fail('VALUE_MISMATCH', 'x'),
          evidence: (run) => [run.second.exchange, run.first.exchange, run.second.exchange],
        }),
        defineCheck<Two>({
          ...common,
          id: 'x.evidence.throws',
          title: 'throws',
          assert: () => skip('x'),
          evidence: () => {
            throw new Error('boom');
          },
        }),
        defineCheck<Two>({
          ...common,
          id: 'x.evidence.none',
          title: 'none',
          assert: () => pass(),
          evidence: () => [],
        }),
        defineCheck<Two>({
          ...common,
          id: 'x.evidence.foreign',
          title: 'not of the scenario',
          assert: () => pass(),
          evidence: (run) => [{ ...run.first.exchange }],
        }),
        defineCheck<Two>({
          ...common,
          id: 'x.evidence.bad',
          title: 'not an array',
          assert: () => pass(),
          evidence: () => undefined as unknown as [],
        }),
        defineCheck<Two>({ ...common, id: 'x.evidence.default', title: 'default', assert: () => pass() }),
      ],
    });
    const report = await runChecks({ target: target.url, suites: [suite] });
    const paths = Object.fromEntries(
      report.results.map((r) => [
        r.id,
        r.exchanges.map((e) => new URL(e.request.url).pathname.replace(/.*\//, '/')),
      ]),
    );
    expect(paths).toEqual({
      'x.evidence.second': ['/Groups'],
      'x.evidence.reordered': ['/Users', '/Groups'],
      'x.evidence.throws': ['/Users', '/Groups'],
      'x.evidence.none': ['/Users', '/Groups'],
      'x.evidence.foreign': ['/Users', '/Groups'],
      'x.evidence.bad': ['/Users', '/Groups'],
      'x.evidence.default': ['/Users', '/Groups'],
    });
    expect(report.results.map((r) => r.outcome)).toEqual([
      'pass',
      'fail',
      'skip',
      'pass',
      'pass',
      'pass',
      'pass',
    ]);
  });
});
