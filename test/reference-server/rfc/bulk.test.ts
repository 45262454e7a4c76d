import { afterAll, beforeAll, expect, test } from 'vitest';
import { URN, expectError, startRfc, type Client, type Json } from './helpers.js';

let c: Client;
beforeAll(async () => {
  c = await startRfc();
});
afterAll(() => c.close());

const bulk = (Operations: unknown[], extra: Record<string, unknown> = {}): Promise<Json> =>
  c.request('POST', '/Bulk', { schemas: [URN.bulkRequest], Operations, ...extra });

test('processes POST/PUT/PATCH/DELETE and resolves bulkId references in data and path (RFC 7644 §3.7.2)', async () => {
  const res = await bulk([
    {
      method: 'POST',
      path: '/Groups',
      bulkId: 'grp',
      data: { schemas: [URN.group], displayName: 'Bulk group', members: [{ value: 'bulkId:usr' }] },
    },
    { method: 'POST', path: '/Users', bulkId: 'usr', data: { schemas: [URN.user], userName: 'bulk-user' } },
    {
      method: 'PATCH',
      path: '/Users/bulkId:usr',
      data: { schemas: [URN.patch], Operations: [{ op: 'replace', path: 'title', value: 'Bulked' }] },
    },
    {
      method: 'PUT',
      path: '/Groups/bulkId:grp',
      data: { schemas: [URN.group], displayName: 'Bulk group 2', members: [{ value: 'bulkId:usr' }] },
    },
  ]);
  expect(res.status).toBe(200);
  expect(res.body.schemas).toEqual([URN.bulkResponse]);
  const ops = res.body.Operations as Json[];
  expect(ops.map((o) => o.status)).toEqual(['201', '201', '200', '200']);
  const user = ops.find((o) => o.bulkId === 'usr');
  const group = ops.find((o) => o.bulkId === 'grp');
  expect(user.location).toMatch(new RegExp(`^${c.url}/Users/[0-9a-f-]{36}$`));
  const userId = user.location.split('/').pop();
  const got = await c.request('GET', group.location.slice(c.url.length));
  expect(got.body.displayName).toBe('Bulk group 2');
  expect(got.body.members.map((m: Json) => m.value)).toEqual([userId]);
  expect((await c.request('GET', `/Users/${userId}`)).body.title).toBe('Bulked');
  const del = await bulk([{ method: 'DELETE', path: `/Users/${userId}` }]);
  expect(del.body.Operations[0]).toMatchObject({ method: 'DELETE', status: '204' });
  expectError(await c.request('GET', `/Users/${userId}`), 404);
});

test('reports per-operation errors with an Error response and keeps going without failOnErrors', async () => {
  await c.createUser('bulk-dup');
  const res = await bulk([
    { method: 'POST', path: '/Users', bulkId: 'a', data: { schemas: [URN.user], userName: 'bulk-ok-1' } },
    { method: 'POST', path: '/Users', bulkId: 'b', data: { schemas: [URN.user], userName: 'bulk-dup' } },
    { method: 'DELETE', path: '/Users/00000000-0000-0000-0000-000000000000' },
    { method: 'POST', path: '/Users', data: { schemas: [URN.user], userName: 'no-bulk-id' } },
    { method: 'POST', path: '/Users', bulkId: 'c', data: { schemas: [URN.user], userName: 'bulk-ok-2' } },
    { path: '/Users' },
    { method: 'GET', path: '/Users' },
  ]);
  expect(res.status).toBe(200);
  const ops = res.body.Operations as Json[];
  expect(ops.map((o) => o.status)).toEqual(['201', '409', '404', '400', '201', '400', '400']);
  expect(ops[1].response).toMatchObject({ schemas: [URN.error], status: '409', scimType: 'uniqueness' });
  expect(ops[1].location).toBeUndefined();
});

test('stops after failOnErrors errors', async () => {
  const res = await bulk(
    [
      { method: 'POST', path: '/Users', bulkId: 'x', data: { schemas: [URN.user] } },
      {
        method: 'POST',
        path: '/Users',
        bulkId: 'y',
        data: { schemas: [URN.user], userName: 'never-created' },
      },
    ],
    { failOnErrors: 1 },
  );
  expect(res.status).toBe(200);
  expect(res.body.Operations).toHaveLength(1);
  expect(res.body.Operations[0].status).toBe('400');
  const list = await c.request('GET', `/Users?filter=${encodeURIComponent('userName eq "never-created"')}`);
  expect(list.body.totalResults).toBe(0);
});

test('circular bulkId references end in 409, never a 5xx (RFC 7644 §3.7.1)', async () => {
  const res = await bulk([
    {
      method: 'POST',
      path: '/Groups',
      bulkId: 'g1',
      data: { schemas: [URN.group], displayName: 'C1', members: [{ value: 'bulkId:g2' }] },
    },
    {
      method: 'POST',
      path: '/Groups',
      bulkId: 'g2',
      data: { schemas: [URN.group], displayName: 'C2', members: [{ value: 'bulkId:g1' }] },
    },
  ]);
  expect(res.status).toBe(200);
  expect(res.body.Operations.map((o: Json) => o.status)).toEqual(['409', '409']);
});

test('a stale version on a bulk PUT is 412', async () => {
  const u = await c.createUser('bulk-version');
  const res = await bulk([
    {
      method: 'PUT',
      path: `/Users/${u.id}`,
      version: 'W/"old"',
      data: { schemas: [URN.user], userName: 'bulk-version' },
    },
  ]);
  expect(res.body.Operations[0].status).toBe('412');
});

test('more than maxOperations is 413 naming the limit', async () => {
  const ops = Array.from({ length: 1001 }, (_, i) => ({ method: 'DELETE', path: `/Users/${i}` }));
  const body = expectError(await bulk(ops), 413, 'tooMany');
  expect(body.detail).toContain('maxOperations 1000');
});

test('a payload above maxPayloadSize is 413 naming the limit', async () => {
  const res = await bulk([
    {
      method: 'POST',
      path: '/Users',
      bulkId: 'big',
      data: { schemas: [URN.user], userName: 'x'.repeat(1_100_000) },
    },
  ]);
  const body = expectError(res, 413, 'tooMany');
  expect(body.detail).toContain('maxPayloadSize 1048576');
});

test('a BulkRequest without its schema is 400 invalidSyntax', async () => {
  expectError(await c.request('POST', '/Bulk', { Operations: [] }), 400, 'invalidSyntax');
});
