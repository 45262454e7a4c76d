/** attributes / excludedAttributes (RFC 7644 §3.4.2.5, §3.9, §3.10) on GET, lists, POST and PUT. */
import {
  defineCheck,
  defineScenario,
  defineSuite,
  fail,
  type AnyCheck,
  type AssertContext,
  type HttpResult,
  type Verdict,
} from '../../engine/model/index.js';
import { createUser, get, q, send, usersAt, type Created } from '../filter/kit.js';
import {
  bodyObject,
  expectStatus,
  isFailure,
  isObject,
  type Guard,
  type JsonObject,
} from '../support/guards.js';
import { listResources } from '../support/lists.js';
import { newUserBody } from '../shared/user-scenarios.js';
import { verdict, verdictOn } from '../support/verdicts.js';
import { URN } from '../support/urns.js';

const SUITE = 'attributes';
/** What `attributes=userName` may return: the requested attribute plus the `returned: always` ones. */
const MINIMAL = new Set(['schemas', 'id', 'username']);

interface Projected {
  user: Created;
  only: HttpResult;
  excluded: HttpResult;
  excludedId: HttpResult;
  sub: HttpResult;
  password: HttpResult;
  urn: HttpResult;
  upper: HttpResult;
  listOnly: HttpResult | undefined;
  listExcluded: HttpResult | undefined;
  post: HttpResult;
  put: HttpResult;
}

const projected = defineScenario<Projected>({
  id: 'attributes.fixture',
  run: async (ctx) => {
    const user = await createUser(ctx, {
      password: 'Sc1m-Secret-Pa55!',
      title: 'Projected',
      nickName: 'proj',
    });
    const g = (query: Record<string, string>) => get(ctx, user.path, query);
    const endpoint = usersAt(ctx.target);
    const filter = ctx.target.capabilities.filter.supported
      ? `userName eq ${q(String(user.sent['userName']))}`
      : undefined;
    const list = (query: Record<string, string>) =>
      filter ? get(ctx, endpoint, { filter, ...query }) : Promise.resolve(undefined);
    const postBody = newUserBody(ctx);
    const post = await send(ctx, {
      method: 'POST',
      path: endpoint,
      json: postBody,
      query: { attributes: 'userName' },
    });
    const postedId = isObject(post.json) && typeof post.json['id'] === 'string' ? post.json['id'] : undefined;
    if (postedId && post.status !== undefined && post.status < 300)
      ctx.ledger.track(`${endpoint}/${encodeURIComponent(postedId)}`);
    const { id: _id, meta: _meta, ...putBody } = user.body;
    return {
      user,
      only: await g({ attributes: 'userName' }),
      excluded: await g({ excludedAttributes: 'emails' }),
      excludedId: await g({ excludedAttributes: 'id,emails' }),
      sub: await g({ attributes: 'name.givenName' }),
      password: await g({ attributes: 'userName,password' }),
      urn: await g({ attributes: 'urn:ietf:params:scim:schemas:core:2.0:User:userName' }),
      upper: await g({ attributes: 'USERNAME' }),
      listOnly: await list({ attributes: 'userName' }),
      listExcluded: await list({ excludedAttributes: 'emails' }),
      post,
      put: await send(ctx, {
        method: 'PUT',
        path: user.path,
        json: putBody,
        query: { attributes: 'userName' },
      }),
    };
  },
});

function ok(res: HttpResult | undefined, status: number, judge: (body: JsonObject) => Guard): Verdict {
  if (!res)
    return { kind: 'skip', reason: 'The target does not filter, so the User cannot be picked out of a list' };
  const s = expectStatus(res, status);
  if (s) return s;
  const body = bodyObject(res);
  if (isFailure(body)) return body;
  return verdictOn(res, judge(body));
}

