import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { URN, expectError, startRfc, type Client, type Json } from './helpers.js';

let c: Client;
beforeAll(async () => {
  c = await startRfc();
});
afterAll(() => c.close());

const memberIds = (group: Json): string[] => (group.members ?? []).map((m: Json) => m.value).sort();

describe('Groups (RFC 7643 §4.2, RFC 7644 §3)', () => {
  test('POST resolves members and answers 201 with Location and ETag', async () => {
    const u = await c.createUser('g-member', { displayName: 'Member One' });
    const res = await c.request('POST', '/Groups', {
      schemas: [URN.group],
      displayName: 'Team',
      members: [{ value: u.id, display: 'ignored' }],
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`${c.url}/Groups/${res.body.id}`);
    expect(res.headers.get('etag')).toBe(res.body.meta.version);
    expect(res.body.meta.resourceType).toBe('Group');
    expect(res.body.members).toEqual([
      { value: u.id, type: 'User', display: 'Member One', $ref: `${c.url}/Users/${u.id}` },
    ]);
  });

  test('displayName is required and unique', async () => {
    expectError(await c.request('POST', '/Groups', { schemas: [URN.group] }), 400, 'invalidValue');
    await c.createGroup('Unique');
    expectError(
      await c.request('POST', '/Groups', { schemas: [URN.group], displayName: 'UNIQUE' }),
      409,
      'uniqueness',
    );
  });

  test('an unknown member id is 400 invalidValue', async () => {
    const res = await c.request('POST', '/Groups', {
      schemas: [URN.group],
      displayName: 'Bad members',
      members: [{ value: 'nope' }],
    });
    expectError(res, 400, 'invalidValue');
  });

  test('a user lists its groups (readOnly) and the $ref resolves', async () => {
    const u = await c.createUser('g-reflect');
    const g = await c.createGroup('Reflect', [u.id]);
    const got = await c.request('GET', `/Users/${u.id}`);
    expect(got.body.groups).toEqual([
      { value: g.id, $ref: `${c.url}/Groups/${g.id}`, display: 'Reflect', type: 'direct' },
    ]);
    const ref = await fetch(got.body.groups[0].$ref, { headers: { authorization: 'Bearer t' } });
    expect(ref.status).toBe(200);
    const put = await c.request('PUT', `/Users/${u.id}`, {
      schemas: [URN.user],
      userName: 'g-reflect',
      groups: [],
    });
    expect(put.body.groups).toHaveLength(1);
    expectError(
      await c.patch(`/Users/${u.id}`, { op: 'add', path: 'groups', value: [{ value: g.id }] }),
      400,
      'mutability',
    );
  });

  test('PATCH adds, removes by filter and replaces members', async () => {
    const [a, b, d] = [await c.createUser('g-a'), await c.createUser('g-b'), await c.createUser('g-d')];
    const g = await c.createGroup('Patchers', [a.id]);
    let res = await c.patch(`/Groups/${g.id}`, {
      op: 'add',
      path: 'members',
      value: [{ value: b.id }, { value: a.id }],
    });
    expect(res.status).toBe(200);
    expect(memberIds(res.body)).toEqual([a.id, b.id].sort());
    res = await c.patch(`/Groups/${g.id}`, { op: 'remove', path: `members[value eq "${a.id}"]` });
    expect(memberIds(res.body)).toEqual([b.id]);
    res = await c.patch(`/Groups/${g.id}`, { op: 'replace', path: 'members', value: [{ value: d.id }] });
    expect(memberIds(res.body)).toEqual([d.id]);
    res = await c.patch(`/Groups/${g.id}`, { op: 'remove', path: `members[value eq "${d.id}"]` });
    expect(res.body.members ?? []).toEqual([]);
  });

  test('PATCH accepts the Entra remove with a value list, removing only the listed members', async () => {
    const [a, b, d] = [await c.createUser('e-a'), await c.createUser('e-b'), await c.createUser('e-d')];
    const g = await c.createGroup('Entra', [a.id, b.id, d.id]);
    const res = await c.patch(`/Groups/${g.id}`, {
      op: 'Remove',
      path: 'members',
      value: [{ value: a.id }, { value: b.id }, { value: 'not-a-member' }],
    });
    expect(res.status).toBe(200);
    expect(memberIds(res.body)).toEqual([d.id]);
  });

  test('PATCH adding an unknown member is 400 and atomic', async () => {
    const a = await c.createUser('g-atomic');
    const g = await c.createGroup('Atomic', [a.id]);
    const res = await c.patch(
      `/Groups/${g.id}`,
      { op: 'replace', path: 'displayName', value: 'Renamed' },
      { op: 'add', path: 'members', value: [{ value: 'ghost' }] },
    );
    expectError(res, 400, 'invalidValue');
    expect((await c.request('GET', `/Groups/${g.id}`)).body).toEqual(g);
  });

  test('deleting a user removes its memberships', async () => {
    const [a, b] = [await c.createUser('g-del-a'), await c.createUser('g-del-b')];
    const g = await c.createGroup('Deletions', [a.id, b.id]);
    expect((await c.request('DELETE', `/Users/${a.id}`)).status).toBe(204);
    const got = await c.request('GET', `/Groups/${g.id}`);
    expect(memberIds(got.body)).toEqual([b.id]);
    expect(got.body.meta.version).not.toBe(g.meta.version);
  });

  test('PUT replaces members; groups can nest', async () => {
    const a = await c.createUser('g-put');
    const inner = await c.createGroup('Inner', [a.id]);
    const outer = await c.createGroup('Outer', [a.id]);
    const res = await c.request('PUT', `/Groups/${outer.id}`, {
      schemas: [URN.group],
      displayName: 'Outer',
      members: [{ value: inner.id }],
    });
    expect(res.status).toBe(200);
    expect(res.body.members).toEqual([
      { value: inner.id, type: 'Group', display: 'Inner', $ref: `${c.url}/Groups/${inner.id}` },
    ]);
  });

  test('list, filter and excludedAttributes=members work on /Groups', async () => {
    const a = await c.createUser('g-list');
    const g = await c.createGroup('Listed', [a.id]);
    const res = await c.request(
      'GET',
      `/Groups?filter=${encodeURIComponent('displayName eq "listed"')}&excludedAttributes=members`,
    );
    expect(res.body.totalResults).toBe(1);
    expect(res.body.Resources[0].id).toBe(g.id);
    expect(res.body.Resources[0].members).toBeUndefined();
    const byMember = await c.request(
      'GET',
      `/Groups?filter=${encodeURIComponent(`members.value eq "${a.id}"`)}`,
    );
    expect(byMember.body.Resources.map((r: Json) => r.id)).toEqual([g.id]);
  });

  test('member display follows a rename of the user', async () => {
    const u = await c.createUser('g-rename', { displayName: 'Before' });
    const g = await c.createGroup('Renames', [u.id]);
    expect(g.members[0].display).toBe('Before');
    await c.patch(`/Users/${u.id}`, { op: 'replace', path: 'displayName', value: 'After' });
    expect((await c.request('GET', `/Groups/${g.id}`)).body.members[0].display).toBe('After');
  });

  test('DELETE answers 204 then 404', async () => {
    const g = await c.createGroup('Gone');
    expect((await c.request('DELETE', `/Groups/${g.id}`)).status).toBe(204);
    expectError(await c.request('GET', `/Groups/${g.id}`), 404);
  });
});
