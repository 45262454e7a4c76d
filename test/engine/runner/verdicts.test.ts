import { describe, expect, test } from 'vitest';
import {
  computeVerdicts,
  exitCodeFor,
  groupByCause,
  orderByDependencies,
  summarise,
  validateDependencies,
} from '../../../engine/runner/index.js';
import type { Exchange } from '../../../engine/model/index.js';
import type { AnyCheck, CheckResult, Level } from '../../../engine/model/index.js';

const check = (id: string, extra: Partial<AnyCheck> = {}) => ({ id, ...extra }) as AnyCheck;
const result = (
  id: string,
  outcome: CheckResult['outcome'],
  level: Level = 'MUST',
  profile = 'rfc',
): CheckResult => ({
  id,
  title: id,
  suite: 's',
  profile,
  level,
  rfc: 'RFC7644 3.3',
  outcome,
  exchanges: [],
  ms: 1,
});

describe('verdicts', () => {
  const checks = new Map<string, AnyCheck>([
    ['rfc.only', check('rfc.only')],
    ['both', check('both', { profiles: ['rfc', 'entra-id'] })],
    ['entra.flow', check('entra.flow', { perProfile: true, profiles: ['entra-id', 'okta'] })],
  ]);

  test('a failure counts against the profiles its check lists; a per-profile run against its profile', () => {
    const verdicts = computeVerdicts(
      [
        result('rfc.only', 'fail'),
        result('both', 'pass'),
        result('entra.flow', 'fail', 'MUST', 'okta'),
        result('entra.flow', 'pass', 'MUST', 'entra-id'),
      ],
      checks,
      ['rfc', 'entra-id', 'okta'],
      'must',
    );
    expect(verdicts).toEqual({
      rfc: { judged: true, compatible: false, failed: ['rfc.only'] },
      'entra-id': { judged: true, compatible: true, failed: [] },
      okta: { judged: true, compatible: false, failed: ['entra.flow'] },
    });
  });

  test('an error makes a profile not compatible; levels below fail-on do not', () => {
    const results = [
      result('both', 'error'),
      result('rfc.only', 'fail', 'SHOULD'),
      result('entra.flow', 'pass', 'MUST', 'entra-id'),
    ];
    expect(computeVerdicts(results, checks, ['entra-id'], 'must')).toEqual({
      rfc: { judged: true, compatible: false, failed: ['both'] },
      'entra-id': { judged: true, compatible: false, failed: ['both'] },
    });
    expect(computeVerdicts(results, checks, [], 'should').rfc?.failed).toEqual(['both', 'rfc.only']);
    expect(exitCodeFor({ results: [result('x', 'fail', 'SHOULD'), result('y', 'skip')] }, 'must')).toBe(0);
    expect(exitCodeFor({ results: [result('x', 'error', 'MUST')] }, 'must')).toBe(1);
    expect(exitCodeFor({ results: [result('x', 'fail', 'MAY')] }, 'should')).toBe(0);
  });
});

