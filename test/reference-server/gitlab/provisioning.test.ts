import { expect, test } from 'vitest';
import { sanitizeUsername } from '../../../reference-server/gitlab/index.js';
import { CONFIG } from './fixtures.js';
import { gitlab, newUser } from './helpers.js';

const withPolicy = (existingEmail: 'reject' | 'link'): Record<string, unknown> => ({
  ...CONFIG,
  groups: CONFIG.groups.map((g) => (g.path === 'acme' ? { ...g, existingEmail } : g)),
});

test('existingEmail reject (default, seed diagram) → 409 Email exists, nothing changes', async () => {
  const h = await gitlab({ config: withPolicy('reject') });
  const res = await h.call('POST', '/Users', { body: newUser('u-r', 'x', 'out@acme.test') });
  expect(res.status).toBe(409);
  expect(res.json).toEqual({
    schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
    detail: 'Email exists',
    status: 409,
  });
  expect((await h.users('/u-r')).status).toBe(404);
  // Identities that already exist are still idempotent under reject.
  expect((await h.call('POST', '/Users', { body: newUser('gone-uid', 'g', 'gone@acme.test') })).status).toBe(
    201,
  );
});

test('existingEmail link (current GitLab) → 201, the existing account is linked', async () => {
  const h = await gitlab({ config: withPolicy('link') });
  const res = await h.call('POST', '/Users', { body: newUser('u-l', 'x', 'out@acme.test') });
  expect(res.status).toBe(201);
  expect(res.json.userName).toBe('outsider');
});

test('existingEmail defaults to reject', async () => {
  const h = await gitlab({ config: { ...CONFIG, groups: [{ path: 'acme' }] } });
  expect((await h.call('POST', '/Users', { body: newUser('u', 'x', 'out@acme.test') })).status).toBe(409);
});

test.each([
  [' --ricky.^#!__the._raccoon--', 'ricky.the.raccoon'],
  ['jane.doe@example.com', 'jane.doe'],
  ['repo.git.atom.', 'repo'],
  ['___', 'blank'],
  ['@example.com', 'blank'],
  ['Mixed_Case', 'Mixed_Case'],
  ['a--b__c..d', 'a-b_c.d'],
])('sanitizeUsername(%j) → %j', (input, expected) => {
  expect(sanitizeUsername(input)).toBe(expected);
});

test('username suffixes count up against users, groups and namespaces, case-insensitively', async () => {
  const h = await gitlab({ config: CONFIG });
  const post = async (n: number, userName: string): Promise<string> =>
    (await h.call('POST', '/Users', { body: newUser(`s-${n}`, userName, `s${n}@acme.test`) })).json.userName;
  expect(await post(1, 'Test_User')).toBe('Test_User1');
  expect(await post(2, 'test_user')).toBe('test_user2');
  expect(await post(3, 'OWNER@acme.test')).toBe('OWNER1');
  expect(await post(4, 'Acme')).toBe('Acme1');
  expect(await post(5, 'admin')).toBe('admin1');
});

test('SSO enforcement refuses to link an account without a SAML identity', async () => {
  const config = {
    groups: [{ path: 'acme', saml: { enforceSso: true }, existingEmail: 'link' }],
    users: [
      { username: 'unlinked', email: 'u@acme.test' },
      { username: 'linked', email: 'l@acme.test', samlLinkedGroups: ['acme'] },
    ],
  };
  const h = await gitlab({ config });
  const res = await h.call('POST', '/Users', { body: newUser('a', 'a', 'u@acme.test') });
  expect(res.status).toBe(412);
  expect(res.json.detail).toContain('is not linked to a SAML account or has an inactive SCIM identity');
  expect((await h.call('POST', '/Users', { body: newUser('b', 'b', 'l@acme.test') })).status).toBe(201);
  expect((await h.call('POST', '/Users', { body: newUser('c', 'c', 'new@acme.test') })).status).toBe(201);
});

test('POST details: blank email, blank extern uid, blank name', async () => {
  const h = await gitlab();
  const email = await h.call('POST', '/Users', { body: newUser('e', 'e', '') });
  expect(email.status).toBe(412);
  expect(email.json.detail).toContain("Email can't be blank");
  const uid = await h.call('POST', '/Users', { body: newUser('', 'e', 'e@example.com') });
  expect(uid.json.detail).toContain("Extern uid can't be blank");
  const name = await h.call('POST', '/Users', { body: { ...newUser('n', 'n', 'n@example.com'), name: {} } });
  expect(name.json.detail).toContain("Name can't be blank");
  expect((await h.users()).json.totalResults).toBe(0);
});

test('name falls back to givenName + familyName, then displayName', async () => {
  const h = await gitlab();
  const parts = await h.call('POST', '/Users', {
    body: { ...newUser('p', 'p', 'p@example.com'), name: { givenName: 'Ada', familyName: 'Love Lace' } },
  });
  expect(parts.json.name).toEqual({ formatted: 'Ada Love Lace', givenName: 'Ada', familyName: 'Love Lace' });
  const body: Record<string, unknown> = { ...newUser('d', 'd', 'd@example.com'), displayName: 'Solo' };
  delete body.name;
  const display = await h.call('POST', '/Users', { body });
  expect(display.json.name).toEqual({ formatted: 'Solo', givenName: 'Solo', familyName: '' });
});

test('seedUsers adds deterministic provisioned users to the first group', async () => {
  const h = await gitlab({ seedUsers: 3 });
  const res = await h.users();
  expect(res.json.totalResults).toBe(3);
  expect(res.json.Resources.map((r: { id: string }) => r.id)).toEqual([
    'seed-user-1',
    'seed-user-2',
    'seed-user-3',
  ]);
  expect(res.json.Resources[0].userName).toBe('seed.user1');
});
