import { describe, expect, test } from 'vitest';
import { ScimError } from '../core/scim-error.js';
import { GROUP_RESOURCE, USER_RESOURCE } from '../schema/index.js';
import { applyPatch } from './index.js';
import { URN } from '../../protocol/urns.js';
import type { PatchOperation, PatchOptions } from './index.js';

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const RFC: PatchOptions = { caseInsensitiveOps: false, coerceBooleanStrings: false };
const ENTRA: PatchOptions = { caseInsensitiveOps: true, coerceBooleanStrings: true };

function user(): Record<string, unknown> {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    id: 'u1',
    userName: 'bjensen',
    name: { givenName: 'Barbara', familyName: 'Jensen' },
    title: 'Boss',
    active: true,
    emails: [
      { value: 'b@work.example', type: 'work', primary: true },
      { value: 'b@home.example', type: 'home' },
    ],
    groups: [{ value: 'g1', display: 'G' }],
    meta: { resourceType: 'User', created: '2020-01-01T00:00:00Z', lastModified: '2020-01-01T00:00:00Z' },
  };
}

function group(): Record<string, unknown> {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
    id: 'g1',
    displayName: 'Admins',
    members: [
      { value: 'u1', type: 'User' },
      { value: 'u2', type: 'User' },
    ],
  };
}

const body = (...Operations: PatchOperation[]) => ({ schemas: [URN.patchOp], Operations });

function patchUser(ops: PatchOperation[], options = RFC) {
  return applyPatch(user(), body(...ops), USER_RESOURCE, options);
}

function rejects(fn: () => unknown, scimType: string): ScimError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ScimError);
    expect((error as ScimError).scimType).toBe(scimType);
    expect((error as ScimError).status).toBe(400);
    return error as ScimError;
  }
  throw new Error(`expected ScimError ${scimType}`);
}

