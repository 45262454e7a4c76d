/** The creation tracker reads every shape of a create answer (RFC 7644 §3.3, §3.7.3) without help from suites. */
import { describe, expect, test } from 'vitest';
import { bulkStatus, CreationTracker } from '../../../engine/runner/creation-tracker.js';
import type { Exchange } from '../../../engine/model/index.js';

const BASE = 'http://t.test/scim/v2';

function exchange(
  method: string,
  path: string,
  status: number,
  body?: unknown,
  sent?: unknown,
  headers: Record<string, string> = {},
): Exchange {
  return {
    request: {
      method,
      url: `${BASE}${path}`,
      headers: {},
      ...(sent !== undefined ? { body: JSON.stringify(sent) } : {}),
    },
    response: { status, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) },
    ms: 1,
  };
}

describe('CreationTracker', () => {
  test.each([
    ['201', 201],
    [201, 201],
    [{ code: '201' }, 201],
    [{ code: 200 }, 200],
    ['nope', undefined],
  ])('bulk status %j reads as %s', (raw, n) => {
    expect(bulkStatus(raw)).toBe(n);
  });

  test('tracks by body id, Location header and meta.location; ignores failed creates and searches', () => {
    const t = new CreationTracker(BASE);
    t.observe(exchange('POST', '/Users', 201, { id: 'a', userName: 'scimtest-x-1' }));
    t.observe(
      exchange('POST', '/Users', 201, {}, { userName: 'scimtest-x-2' }, { location: `${BASE}/Users/b` }),
    );
    t.observe(exchange('POST', '/Groups', 201, { meta: { location: `${BASE}/Groups/c` } }));
    t.observe(exchange('POST', '/Users', 409, { status: '409' }, { userName: 'scimtest-x-3' }));
    t.observe(exchange('POST', '/Users/.search', 200, { Resources: [] }));
    t.observe(exchange('PUT', '/Users/d', 200, { id: 'd' }));
    t.observe(exchange('PUT', '/Users/e', 201, { id: 'e' }));
    expect(t.list().map((r) => [r.type, r.url, r.id])).toEqual([
      ['User', `${BASE}/Users/a`, 'a'],
      ['User', `${BASE}/Users/b`, 'b'],
      ['Group', `${BASE}/Groups/c`, 'c'],
      ['User', `${BASE}/Users/e`, 'e'],
    ]);
  });

  test('a 2xx create without id or Location is remembered by the unique name that was sent', () => {
    const t = new CreationTracker(BASE);
    t.observe(exchange('POST', '/Users', 201, { schemas: [] }, { userName: 'scimtest-x-9' }));
    t.observe(exchange('POST', '/Users', 200, undefined, { userName: 'scimtest-x-10' }));
    expect(t.list()).toEqual([
      {
        type: 'User',
        endpoint: '/Users',
        name: { attribute: 'userName', value: 'scimtest-x-9' },
        state: 'created',
      },
      {
        type: 'User',
        endpoint: '/Users',
        name: { attribute: 'userName', value: 'scimtest-x-10' },
        state: 'created',
      },
    ]);
  });

  test('Bulk: each operation location whatever its status shape; a DELETE 2xx marks "claimed deleted"', () => {
    const t = new CreationTracker(BASE);
    const sent = {
      Operations: [
        { method: 'POST', path: '/Users', bulkId: 'u1', data: { userName: 'scimtest-b-1' } },
        { method: 'POST', path: '/Users', bulkId: 'u2', data: { userName: 'scimtest-b-2' } },
        { method: 'POST', path: '/Groups', bulkId: 'g1', data: { displayName: 'scimtest-b-3' } },
        { method: 'POST', path: '/Users', bulkId: 'u4', data: { userName: 'scimtest-b-4' } },
      ],
    };
    const got = {
      Operations: [
        { method: 'POST', bulkId: 'u1', location: `${BASE}/Users/1`, status: '201' },
        { method: 'POST', bulkId: 'u2', location: `${BASE}/Users/2`, status: 201 },
        { method: 'POST', bulkId: 'g1', location: `${BASE}/Groups/3`, status: { code: '201' } },
        { method: 'POST', bulkId: 'u4', status: { code: '400' } },
      ],
    };
    t.observe(exchange('POST', '/Bulk', 200, got, sent));
    expect(t.list().map((r) => [r.url, r.name?.value])).toEqual([
      [`${BASE}/Users/1`, 'scimtest-b-1'],
      [`${BASE}/Users/2`, 'scimtest-b-2'],
      [`${BASE}/Groups/3`, 'scimtest-b-3'],
    ]);
    t.observe(exchange('DELETE', '/Users/1', 204));
    expect(t.list()[0]?.state).toBe('claimed-deleted');
  });

  test('a Location on another origin is re-based on the target by endpoint and id', () => {
    const t = new CreationTracker(BASE);
    t.observe(
      exchange('POST', '/Users', 201, {
        id: 'z',
        meta: { location: 'http://internal:8080/scim/v2/Users/z' },
      }),
    );
    expect(t.list()[0]?.url).toBe(`${BASE}/Users/z`);
  });
});
