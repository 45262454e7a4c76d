import { describe, expect, test } from 'vitest';
import { ScimError } from '../core/scim-error.js';
import { findIndexedEquality, parseFilter, parsePatchPath } from './index.js';

function invalid(fn: () => unknown, scimType: 'invalidFilter' | 'invalidPath' = 'invalidFilter'): ScimError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ScimError);
    const scim = error as ScimError;
    expect(scim.status).toBe(400);
    expect(scim.scimType).toBe(scimType);
    return scim;
  }
  throw new Error('expected a ScimError');
}

test.each([
  ['userName eq "bjensen"', { kind: 'compare', path: { attribute: 'userName' }, op: 'eq', value: 'bjensen' }],
  ['UserName EQ "x"', { kind: 'compare', path: { attribute: 'UserName' }, op: 'eq', value: 'x' }],
  [
    'name.familyName co "O\'Malley"',
    { kind: 'compare', path: { attribute: 'name', subAttribute: 'familyName' }, op: 'co', value: "O'Malley" },
  ],
  ['title pr', { kind: 'present', path: { attribute: 'title' } }],
  ['title PR', { kind: 'present', path: { attribute: 'title' } }],
  ['active eq true', { kind: 'compare', path: { attribute: 'active' }, op: 'eq', value: true }],
  ['active eq False', { kind: 'compare', path: { attribute: 'active' }, op: 'eq', value: false }],
  ['x eq null', { kind: 'compare', path: { attribute: 'x' }, op: 'eq', value: null }],
  ['n ge -1.5e3', { kind: 'compare', path: { attribute: 'n' }, op: 'ge', value: -1500 }],
  ['s eq "a\\"b\\u0041\\n"', { kind: 'compare', path: { attribute: 's' }, op: 'eq', value: 'a"bA\n' }],
  [
    'urn:ietf:params:scim:schemas:core:2.0:User:name.givenName sw "B"',
    {
      kind: 'compare',
      path: {
        uri: 'urn:ietf:params:scim:schemas:core:2.0:User',
        attribute: 'name',
        subAttribute: 'givenName',
      },
      op: 'sw',
      value: 'B',
    },
  ],
  [
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "1"',
    {
      kind: 'compare',
      path: {
        uri: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
        attribute: 'employeeNumber',
      },
      op: 'eq',
      value: '1',
    },
  ],
  [
    'members[value eq "1"]',
    {
      kind: 'valuePath',
      path: { attribute: 'members' },
      filter: { kind: 'compare', path: { attribute: 'value' }, op: 'eq', value: '1' },
    },
  ],
  ['not (a pr)', { kind: 'not', filter: { kind: 'present', path: { attribute: 'a' } } }],
  ['NOT(a pr)', { kind: 'not', filter: { kind: 'present', path: { attribute: 'a' } } }],
  ['  a pr  ', { kind: 'present', path: { attribute: 'a' } }],
  ['meta.$ref pr', { kind: 'present', path: { attribute: 'meta', subAttribute: '$ref' } }],
])('parses %s', (text, expected) => {
  expect(parseFilter(text)).toEqual(expected);
});

test.each(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le', 'EQ', 'Ne', 'cO'])(
  'accepts operator %s in any case',
  (op) => {
    expect(parseFilter(`userName ${op} "x"`)).toMatchObject({ kind: 'compare', op: op.toLowerCase() });
  },
);

describe('precedence: not > and > or, parentheses group', () => {
  const p = (a: string) => ({ kind: 'present', path: { attribute: a } });
  test.each([
    [
      'a pr or b pr and c pr',
      { kind: 'or', left: p('a'), right: { kind: 'and', left: p('b'), right: p('c') } },
    ],
    [
      'a pr and b pr or c pr',
      { kind: 'or', left: { kind: 'and', left: p('a'), right: p('b') }, right: p('c') },
    ],
    [
      '(a pr or b pr) and c pr',
      { kind: 'and', left: { kind: 'or', left: p('a'), right: p('b') }, right: p('c') },
    ],
    [
      'a pr AND b pr OR c pr',
      { kind: 'or', left: { kind: 'and', left: p('a'), right: p('b') }, right: p('c') },
    ],
    ['not (a pr) and b pr', { kind: 'and', left: { kind: 'not', filter: p('a') }, right: p('b') }],
    [
      'a pr and b pr and c pr',
      { kind: 'and', left: { kind: 'and', left: p('a'), right: p('b') }, right: p('c') },
    ],
    ['((a pr))', p('a')],
    [
      'emails[type eq "work" or (type eq "home" and value ew "@x")]',
      {
        kind: 'valuePath',
        path: { attribute: 'emails' },
        filter: {
          kind: 'or',
          left: { kind: 'compare', path: { attribute: 'type' }, op: 'eq', value: 'work' },
          right: {
            kind: 'and',
            left: { kind: 'compare', path: { attribute: 'type' }, op: 'eq', value: 'home' },
            right: { kind: 'compare', path: { attribute: 'value' }, op: 'ew', value: '@x' },
          },
        },
      },
    ],
  ])('%s', (text, expected) => {
    expect(parseFilter(text)).toEqual(expected);
  });
});

