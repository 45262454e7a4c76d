import { afterEach, describe, expect, test } from 'vitest';
import { expectStatus, verdict } from '../../../engine/assert/index.js';
import {
  defineCheck,
  defineScenario,
  defineSuite,
  pass,
  type HttpResult,
  type SuiteDefinition,
} from '../../../engine/model/index.js';
import { createConsoleReporter, renderJunit } from '../../../engine/reporters/index.js';
import { exitCodeFor, runChecks } from '../../../engine/runner/index.js';
import { startFakeScim, type FakeScim } from '../fake-scim.js';

let target: FakeScim | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

const common = { suite: 'dep', rfc: 'RFC7644 3.3', explanation: 'test', level: 'MUST' as const };
const teapot = defineScenario({
  id: 'dep.teapot',
  run: (ctx) => ctx.http.request({ method: 'GET', path: '/Teapot' }),
});
let usersRuns = 0;
const users = defineScenario({
  id: 'dep.users',
  run: (ctx) => {
    usersRuns++;
    return ctx.http.request({ method: 'GET', path: '/Users' });
  },
});

/** Declared dependents first, so the plan has to reorder them. */
const suite: SuiteDefinition = defineSuite({
  name: 'dep',
  title: 'dependencies',
  description: 'exercises the dependency gate',
  checks: [
    defineCheck<HttpResult>({
      ...common,
      id: 'dep.grandchild',
      title: 'builds on a blocked check',
      dependsOn: ['dep.child'],
      scenario: users,
      assert: () => pass(),
    }),
    defineCheck<HttpResult>({
      ...common,
      id: 'dep.child',
      title: 'builds on the failing check',
      dependsOn: ['dep.root'],
      scenario: users,
      assert: () => pass(),
    }),
    defineCheck<HttpResult>({
      ...common,
      id: 'dep.needs-bulk',
      title: 'builds on the failing check but needs bulk',
      dependsOn: ['dep.root'],
      requires: ['bulk'],
      scenario: users,
      assert: () => pass(),
    }),
    defineCheck<HttpResult>({
      ...common,
      level: 'SHOULD',
      strictLevel: 'MUST',
      id: 'dep.root',
      title: 'fails: the teapot answers 418',
      fix: 'Serve tea with 200.',
      scenario: teapot,
      assert: (res) => verdict(expectStatus(res, 200)),
    }),
    defineCheck<HttpResult>({
      ...common,
      id: 'dep.independent',
      title: 'passes',
      scenario: users,
      assert: (res) => verdict(expectStatus(res, 200)),
    }),
  ],
});

describe('dependsOn', () => {
  test('a check whose prerequisite failed is blocked (not run, not failed), chains to one cause, prerequisites run first', async () => {
    target = await startFakeScim();
    usersRuns = 0;
    const report = await runChecks({ target: target.url, suites: [suite], seed: 1 });
    expect(report.results.map((r) => [r.id, r.outcome])).toEqual([
      ['dep.root', 'fail'],
      ['dep.child', 'blocked'],
      ['dep.grandchild', 'blocked'],
      ['dep.needs-bulk', 'skip'],
      ['dep.independent', 'pass'],
    ]);
    const byId = Object.fromEntries(report.results.map((r) => [r.id, r]));
    expect(byId['dep.child']).toMatchObject({
      blockedBy: 'dep.root',
      message: 'not judged: its prerequisite dep.root failed (STATUS_MISMATCH)',
      exchanges: [],
    });
    expect(byId['dep.grandchild']).toMatchObject({ blockedBy: 'dep.child' });
    expect(byId['dep.root']).toMatchObject({ fix: 'Serve tea with 200.', decisive: 0, requests: 1 });
    // The blocked checks' scenario ran once, for dep.independent only.
    expect(usersRuns).toBe(1);
    expect(report.summary).toEqual({ passed: 1, failed: 1, skipped: 1, errored: 0, blocked: 2, causes: 1 });
    expect(report.verdicts['rfc']).toEqual({ judged: true, compatible: false, failed: ['dep.root'] });
    expect(report.causes).toEqual([
      {
        id: 'dep.root',
        profile: 'rfc',
        code: 'STATUS_MISMATCH',
        failed: [{ id: 'dep.root', profile: 'rfc' }],
        blocked: [
          { id: 'dep.child', profile: 'rfc' },
          { id: 'dep.grandchild', profile: 'rfc' },
        ],
      },
    ]);
    // JUnit has no "blocked": a skip naming the prerequisite and the cause.
    const junit = renderJunit(report);
    expect(junit).toContain('<skipped message="blocked by dep.root"');
    expect(junit).toContain('<skipped message="blocked by dep.child (cause: dep.root)"');
    // A SHOULD failure: only the MUST checks it blocked make the run fail at `must`.
    expect(exitCodeFor(report, 'must')).toBe(1);

    let text = '';
    const reporter = createConsoleReporter({ stream: { write: (s: string) => (text += s) }, env: {} });
    reporter.end(report, 'must');
    expect(text).toContain('Failures: 1 failed check(s), 1 cause(s)');
    expect(text).toContain(
      '  ○ dep.child [MUST] blocked by dep.root\n  ○ dep.grandchild [MUST] blocked by dep.child\n',
    );
    expect(text).toContain('    fix:      Serve tea with 200.');
  });

  test('--strict judges a check at its strictLevel and the report says so', async () => {
    target = await startFakeScim();
    const relaxed = await runChecks({ target: target.url, suites: [suite], only: ['dep.root'] });
    expect(relaxed.results[0]?.level).toBe('SHOULD');
    expect(relaxed.strict).toBeUndefined();
    expect(exitCodeFor(relaxed, 'must')).toBe(0);
    const strict = await runChecks({ target: target.url, suites: [suite], only: ['dep.root'], strict: true });
    expect(strict.results[0]?.level).toBe('MUST');
    expect(strict.strict).toBe(true);
    expect(exitCodeFor(strict, 'must')).toBe(1);
    expect(strict.verdicts['rfc']).toMatchObject({ compatible: false, failed: ['dep.root'] });
  });

  test('a dependsOn id outside the run is an unselected prerequisite: the check still runs', async () => {
    target = await startFakeScim();
    const partial = defineSuite({
      ...suite,
      checks: [
        defineCheck({
          ...common,
          id: 'dep.x',
          title: 'x',
          dependsOn: ['dep.nope'],
          scenario: teapot,
          assert: () => pass(),
        }),
      ],
    });
    const report = await runChecks({ target: target.url, suites: [partial] });
    expect(report.results.map((r) => [r.id, r.outcome])).toEqual([['dep.x', 'pass']]);
  });

  test('a dependsOn cycle stops the run before any request (HARNESS_BUG)', async () => {
    target = await startFakeScim();
    const cyclic = defineSuite({
      ...suite,
      checks: [
        defineCheck({
          ...common,
          id: 'dep.a',
          title: 'a',
          dependsOn: ['dep.b'],
          scenario: teapot,
          assert: () => pass(),
        }),
        defineCheck({
          ...common,
          id: 'dep.b',
          title: 'b',
          dependsOn: ['dep.a'],
          scenario: teapot,
          assert: () => pass(),
        }),
      ],
    });
    await expect(runChecks({ target: target.url, suites: [cyclic] })).rejects.toMatchObject({
      code: 'HARNESS_BUG',
    });
    expect(target.requests).toEqual([]);
  });
});
