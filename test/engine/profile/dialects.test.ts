import { describe, expect, test } from 'vitest';
import {
  activePatch,
  attributePatch,
  eqFilter,
  getAttribute,
  groupMatchQuery,
  memberAddPatch,
  memberRemovePatch,
  renamePatch,
  renderUser,
  userMatchQuery,
  type SourceUser,
} from '../../../engine/profile/index.js';
import { resolveProfile } from '../../../profiles/index.js';

const entra = resolveProfile('entra-id');
const entra2020 = resolveProfile('entra-id-2020');
const okta = resolveProfile('okta');
const onelogin = resolveProfile('onelogin');
const enterprise = resolveProfile('onelogin-v2-enterprise');
const FILTER = eqFilter('userName', 'alice@contoso.com');

describe('query encoders', () => {
  test('Entra writes spaces as + and quotes/at signs percent-encoded', () => {
    expect(userMatchQuery(FILTER, entra.query)).toBe('filter=userName+eq+%22alice%40contoso.com%22');
  });

  test('Entra puts excludedAttributes=members before the group filter', () => {
    expect(groupMatchQuery(eqFilter('displayName', 'Eng'), entra.query)).toBe(
      'excludedAttributes=members&filter=displayName+eq+%22Eng%22',
    );
  });

  test('Okta writes %20 and appends startIndex=1&count=100', () => {
    expect(userMatchQuery(FILTER, okta.query)).toBe(
      'filter=userName%20eq%20%22alice%40contoso.com%22&startIndex=1&count=100',
    );
  });

  test('OneLogin writes + with a trailing & and sends PUT with a bare ?', () => {
    expect(userMatchQuery(FILTER, onelogin.query)).toBe('filter=userName+eq+%22alice%40contoso.com%22&');
    expect(onelogin.query.bareQuestionMarkOnPut).toBe(true);
  });
});

describe('PATCH dialects', () => {
  const changes = [
    { path: 'name.givenName', value: 'Kkom' },
    { path: 'emails[type eq "work"].value', value: 'k@contoso.com' },
    { path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber', value: '42' },
  ];

  test('legacy Entra: one capitalised Replace per attribute, "False" as a string', () => {
    expect(attributePatch(changes, entra.patch).Operations).toEqual([
      { op: 'Replace', path: 'name.givenName', value: 'Kkom' },
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'k@contoso.com' },
      {
        op: 'Replace',
        path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber',
        value: '42',
      },
    ]);
    expect(activePatch(false, entra.patch).Operations).toEqual([
      { op: 'Replace', path: 'active', value: 'False' },
    ]);
  });

  test('aadOptscim062020: filtered paths alone, the rest folded into one path-less replace with dotted/URN keys', () => {
    expect(attributePatch(changes, entra2020.patch).Operations).toEqual([
      { op: 'replace', path: 'emails[type eq "work"].value', value: 'k@contoso.com' },
      {
        op: 'replace',
        value: {
          'name.givenName': 'Kkom',
          'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber': '42',
        },
      },
    ]);
    expect(activePatch(false, entra2020.patch).Operations).toEqual([
      { op: 'replace', path: 'active', value: false },
    ]);
  });

  test('Okta: path-less active, {value, display} members, filter-path removal, rename with id', () => {
    expect(activePatch(false, okta.patch).Operations).toEqual([{ op: 'replace', value: { active: false } }]);
    expect(memberAddPatch([{ id: 'u1', display: 'a@b' }], okta.patch).Operations).toEqual([
      { op: 'add', path: 'members', value: [{ value: 'u1', display: 'a@b' }] },
    ]);
    expect(memberRemovePatch(['u1'], okta.patch).Operations).toEqual([
      { op: 'remove', path: 'members[value eq "u1"]' },
    ]);
    expect(renamePatch('g1', 'New', okta.patch).Operations).toEqual([
      { op: 'replace', value: { id: 'g1', displayName: 'New' } },
    ]);
  });

  test('legacy Entra member shapes: $ref null on add, Remove with a value list', () => {
    expect(memberAddPatch([{ id: 'u1' }], entra.patch).Operations).toEqual([
      { op: 'Add', path: 'members', value: [{ $ref: null, value: 'u1' }] },
    ]);
    expect(memberRemovePatch(['u1'], entra.patch).Operations).toEqual([
      { op: 'Remove', path: 'members', value: [{ $ref: null, value: 'u1' }] },
    ]);
  });
});