const MALFORMED = [
  '',
  '   ',
  'userName',
  'userName eq',
  'userName eq ',
  'userName "x"',
  'userName regex "x"',
  'userName eq bjensen',
  'userName eq "unterminated',
  'userName eq "bad \\q escape"',
  'userName eq "x" garbage',
  'userName eq "x" and',
  'userName eq "x" or',
  'and userName eq "x"',
  '(userName eq "x"',
  'userName eq "x")',
  '((userName eq "x")',
  'emails[type eq "work"',
  'emails type eq "work"]',
  'emails[type eq "work"]]',
  'emails[type[value eq "x"] pr]',
  'emails[]',
  'emails.value[type eq "x"]',
  'not userName eq "x"',
  'not',
  'not (',
  '()',
  '( )',
  'a.b.c eq "x"',
  '1abc eq "x"',
  'userName eq "x" "y"',
  'userName eq 01',
  'userName eq 1.',
  'userName eq tru',
  'userName  eq',
  '"x" eq userName',
  'userName eq "x" and (',
  'userName eq "x" andd title pr',
  ')',
  ']',
  '[',
  'urn:ietf:params:scim:schemas:core:2.0:User: eq "x"',
  'userName pr "x"',
  'userName eq "x"\u0000',
  'user name eq "x"',
  'emails[type eq "work"] eq "x"',
  '('.repeat(60) + 'a pr' + ')'.repeat(60),
  'a pr and '.repeat(500) + 'a pr',
];

test.each(
  MALFORMED.map((text) => [
    text.length > 60 ? `${text.slice(0, 40)}… (${text.length} chars)` : JSON.stringify(text),
    text,
  ]),
)('rejects %s with 400 invalidFilter', (_label, text) => {
  const error = invalid(() => parseFilter(text));
  expect(error.detail).toMatch(/^filter: /);
});

test('error detail names the position and what was expected', () => {
  expect(invalid(() => parseFilter('userName eq')).detail).toBe(
    'filter: expected a value (quoted string, number, true, false or null) at position 12, found the end of input',
  );
  expect(invalid(() => parseFilter('userName regex "x"')).detail).toContain('unknown operator "regex"');
  expect(invalid(() => parseFilter('(a pr')).detail).toContain('expected ")"');
});

test('a 50-level nesting parses but 51 does not', () => {
  expect(() => parseFilter('('.repeat(50) + 'a pr' + ')'.repeat(50))).not.toThrow();
  invalid(() => parseFilter('('.repeat(51) + 'a pr' + ')'.repeat(51)));
});

describe('parsePatchPath (RFC 7644 §3.5.2 Figure 7)', () => {
  test.each([
    ['title', { attrPath: { attribute: 'title' } }],
    ['name.givenName', { attrPath: { attribute: 'name', subAttribute: 'givenName' } }],
    [
      'members[value eq "x"]',
      {
        attrPath: { attribute: 'members' },
        valueFilter: { kind: 'compare', path: { attribute: 'value' }, op: 'eq', value: 'x' },
      },
    ],
    [
      'emails[type eq "work"].value',
      {
        attrPath: { attribute: 'emails' },
        valueFilter: { kind: 'compare', path: { attribute: 'type' }, op: 'eq', value: 'work' },
        subAttribute: 'value',
      },
    ],
    [
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value',
      {
        attrPath: {
          uri: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
          attribute: 'manager',
          subAttribute: 'value',
        },
      },
    ],
  ])('%s', (text, expected) => {
    expect(parsePatchPath(text)).toEqual(expected);
  });

  test.each([
    '',
    'emails[type eq "work"',
    'emails[0]',
    'emails[type eq "work"].',
    'emails[type eq "work"]x',
    'a.b.c',
    'title pr',
    'name.givenName[value eq "x"]',
    'emails[type eq "work"].value.x',
  ])('rejects %j with 400 invalidPath', (text) => {
    invalid(() => parsePatchPath(text), 'invalidPath');
  });
});

describe('findIndexedEquality', () => {
  test.each([
    ['userName eq "Bob"', { attribute: 'userName', value: 'Bob' }],
    ['USERNAME eq "Bob"', { attribute: 'userName', value: 'Bob' }],
    ['urn:ietf:params:scim:schemas:core:2.0:User:userName eq "Bob"', { attribute: 'userName', value: 'Bob' }],
    ['externalId eq "e" and active eq true', { attribute: 'externalId', value: 'e' }],
    ['active eq true and id eq "1"', { attribute: 'id', value: '1' }],
    ['emails.value eq "a@x"', { attribute: 'emails.value', value: 'a@x' }],
    ['displayName eq "G"', { attribute: 'displayName', value: 'G' }],
    ['userName eq "a" or userName eq "b"', undefined],
    ['userName ne "a"', undefined],
    ['not (userName eq "a")', undefined],
    ['title eq "a"', undefined],
    ['emails[value eq "a"]', undefined],
    ['userName eq 1', undefined],
    ['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:userName eq "a"', undefined],
  ])('%s', (text, expected) => {
    expect(findIndexedEquality(parseFilter(text))).toEqual(expected);
  });
});
