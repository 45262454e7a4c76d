import { expect, test } from 'vitest';
import { createGitlabFlavour, parseGitlabConfig } from '../../../reference-server/gitlab/index.js';
import { gitlab } from './helpers.js';

test.each([
  [[], 'config must be an object'],
  [{ groups: {} }, 'config.groups must be a list'],
  [{ groups: [{}] }, 'config.groups[0].path must be a non-empty string'],
  [{ groups: [{ path: 'a/b' }] }, 'config.groups[0].path must be a top-level group path'],
  [{ groups: [{ path: 'a', id: -1 }] }, 'config.groups[0].id must be a positive integer'],
  [
    { groups: [{ path: 'a', saml: { defaultMembershipRole: 'admin' } }] },
    'config.groups[0].saml.defaultMembershipRole must be one of',
  ],
  [
    { groups: [{ path: 'a', existingEmail: 'merge' }] },
    'config.groups[0].existingEmail must be "reject" or "link"',
  ],
  [{ groups: [{ path: 'a', tokne: 'x' }] }, 'config.groups[0].tokne is not a known field'],
  [{ groups: [{ path: 'a' }, { path: 'A' }] }, 'config.groups[1].path repeats group A'],
  [
    { groups: [{ path: 'a' }], users: [{ username: 'u' }] },
    'config.users[0].email must be a non-empty string',
  ],
  [
    { groups: [{ path: 'a' }], users: [{ username: 'u', email: 'u@x', memberships: [{ group: 'b' }] }] },
    'config.users[0].memberships[0].group names unknown group b',
  ],
  [{ groupSamlEnabled: 'yes' }, 'config.groupSamlEnabled must be true or false'],
])('parseGitlabConfig(%j) throws a TypeError naming the field', (raw, message) => {
  expect(() => parseGitlabConfig(raw)).toThrow(TypeError);
  expect(() => parseGitlabConfig(raw)).toThrow(message);
});

test('a valid config gets its defaults', () => {
  const config = parseGitlabConfig({ groups: [{ path: 'acme' }] });
  expect(config.groups[0]).toEqual({
    path: 'acme',
    name: 'acme',
    saml: { enabled: true, defaultMembershipRole: 'guest', enforceSso: false },
    allowedEmailDomains: [],
    existingEmail: 'reject',
  });
  expect(config.groupSamlEnabled).toBe(true);
});

test('--group specs must look like PATH:TOKEN', () => {
  expect(() => createGitlabFlavour({ flavor: 'gitlab', groups: ['acme'] })).toThrow(
    'groups[0] must look like PATH:TOKEN',
  );
  expect(() => createGitlabFlavour({ flavor: 'gitlab', groups: ['acme:'] })).toThrow(TypeError);
});

test('quirks are refused with a TypeError', () => {
  expect(() => createGitlabFlavour({ flavor: 'gitlab', quirks: ['status-as-string'] })).toThrow(
    'quirks are not supported by the gitlab flavour yet',
  );
});

test('without groups: demo-group with a generated glsoat- token announced in the banner', async () => {
  const flavour = createGitlabFlavour({ flavor: 'gitlab' });
  expect(flavour.basePath).toBe('/api/scim/v2/groups/demo-group');
  expect(flavour.banner).toHaveLength(1);
  const token = /^group demo-group token (glsoat-[A-Za-z0-9_-]{20})$/.exec(flavour.banner[0] ?? '')?.[1];
  expect(token).toBeDefined();
  const h = await gitlab({ groups: undefined });
  const line = h.server.flavour.banner[0] ?? '';
  const res = await h.call('GET', '/Users', { token: line.split(' ').pop() ?? '' });
  expect(res.status).toBe(200);
});

test('explicit tokens are never printed; group ids are assigned or taken from config', async () => {
  const flavour = createGitlabFlavour({
    flavor: 'gitlab',
    groups: ['first:glsoat-secret-one'],
    config: { groups: [{ path: 'cfg', id: 1, token: 'glsoat-secret-two' }] },
  });
  expect(flavour.banner.join('\n')).not.toMatch(/secret/);
  expect(flavour.basePath).toBe('/api/scim/v2/groups/cfg');
  expect(flavour.banner).toEqual([
    'group cfg (id 1) uses the configured token',
    'group first (id 2) uses the configured token',
  ]);
});
