import { expect, test } from 'vitest';
import {
  COMMON_ATTRIBUTES,
  GROUP_RESOURCE,
  GROUP_SCHEMA,
  USER_RESOURCE,
  USER_SCHEMA,
  resolveAttribute,
} from './index.js';
import type { AttributeDefinition } from './index.js';

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const find = (attributes: AttributeDefinition[], name: string) => attributes.find((a) => a.name === name);

test.each<[string, Partial<AttributeDefinition>]>([
  ['userName', { required: true, caseExact: false, uniqueness: 'server', returned: 'default' }],
  ['password', { mutability: 'writeOnly', returned: 'never' }],
  ['groups', { mutability: 'readOnly', multiValued: true }],
  ['emails', { multiValued: true, type: 'complex' }],
  ['active', { type: 'boolean' }],
])('User %s follows RFC 7643 §8.7.1', (name, expected) => {
  expect(find(USER_SCHEMA.attributes, name)).toMatchObject(expected);
});

test('common attributes (RFC 7643 §3.1)', () => {
  expect(find(COMMON_ATTRIBUTES, 'id')).toMatchObject({
    mutability: 'readOnly',
    returned: 'always',
    caseExact: true,
  });
  expect(find(COMMON_ATTRIBUTES, 'externalId')).toMatchObject({ caseExact: true, mutability: 'readWrite' });
  expect(find(COMMON_ATTRIBUTES, 'meta')?.subAttributes?.map((s) => s.name)).toEqual([
    'resourceType',
    'created',
    'lastModified',
    'location',
    'version',
  ]);
});

test('Group members sub-attributes', () => {
  const members = find(GROUP_SCHEMA.attributes, 'members');
  expect(members?.subAttributes?.map((s) => [s.name, s.mutability])).toEqual([
    ['value', 'immutable'],
    ['$ref', 'immutable'],
    ['display', 'readOnly'],
    ['type', 'immutable'],
  ]);
  expect(find(GROUP_SCHEMA.attributes, 'displayName')?.required).toBe(true);
});

test('no complex sub-attributes (RFC 7643 §2.3.8)', () => {
  for (const schema of [...USER_RESOURCE.extensions, USER_SCHEMA, GROUP_SCHEMA]) {
    for (const attribute of schema.attributes) {
      for (const sub of attribute.subAttributes ?? []) expect(sub.type).not.toBe('complex');
    }
  }
});

test.each<[string, { names: string[]; extension: boolean; schemaUrn: string } | undefined]>([
  [
    'userName',
    { names: ['userName'], extension: false, schemaUrn: 'urn:ietf:params:scim:schemas:core:2.0:User' },
  ],
  [
    'USERNAME',
    { names: ['userName'], extension: false, schemaUrn: 'urn:ietf:params:scim:schemas:core:2.0:User' },
  ],
  [
    'Name.GivenName',
    {
      names: ['name', 'givenName'],
      extension: false,
      schemaUrn: 'urn:ietf:params:scim:schemas:core:2.0:User',
    },
  ],
  [
    'urn:ietf:params:scim:schemas:core:2.0:User:name.givenName',
    {
      names: ['name', 'givenName'],
      extension: false,
      schemaUrn: 'urn:ietf:params:scim:schemas:core:2.0:User',
    },
  ],
  [
    'urn:ietf:params:scim:schemas:core:2.0:user:id',
    { names: ['id'], extension: false, schemaUrn: 'urn:ietf:params:scim:schemas:core:2.0:User' },
  ],
  [
    'meta.lastModified',
    {
      names: ['meta', 'lastModified'],
      extension: false,
      schemaUrn: 'urn:ietf:params:scim:schemas:core:2.0:User',
    },
  ],
  [`${ENT}:manager.value`, { names: ['manager', 'value'], extension: true, schemaUrn: ENT }],
  [`${ENT.toUpperCase()}:EMPLOYEENUMBER`, { names: ['employeeNumber'], extension: true, schemaUrn: ENT }],
  ['employeeNumber', undefined],
  [`${ENT}:id`, undefined],
  ['name.givenName.x', undefined],
  ['nosuch', undefined],
  ['urn:example:Foo:bar', undefined],
  ['', undefined],
])('resolveAttribute(User, %j)', (path, expected) => {
  const resolved = resolveAttribute(USER_RESOURCE, path);
  if (expected === undefined) expect(resolved).toBeUndefined();
  else expect(resolved).toMatchObject(expected);
});

test('Group resolves members.value with its parent', () => {
  expect(resolveAttribute(GROUP_RESOURCE, 'members.value')).toMatchObject({
    names: ['members', 'value'],
    parent: { name: 'members' },
    definition: { mutability: 'immutable' },
  });
});
