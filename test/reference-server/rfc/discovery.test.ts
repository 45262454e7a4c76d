import { afterAll, beforeAll, expect, test } from 'vitest';
import { URN, expectError, startRfc, type Client, type Json } from './helpers.js';

let c: Client;
beforeAll(async () => {
  c = await startRfc();
});
afterAll(() => c.close());

test('ServiceProviderConfig advertises what the server does (RFC 7643 §5)', async () => {
  const res = await c.request('GET', '/ServiceProviderConfig');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/scim\+json/);
  expect(res.body).toMatchObject({
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
    patch: { supported: true },
    bulk: { supported: true, maxOperations: 1000, maxPayloadSize: 1048576 },
    filter: { supported: true, maxResults: 200 },
    changePassword: { supported: true },
    sort: { supported: true },
    etag: { supported: true },
    meta: { resourceType: 'ServiceProviderConfig', location: `${c.url}/ServiceProviderConfig` },
  });
  expect(res.body.documentationUri).toMatch(/^https:\/\//);
  expect(res.body.authenticationSchemes[0]).toMatchObject({
    type: 'oauthbearertoken',
    name: expect.any(String),
    description: expect.any(String),
  });
});

test('count is capped at filter.maxResults', async () => {
  const s = await startRfc({ seedUsers: 250 });
  try {
    const res = await s.request('GET', '/Users?count=1000');
    expect(res.body).toMatchObject({ totalResults: 250, itemsPerPage: 200 });
    const noCount = await s.request('GET', '/Users');
    expect(noCount.body.itemsPerPage).toBe(200);
  } finally {
    await s.close();
  }
});

test('ResourceTypes lists User (with the enterprise extension) and Group', async () => {
  const res = await c.request('GET', '/ResourceTypes');
  expect(res.body).toMatchObject({ schemas: [URN.list], totalResults: 2 });
  const [user, group] = res.body.Resources as Json[];
  expect(user).toMatchObject({
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
    name: 'User',
    endpoint: '/Users',
    schema: URN.user,
    schemaExtensions: [{ schema: URN.enterprise, required: false }],
    meta: { resourceType: 'ResourceType', location: `${c.url}/ResourceTypes/User` },
  });
  expect(group).toMatchObject({ name: 'Group', endpoint: '/Groups', schema: URN.group });
  expect((await c.request('GET', '/ResourceTypes/User')).body.name).toBe('User');
  expectError(await c.request('GET', '/ResourceTypes/Nope'), 404);
});

test('Schemas lists resource schemas only, never message schemas (RFC 7644 §3.1)', async () => {
  const res = await c.request('GET', '/Schemas');
  const ids = (res.body.Resources as Json[]).map((s) => s.id);
  expect(ids).toEqual([URN.user, URN.enterprise, URN.group]);
  expect(ids.some((id: string) => id.startsWith('urn:ietf:params:scim:api:'))).toBe(false);
  const user = await c.request('GET', `/Schemas/${URN.user}`);
  expect(user.body).toMatchObject({
    id: URN.user,
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
  });
  expect(user.body.meta.location).toBe(`${c.url}/Schemas/${URN.user}`);
  expect(user.body.attributes.find((a: Json) => a.name === 'password')).toMatchObject({
    returned: 'never',
    mutability: 'writeOnly',
  });
  expectError(await c.request('GET', `/Schemas/${URN.list}`), 404);
});

test('discovery ignores paging parameters and refuses filters with 403 (RFC 7644 §4)', async () => {
  const res = await c.request('GET', '/Schemas?count=1&startIndex=2');
  expect(res.body.Resources).toHaveLength(3);
  expectError(await c.request('GET', `/Schemas?filter=${encodeURIComponent('id eq "x"')}`), 403);
  expectError(await c.request('GET', `/ResourceTypes?filter=${encodeURIComponent('name eq "User"')}`), 403);
});
