import { expect, test } from 'vitest';
import { USER_RESOURCE } from '../schema/index.js';
import { compareForSort, parseAttributeList, projectAttributes } from './index.js';

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const user = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENT],
  id: 'u1',
  externalId: 'e1',
  userName: 'bjensen',
  password: 'secret',
  name: { givenName: 'Barbara', familyName: 'Jensen' },
  emails: [{ value: 'b@x', type: 'work' }],
  meta: { resourceType: 'User', created: '2020-01-01T00:00:00Z' },
  [ENT]: { employeeNumber: '7', department: 'R&D' },
};

test.each<[string, { attributes?: string[]; excludedAttributes?: string[] }, Record<string, unknown>]>([
  ['default: everything but returned=never', {}, (({ password: _p, ...rest }) => rest)(user)],
  [
    'attributes=userName keeps id and schemas',
    { attributes: ['userName'] },
    { schemas: user.schemas, id: 'u1', userName: 'bjensen' },
  ],
  [
    'attributes are case-insensitive',
    { attributes: ['USERNAME'] },
    { schemas: user.schemas, id: 'u1', userName: 'bjensen' },
  ],
  [
    'attributes=name.givenName keeps only that sub-attribute',
    { attributes: ['name.givenName'] },
    { schemas: user.schemas, id: 'u1', name: { givenName: 'Barbara' } },
  ],
  [
    'URN-qualified core attribute',
    { attributes: ['urn:ietf:params:scim:schemas:core:2.0:User:userName'] },
    { schemas: user.schemas, id: 'u1', userName: 'bjensen' },
  ],
  [
    'extension attribute',
    { attributes: [`${ENT}:department`] },
    { schemas: user.schemas, id: 'u1', [ENT]: { department: 'R&D' } },
  ],
  ['whole extension by URN', { attributes: [ENT] }, { schemas: user.schemas, id: 'u1', [ENT]: user[ENT] }],
  [
    'password never appears even when asked',
    { attributes: ['password', 'userName'] },
    { schemas: user.schemas, id: 'u1', userName: 'bjensen' },
  ],
  [
    'excludedAttributes cannot remove id',
    { excludedAttributes: ['id', 'userName', 'emails', 'meta', 'name', 'externalId', ENT] },
    { schemas: user.schemas, id: 'u1' },
  ],
  [
    'excluded sub-attribute',
    { excludedAttributes: ['name.familyName', `${ENT}:employeeNumber`] },
    {
      schemas: user.schemas,
      id: 'u1',
      externalId: 'e1',
      userName: 'bjensen',
      name: { givenName: 'Barbara' },
      emails: user.emails,
      meta: user.meta,
      [ENT]: { department: 'R&D' },
    },
  ],
  [
    'attributes=emails.value',
    { attributes: ['emails.value'] },
    { schemas: user.schemas, id: 'u1', emails: [{ value: 'b@x' }] },
  ],
  ['unknown names are ignored', { attributes: ['nosuch'] }, { schemas: user.schemas, id: 'u1' }],
])('%s', (_name, options, expected) => {
  expect(projectAttributes(user, USER_RESOURCE, options)).toEqual(expected);
});

test.each<[string | null, string[] | undefined]>([
  [null, undefined],
  ['', undefined],
  [' , ', undefined],
  ['userName', ['userName']],
  [' userName , name.givenName ,', ['userName', 'name.givenName']],
])('parseAttributeList(%j)', (param, expected) => {
  expect(parseAttributeList(param)).toEqual(expected);
});

const people = [
  {
    id: '1',
    userName: 'c',
    title: 'x',
    emails: [{ value: 'z@x' }, { value: 'a@x', primary: true }],
    meta: { created: '2020-01-02T00:00:00Z' },
  },
  { id: '2', userName: 'B', emails: [{ value: 'm@x' }], meta: { created: '2020-01-01T00:00:00+02:00' } },
  { id: '3', userName: 'a', title: 'y', meta: { created: '2020-01-01T00:00:00Z' } },
];
const order = (sortBy: string, descending = false) =>
  [...people]
    .sort((a, b) => (descending ? -1 : 1) * compareForSort(a, b, sortBy, USER_RESOURCE))
    .map((p) => p.id);

test.each<[string, boolean, string[]]>([
  ['userName', false, ['3', '2', '1']], // caseExact=false: a, B, c (ASCII would give B, a, c)
  ['USERNAME', true, ['1', '2', '3']],
  ['title', false, ['1', '3', '2']], // missing sorts last ascending
  ['title', true, ['2', '3', '1']], // and first descending
  ['emails.value', false, ['1', '2', '3']], // primary a@x, then m@x, then missing
  ['emails', false, ['1', '2', '3']],
  ['meta.created', false, ['2', '3', '1']], // by instant
  ['id', false, ['1', '2', '3']],
  ['nosuch', false, ['1', '2', '3']],
])('sortBy=%s descending=%s', (sortBy, descending, expected) => {
  expect(order(sortBy, descending)).toEqual(expected);
});
