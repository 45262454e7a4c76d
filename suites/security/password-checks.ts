/** `password` is writeOnly and returned=never (RFC 7643 §4.1.1, §7). */
import { checkRows, fail, isFailure, isObject, listResources, notCreated, onBody } from '../support/index.js';
import type { AnyCheck, Guard, HttpResult, JsonObject, Verdict } from '../support/index.js';
import { passwordUser, type PasswordUser } from './scenarios.js';

const check = checkRows({ level: 'MUST', suite: 'security', rfc: 'RFC7643 4.1.1', scenario: passwordUser });
const NOT_CREATED = 'The User with a password could not be created; judged by users.post.returns-201';

/** No `password` key (any case) and no copy of the cleartext anywhere in the resource. */
function expectNoPassword(resource: JsonObject, password: string, pointer: string): Guard {
  const key = Object.keys(resource).find((k) => k.toLowerCase() === 'password');
  if (key !== undefined) {
    return fail('ATTRIBUTE_UNEXPECTED', 'The User carries a password attribute', {
      expected: 'no password attribute',
      actual: '(present, value redacted)',
      pointer: `${pointer}/${key}`,
    });
  }
  if (JSON.stringify(resource).includes(password)) {
    return fail('ATTRIBUTE_UNEXPECTED', 'The User carries the cleartext password in another attribute', {
      expected: 'no copy of the password',
      actual: '(present, value redacted)',
      pointer,
    });
  }
  return undefined;
}

function onUser(
  result: PasswordUser,
  pick: (r: PasswordUser) => HttpResult | undefined,
  status: number | readonly number[],
  statusCheckId: string,
): Verdict {
  const res = pick(result);
  if (!res) return notCreated('User', NOT_CREATED);
  return onBody(res, status, statusCheckId, (body) => expectNoPassword(body, result.password, ''));
}

const explanation =
  'RFC 7643 §4.1.1 says the password (cleartext or hashed) SHALL NOT be returned, and §7 makes returned=never attributes absent from every response; a leaked password or hash ends up in IdP logs.';

const postNoPassword = check({
  id: 'security.post.no-password',
  title: 'The 201 for a User created with a password does not return it',
  requirements: ['7643-4.1.1-h', '7643-7-o'],
  explanation,
  assert: (result) => onUser(result, (r) => r.created.response, [200, 201], 'users.post.returns-201'),
});

const getNoPassword = check({
  id: 'security.get.no-password',
  title: 'GET of a User with a password does not return it',
  requirements: ['7643-4.1.1-h', '7643-7-o', '7644-3.4-a'],
  explanation,
  assert: (result) => onUser(result, (r) => r.fetched, 200, 'users.get.returns-200'),
});

const attributesNoPassword = check({
  id: 'security.get-attributes.no-password',
  title: 'GET with attributes=password still does not return it',
  rfc: 'RFC7643 7',
  requirements: ['7643-7-o', '7643-4.1.1-h'],
  explanation:
    'RFC 7643 §7 says returned=never attributes SHALL NOT be returned even when a client names them in attributes.',
  assert: (result) => onUser(result, (r) => r.requested, 200, 'users.get.returns-200'),
});

const listNoPassword = check({
  id: 'security.list.no-password',
  title: 'Listing Users does not return passwords',
  requirements: ['7643-4.1.1-h', '7643-7-o'],
  explanation,
  assert: (result) => {
    if (!result.listed) return notCreated('User', NOT_CREATED);
    return onBody(result.listed, 200, 'users.list.returns-200', (body) => {
      const resources = listResources(body);
      if (isFailure(resources)) return resources;
      for (const [index, resource] of resources.entries()) {
        if (!isObject(resource)) continue;
        const failure = expectNoPassword(resource, result.password, `/Resources/${index}`);
        if (failure) return failure;
      }
      return undefined;
    });
  },
});

export const passwordChecks: AnyCheck[] = [
  postNoPassword,
  getNoPassword,
  attributesNoPassword,
  listNoPassword,
];
