import { expect, test } from 'vitest';
import { ScimError } from '../core/scim-error.js';
import { defineAttribute, GROUP_RESOURCE, USER_RESOURCE } from '../schema/index.js';
import { evaluateFilter, parseFilter, validateFilter } from './index.js';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const user: Record<string, unknown> = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
  id: 'abc-123',
  externalId: 'ExtId',
  userName: 'BJensen',
  name: { givenName: 'Barbara', familyName: 'Jensen' },
  title: '',
  active: true,
  emails: [
    { value: 'bjensen@example.com', type: 'work', primary: true },
    { value: 'babs@jensen.org', type: 'home' },
  ],
  x509Certificates: [{ value: 'MIIB' }],
  meta: { resourceType: 'User', created: '2011-05-13T04:42:34Z', lastModified: '2011-05-13T04:42:34Z' },
  [ENTERPRISE]: { employeeNumber: '701984', manager: { value: 'M1' } },
};

const match = (text: string) => evaluateFilter(parseFilter(text), user, USER_RESOURCE);

test.each([
  // eq honours caseExact: userName is caseExact=false, id/externalId are caseExact=true (RFC 7643 §3.1, §4.1.1).
  ['userName eq "bjensen"', true],
  ['USERNAME Eq "BJENSEN"', true],
  ['userName eq "bjense"', false],
  ['externalId eq "ExtId"', true],
  ['externalId eq "extid"', false],
  ['id eq "abc-123"', true],
  ['id eq "ABC-123"', false],
  ['userName ne "bjensen"', false],
  ['userName ne "other"', true],
  ['userName co "jens"', true],
  ['userName co "JENS"', true],
  ['externalId co "xtI"', true],
  ['externalId co "XTI"', false],
  ['userName sw "bj"', true],
  ['userName sw "bjensen"', true],
  ['userName sw "je"', false],
  ['userName ew "SEN"', true],
  ['userName ew "bj"', false],
  ['userName gt "a"', true],
  ['userName gt "C"', false],
  ['userName ge "bjensen"', true],
  ['userName lt "c"', true],
  ['userName le "BJENSEN"', true],
  ['userName lt "bjensen"', false],
  // pr: non-null, non-empty string, non-empty array (Table 3).
  ['userName pr', true],
  ['title pr', false],
  ['nickName pr', false],
  ['emails pr', true],
  ['name pr', true],
  ['name.middleName pr', false],
  // Booleans.
  ['active eq true', true],
  ['active eq false', false],
  ['active ne false', true],
  ['active eq "true"', false],
  // Sub-attributes and multi-valued: any value matches (§3.4.2.2).
  ['name.givenName eq "barbara"', true],
  ['emails.value eq "babs@jensen.org"', true],
  ['emails.value ew "@example.com"', true],
  ['emails.type eq "other"', false],
  ['emails co "jensen.org"', true],
  ['emails.value ne "babs@jensen.org"', false],
  // valuePath: both conditions on one element.
  ['emails[type eq "work" and value co "@example"]', true],
  ['emails[type eq "home" and value co "@example"]', false],
  ['emails[type eq "home" or primary eq true]', true],
  ['emails[not (type eq "work")]', true],
  ['emails[primary eq true] and userName sw "b"', true],
  ['emails[nosuch eq "x"]', false],
  // dateTime by instant.
  ['meta.lastModified gt "2011-05-13T04:42:33Z"', true],
  ['meta.lastModified gt "2011-05-13T04:42:34Z"', false],
  ['meta.lastModified ge "2011-05-13T04:42:34Z"', true],
  ['meta.lastModified eq "2011-05-13T06:42:34+02:00"', true],
  ['meta.lastModified lt "2011-05-13T06:42:35+02:00"', true],
  ['meta.created le "2010-01-01T00:00:00Z"', false],
  // URN-qualified core and extension paths.
  ['urn:ietf:params:scim:schemas:core:2.0:User:userName eq "bjensen"', true],
  ['URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER:name.givenName sw "b"', true],
  [`${ENTERPRISE}:employeeNumber eq "701984"`, true],
  [`${ENTERPRISE}:manager.value eq "M1"`, true],
  [`${ENTERPRISE}:manager.value eq "m1"`, false],
  // Logic and precedence.
  ['userName eq "x" or userName eq "bjensen"', true],
  ['userName eq "bjensen" and active eq false', false],
  ['not (userName eq "bjensen")', false],
  ['userName eq "x" or userName eq "bjensen" and active eq false', false],
  ['(userName eq "x" or userName eq "bjensen") and active eq true', true],
  ['userName eq "bjensen" or userName eq "x" and active eq false', true],
  // Unknown attributes reach nothing: comparisons false, ne/not true.
  ['nosuch eq "x"', false],
  ['nosuch pr', false],
  ['nosuch ne "x"', true],
  ['urn:example:nosuch:attr eq "x"', false],
  ['employeeNumber eq "701984"', false],
  // null literal.
  ['nickName eq null', true],
  ['userName eq null', false],
  ['userName ne null', true],
])('%s → %s', (text, expected) => {
  expect(match(text)).toBe(expected);
});

test.each([
  'active gt true',
  'active lt false',
  'userName gt true',
  'userName ge null',
  'x509Certificates.value gt "a"',
  'name gt "x"',
  'meta.lastModified gt "yesterday"',
  'meta.lastModified gt 5',
  'userName co 5',
  'emails[primary ge true]',
])('%s → 400 invalidFilter (Table 3)', (text) => {
  const node = parseFilter(text);
  for (const run of [
    () => evaluateFilter(node, user, USER_RESOURCE),
    () => validateFilter(node, USER_RESOURCE),
  ]) {
    try {
      run();
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ScimError);
      expect((error as ScimError).scimType).toBe('invalidFilter');
    }
  }
});

test.each([
  ['age gt 9', true],
  ['age gt 10', false],
  ['age ge 10', true],
  ['age lt 10.5', true],
  ['age eq 10', true],
  ['age eq "10"', false],
  ['score le 0.25', true],
  ['age gt "9"', false],
  ['nosuch gt 1', false],
])('numbers compare numerically: %s → %s', (text, expected) => {
  const schema = {
    core: {
      id: 'urn:example:Thing',
      name: 'Thing',
      description: '',
      attributes: [defineAttribute('age', 'integer', ''), defineAttribute('score', 'decimal', '')],
    },
    extensions: [],
  };
  expect(evaluateFilter(parseFilter(text), { age: 10, score: 0.25 }, schema)).toBe(expected);
});

test('group members match on any member value', () => {
  const group = { displayName: 'Admins', members: [{ value: 'u1', type: 'User' }, { value: 'u2' }] };
  expect(evaluateFilter(parseFilter('members[value eq "u2"]'), group, GROUP_RESOURCE)).toBe(true);
  expect(evaluateFilter(parseFilter('members.value eq "u3"'), group, GROUP_RESOURCE)).toBe(false);
  expect(evaluateFilter(parseFilter('displayName eq "admins"'), group, GROUP_RESOURCE)).toBe(true);
});