describe('successful operations (RFC 7644 §3.5.2.1–3)', () => {
  test.each<[string, PatchOperation[], (r: Record<string, unknown>) => void]>([
    [
      'add single-valued creates',
      [{ op: 'add', path: 'nickName', value: 'Babs' }],
      (r) => expect(r.nickName).toBe('Babs'),
    ],
    [
      'add single-valued replaces',
      [{ op: 'add', path: 'title', value: 'CEO' }],
      (r) => expect(r.title).toBe('CEO'),
    ],
    [
      'add is case-insensitive on names',
      [{ op: 'add', path: 'NickName', value: 'B' }],
      (r) => expect(r.nickName).toBe('B'),
    ],
    [
      'add complex merges sub-attributes',
      [{ op: 'add', path: 'name', value: { middleName: 'M' } }],
      (r) => expect(r.name).toEqual({ givenName: 'Barbara', familyName: 'Jensen', middleName: 'M' }),
    ],
    [
      'add sub-attribute',
      [{ op: 'add', path: 'name.givenName', value: 'Babs' }],
      (r) => expect(r.name).toEqual({ givenName: 'Babs', familyName: 'Jensen' }),
    ],
    [
      'add multi-valued appends',
      [{ op: 'add', path: 'emails', value: [{ value: 'c@x', type: 'other' }] }],
      (r) => expect(r.emails).toHaveLength(3),
    ],
    [
      'add multi-valued skips duplicates',
      [{ op: 'add', path: 'emails', value: [{ value: 'B@HOME.example', type: 'home' }] }],
      (r) => expect(r.emails).toEqual(user().emails),
    ],
    [
      'add primary clears the other primary',
      [{ op: 'add', path: 'emails', value: { value: 'n@x', primary: true } }],
      (r) =>
        expect((r.emails as { primary?: boolean }[]).map((e) => e.primary)).toEqual([false, undefined, true]),
    ],
    ['replace title', [{ op: 'replace', path: 'title', value: 'Z' }], (r) => expect(r.title).toBe('Z')],
    [
      'replace absent acts as add',
      [{ op: 'replace', path: 'nickName', value: 'N' }],
      (r) => expect(r.nickName).toBe('N'),
    ],
    [
      'replace multi-valued replaces the set',
      [{ op: 'replace', path: 'emails', value: [{ value: 'only@x' }] }],
      (r) => expect(r.emails).toEqual([{ value: 'only@x' }]),
    ],
    [
      'replace complex keeps unspecified sub-attributes',
      [{ op: 'replace', path: 'name', value: { familyName: 'F' } }],
      (r) => expect(r.name).toEqual({ givenName: 'Barbara', familyName: 'F' }),
    ],
    [
      'replace filtered element',
      [{ op: 'replace', path: 'emails[type eq "work"]', value: { value: 'n@w', type: 'work' } }],
      (r) =>
        expect(r.emails).toEqual([
          { value: 'n@w', type: 'work' },
          { value: 'b@home.example', type: 'home' },
        ]),
    ],
    [
      'replace filtered sub-attribute',
      [{ op: 'replace', path: 'emails[type eq "work"].value', value: 'n@w' }],
      (r) =>
        expect((r.emails as { value: string }[])[0]).toEqual({ value: 'n@w', type: 'work', primary: true }),
    ],
    [
      'replace filtered primary moves primary',
      [{ op: 'replace', path: 'emails[type eq "home"].primary', value: true }],
      (r) => expect((r.emails as { primary?: boolean }[]).map((e) => e.primary)).toEqual([false, true]),
    ],
    [
      'add filtered sub-attribute creates the value (Entra)',
      [{ op: 'add', path: 'emails[type eq "other"].value', value: 'o@x' }],
      (r) => expect((r.emails as unknown[])[2]).toEqual({ type: 'other', value: 'o@x' }),
    ],
    ['remove single-valued', [{ op: 'remove', path: 'title' }], (r) => expect(r).not.toHaveProperty('title')],
    ['remove absent is a no-op', [{ op: 'remove', path: 'nickName' }], (r) => expect(r).toEqual(user())],
    [
      'remove multi-valued',
      [{ op: 'remove', path: 'emails' }],
      (r) => expect(r).not.toHaveProperty('emails'),
    ],
    [
      'remove filtered',
      [{ op: 'remove', path: 'emails[type eq "work"]' }],
      (r) => expect(r.emails).toEqual([{ value: 'b@home.example', type: 'home' }]),
    ],
    [
      'remove filtered sub-attribute',
      [{ op: 'remove', path: 'emails[type eq "work"].primary' }],
      (r) => expect((r.emails as unknown[])[0]).toEqual({ value: 'b@work.example', type: 'work' }),
    ],
    [
      'remove last filtered value unassigns',
      [{ op: 'remove', path: 'emails[value pr]' }],
      (r) => expect(r).not.toHaveProperty('emails'),
    ],
    [
      'remove sub-attribute',
      [{ op: 'remove', path: 'name.givenName' }],
      (r) => expect(r.name).toEqual({ familyName: 'Jensen' }),
    ],
    [
      'path-less replace (Okta)',
      [{ op: 'replace', value: { active: false } }],
      (r) => expect(r.active).toBe(false),
    ],
    [
      'path-less add with dotted key',
      [{ op: 'add', value: { 'name.givenName': 'G', title: 'T' } }],
      (r) => {
        expect(r.name).toEqual({ givenName: 'G', familyName: 'Jensen' });
        expect(r.title).toBe('T');
      },
    ],
    [
      'path-less add ignores schemas and unchanged id',
      [{ op: 'add', value: { schemas: ['x'], id: 'u1', title: 'T' } }],
      (r) => expect(r.title).toBe('T'),
    ],
    [
      'path-less URN-qualified key',
      [{ op: 'add', value: { [`${ENT}:department`]: 'R&D' } }],
      (r) => {
        expect(r[ENT]).toEqual({ department: 'R&D' });
        expect(r.schemas).toContain(ENT);
      },
    ],
    [
      'path-less extension object',
      [{ op: 'replace', value: { [ENT]: { employeeNumber: '7', manager: { value: 'm' } } } }],
      (r) => expect(r[ENT]).toEqual({ employeeNumber: '7', manager: { value: 'm' } }),
    ],
    [
      'extension path with sub-attribute',
      [{ op: 'add', path: `${ENT}:manager.value`, value: 'm1' }],
      (r) => expect(r[ENT]).toEqual({ manager: { value: 'm1' } }),
    ],
    [
      'removing the last extension attribute drops the extension',
      [
        { op: 'add', path: `${ENT}:department`, value: 'D' },
        { op: 'remove', path: `${ENT}:department` },
      ],
      (r) => {
        expect(r).not.toHaveProperty(ENT);
        expect(r.schemas).not.toContain(ENT);
      },
    ],
    [
      'operations apply in order',
      [
        { op: 'replace', path: 'title', value: 'A' },
        { op: 'replace', path: 'title', value: 'B' },
      ],
      (r) => expect(r.title).toBe('B'),
    ],
    [
      'replace with null unassigns',
      [{ op: 'replace', path: 'title', value: null }],
      (r) => expect(r).not.toHaveProperty('title'),
    ],
    [
      'readOnly set to its current value is a no-op',
      [{ op: 'replace', path: 'id', value: 'u1' }],
      (r) => expect(r).toEqual(user()),
    ],
    [
      'writeOnly password can be set',
      [{ op: 'replace', path: 'password', value: 's3cret' }],
      (r) => expect(r.password).toBe('s3cret'),
    ],
    [
      'URN-qualified core path',
      [{ op: 'replace', path: 'urn:ietf:params:scim:schemas:core:2.0:User:name.familyName', value: 'J' }],
      (r) => expect(r.name).toEqual({ givenName: 'Barbara', familyName: 'J' }),
    ],
  ])('%s', (_name, ops, check) => {
    check(patchUser(ops));
  });
});

