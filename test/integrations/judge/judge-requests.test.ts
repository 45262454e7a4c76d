/** `judgeRequests()` on exchanges a test already holds (the recording format), without any server. */
import { describe, expect, test } from 'vitest';
import { judgeRequests, type ClientExchange } from '../../../index.js';

function exchange(
  seq: number,
  method: string,
  path: string,
  body?: unknown,
  contentType = 'application/scim+json',
): ClientExchange {
  return {
    seq,
    startedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
    ms: 5,
    request: {
      method,
      path,
      query: null,
      headers: {
        authorization: 'Bearer secret-token-1',
        ...(body !== undefined ? { 'content-type': contentType } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    },
    response: { status: 200, headers: {} },
  };
}

describe('judgeRequests', () => {
  test('grades recorded exchanges; without discovery, server-dependent checks skip with the reason', async () => {
    const report = await judgeRequests([
      exchange(1, 'PATCH', '/Users/1', {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [],
      }),
      exchange(2, 'GET', '/Users?x', undefined),
    ]);
    const byId = Object.fromEntries(report.results.map((r) => [r.id, r]));
    expect(byId['client.patch.operations']?.outcome).toBe('fail');
    expect(byId['client.etag.if-match']?.outcome).toBe('skip');
    expect(byId['client.etag.if-match']?.message).toMatch(/etag\.supported/);
    expect(byId['client.bulk.limits']?.message).toMatch(/no bulk limits/);
    expect(report.verdicts.rfc?.compatible).toBe(false);
    expect(JSON.stringify(report)).not.toContain('secret-token-1');
  });

  test('a body it cannot read is inconclusive for the body checks, not a pass', async () => {
    const report = await judgeRequests(
      [exchange(1, 'PATCH', '/Users/1', undefined)].map((e) => ({
        ...e,
        request: { ...e.request, headers: { 'content-type': 'application/scim+json' }, body: '{not json' },
      })),
    );
    const shape = report.results.find((r) => r.id === 'client.patch.operations');
    expect(shape?.outcome).toBe('inconclusive');
    expect(report.summary.inconclusive).toBeGreaterThan(0);
  });

  test('--as data: a profile-level check counts against that profile only', async () => {
    const report = await judgeRequests(
      [
        exchange(1, 'PATCH', '/Groups/1', {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [{ op: 'Replace', path: 'displayName', value: 'x' }],
        }),
      ],
      { as: 'okta' },
    );
    expect(report.results.find((r) => r.id === 'client.profile.patch-op-case')?.outcome).toBe('fail');
    expect(report.verdicts.okta?.failed).toEqual(['client.profile.patch-op-case']);
    expect(report.verdicts.rfc?.compatible).toBe(true);
  });
});
