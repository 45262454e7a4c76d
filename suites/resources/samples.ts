/**
 * The resource representations the suite's static checks read: the created User and Group, their GETs and
 * the items of the /Users and /Groups lists (RFC 7643 §3 applies to every one of them).
 * @module
 */
import { isObject, skip } from '../support/index.js';
import type { HttpResult, Skip } from '../support/index.js';
import type { Sample } from './kit.js';
import type { Fixture } from './scenarios.js';

/** Check id that judges the create status; body checks skip when it was not 201. */
export const CREATE_STATUS_ID = 'users.post.returns-201';

function single(res: HttpResult | undefined, label: string, type: string, status: number): Sample[] {
  return res?.status === status && isObject(res.json) ? [{ label, type, body: res.json }] : [];
}

function listed(res: HttpResult | undefined, label: string, type: string): Sample[] {
  const body = res?.status === 200 && isObject(res.json) ? res.json : undefined;
  const items = body ? body['Resources'] : undefined;
  if (!Array.isArray(items)) return [];
  return items.flatMap((item, i) =>
    isObject(item) ? [{ label: `${label} Resources[${i}]`, type, body: item }] : [],
  );
}

/** Every resource representation of the fixture, or a skip when the User could not even be created. */
export function samples(f: Fixture): Sample[] | Skip {
  if (f.user.response.status !== 201 || !isObject(f.user.response.json)) {
    return skip(
      `The User create answered ${f.user.response.status ?? 'nothing'}, judged by ${CREATE_STATUS_ID}`,
    );
  }
  return [
    ...single(f.user.response, 'POST User', 'User', 201),
    ...single(f.userRead, 'GET User', 'User', 200),
    ...single(f.group?.response, 'POST Group', 'Group', 201),
    ...single(f.groupRead, 'GET Group', 'Group', 200),
    ...listed(f.userList, 'GET Users', 'User'),
    ...listed(f.groupList, 'GET Groups', 'Group'),
  ];
}

/** A JSON pointer as a readable attribute path, e.g. `/emails/0/value` → `emails[0].value`. */
export function readable(label: string, pointer: string): string {
  const path = pointer
    .slice(1)
    .split('/')
    .map((t) => (/^\d+$/.test(t) ? `[${t}]` : `.${t.replace(/~1/g, '/').replace(/~0/g, '~')}`))
    .join('')
    .replace(/^\./, '');
  return `${label} ${path}`;
}