/** ATTRIBUTE_UNEXPECTED for the first key outside `allowed`; ATTRIBUTE_MISSING when userName is absent. */
function onlyMinimal(body: JsonObject, where = ''): Guard {
  const extra = Object.keys(body).find((k) => !MINIMAL.has(k.toLowerCase()));
  if (extra)
    return fail('ATTRIBUTE_UNEXPECTED', `${where}${extra} is returned although only userName was requested`, {
      expected: [...MINIMAL],
      actual: Object.keys(body),
      pointer: `${where}/${extra}`,
    });
  if (!Object.keys(body).some((k) => k.toLowerCase() === 'username'))
    return fail('ATTRIBUTE_MISSING', `${where}userName was requested but is missing`, {
      pointer: `${where}/userName`,
    });
  return undefined;
}

function has(body: JsonObject, name: string): Guard {
  return Object.keys(body).some((k) => k.toLowerCase() === name.toLowerCase())
    ? undefined
    : fail('ATTRIBUTE_MISSING', `${name} is missing`, { pointer: `/${name}` });
}

function hasNot(body: JsonObject, name: string, why: string): Guard {
  const key = Object.keys(body).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined
    ? undefined
    : fail('ATTRIBUTE_UNEXPECTED', `${name} is returned although ${why}`, {
        expected: 'absent',
        actual: body[key],
        pointer: `/${key}`,
      });
}

function eachListed(body: JsonObject, judge: (r: JsonObject, where: string) => Guard): Guard {
  const items = listResources(body);
  if (isFailure(items)) return items;
  if (items.length === 0)
    return fail('ATTRIBUTE_MISSING', 'The list has no Resources to judge', { pointer: '/Resources' });
  for (const [i, r] of items.entries()) {
    const f = judge(r, `/Resources/${i}`);
    if (f) return f;
  }
  return undefined;
}

function check(
  id: string,
  title: string,
  requirements: string[],
  explanation: string,
  assert: (p: Projected, ctx: AssertContext) => Verdict,
  level: 'MUST' | 'SHOULD' = 'MUST',
): AnyCheck {
  return defineCheck({
    id,
    title,
    suite: SUITE,
    rfc: 'RFC7644 3.9',
    requirements,
    level,
    explanation,
    scenario: projected,
    assert,
  });
}

