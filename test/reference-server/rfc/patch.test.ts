import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { URN, expectError, startRfc, type Client } from './helpers.js';

let c: Client;
beforeAll(async () => {
  c = await startRfc();
});
afterAll(() => c.close());

describe('PATCH /Users/:id (RFC 7644 §3.5.2)', () => {
  test('replace, add and remove apply in order and answer 200 with the resource', async () => {
    const user = await c.createUser('patch-basic', { title: 'A' });
    const res = await c.patch(
      `/Users/${user.id}`,
      { op: 'replace', path: 'title', value: 'B' },
      { op: 'add', path: 'nickName', value: 'Nick' },
      { op: 'add', path: 'emails', value: [{ value: 'p@x.org', type: 'work' }] },
      { op: 'remove', path: 'nickName' },
    );
    expect(res.status).toBe(200);
    expect(res.body.title).toBe('B');
    expect(res.body.nickName).toBeUndefined();
    expect(res.body.emails).toEqual([{ value: 'p@x.org', type: 'work' }]);
    expect(res.headers.get('etag')).toBe(res.body.meta.version);
    expect(res.body.meta.version).not.toBe(user.meta.version);
    expect((await c.request('GET', `/Users/${user.id}`)).body).toEqual(res.body);
  });

  test('accepts the Entra ID dialect: capitalised ops and string booleans (documented leniency)', async () => {
    const user = await c.createUser('patch-entra', { active: true });
    const res = await c.patch(`/Users/${user.id}`, { op: 'Replace', path: 'active', value: 'False' });
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(false);
  });

  test('a path-less replace sets the listed attributes, including URN-qualified ones', async () => {
    const user = await c.createUser('patch-pathless');
    const res = await c.patch(`/Users/${user.id}`, {
      op: 'replace',
      value: { displayName: 'Disp', [`${URN.enterprise}:employeeNumber`]: '99' },
    });
    expect(res.status).toBe(200);
    expect(res.body.displayName).toBe('Disp');
    expect(res.body[URN.enterprise]).toEqual({ employeeNumber: '99' });
    expect(res.body.schemas).toContain(URN.enterprise);
  });

  test('removing the last extension attribute drops the extension URN from schemas', async () => {
    const user = await c.createUser('patch-ext', {
      schemas: [URN.user, URN.enterprise],
      [URN.enterprise]: { department: 'D' },
    });
    expect(user.schemas).toEqual([URN.user, URN.enterprise]);
    const res = await c.patch(`/Users/${user.id}`, { op: 'remove', path: `${URN.enterprise}:department` });
    expect(res.status).toBe(200);
    expect(res.body.schemas).toEqual([URN.user]);
    expect(res.body[URN.enterprise]).toBeUndefined();
  });

  test('value-filtered paths replace matching values only', async () => {
    const user = await c.createUser('patch-valuepath', {
      emails: [
        { value: 'w@x.org', type: 'work' },
        { value: 'h@x.org', type: 'home' },
      ],
    });
    const res = await c.patch(`/Users/${user.id}`, {
      op: 'replace',
      path: 'emails[type eq "work"].value',
      value: 'new@x.org',
    });
    expect(res.status).toBe(200);
    expect(res.body.emails).toEqual([
      { value: 'new@x.org', type: 'work' },
      { value: 'h@x.org', type: 'home' },
    ]);
  });

  test('is atomic: a failing operation leaves the resource and its version unchanged', async () => {
    const user = await c.createUser('patch-atomic', { title: 'Keep' });
    const res = await c.patch(
      `/Users/${user.id}`,
      { op: 'replace', path: 'title', value: 'Changed' },
      { op: 'replace', path: 'emails[type eq "nosuch"].value', value: 'x' },
    );
    expectError(res, 400, 'noTarget');
    expect((await c.request('GET', `/Users/${user.id}`)).body).toEqual(user);
  });

  test.each([
    ['missing schemas', { Operations: [{ op: 'replace', path: 'title', value: 'x' }] }, 'invalidSyntax'],
    ['empty Operations', { schemas: [URN.patch], Operations: [] }, undefined],
    ['unknown op', { schemas: [URN.patch], Operations: [{ op: 'move', path: 'title' }] }, undefined],
    ['remove without path', { schemas: [URN.patch], Operations: [{ op: 'remove' }] }, 'noTarget'],
    [
      'malformed path',
      { schemas: [URN.patch], Operations: [{ op: 'replace', path: 'emails[type eq', value: 'x' }] },
      'invalidPath',
    ],
  ])('rejects a bad PatchOp with 400: %s', async (_label, body, scimType) => {
    const user = await c.createUser(`patch-bad-${Math.random()}`);
    expectError(await c.request('PATCH', `/Users/${user.id}`, body), 400, scimType);
    expect((await c.request('GET', `/Users/${user.id}`)).body).toEqual(user);
  });

  test('readOnly and required attributes are protected with 400 mutability', async () => {
    const user = await c.createUser('patch-mutability');
    expectError(
      await c.patch(`/Users/${user.id}`, { op: 'replace', path: 'id', value: 'x' }),
      400,
      'mutability',
    );
    expectError(await c.patch(`/Users/${user.id}`, { op: 'remove', path: 'userName' }), 400, 'mutability');
    expectError(
      await c.patch(`/Users/${user.id}`, { op: 'replace', path: 'userName', value: '' }),
      400,
      'mutability',
    );
  });

  test('a userName taken by another user is 409 uniqueness', async () => {
    await c.createUser('patch-taken');
    const user = await c.createUser('patch-rename');
    expectError(
      await c.patch(`/Users/${user.id}`, { op: 'replace', path: 'userName', value: 'PATCH-TAKEN' }),
      409,
      'uniqueness',
    );
  });

  test('a PATCH that changes nothing keeps meta.lastModified and the version', async () => {
    const user = await c.createUser('patch-noop', { title: 'Same' });
    const res = await c.patch(`/Users/${user.id}`, { op: 'replace', path: 'title', value: 'Same' });
    expect(res.status).toBe(200);
    expect(res.body.meta).toEqual(user.meta);
  });

  test('honours attributes on the PATCH response', async () => {
    const user = await c.createUser('patch-proj', { title: 'T' });
    const res = await c.request('PATCH', `/Users/${user.id}?attributes=userName`, {
      schemas: [URN.patch],
      Operations: [{ op: 'replace', path: 'title', value: 'U' }],
    });
    expect(res.status).toBe(200);
    expect(res.body.userName).toBe('patch-proj');
    expect(res.body.title).toBeUndefined();
  });

  test('changes the password without ever returning it', async () => {
    const user = await c.createUser('patch-pw', { password: 'old' });
    const res = await c.patch(`/Users/${user.id}`, { op: 'replace', path: 'password', value: 'n3w-secret' });
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('n3w-secret');
    expect(res.body.meta.version).not.toBe(user.meta.version);
  });
});