describe('errors', () => {
  test.each<[string, unknown, string]>([
    ['body not an object', 'nope', 'invalidSyntax'],
    ['missing schemas', { Operations: [{ op: 'add', path: 'title', value: 'x' }] }, 'invalidSyntax'],
    [
      'wrong schemas',
      { schemas: ['urn:x'], Operations: [{ op: 'add', path: 'title', value: 'x' }] },
      'invalidSyntax',
    ],
    ['missing Operations', { schemas: [URN.patchOp] }, 'invalidSyntax'],
    ['empty Operations', body(), 'invalidSyntax'],
    ['operation not an object', { schemas: [URN.patchOp], Operations: ['add'] }, 'invalidSyntax'],
    ['unknown op', body({ op: 'move', path: 'title' }), 'invalidSyntax'],
    ['capitalised op in RFC mode', body({ op: 'Replace', path: 'title', value: 'x' }), 'invalidSyntax'],
    ['remove without path', body({ op: 'remove' }), 'noTarget'],
    ['add without value', body({ op: 'add', path: 'title' }), 'invalidValue'],
    ['path-less add with a non-object', body({ op: 'add', value: 'x' }), 'invalidValue'],
    ['unknown attribute', body({ op: 'add', path: 'nosuch', value: 'x' }), 'invalidPath'],
    ['unknown sub-attribute', body({ op: 'add', path: 'name.nosuch', value: 'x' }), 'invalidPath'],
    ['malformed path', body({ op: 'add', path: 'emails[type eq', value: 'x' }), 'invalidPath'],
    ['array index path', body({ op: 'remove', path: 'emails[0]' }), 'invalidPath'],
    [
      'filter on a single-valued attribute',
      body({ op: 'remove', path: 'name[givenName eq "x"]' }),
      'invalidPath',
    ],
    ['path not a string', body({ op: 'remove', path: 5 } as unknown as PatchOperation), 'invalidPath'],
    ['replace id', body({ op: 'replace', path: 'id', value: 'other' }), 'mutability'],
    [
      'replace meta.created',
      body({ op: 'replace', path: 'meta.created', value: '2021-01-01T00:00:00Z' }),
      'mutability',
    ],
    ['add groups', body({ op: 'add', path: 'groups', value: [{ value: 'g2' }] }), 'mutability'],
    ['remove groups', body({ op: 'remove', path: 'groups' }), 'mutability'],
    ['remove userName (required)', body({ op: 'remove', path: 'userName' }), 'mutability'],
    ['replace userName with null', body({ op: 'replace', path: 'userName', value: null }), 'mutability'],
    ['string for boolean', body({ op: 'replace', path: 'active', value: 'False' }), 'invalidValue'],
    ['object for string', body({ op: 'replace', path: 'title', value: { a: 1 } }), 'invalidValue'],
    ['array for single-valued', body({ op: 'replace', path: 'title', value: ['a'] }), 'invalidValue'],
    ['number for string', body({ op: 'replace', path: 'userName', value: 5 }), 'invalidValue'],
    [
      'unknown sub-attribute in value',
      body({ op: 'add', path: 'emails', value: [{ value: 'x', nosuch: 1 }] }),
      'invalidValue',
    ],
    ['string for complex', body({ op: 'add', path: 'name', value: 'x' }), 'invalidValue'],
    [
      'replace filter matches nothing',
      body({ op: 'replace', path: 'emails[type eq "nosuch"].value', value: 'x' }),
      'noTarget',
    ],
    ['remove filter matches nothing', body({ op: 'remove', path: 'emails[type eq "nosuch"]' }), 'noTarget'],
    [
      'add filter that pins nothing',
      body({ op: 'add', path: 'emails[value co "zzz"].type', value: 'work' }),
      'noTarget',
    ],
    ['bad filter comparison', body({ op: 'remove', path: 'emails[primary gt true]' }), 'invalidFilter'],
    ['bad dateTime', body({ op: 'add', path: 'meta.lastModified', value: 'yesterday' }), 'mutability'],
  ])('%s', (_name, patch, scimType) => {
    const before = user();
    rejects(() => applyPatch(before, patch, USER_RESOURCE, RFC), scimType);
    expect(before).toEqual(user());
  });

  test('the detail names the failing operation', () => {
    const error = rejects(
      () =>
        patchUser([
          { op: 'add', path: 'title', value: 'x' },
          { op: 'remove', path: 'id' },
        ]),
      'mutability',
    );
    expect(error.detail).toBe('Operations[1]: "id" is readOnly');
  });
});

