import { expect, test } from 'vitest';
import { CONFIG, ERROR_SCHEMA, STRICT_TOKEN } from './fixtures.js';
import { OTHER_TOKEN, TOKEN, gitlab, newUser, type Harness } from './helpers.js';

const acme = (): Promise<Harness> => gitlab({ config: CONFIG });

async function members(h: Harness, group = 'acme', token = TOKEN): Promise<Record<string, number>> {
  const res = await h.call('GET', `/api/v4/groups/${group}/members`, { token });
  expect(res.status).toBe(200);
  return Object.fromEntries(
    (res.json as { username: string; access_level: number }[]).map((m) => [m.username, m.access_level]),
  );
}

test('§13.1 GET /Users without a token → 401 {"message":"401 Unauthorized"}', async () => {
  const h = await acme();
  const res = await h.call('GET', '/Users', { token: null });
  expect(res.status).toBe(401);
  expect(res.json).toEqual({ message: '401 Unauthorized' });
  expect(res.headers.get('content-type')).toBe('application/scim+json');
});

test('§13.2 unknown numeric group id → 404 SCIM error with numeric status, even without a token', async () => {
  const h = await acme();
  const res = await h.call('GET', '/api/scim/v2/groups/999/Users', { token: null });
  expect(res.status).toBe(404);
  expect(res.json).toEqual({ schemas: [ERROR_SCHEMA], detail: 'Group 999 not found', status: 404 });
  const byId = await h.call('GET', '/api/scim/v2/groups/1/Users');
  expect(byId.status).toBe(200);
});

test('§13.3 group without a SAML provider → 404 does not have SAML SSO configured', async () => {
  const h = await acme();
  const res = await h.call('GET', '/api/scim/v2/groups/nosaml/Users', { token: null });
  expect(res.status).toBe(404);
  expect(res.json.detail).toBe('Group nosaml does not have SAML SSO configured');
});

test('§13.4 a token of group A used against group B → 401', async () => {
  const h = await acme();
  expect((await h.call('GET', '/Users', { token: OTHER_TOKEN })).status).toBe(401);
  expect((await h.call('GET', '/api/scim/v2/groups/other/Users', { token: OTHER_TOKEN })).status).toBe(200);
});