export const attributeChecks: AnyCheck[] = [
  check(
    'attributes.get.accepted',
    'GET with attributes or excludedAttributes answers 200',
    ['7644-3.4.2.5-a'],
    'RFC 7644 §3.4.2.5: service providers MUST support both parameters.',
    (p) => verdict(expectStatus(p.only, 200) ?? expectStatus(p.excluded, 200)),
  ),
  check(
    'attributes.get.only-requested',
    'attributes=userName returns userName and the always-returned attributes only',
    ['7644-3.9-b', '7643-7-r'],
    'RFC 7644 §3.9: with attributes, the resource holds the minimum set plus the requested attributes; default attributes such as emails are left out.',
    (p) => ok(p.only, 200, (b) => onlyMinimal(b)),
  ),
  check(
    'attributes.get.id-always-returned',
    'attributes=userName still returns id',
    ['7643-7-p', '7643-3.1-i'],
    'id is returned "always" (RFC 7643 §3.1, §7); clients key every later request on it.',
    (p) => ok(p.only, 200, (b) => has(b, 'id')),
  ),
  check(
    'attributes.get.excluded-removed',
    'excludedAttributes=emails removes emails',
    ['7644-3.9-c'],
    'RFC 7644 §3.9: excludedAttributes removes the listed default attributes.',
    (p) => ok(p.excluded, 200, (b) => hasNot(b, 'emails', 'excludedAttributes=emails')),
  ),
  check(
    'attributes.get.excluded-keeps-others',
    'excludedAttributes=emails keeps the other default attributes',
    ['7644-3.9-c'],
    'RFC 7644 §3.9: only the listed attributes are removed; userName stays.',
    (p) => ok(p.excluded, 200, (b) => has(b, 'userName') ?? has(b, 'name')),
  ),
  check(
    'attributes.get.excluded-never-removes-always',
    'excludedAttributes=id does not remove id',
    ['7644-3.4.2.5-c', '7643-7-p'],
    'RFC 7644 §3.4.2.5: excludedAttributes SHALL have no effect on attributes returned "always".',
    (p) => ok(p.excludedId, 200, (b) => has(b, 'id')),
  ),
  check(
    'attributes.get.sub-attribute',
    'attributes=name.givenName returns only that sub-attribute of name',
    ['7644-3.4.2.5-d', '7644-3.10-b'],
    'RFC 7644 §3.10: sub-attributes are selected with dotted notation; familyName is not requested.',
    (p) =>
      ok(p.sub, 200, (b) => {
        const name = Object.entries(b).find(([k]) => k.toLowerCase() === 'name')?.[1];
        if (!isObject(name))
          return fail('ATTRIBUTE_MISSING', 'name.givenName was requested but name is missing', {
            pointer: '/name',
          });
        return (
          has(name, 'givenName') ??
          hasNot(name, 'familyName', 'only name.givenName was requested') ??
          hasNot(b, 'emails', 'only name.givenName was requested')
        );
      }),
  ),
  check(
    'attributes.get.password-never-returned',
    'attributes=password does not return the password',
    ['7643-7-o', '7643-4.1.1-h'],
    'password is returned "never" (RFC 7643 §4.1.1, §7), even when named in attributes.',
    (p) => ok(p.password, 200, (b) => hasNot(b, 'password', 'it is returned "never"')),
  ),
  check(
    'attributes.get.urn-qualified',
    'A URN-qualified attribute name selects like the short name',
    ['7644-3.4.2.5-d', '7644-3.10-a'],
    'RFC 7644 §3.10: attribute names may carry the schema URN; the result equals attributes=userName.',
    (p) => ok(p.urn, 200, (b) => onlyMinimal(b)),
  ),
  check(
    'attributes.get.name-case-insensitive',
    'attributes=USERNAME selects userName',
    ['7644-3.10-c', '7643-2.1-a'],
    'Attribute names are case-insensitive (RFC 7643 §2.1, RFC 7644 §3.10).',
    (p) => ok(p.upper, 200, (b) => onlyMinimal(b)),
  ),
  check(
    'attributes.list.only-requested',
    'attributes=userName applies to every listed User',
    ['7644-3.4.2.5-a', '7644-3.9-b'],
    'RFC 7644 §3.4.2.5: the parameters apply to each resource of a query result.',
    (p) => ok(p.listOnly, 200, (b) => eachListed(b, (r, w) => onlyMinimal(r, w))),
  ),
  check(
    'attributes.list.excluded-removed',
    'excludedAttributes=emails applies to every listed User',
    ['7644-3.4.2.5-a', '7644-3.9-c'],
    'RFC 7644 §3.4.2.5: excludedAttributes applies to each resource of a query result.',
    (p) =>
      ok(p.listExcluded, 200, (b) => eachListed(b, (r) => hasNot(r, 'emails', 'excludedAttributes=emails'))),
  ),
  check(
    'attributes.post.only-requested',
    'POST ?attributes=userName returns only userName and id',
    ['7644-3.9-b'],
    'RFC 7644 §3.9: attributes also applies to the resource returned by POST.',
    (p) => ok(p.post, 201, (b) => onlyMinimal(b)),
    'SHOULD',
  ),
  check(
    'attributes.put.only-requested',
    'PUT ?attributes=userName returns only userName and id',
    ['7644-3.9-b'],
    'RFC 7644 §3.9: attributes also applies to the resource returned by PUT.',
    (p) => ok(p.put, 200, (b) => onlyMinimal(b)),
    'SHOULD',
  ),
  check(
    'attributes.get.schema-valid',
    'A projected User is still a valid User',
    ['7643-3-a', '7644-3.9-b'],
    'schemas, id and userName survive any projection (RFC 7643 §3, §4.1.1), so the reduced resource still validates.',
    (p, ctx) => ok(p.only, 200, (b) => ctx.validate(URN.user, b)[0]),
  ),
];

export const attributesSuite = defineSuite({
  name: 'attributes',
  title: 'attributes and excludedAttributes',
  description:
    'Projection of responses with attributes/excludedAttributes on GET, lists, POST and PUT; always and never attributes; sub-attributes, URNs and case.',
  checks: attributeChecks,
});
