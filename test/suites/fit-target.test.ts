/** Fitting requests to the target's /Schemas (suites/support/declared.ts): what is sent, what is left out. */
import { expect, test } from 'vitest';
import type { TargetInfo } from '../../engine/index.js';
import { declaredAttribute, fitUserBody } from '../../suites/support/declared.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';

function target(attributes: unknown[] | undefined): TargetInfo {
  return {
    baseUrl: 'http://127.0.0.1:1/scim/v2',
    capabilities: {
      discovered: true,
      patch: true,
      bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
      filter: { supported: true, maxResults: 100 },
      sort: false,
      etag: false,
      changePassword: false,
      resourceTypes: { User: { endpoint: '/Users', schema: USER, extensions: [] } },
      schemas: attributes ? { [USER]: { id: USER, attributes } } : {},
    },
  };
}

const sparse = target([
  { name: 'userName', type: 'string' },
  { name: 'name', type: 'complex', subAttributes: [{ name: 'givenName', type: 'string' }] },
  { name: 'emails', type: 'complex', multiValued: true },
  { name: 'displayName', type: 'string' },
]);

const generated = {
  schemas: [USER],
  userName: 'scimtest-abc123-1-ada.lovelace@example.com',
  externalId: 'scimtest-abc123-ext-1',
  name: { givenName: 'Ada', familyName: 'Lovelace', formatted: 'Ada Lovelace' },
  displayName: 'scimtest-abc123-1 Ada Lovelace',
  emails: [{ value: 'scimtest-abc123-1-ada.lovelace@example.com', type: 'work', primary: true }],
  active: true,
  nickName: 'ada',
};

test('generated attributes the target does not declare are left out; common attributes stay', () => {
  expect(fitUserBody(sparse, generated)).toEqual({
    schemas: [USER],
    userName: generated.userName,
    externalId: generated.externalId,
    name: { givenName: 'Ada' },
    displayName: generated.displayName,
    emails: generated.emails,
  });
});

test('attributes a check set on purpose, and extension containers, are sent whatever is declared', () => {
  const ext = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
  const fitted = fitUserBody(sparse, { ...generated, title: 'Engineer', [ext]: { department: 'R&D' } }, [
    'title',
  ]);
  expect(fitted['title']).toBe('Engineer');
  expect(fitted[ext]).toEqual({ department: 'R&D' });
  expect(fitted['active']).toBeUndefined();
});

test('without /Schemas the generated body (core attributes only) is sent as it is', () => {
  expect(fitUserBody(target(undefined), generated)).toBe(generated);
});

test('a PATCH attribute is the first candidate the target declares, else none', () => {
  expect(declaredAttribute(sparse, ['nickName', 'displayName', 'title'])).toBe('displayName');
  expect(declaredAttribute(sparse, ['nickName', 'profileUrl'])).toBeUndefined();
  expect(declaredAttribute(target(undefined), ['nickName', 'displayName'])).toBe('nickName');
});
