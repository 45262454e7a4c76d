import { OTHER_TOKEN, TOKEN } from './helpers.js';

export const STRICT_TOKEN = 'glsoat-stricttokenstricttoken';

/** A GitLab instance with an owner, members, an inactive and a pending identity, and a non-member account. */
export const CONFIG = {
  groups: [
    {
      path: 'acme',
      name: 'Acme',
      token: TOKEN,
      saml: { defaultMembershipRole: 'developer' },
      existingEmail: 'link',
    },
    { path: 'other', token: OTHER_TOKEN },
    { path: 'nosaml', token: 'glsoat-nosamlnosamlnosaml', saml: false },
    { path: 'strict', token: STRICT_TOKEN, allowedEmailDomains: ['acme.test'] },
    { path: 'off', token: 'glsoat-offoffoffoffoffoff', saml: { enabled: false } },
  ],
  users: [
    {
      username: 'owner',
      name: 'Olive Owner',
      email: 'owner@acme.test',
      memberships: [{ group: 'acme', role: 'owner' }],
      scimIdentities: [{ group: 'acme', externUid: 'owner-uid' }],
    },
    {
      username: 'guest.member',
      name: 'Gus Guest',
      email: 'gus@acme.test',
      memberships: [{ group: 'acme', role: 'guest' }],
      scimIdentities: [{ group: 'acme', externUid: 'Gus-UID' }],
    },
    {
      username: 'gone',
      name: 'Gone Person',
      email: 'gone@acme.test',
      scimIdentities: [{ group: 'acme', externUid: 'gone-uid', active: false }],
    },
    {
      username: 'pending',
      name: 'Pat Pending',
      email: 'pat@acme.test',
      memberships: [{ group: 'acme', role: 'developer', pendingDeletion: true }],
      scimIdentities: [{ group: 'acme', externUid: 'pending-uid', active: false }],
    },
    {
      username: 'gone-uid',
      name: 'Clash Name',
      email: 'clash@acme.test',
      memberships: [{ group: 'acme', role: 'guest' }],
      scimIdentities: [{ group: 'acme', externUid: 'clash-uid' }],
    },
    { username: 'outsider', name: 'Out Sider', email: 'out@acme.test', secondaryEmails: ['out2@acme.test'] },
  ],
  namespaces: ['ricky.the.raccoon', 'test_user'],
};

export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
