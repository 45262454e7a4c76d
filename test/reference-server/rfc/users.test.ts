import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { URN, expectError, startRfc, type Client } from './helpers.js';

let c: Client;
beforeAll(async () => {
  c = await startRfc();
});
afterAll(() => c.close());

describe('POST /Users', () => {
  test('returns 201 with Location, ETag and the full representation', async () => {
    const res = await c.request('POST', '/Users', {
      schemas: [URN.user],
      userName: 'alice@example.com',
      name: { givenName: 'Alice', familyName: 'Liddell' },
      emails: [{ value: 'alice@example.com', type: 'work', primary: true }],
      active: true,
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toMatch(/^application\/scim\+json/);
    const body = res.body;
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.schemas).toEqual([URN.user]);
    expect(body.userName).toBe('alice@example.com');
    expect(body.meta.resourceType).toBe('User');
    expect(body.meta.location).toBe(`${c.url}/Users/${body.id}`);
    expect(res.headers.get('location')).toBe(body.meta.location);
    expect(body.meta.version).toMatch(/^W\/"/);
    expect(res.headers.get('etag')).toBe(body.meta.version);
    expect(Date.parse(body.meta.created)).not.toBeNaN();
    expect(body.meta.lastModified).toBe(body.meta.created);
  });

  test('ignores client-sent id, meta and groups (readOnly, RFC 7644 §3.3)', async () => {
    const res = await c.request('POST', '/Users', {
      schemas: [URN.user],
      userName: 'readonly@example.com',
      id: 'client-id',
      meta: { created: '2000-01-01T00:00:00Z' },
      groups: [{ value: 'x' }],
    });
    expect(res.status).toBe(201);
    expect(res.body.id).not.toBe('client-id');
    expect(res.body.meta.created).not.toBe('2000-01-01T00:00:00Z');
    expect(res.body.groups).toBeUndefined();
  });

  test('stores the password but never returns it', async () => {
    const res = await c.request('POST', '/Users', {
      schemas: [URN.user],
      userName: 'pw@example.com',
      password: 's3cret',
    });
    expect(res.status).toBe(201);
    expect(res.text).not.toContain('s3cret');
    const got = await c.request('GET', `/Users/${res.body.id}?attributes=password`);
    expect(got.text).not.toContain('s3cret');
  });

  test('rejects a duplicate userName, also in another case, with 409 uniqueness', async () => {
    await c.createUser('Dup@Example.com');
    expectError(
      await c.request('POST', '/Users', { schemas: [URN.user], userName: 'dup@example.com' }),
      409,
      'uniqueness',
    );
  });

  test('treats NFC and NFD forms of a userName as the same name', async () => {
    await c.createUser('jos\u00e9');
    expectError(
      await c.request('POST', '/Users', { schemas: [URN.user], userName: 'jose\u0301' }),
      409,
      'uniqueness',
    );
  });

  test('requires userName (400 invalidValue)', async () => {
    expectError(
      await c.request('POST', '/Users', { schemas: [URN.user], displayName: 'x' }),
      400,
      'invalidValue',
    );
    expectError(
      await c.request('POST', '/Users', { schemas: [URN.user], userName: '' }),
      400,
      'invalidValue',
    );
  });

  test('requires schemas with the User URN (400 invalidSyntax)', async () => {
    expectError(await c.request('POST', '/Users', { userName: 'noschemas' }), 400, 'invalidSyntax');
    expectError(
      await c.request('POST', '/Users', { schemas: [URN.group], userName: 'wrong' }),
      400,
      'invalidSyntax',
    );
    expectError(
      await c.request('POST', '/Users', { schemas: ['urn:nope'], userName: 'wrong' }),
      400,
      'invalidSyntax',
    );
  });

  test.each([
    ['active as string', { active: 'true' }],
    ['userName as number', { userName: 42 }],
    ['emails a string', { emails: 'a@b' }],
    ['name not an object', { name: 'Alice' }],
    [
      'two primary emails',
      {
        emails: [
          { value: 'a@x', primary: true },
          { value: 'b@x', primary: true },
        ],
      },
    ],
  ])('rejects wrong attribute types with 400 invalidValue: %s', async (_label, extra) => {
    const body = { schemas: [URN.user], userName: `types-${Math.random()}`, ...extra };
    expectError(await c.request('POST', '/Users', body), 400, 'invalidValue');
  });

  test("reads OneLogin's pre-RFC URN and single-object emails as the RFC forms", async () => {
    const res = await c.request('POST', '/Users', {
      schemas: ['urn:scim:schemas:core:2.0', 'urn:scim:schemas:extension:enterprise:2.0'],
      userName: `onelogin-${Math.random()}`,
      emails: { value: 'one@login.example', type: 'work', primary: true },
    });
    expect(res.status).toBe(201);
    expect(res.body.schemas).toEqual([URN.user]);
    expect(res.body.emails).toEqual([{ value: 'one@login.example', type: 'work', primary: true }]);
  });

  test('ignores schema URNs it does not know (Entra ADSCIM group URN) when the core URN is present', async () => {
    const res = await c.request('POST', '/Groups', {
      schemas: [
        'urn:ietf:params:scim:schemas:core:2.0:Group',
        'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group',
      ],
      displayName: `adscim-${Math.random()}`,
    });
    expect(res.status).toBe(201);
    expect(res.body.schemas).toEqual(['urn:ietf:params:scim:schemas:core:2.0:Group']);
  });

  test('accepts attribute names in any case and answers in canonical case', async () => {
    const res = await c.request('POST', '/Users', {
      SCHEMAS: [URN.user],
      USERNAME: 'CaseKeys',
      Name: { GivenName: 'G' },
    });
    expect(res.status).toBe(201);
    expect(res.body.userName).toBe('CaseKeys');
    expect(res.body.name).toEqual({ givenName: 'G' });
  });

  test('stores the enterprise extension under its URN and lists it in schemas', async () => {
    const res = await c.request('POST', '/Users', {
      schemas: [URN.user, URN.enterprise],
      userName: 'ent@example.com',
      [URN.enterprise]: { employeeNumber: '42', department: 'R&D' },
    });
    expect(res.status).toBe(201);
    expect(res.body.schemas).toEqual([URN.user, URN.enterprise]);
    expect(res.body[URN.enterprise]).toEqual({ employeeNumber: '42', department: 'R&D' });
  });

  test('round-trips non-ASCII text in UTF-8 (RFC 7644 §3.8)', async () => {
    const user = await c.createUser('zoe@example.com', { displayName: 'Zoë 東京' });
    const got = await c.request('GET', `/Users/${user.id}`);
    expect(got.body.displayName).toBe('Zoë 東京');
  });

  test('applies attributes to the POST response', async () => {
    const res = await c.request('POST', '/Users?attributes=userName', {
      schemas: [URN.user],
      userName: 'proj-post',
      displayName: 'hidden',
    });
    expect(res.status).toBe(201);
    expect(res.body.displayName).toBeUndefined();
    expect(res.body.id).toBeDefined();
    expect(res.headers.get('location')).toBe(`${c.url}/Users/${res.body.id}`);
  });
});

describe('GET /Users/:id', () => {
  test('returns 200 with the resource, and 404 with an Error body for an unknown id', async () => {
    const user = await c.createUser('getme');
    const res = await c.request('GET', `/Users/${user.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(user);
    expect(res.headers.get('etag')).toBe(user.meta.version);
    expectError(await c.request('GET', '/Users/00000000-0000-0000-0000-000000000000'), 404);
  });

  test('honours attributes and excludedAttributes, keeping returned=always attributes', async () => {
    const user = await c.createUser('proj-get', {
      displayName: 'D',
      name: { givenName: 'G', familyName: 'F' },
    });
    const only = await c.request('GET', `/Users/${user.id}?attributes=name.givenName`);
    expect(only.body.id).toBe(user.id);
    expect(only.body.name).toEqual({ givenName: 'G' });
    expect(only.body.displayName).toBeUndefined();
    const without = await c.request('GET', `/Users/${user.id}?excludedAttributes=displayName,id`);
    expect(without.body.id).toBe(user.id);
    expect(without.body.displayName).toBeUndefined();
    expect(without.body.userName).toBe('proj-get');
  });
});

describe('PUT /Users/:id', () => {
  test('replaces readWrite attributes and clears omitted ones', async () => {
    const user = await c.createUser('put-me', { displayName: 'Old', title: 'Boss', nickName: 'N' });
    const res = await c.request('PUT', `/Users/${user.id}`, {
      schemas: [URN.user],
      userName: 'put-me',
      displayName: 'New',
      title: null,
    });
    expect(res.status).toBe(200);
    expect(res.body.displayName).toBe('New');
    expect(res.body.title).toBeUndefined();
    expect(res.body.nickName).toBeUndefined();
    expect(res.body.meta.created).toBe(user.meta.created);
    expect(res.body.meta.version).not.toBe(user.meta.version);
    const got = await c.request('GET', `/Users/${user.id}`);
    expect(got.body).toEqual(res.body);
  });

  test('ignores readOnly id and meta in the body', async () => {
    const user = await c.createUser('put-readonly');
    const res = await c.request('PUT', `/Users/${user.id}`, {
      ...user,
      id: 'other',
      meta: { ...user.meta, created: '2001-01-01T00:00:00Z' },
    });
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(user.id);
    expect(res.body.meta.created).toBe(user.meta.created);
  });

  test('rejects a missing userName and leaves the resource unchanged', async () => {
    const user = await c.createUser('put-required');
    expectError(await c.request('PUT', `/Users/${user.id}`, { schemas: [URN.user] }), 400, 'invalidValue');
    expect((await c.request('GET', `/Users/${user.id}`)).body).toEqual(user);
  });

  test('checks userName uniqueness against other users only', async () => {
    await c.createUser('put-taken');
    const user = await c.createUser('put-free');
    const same = await c.request('PUT', `/Users/${user.id}`, { schemas: [URN.user], userName: 'PUT-FREE' });
    expect(same.status).toBe(200);
    expectError(
      await c.request('PUT', `/Users/${user.id}`, { schemas: [URN.user], userName: 'put-taken' }),
      409,
      'uniqueness',
    );
  });

  test('never creates: PUT to an unknown id is 404', async () => {
    const id = '11111111-1111-4111-8111-111111111111';
    expectError(await c.request('PUT', `/Users/${id}`, { schemas: [URN.user], userName: 'ghost' }), 404);
    expectError(await c.request('GET', `/Users/${id}`), 404);
  });

  test('keeps the password when the PUT body omits it', async () => {
    const user = await c.createUser('put-pw', { password: 'p' });
    const res = await c.request('PUT', `/Users/${user.id}`, { schemas: [URN.user], userName: 'put-pw' });
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('"password"');
  });
});

describe('DELETE /Users/:id', () => {
  test('answers 204, then 404 for every method, and frees the userName', async () => {
    const user = await c.createUser('delete-me');
    const del = await c.request('DELETE', `/Users/${user.id}`);
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
    expectError(await c.request('GET', `/Users/${user.id}`), 404);
    expectError(await c.request('PUT', `/Users/${user.id}`, { schemas: [URN.user], userName: 'x' }), 404);
    expectError(await c.patch(`/Users/${user.id}`, { op: 'replace', path: 'title', value: 'x' }), 404);
    expectError(await c.request('DELETE', `/Users/${user.id}`), 404);
    const list = await c.request('GET', `/Users?filter=${encodeURIComponent('userName eq "delete-me"')}`);
    expect(list.body.totalResults).toBe(0);
    expect((await c.request('POST', '/Users', { schemas: [URN.user], userName: 'delete-me' })).status).toBe(
      201,
    );
  });
});
