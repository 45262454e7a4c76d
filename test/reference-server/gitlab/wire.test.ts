import { expect, test } from 'vitest';
import { CONFIG } from './fixtures.js';
import { OTHER_TOKEN, TOKEN, gitlab, newUser } from './helpers.js';

test('unknown SCIM paths (/Groups, discovery) → non-SCIM 404 {"error":"404 Not Found"}', async () => {
  const h = await gitlab();
  for (const path of ['/Groups', '/ServiceProviderConfig', '/Schemas', '/ResourceTypes', '/users']) {
    const res = await h.call('GET', path);
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ error: '404 Not Found' });
  }
});

test('PATCH and DELETE on /Users without an id → 405 with Allow', async () => {
  const h = await gitlab();
  for (const method of ['PATCH', 'DELETE', 'PUT']) {
    const res = await h.call(method, '/Users', { body: { Operations: [] } });
    expect(res.status).toBe(405);
    expect(res.json).toEqual({ error: '405 Not Allowed' });
    expect(res.headers.get('allow')).toBe('GET, POST');
  }
});

test('415 for any non-form, non-SCIM body type; scim+json with charset and form bodies are accepted', async () => {
  const h = await gitlab();
  const text = await h.call('POST', '/Users', { raw: 'hello', contentType: 'text/plain' });
  expect(text.status).toBe(415);
  expect(text.json.error).toBe("The provided content-type 'text/plain' is not supported.");
  const charset = await h.call('POST', '/Users', {
    body: newUser('u1', 'alice', 'alice@example.com'),
    contentType: 'application/scim+json; charset=utf-8',
  });
  expect(charset.status).toBe(201);
  const form = await h.call('POST', '/Users', {
    raw: 'externalId=u2&userName=bob&emails[][type]=work&emails[][value]=bob@example.com&name[formatted]=Bob+B',
    contentType: 'application/x-www-form-urlencoded',
  });
  expect(form.status).toBe(201);
  expect(form.json.name).toEqual({ formatted: 'Bob B', givenName: 'Bob', familyName: 'B' });
});

test('params in the query string work like GitLab specs send them', async () => {
  const h = await gitlab();
  const query =
    'externalId=q1&userName=carol&emails[][primary]=true&emails[][type]=work&emails[][value]=carol@example.com&name[formatted]=Carol';
  expect((await h.call('POST', `/Users?${query}`)).status).toBe(201);
  const patch = await h.call(
    'PATCH',
    '/Users/q1?Operations[][op]=Replace&Operations[][path]=active&Operations[][value]=False',
  );
  expect(patch.status).toBe(204);
  expect((await h.users('/q1')).json.active).toBe(false);
});

test('token in access_token or bearer_token query params; scheme is case-insensitive', async () => {
  const h = await gitlab();
  expect((await h.call('GET', `/Users?access_token=${TOKEN}`, { token: null })).status).toBe(200);
  expect((await h.call('GET', `/Users?bearer_token=${TOKEN}`, { token: null })).status).toBe(200);
  const lower = await h.call('GET', '/Users', { token: null, headers: { authorization: `bearer ${TOKEN}` } });
  expect(lower.status).toBe(200);
  const basic = await h.call('GET', '/Users', { token: null, headers: { authorization: `Basic ${TOKEN}` } });
  expect(basic.status).toBe(401);
});

test('token comparison: prefixes, longer and case-changed tokens are all 401', async () => {
  const h = await gitlab();
  for (const token of [
    TOKEN.slice(0, -1),
    `${TOKEN}x`,
    TOKEN.toUpperCase(),
    '',
    'x'.repeat(5000),
    OTHER_TOKEN,
  ]) {
    expect((await h.call('GET', '/Users', { token })).status).toBe(401);
  }
});

test('instance Group SAML off → 403 before anything else', async () => {
  const h = await gitlab({ config: { groupSamlEnabled: false } });
  const res = await h.call('GET', '/api/scim/v2/groups/nope/Users', { token: null });
  expect(res.status).toBe(403);
  expect(res.json).toEqual({ message: '403 Forbidden - Group SAML not enabled.' });
});

test('a disabled SAML provider lists nothing, even with a bad filter', async () => {
  const h = await gitlab({ config: CONFIG });
  const res = await h.call('GET', '/api/scim/v2/groups/off/Users?filter=bogus', {
    token: 'glsoat-offoffoffoffoffoff',
  });
  expect(res.status).toBe(200);
  expect(res.json.totalResults).toBe(0);
});

test('group found by path case-insensitively; dotted group paths do not route', async () => {
  const h = await gitlab({ groups: [`acme:${TOKEN}`, `a.b:${OTHER_TOKEN}`] });
  expect((await h.call('GET', '/api/scim/v2/groups/ACME/Users')).status).toBe(200);
  const dotted = await h.call('GET', '/api/scim/v2/groups/a.b/Users', { token: OTHER_TOKEN });
  expect(dotted.status).toBe(404);
  expect(dotted.json).toEqual({ error: '404 Not Found' });
  expect((await h.call('GET', '/api/scim/v2/groups/a%2Eb/Users', { token: OTHER_TOKEN })).status).toBe(200);
});

test('ids with dots, @ and slashes route to GET/PATCH/DELETE', async () => {
  const h = await gitlab();
  const uid = 'first.last@example.com';
  expect((await h.call('POST', '/Users', { body: newUser(uid, 'fl', 'fl@example.com') })).status).toBe(201);
  expect((await h.users(`/${uid}`)).json.id).toBe(uid);
  expect((await h.users(`/${encodeURIComponent(uid)}`)).json.id).toBe(uid);
  expect((await h.call('DELETE', `/Users/${uid}`)).status).toBe(204);
});

test('members view lists id, username, name, state and access_level; same token rules', async () => {
  const h = await gitlab({ config: CONFIG });
  const res = await h.call('GET', '/api/v4/groups/acme/members');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/json');
  expect(res.json[0]).toEqual({
    id: 1,
    username: 'owner',
    name: 'Olive Owner',
    state: 'active',
    access_level: 50,
  });
  expect((await h.call('GET', '/api/v4/groups/acme/members', { token: OTHER_TOKEN })).status).toBe(401);
  const missing = await h.call('GET', '/api/v4/groups/nope/members');
  expect(missing.status).toBe(404);
  expect(missing.json).toEqual({ message: '404 Group Not Found' });
});

test('log gets one line per request without query string or token', async () => {
  const lines: string[] = [];
  const h = await gitlab({ log: (line) => lines.push(line) });
  await h.call('GET', `/Users?access_token=${TOKEN}&count=2`, { token: null });
  await h.call('GET', '/Groups');
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(/^GET \/api\/scim\/v2\/groups\/acme\/Users 200 \d+\.\dms$/);
  expect(lines[1]).toMatch(/^GET \/api\/scim\/v2\/groups\/acme\/Groups 404 /);
  expect(lines.join('\n')).not.toContain(TOKEN);
});