describe('user bodies from mappings', () => {
  const source: SourceUser = {
    objectId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
    userPrincipalName: 'alice@contoso.com',
    mail: 'alice@contoso.com',
    mailNickname: 'alice',
    givenName: 'Alice',
    surname: 'Smith',
    displayName: 'Alice Smith',
    formattedName: 'Alice Smith',
    jobTitle: 'Engineer',
    department: 'R&D',
    employeeId: '7',
    login: 'alice@contoso.com',
    email: 'alice@contoso.com',
    firstName: 'Alice',
    lastName: 'Smith',
    oktaId: '00u1',
    scimusername: 'alice@contoso.com',
    active: true,
  };

  test('Entra default mapping builds the documented POST body', () => {
    const body = renderUser(source, entra.user);
    expect(body).toMatchObject({
      userName: 'alice@contoso.com',
      externalId: 'alice',
      active: true,
      emails: [{ type: 'work', primary: true, value: 'alice@contoso.com' }],
      name: { givenName: 'Alice', familyName: 'Smith', formatted: 'Alice Smith' },
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': {
        employeeNumber: '7',
        department: 'R&D',
      },
      roles: [],
    });
    expect(getAttribute(body, 'emails[type eq "work"].value')).toBe('alice@contoso.com');
  });

  test('the GitLab mapping matches on externalId = objectId and sends userName = mailNickname', () => {
    const body = renderUser(source, resolveProfile('entra-id-gitlab').user);
    expect(body).toMatchObject({ externalId: source['objectId'], userName: 'alice' });
  });

  test('Okta sends a password and groups []; OneLogin Enterprise sends emails as an object and non-RFC URNs', () => {
    expect(renderUser(source, okta.user, 'pw')).toMatchObject({
      password: 'pw',
      groups: [],
      externalId: '00u1',
    });
    const one = renderUser(source, enterprise.user);
    expect(one['schemas']).toEqual([
      'urn:scim:schemas:core:2.0',
      'urn:scim:schemas:extension:enterprise:2.0',
    ]);
    expect(one['emails']).toEqual({ type: 'work', primary: true, value: 'alice@contoso.com' });
  });
});

describe('issue 20 dialects', () => {
  const authentik = resolveProfile('authentik');
  const keycloakPatch = resolveProfile('keycloak-scim-patch');

  test('authentik sends one lowercase op per member, adds and removes alike', () => {
    const members = [{ id: 'u1' }, { id: 'u2' }];
    expect(memberAddPatch(members, authentik.patch).Operations).toEqual([
      { op: 'add', path: 'members', value: [{ value: 'u1' }] },
      { op: 'add', path: 'members', value: [{ value: 'u2' }] },
    ]);
    expect(memberRemovePatch(['u2'], authentik.patch).Operations).toEqual([
      { op: 'remove', path: 'members', value: [{ value: 'u2' }] },
    ]);
    // Without memberBatch, one op lists every member (Okta).
    expect(memberAddPatch(members, okta.patch).Operations).toHaveLength(1);
  });

  test('authentik sends its own headers and Python form encoding', () => {
    expect(authentik.headers).toMatchObject({
      contentType: 'application/scim+json',
      accept: 'application/scim+json',
    });
    expect(authentik.headers.userAgent).toMatch(/^authentik@/);
    expect(userMatchQuery(FILTER, authentik.query)).toBe('filter=userName+eq+%22alice%40contoso.com%22');
  });

  test('authentik renames with a path-less replace of the whole group', () => {
    const group = { schemas: authentik.group.schemas, externalId: 'ext-1' };
    expect(renamePatch('g1', 'New', authentik.patch, group).Operations).toEqual([
      {
        op: 'replace',
        value: {
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
          displayName: 'New',
          externalId: 'ext-1',
          id: 'g1',
        },
      },
    ]);
  });

  test('keycloak-scim in PATCH mode sends active as a lowercase string', () => {
    expect(activePatch(false, keycloakPatch.patch).Operations).toEqual([
      { op: 'replace', path: 'active', value: 'false' },
    ]);
  });
});
