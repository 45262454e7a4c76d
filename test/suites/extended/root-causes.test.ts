/**
 * Issue 17, suite side: one cause gives one finding. Each quirk below fails exactly one root check, and every
 * other check it fails declares that root among its prerequisites (dependsOn, followed transitively), so the
 * runner reports the others as blocked. Also: evidence that cannot decide is inconclusive, contested readings
 * fail at SHOULD only, and a declined fixture blocks instead of failing.
 * @module
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AnyCheck, CheckResult } from '../../../engine/index.js';
import { EXTENDED_SUITES } from '../../../suites/extended.js';
import {
  BULK,
  USERS,
  USER_BY_ID,
  answer,
  both,
  combine,
  emptyList,
  hasQuery,
  on,
  rewriteRequestJson,
  scimError,
} from './support/breakers.js';
import { runExtended, startProxiedRfc, startRfc, type ProxiedRfc } from './support/harness.js';

const CHECKS: AnyCheck[] = EXTENDED_SUITES.flatMap((s) => s.checks);
const byId = new Map(CHECKS.map((c) => [c.id, c]));

/** Every check `id` builds on, directly or through its prerequisites. */
function prerequisites(id: string, seen = new Set<string>()): Set<string> {
  for (const dep of byId.get(id)?.dependsOn ?? []) {
    if (seen.has(dep)) continue;
    seen.add(dep);
    prerequisites(dep, seen);
  }
  return seen;
}

const failed = (results: CheckResult[]): string[] =>
  results.filter((r) => r.outcome === 'fail').map((r) => r.id);

describe.each([
  { quirk: 'bulk-status-object', root: 'bulk.response.status-is-code', suite: 'bulk' },
  { quirk: 'search-endpoint-missing', root: 'search.post.supported', suite: 'search' },
  { quirk: 'filter-and-unsupported', root: 'filter.logic.and', suite: 'filter' },
])('quirk $quirk', ({ quirk, root, suite }) => {
  test(`fails ${root}, and every other check it fails depends on ${root}`, async () => {
    const server = await startRfc([quirk]);
    try {
      const results = await runExtended(server.url);
      const failures = failed(results);
      expect(failures).toContain(root);
      const independent = failures.filter((id) => id !== root && !prerequisites(id).has(root));
      expect(independent).toEqual([]);
      // The root cause is found inside its own suite (the catalogue lists it where its readers look).
      expect(byId.get(root)?.suite).toBe(suite);
    } finally {
      await server.close();
    }
  });
});

test('each single-operator filter check stands alone; combinations declare the operators they combine', () => {
  const single = [
    'filter.eq.matches-exactly',
    'filter.ne.excludes-value',
    'filter.co.substring',
    'filter.sw.prefix',
    'filter.ew.suffix',
    'filter.pr.present',
    'filter.gt.string',
    'filter.ge.string',
    'filter.lt.string',
    'filter.le.string',
    'filter.gt.date-time',
    'filter.eq.boolean',
  ];
  for (const id of single) expect(byId.get(id)?.dependsOn ?? [], id).toEqual([]);
  expect(byId.get('filter.logic.and')?.dependsOn).toEqual(['filter.sw.prefix', 'filter.eq.boolean']);
  for (const id of [
    'filter.logic.not',
    'filter.logic.and-binds-tighter-than-or',
    'filter.logic.parentheses-group',
  ])
    expect(prerequisites(id).has('filter.logic.and'), id).toBe(true);
  expect(prerequisites('filter.logic.parentheses-group')).toContain('filter.logic.or');
});

describe('against the rfc server behind the proxy', () => {
  let proxied: ProxiedRfc;
  beforeAll(async () => {
    proxied = await startProxiedRfc();
  });
  afterAll(async () => {
    await proxied.close();
  });

  test('the PATCH atomicity checks are inconclusive when the operation meant to fail is accepted', async () => {
    // The server never sees the operation meant to fail: it applies the first one and answers 200.
    const dropFailing = rewriteRequestJson(
      both(on('PATCH', USER_BY_ID), (req) => req.body.includes('nosuchtype')),
      (b) => void (b['Operations'] = (b['Operations'] as unknown[]).slice(0, 1)),
    );
    const results = await proxied.runAll(
      ['patch.atomic.rejected', 'patch.atomic.nothing-applied'],
      dropFailing,
    );
    expect(results.map((r) => [r.id, r.outcome])).toEqual([
      ['patch.atomic.rejected', 'inconclusive'],
      ['patch.atomic.nothing-applied', 'inconclusive'],
    ]);
  });

  test('a Bulk circular reference answered with one 409 for the whole request passes (RFC 7644 §3.7.1)', async () => {
    const wholeConflict = answer(
      both(on('POST', BULK), (req) => req.body.includes('bulkId:gb')),
      () => scimError(409, undefined, 'circular bulkId references'),
    );
    const results = await proxied.runAll(
      ['bulk.circular.resolved-or-conflict', 'bulk.circular.no-unreported-resources'],
      wholeConflict,
    );
    expect(results.map((r) => [r.id, r.outcome])).toEqual([
      ['bulk.circular.resolved-or-conflict', 'pass'],
      ['bulk.circular.no-unreported-resources', 'pass'],
    ]);
  });

  test('a lenient server (empty Operations, add without value, empty filter=) fails only at SHOULD, MUST under --strict', async () => {
    const lenient = combine(
      answer(
        both(on('PATCH', USER_BY_ID), (req) => req.body.includes('"Operations":[]')),
        () => ({ status: 204, headers: {}, body: '' }),
      ),
      answer(
        both(on('PATCH', USER_BY_ID), (req) => /"op":"add","path":"title"\}/.test(req.body)),
        () => ({ status: 204, headers: {}, body: '' }),
      ),
      answer(
        both(
          on('GET', USERS),
          hasQuery('filter', (f) => f === ''),
        ),
        () => emptyList(),
      ),
    );
    const ids = [
      'patch.message.operations-empty-rejected',
      'patch.add.value-required',
      'filter.malformed.empty-rejected',
      'filter.malformed.never-5xx',
    ];
    const results = await proxied.runAll(ids, lenient);
    const failures = results.filter((r) => r.outcome === 'fail');
    expect(failures.map((r) => r.id).sort()).toEqual(ids.slice(0, 3).sort());
    expect(failures.filter((r) => r.level === 'MUST')).toEqual([]);
    for (const r of failures) expect(byId.get(r.id)?.strictLevel, r.id).toBe('MUST');
  });

  test('a fixture User the target declines blocks the check on users.post.returns-201 instead of failing it', async () => {
    const refuseFixtures = answer(
      both(on('POST', USERS), (req) => req.body.includes('-flt-')),
      () => scimError(400, 'invalidValue', 'userName must be an e-mail address'),
    );
    const [result] = await proxied.runAll(['filter.eq.matches-exactly'], refuseFixtures);
    expect(result).toMatchObject({
      outcome: 'blocked',
      blockedBy: 'users.post.returns-201',
      message: expect.stringContaining('400 userName must be an e-mail address') as unknown,
    });
  });
});