describe('judged or not judged', () => {
  const checks = new Map<string, AnyCheck>([
    ['users.a', check('users.a', { suite: 'users' })],
    ['both', check('both', { profiles: ['rfc', 'entra-id'] })],
    ['flow', check('flow', { perProfile: true, profiles: ['entra-id', 'okta'] })],
    ['mine', check('mine', { suite: 'acme' })],
  ]);

  test('an IdP is judged only by its own per-profile checks; an RFC check that also counts for it is not enough', () => {
    // `--profile entra-id --suite users`: `both` ran and failed, but no entra-id flow ran.
    const verdicts = computeVerdicts(
      [result('users.a', 'pass'), result('both', 'fail')],
      checks,
      ['entra-id'],
      'must',
    );
    expect(verdicts['rfc']).toEqual({ judged: true, compatible: false, failed: ['both'] });
    expect(verdicts['entra-id']).toEqual({
      judged: false,
      reason: 'none of its own checks ran: filtered out by --suite/--check',
      compatible: false,
      failed: [],
    });
  });

  test('skipped or undecided own checks leave a profile not judged, with the reason', () => {
    const skipped = {
      ...result('flow', 'skip', 'MUST', 'okta'),
      message: 'ServiceProviderConfig.patch.supported is false',
    };
    const verdicts = computeVerdicts(
      [skipped, result('flow', 'inconclusive', 'MUST', 'entra-id')],
      checks,
      ['entra-id', 'okta'],
      'must',
    );
    expect(verdicts['okta']?.reason).toBe(
      'all 1 of its checks were skipped: ServiceProviderConfig.patch.supported is false',
    );
    expect(verdicts['entra-id']?.reason).toBe('no decisive result: 1 inconclusive');
    // No RFC check ran at all (`--suite lifecycle`): the RFC is not judged either.
    expect(verdicts['rfc']).toMatchObject({
      judged: false,
      reason: 'no RFC check ran: filtered out by --suite/--check',
    });
  });

  test("user checks count against `custom`, never against the RFC's verdict", () => {
    const verdicts = computeVerdicts(
      [result('users.a', 'pass'), result('mine', 'fail', 'SHOULD')],
      checks,
      [],
      'should',
      {
        customSuites: ['acme'],
      },
    );
    expect(verdicts['rfc']).toEqual({ judged: true, compatible: true, failed: [] });
    expect(verdicts['custom']).toEqual({ judged: true, compatible: false, failed: ['mine'] });
  });

  test("a blocked check counts its root cause against its verdicts, at the blocked check's level", () => {
    const root = result('both', 'fail', 'SHOULD');
    const blocked: CheckResult = { ...result('flow', 'blocked', 'MUST', 'entra-id'), blockedBy: 'both' };
    const verdicts = computeVerdicts([root, blocked], checks, ['entra-id'], 'must');
    expect(verdicts['entra-id']).toEqual({ judged: true, compatible: false, failed: ['both'] });
    // A SHOULD failure alone does not gate; the MUST check it blocked does.
    expect(exitCodeFor({ results: [root] }, 'must')).toBe(0);
    expect(exitCodeFor({ results: [root, blocked] }, 'must')).toBe(1);
  });
});

describe('causes', () => {
  const exchange = (url: string, status: number): Exchange => ({
    request: { method: 'GET', url, headers: {} },
    response: { status, headers: {} },
    ms: 1,
  });

  test('failures on the very same exchange with the same code are one cause; blocked checks hang under their root', () => {
    const shared = exchange('http://t/Users', 500);
    const other = exchange('http://t/Groups', 500);
    const fail = (id: string, x: Exchange, code = 'STATUS_MISMATCH'): CheckResult => ({
      ...result(id, 'fail'),
      code,
      exchanges: [x],
      decisive: 0,
    });
    const results: CheckResult[] = [
      fail('a', shared),
      fail('b', structuredClone(shared)), // same exchange read back from JSON: same content
      fail('c', shared, 'VALUE_MISMATCH'),
      fail('d', other),
      { ...result('e', 'blocked'), blockedBy: 'b' },
      { ...result('f', 'blocked'), blockedBy: 'e' },
      { ...result('g', 'blocked'), blockedBy: 'discovery' },
    ];
    const { causes, unattributed } = groupByCause(results);
    expect(causes.map((c) => [c.root.id, c.failed.map((r) => r.id), c.blocked.map((r) => r.id)])).toEqual([
      ['a', ['a', 'b'], ['e', 'f']],
      ['c', ['c'], []],
      ['d', ['d'], []],
    ]);
    expect(unattributed.map((r) => r.id)).toEqual(['g']);
    expect(summarise(results)).toMatchObject({ failed: 4, blocked: 3, causes: 3 });
  });
});

describe('dependencies', () => {
  test('prerequisites run first, otherwise catalogue order is kept', () => {
    const checks = [
      check('c', { dependsOn: ['b'] }),
      check('a'),
      check('b', { dependsOn: ['x'] }),
      check('d', { dependsOn: ['a'] }),
    ];
    // `x` is not selected: it does not hold `b` back.
    expect(orderByDependencies(checks).map((c) => c.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  test('an unknown dependsOn id or a cycle is a HARNESS_BUG', () => {
    expect(() => validateDependencies([check('a', { dependsOn: ['nope'] })])).toThrow(
      expect.objectContaining({ code: 'HARNESS_BUG', message: 'a depends on unknown check(s): nope' }),
    );
    expect(() =>
      validateDependencies([check('a', { dependsOn: ['b'] }), check('b', { dependsOn: ['a'] })]),
    ).toThrow(expect.objectContaining({ code: 'HARNESS_BUG', message: 'dependsOn cycle: a → b → a' }));
  });
});