test('atomic: a failing second operation leaves the input untouched', () => {
  const input = user();
  const snapshot = structuredClone(input);
  rejects(
    () =>
      applyPatch(
        input,
        body({ op: 'replace', path: 'title', value: 'New' }, { op: 'remove', path: 'userName' }),
        USER_RESOURCE,
        RFC,
      ),
    'mutability',
  );
  expect(input).toEqual(snapshot);
});

test('success never mutates the input', () => {
  const input = user();
  const out = applyPatch(
    input,
    body(
      { op: 'remove', path: 'emails[type eq "work"]' },
      { op: 'replace', path: 'name.givenName', value: 'X' },
    ),
    USER_RESOURCE,
    RFC,
  );
  expect(input).toEqual(user());
  expect(out).not.toBe(input);
});

describe('Entra dialect', () => {
  test.each<[string, PatchOperation[], (r: Record<string, unknown>) => void]>([
    [
      'capitalised Replace and "False"',
      [{ op: 'Replace', path: 'active', value: 'False' }],
      (r) => expect(r.active).toBe(false),
    ],
    [
      '"True" in a path-less value',
      [{ op: 'Replace', value: { active: 'True' } }],
      (r) => expect(r.active).toBe(true),
    ],
    [
      'Add filtered address sub-attribute creates it',
      [{ op: 'Add', path: 'addresses[type eq "work"].streetAddress', value: '1 Main' }],
      (r) => expect(r.addresses).toEqual([{ type: 'work', streetAddress: '1 Main' }]),
    ],
  ])('%s', (_name, ops, check) => {
    check(patchUser(ops, ENTRA));
  });
});

describe('group members', () => {
  const patchGroup = (ops: PatchOperation[], options = ENTRA) =>
    applyPatch(group(), body(...ops), GROUP_RESOURCE, options);
  const values = (r: Record<string, unknown>) =>
    ((r.members as { value: string }[] | undefined) ?? []).map((m) => m.value);

  test.each<[string, PatchOperation[], string[]]>([
    [
      'add members',
      [{ op: 'add', path: 'members', value: [{ value: 'u3', display: 'ignored' }] }],
      ['u1', 'u2', 'u3'],
    ],
    [
      're-adding a member is a no-op',
      [{ op: 'add', path: 'members', value: [{ value: 'u1' }] }],
      ['u1', 'u2'],
    ],
    ['remove by filter', [{ op: 'remove', path: 'members[value eq "u1"]' }], ['u2']],
    ['Entra remove with a value list', [{ op: 'Remove', path: 'members', value: [{ value: 'u2' }] }], ['u1']],
    [
      'Entra remove of a non-member is a no-op',
      [{ op: 'Remove', path: 'members', value: [{ value: 'u9' }] }],
      ['u1', 'u2'],
    ],
    ['remove every member', [{ op: 'remove', path: 'members' }], []],
    ['replace members', [{ op: 'replace', path: 'members', value: [{ value: 'u7' }] }], ['u7']],
    [
      'path-less add of members (Okta)',
      [{ op: 'add', value: { members: [{ value: 'u4' }] } }],
      ['u1', 'u2', 'u4'],
    ],
  ])('%s', (_name, ops, expected) => {
    expect(values(patchGroup(ops))).toEqual(expected);
  });

  test('display is readOnly so it is dropped from added members', () => {
    const out = patchGroup([{ op: 'add', path: 'members', value: [{ value: 'u3', display: 'Joe' }] }]);
    expect((out.members as unknown[])[2]).toEqual({ value: 'u3' });
  });

  test.each<[string, PatchOperation, string]>([
    [
      'member value is immutable',
      { op: 'replace', path: 'members[value eq "u1"].value', value: 'u9' },
      'mutability',
    ],
    [
      'member type is immutable',
      { op: 'replace', path: 'members[value eq "u1"].type', value: 'Group' },
      'mutability',
    ],
    ['remove a non-member by filter', { op: 'remove', path: 'members[value eq "nope"]' }, 'noTarget'],
    ['displayName is required', { op: 'remove', path: 'displayName' }, 'mutability'],
  ])('%s → %s', (_name, op, scimType) => {
    rejects(() => patchGroup([op], RFC), scimType);
  });
});
