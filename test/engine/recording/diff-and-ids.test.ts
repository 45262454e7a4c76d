import { expect, test } from 'vitest';
import {
  compareResponses,
  DEFAULT_IGNORE,
  IdMap,
  isIgnored,
  redactQuery,
  splitTarget,
} from '../../../engine/recording/index.js';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  status,
  headers: { 'content-type': 'application/scim+json', ...headers },
  body: JSON.stringify(body),
});

test('short ids are rewritten only as path segments and quoted values, long ids wherever they stand', () => {
  const ids = new IdMap();
  ids.learn('1', 'u-77');
  ids.learn('2819c223-7f76-453a-919d-413861904646', 'abc-new-id-000');
  expect(ids.rewritePath('/Users/1')).toBe('/Users/u-77');
  expect(ids.rewriteText('filter=id+eq+%221%22&startIndex=1&count=1', 'url')).toBe(
    'filter=id+eq+%22u-77%22&startIndex=1&count=1',
  );
  expect(ids.rewriteText('{"path":"members[value eq \\"1\\"]","value":[{"value":"1"}],"n":1}', 'json')).toBe(
    '{"path":"members[value eq \\"u-77\\"]","value":[{"value":"u-77"}],"n":1}',
  );
  expect(ids.rewriteText('{"$ref":"https://x/Users/2819c223-7f76-453a-919d-413861904646"}', 'json')).toBe(
    '{"$ref":"https://x/Users/abc-new-id-000"}',
  );
});

test('ignore patterns: dotted suffixes with * and anchored JSON pointers', () => {
  expect(isIgnored(['body', 'Resources', 0, 'meta', 'created'], DEFAULT_IGNORE)).toBe(true);
  expect(isIgnored(['body', 'meta', 'location'], DEFAULT_IGNORE)).toBe(false);
  expect(isIgnored(['body', 'emails', 3, 'value'], ['emails.*.value'])).toBe(true);
  expect(isIgnored(['body', 'Resources', 0, 'name'], ['/Resources/0/name'])).toBe(true);
  expect(isIgnored(['body', 'name'], ['/Resources/0/name'])).toBe(false);
});

test('differences name the field, kind and both values; volatile fields and URL origins are ignored', () => {
  const recorded = json(
    201,
    {
      id: 'a',
      active: true,
      name: { givenName: 'A' },
      meta: { created: '2020', location: 'http://old:1/scim/v2/Users/a' },
    },
    { etag: 'W/"1"' },
  );
  const actual = json(200, {
    id: 'b',
    active: 'true',
    nickName: 'x',
    meta: { created: '2024', location: 'https://new/api/scim/v2/Users/a' },
  });
  expect(
    compareResponses(recorded, actual, {
      ignore: DEFAULT_IGNORE,
      recordedBase: 'http://old:1/scim/v2',
      targetBase: 'https://new/api/scim/v2',
    }),
  ).toEqual([
    { field: 'status', kind: 'status', recorded: 201, actual: 200 },
    { field: 'body.active', kind: 'type', recorded: true, actual: 'true' },
    { field: 'body.name', kind: 'missing', recorded: { givenName: 'A' }, actual: undefined },
    { field: 'body.nickName', kind: 'extra', recorded: undefined, actual: 'x' },
  ]);
});

test('a body where none was recorded (or the reverse) is one difference', () => {
  const d = compareResponses({ status: 204, headers: {}, body: undefined }, json(204, { id: 'x' }), {
    ignore: DEFAULT_IGNORE,
  });
  expect(d).toContainEqual({ field: 'body', kind: 'body', recorded: 'no body', actual: 'JSON object' });
});

test('queries keep every byte; a bare ? differs from no ?', () => {
  expect(splitTarget('/scim/v2/Users/1?', '/scim/v2')).toEqual({ path: '/Users/1', query: '' });
  expect(splitTarget('/scim/v2/Users', '/scim/v2')).toEqual({ path: '/Users', query: null });
  expect(splitTarget('/scim/v2/Users?filter=a+eq+%22b%22&', '/scim/v2').query).toBe('filter=a+eq+%22b%22&');
  expect(redactQuery('filter=x&access_token=abc123&bearer_token=zz', [])).toBe(
    'filter=x&access_token=[REDACTED]&bearer_token=[REDACTED]',
  );
});