test('§13.5 GET /Users with no filter → ListResponse, itemsPerPage 20, startIndex 1, inactive included', async () => {
  const h = await acme();
  const res = await h.users();
  expect(res.status).toBe(200);
  expect(Object.keys(res.json)).toEqual([
    'schemas',
    'totalResults',
    'itemsPerPage',
    'startIndex',
    'Resources',
  ]);
  expect(res.json.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:ListResponse']);
  expect(res.json.itemsPerPage).toBe(20);
  expect(res.json.startIndex).toBe(1);
  expect(res.json.totalResults).toBe(5);
  const gone = res.json.Resources.find((r: { id: string }) => r.id === 'gone-uid');
  expect(gone.active).toBe(false);
});

test('§13.6 filter id eq "<uid>" → 1 result; nonexistent → 200 empty', async () => {
  const h = await acme();
  const hit = await h.users('?filter=' + encodeURIComponent('id eq "owner-uid"'));
  expect(hit.json.totalResults).toBe(1);
  expect(hit.json.Resources[0].id).toBe('owner-uid');
  const miss = await h.users('?filter=' + encodeURIComponent('id eq "nonexistent"'));
  expect(miss.status).toBe(200);
  expect(miss.json.totalResults).toBe(0);
  expect(miss.json.Resources).toEqual([]);
});

test('§13.7 filter id ne → 412 Unsupported Filter', async () => {
  const h = await acme();
  for (const filter of [
    'id ne "owner-uid"',
    'id EQ "owner-uid"',
    'username eq "owner"',
    'displayName eq "x"',
  ]) {
    const res = await h.users('?filter=' + encodeURIComponent(filter));
    expect(res.status).toBe(412);
    expect(res.json).toEqual({ schemas: [ERROR_SCHEMA], detail: 'Unsupported Filter', status: 412 });
  }
});

test('§13.8 filter userName eq finds the user; an equal extern uid wins', async () => {
  const h = await acme();
  const byName = await h.users('?filter=' + encodeURIComponent('userName eq "guest.member"'));
  expect(byName.json.Resources.map((r: { id: string }) => r.id)).toEqual(['Gus-UID']);
  const byUid = await h.users('?filter=' + encodeURIComponent('userName eq "gone-uid"'));
  expect(byUid.json.Resources.map((r: { id: string }) => r.id)).toEqual(['gone-uid']);
  const byEmail = await h.users('?filter=' + encodeURIComponent('userName eq "GUS@acme.test"'));
  expect(byEmail.json.Resources.map((r: { id: string }) => r.id)).toEqual(['Gus-UID']);
  const trailing = await h.users('?filter=' + encodeURIComponent('userName eq "owner" and active eq false'));
  expect(trailing.json.Resources.map((r: { id: string }) => r.id)).toEqual(['owner-uid']);
});

test('§13.9 count=500 → itemsPerPage 100; count=0 → 20', async () => {
  const h = await acme();
  expect((await h.users('?count=500')).json.itemsPerPage).toBe(100);
  expect((await h.users('?count=0')).json.itemsPerPage).toBe(20);
  expect((await h.users('?count=abc')).json.itemsPerPage).toBe(20);
  const page = await h.users('?count=2&startIndex=2');
  expect(page.json.itemsPerPage).toBe(2);
  expect(page.json.startIndex).toBe('2');
  expect(page.json.totalResults).toBe(5);
  expect(page.json.Resources.map((r: { id: string }) => r.id)).toEqual(['Gus-UID', 'gone-uid']);
  expect((await h.users('?startIndex=0')).json.startIndex).toBe('0');
});

test('§13.10 GET /Users/<uid> in another letter case still finds the identity', async () => {
  const h = await acme();
  const res = await h.users('/gus-uid');
  expect(res.status).toBe(200);
  expect(res.json.id).toBe('Gus-UID');
});

test('§13.11 GET /Users/123 with no such identity → 404 Resource 123 not found', async () => {
  const h = await acme();
  const res = await h.users('/123');
  expect(res.status).toBe(404);
  expect(res.json).toEqual({ schemas: [ERROR_SCHEMA], detail: 'Resource 123 not found', status: 404 });
});

test('§13.12 a User resource has the GitLab shape and no externalId', async () => {
  const h = await acme();
  const res = await h.users('/owner-uid');
  expect(res.text).toBe(
    JSON.stringify({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      id: 'owner-uid',
      active: true,
      emails: [{ type: 'work', value: 'owner@acme.test', primary: true }],
      name: { formatted: 'Olive Owner', givenName: 'Olive', familyName: 'Owner' },
      meta: { resourceType: 'User' },
      userName: 'owner',
    }),
  );
  expect(res.json).not.toHaveProperty('externalId');
});

test('§13.13 POST a new user → 201 with id = externalId and the default role', async () => {
  const h = await acme();
  const res = await h.call('POST', '/Users', {
    body: newUser('new-1', 'newbie', 'newbie@acme.test', 'New Bie'),
  });
  expect(res.status).toBe(201);
  expect(res.json.id).toBe('new-1');
  expect(res.json.emails[0].value).toBe('newbie@acme.test');
  expect(res.headers.get('content-type')).toBe('application/scim+json');
  expect((await members(h)).newbie).toBe(30);
});

test('§13.14 POST for an existing identity of a member → 201, same id, role unchanged', async () => {
  const h = await acme();
  const res = await h.call('POST', '/Users', { body: newUser('Gus-UID', 'whatever', 'other@acme.test') });
  expect(res.status).toBe(201);
  expect(res.json.id).toBe('Gus-UID');
  expect(res.json.userName).toBe('guest.member');
  expect((await members(h))['guest.member']).toBe(10);
});

test('§13.15 POST for an inactive identity of a non-member → 201, member again, identity stays inactive', async () => {
  const h = await acme();
  const res = await h.call('POST', '/Users', { body: newUser('gone-uid', 'gone', 'gone@acme.test') });
  expect(res.status).toBe(201);
  expect(res.json.active).toBe(false);
  expect((await members(h)).gone).toBe(30);
});

test('§13.16 POST for a user pending deletion → 409 User is pending deletion', async () => {
  const h = await acme();
  const res = await h.call('POST', '/Users', { body: newUser('pending-uid', 'pending', 'pat@acme.test') });
  expect(res.status).toBe(409);
  expect(res.json.status).toBe(409);
  expect(res.json.detail).toContain('User is pending deletion');
});

test('§13.17 POST without userName → 412 Missing params: [:username]', async () => {
  const h = await acme();
  const body = newUser('u-17', 'x', 'x17@acme.test');
  delete body.userName;
  const res = await h.call('POST', '/Users', { body });
  expect(res.status).toBe(412);
  expect(res.json.detail).toMatch(/^Error saving user with \{.*\}: Missing params: \[:username\]$/);
  const none = await h.call('POST', '/Users', { body: {} });
  expect(none.json.detail).toMatch(/Missing params: \[:extern_uid, :email, :username\]$/);
});

test('§13.18 POST whose userName collides with namespace ricky.the.raccoon → ricky.the.raccoon1', async () => {
  const h = await acme();
  const res = await h.call('POST', '/Users', {
    body: newUser('u-18', 'ricky.the.raccoon', 'ricky@acme.test'),
  });
  expect(res.status).toBe(201);
  expect(res.json.userName).toBe('ricky.the.raccoon1');
});

test('§13.19 POST with the email of a non-member account (link policy) → 201 and that account is linked', async () => {
  const h = await acme();
  const res = await h.call('POST', '/Users', { body: newUser('u-19', 'someone.new', 'OUT2@acme.test') });
  expect(res.status).toBe(201);
  expect(res.json.userName).toBe('outsider');
  expect(res.json.emails[0].value).toBe('out@acme.test');
  expect((await members(h)).outsider).toBe(30);
});

test('§13.20 POST with the email of a user who has another identity in the group → 409 has already been taken', async () => {
  const h = await acme();
  const res = await h.call('POST', '/Users', { body: newUser('another-uid', 'gus2', 'gus@acme.test') });
  expect(res.status).toBe(409);
  expect(res.json.detail).toContain('has already been taken');
  expect((await h.users('/another-uid')).status).toBe(404);
});

test('§13.21 POST with an email domain outside the allowed domains → 412, user created, no membership', async () => {
  const h = await acme();
  const res = await h.call('POST', '/api/scim/v2/groups/strict/Users', {
    token: STRICT_TOKEN,
    body: newUser('u-21', 'evil', 'evil@evil.test'),
  });
  expect(res.status).toBe(412);
  expect(res.json.detail).toContain("The member's email address is not allowed for this group.");
  expect(await members(h, 'strict', STRICT_TOKEN)).toEqual({});
  // The account exists: its namespace `evil` is taken now.
  const again = await h.call('POST', '/Users', { body: newUser('u-21b', 'evil', 'evil2@acme.test') });
  expect(again.json.userName).toBe('evil1');
});

test('§13.22 POST error details never contain a password or access_token value', async () => {
  const h = await acme();
  const body: Record<string, unknown> = { ...newUser('u-22', 'x', 'x22@acme.test'), password: 'hunter2' };
  delete body.userName;
  const res = await h.call('POST', `/Users?access_token=${TOKEN}`, { body, token: null });
  expect(res.status).toBe(412);
  expect(res.json.detail).toContain('"password"=>"[FILTERED]"');
  expect(res.json.detail).toContain('"access_token"=>"[FILTERED]"');
  expect(res.json.detail).toContain('"group"=>"acme"');
  expect(res.json.detail).not.toContain('hunter2');
  expect(res.json.detail).not.toContain(TOKEN);
});

test('§13.23 PATCH Replace active "False" → 204 empty, identity inactive, membership removed', async () => {
  const h = await acme();
  const res = await h.call('PATCH', '/Users/Gus-UID', {
    body: { Operations: [{ op: 'Replace', path: 'active', value: 'False' }] },
  });
  expect(res.status).toBe(204);
  expect(res.text).toBe('');
  expect(res.headers.get('content-type')).toBeNull();
  expect((await h.users('/Gus-UID')).json.active).toBe(false);
  expect(await members(h)).not.toHaveProperty('guest.member');
});

test('§13.24 PATCH active "False" on the last owner → 412 Error updating <name>, identity stays active', async () => {
  const h = await acme();
  const res = await h.call('PATCH', '/Users/owner-uid', {
    body: { Operations: [{ op: 'replace', path: 'active', value: 'False' }] },
  });
  expect(res.status).toBe(412);
  expect(res.json.detail).toMatch(/^Error updating Olive Owner with \{/);
  expect((await h.users('/owner-uid')).json.active).toBe(true);
});

test('§13.25 PATCH active "true" reactivates; on a pending deletion → 409 exactly User is pending deletion', async () => {
  const h = await acme();
  const res = await h.call('PATCH', '/Users/gone-uid', {
    body: { Operations: [{ op: 'Replace', path: 'active', value: '"True"' }] },
  });
  expect(res.status).toBe(204);
  expect((await h.users('/gone-uid')).json.active).toBe(true);
  expect((await members(h)).gone).toBe(30);
  const pending = await h.call('PATCH', '/Users/pending-uid', {
    body: { Operations: [{ op: 'replace', path: 'active', value: true }] },
  });
  expect(pending.status).toBe(409);
  expect(pending.json.detail).toBe('User is pending deletion');
});

test('§13.26 PATCH path id → extern uid changes; an inactive identity stays inactive', async () => {
  const h = await acme();
  const res = await h.call('PATCH', '/Users/gone-uid', {
    body: { Operations: [{ op: 'Replace', path: 'externalId', value: 'new-uid' }] },
  });
  expect(res.status).toBe(204);
  expect((await h.users('/gone-uid')).status).toBe(404);
  const moved = await h.users('/new-uid');
  expect(moved.json.active).toBe(false);
  const clash = await h.call('PATCH', '/Users/new-uid', {
    body: { Operations: [{ op: 'Replace', path: 'id', value: 'OWNER-UID' }] },
  });
  expect(clash.status).toBe(412);
  expect(clash.json.detail).toMatch(/^Error updating Gone Person with/);
});

test('§13.27 PATCH of name.formatted, userName or work email → 204 and no change', async () => {
  const h = await acme();
  const before = (await h.users('/Gus-UID')).text;
  const res = await h.call('PATCH', '/Users/Gus-UID', {
    body: {
      Operations: [
        { op: 'replace', path: 'name.formatted', value: 'Changed' },
        { op: 'replace', path: 'userName', value: 'changed' },
        { op: 'add', path: 'emails[type eq "work"].value', value: 'changed@acme.test' },
        { op: 'remove', path: 'active' },
      ],
    },
  });
  expect(res.status).toBe(204);
  expect((await h.users('/Gus-UID')).text).toBe(before);
});

test('§13.28 PATCH Okta form {"op":"replace","value":{"active":false}} deprovisions', async () => {
  const h = await acme();
  const res = await h.call('PATCH', '/Users/Gus-UID', {
    body: {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', value: { active: false } }],
    },
  });
  expect(res.status).toBe(204);
  expect((await h.users('/Gus-UID')).json.active).toBe(false);
});

test('§13.29 DELETE → 204 and inactive; last owner → 412 Could not remove', async () => {
  const h = await acme();
  const res = await h.call('DELETE', '/Users/Gus-UID');
  expect(res.status).toBe(204);
  expect(res.text).toBe('');
  const after = await h.users('/Gus-UID');
  expect(after.json.active).toBe(false);
  expect(await members(h)).not.toHaveProperty('guest.member');
  const owner = await h.call('DELETE', '/Users/owner-uid');
  expect(owner.status).toBe(412);
  expect(owner.json.detail).toBe('Could not remove Olive Owner from Acme. Cannot remove last group owner.');
  expect((await h.call('DELETE', '/Users/nope')).json.detail).toBe('Resource nope not found');
});

test('§13.30 PUT /Users/<uid> → 405; POST with application/json → 415', async () => {
  const h = await acme();
  const put = await h.call('PUT', '/Users/Gus-UID', { body: newUser('Gus-UID', 'x', 'x@acme.test') });
  expect(put.status).toBe(405);
  expect(put.json).toEqual({ error: '405 Not Allowed' });
  expect(put.headers.get('allow')).toContain('PATCH');
  const json = await h.call('POST', '/Users', {
    body: newUser('u-30', 'x', 'x@acme.test'),
    contentType: 'application/json',
  });
  expect(json.status).toBe(415);
  expect(json.json).toEqual({ error: "The provided content-type 'application/json' is not supported." });
});
