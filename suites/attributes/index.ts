/** attributes / excludedAttributes (RFC 7644 §3.4.2.5, §3.9, §3.10) on GET, lists, POST and PUT. */
import {
  bodyVerdict,
  checkRows,
  createUser,
  defineScenario,
  defineSuite,
  expectStatus,
  fail,
  get,
  isFailure,
  isObject,
  listResources,
  newUserBody,
  q,
  send,
  URN,
  usersAt,
  verdict,
} from '../support/index.js';
import type { AnyCheck, Created, Guard, HttpResult, JsonObject, Verdict } from '../support/index.js';

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
  return bodyVerdict(res, status, judge);
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

const check = checkRows({ level: 'MUST', suite: 'attributes', rfc: 'RFC7644 3.9', scenario: projected });

export const attributeChecks: AnyCheck[] = [
  check({
    id: 'attributes.get.accepted',
    title: 'GET with attributes or excludedAttributes answers 200',
    requirements: ['7644-3.4.2.5-a'],
    explanation: 'RFC 7644 §3.4.2.5: service providers MUST support both parameters.',
    assert: (p) => verdict(expectStatus(p.only, 200) ?? expectStatus(p.excluded, 200)),
  }),
  check({
    id: 'attributes.get.only-requested',
    title: 'attributes=userName returns userName and the always-returned attributes only',
    requirements: ['7644-3.9-b', '7643-7-r'],
    explanation:
      'RFC 7644 §3.9: with attributes, the resource holds the minimum set plus the requested attributes; default attributes such as emails are left out.',
    assert: (p) => ok(p.only, 200, (b) => onlyMinimal(b)),
  }),
  check({
    id: 'attributes.get.id-always-returned',
    title: 'attributes=userName still returns id',
    requirements: ['7643-7-p', '7643-3.1-i'],
    explanation: 'id is returned "always" (RFC 7643 §3.1, §7); clients key every later request on it.',
    assert: (p) => ok(p.only, 200, (b) => has(b, 'id')),
  }),
  check({
    id: 'attributes.get.excluded-removed',
    title: 'excludedAttributes=emails removes emails',
    requirements: ['7644-3.9-c'],
    explanation: 'RFC 7644 §3.9: excludedAttributes removes the listed default attributes.',
    assert: (p) => ok(p.excluded, 200, (b) => hasNot(b, 'emails', 'excludedAttributes=emails')),
  }),
  check({
    id: 'attributes.get.excluded-keeps-others',
    title: 'excludedAttributes=emails keeps the other default attributes',
    requirements: ['7644-3.9-c'],
    explanation: 'RFC 7644 §3.9: only the listed attributes are removed; userName stays.',
    assert: (p) => ok(p.excluded, 200, (b) => has(b, 'userName') ?? has(b, 'name')),
  }),
  check({
    id: 'attributes.get.excluded-never-removes-always',
    title: 'excludedAttributes=id does not remove id',
    requirements: ['7644-3.4.2.5-c', '7643-7-p'],
    explanation:
      'RFC 7644 §3.4.2.5: excludedAttributes SHALL have no effect on attributes returned "always".',
    assert: (p) => ok(p.excludedId, 200, (b) => has(b, 'id')),
  }),
  check({
    id: 'attributes.get.sub-attribute',
    title: 'attributes=name.givenName returns only that sub-attribute of name',
    requirements: ['7644-3.4.2.5-d', '7644-3.10-b'],
    explanation:
      'RFC 7644 §3.10: sub-attributes are selected with dotted notation; familyName is not requested.',
    assert: (p) =>
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
  }),
  check({
    id: 'attributes.get.password-never-returned',
    title: 'attributes=password does not return the password',
    requirements: ['7643-7-o', '7643-4.1.1-h'],
    explanation: 'password is returned "never" (RFC 7643 §4.1.1, §7), even when named in attributes.',
    assert: (p) => ok(p.password, 200, (b) => hasNot(b, 'password', 'it is returned "never"')),
  }),
  check({
    id: 'attributes.get.urn-qualified',
    title: 'A URN-qualified attribute name selects like the short name',
    requirements: ['7644-3.4.2.5-d', '7644-3.10-a'],
    explanation:
      'RFC 7644 §3.10: attribute names may carry the schema URN; the result equals attributes=userName.',
    assert: (p) => ok(p.urn, 200, (b) => onlyMinimal(b)),
  }),
  check({
    id: 'attributes.get.name-case-insensitive',
    title: 'attributes=USERNAME selects userName',
    requirements: ['7644-3.10-c', '7643-2.1-a'],
    explanation: 'Attribute names are case-insensitive (RFC 7643 §2.1, RFC 7644 §3.10).',
    assert: (p) => ok(p.upper, 200, (b) => onlyMinimal(b)),
  }),
  check({
    id: 'attributes.list.only-requested',
    title: 'attributes=userName applies to every listed User',
    requirements: ['7644-3.4.2.5-a', '7644-3.9-b'],
    explanation: 'RFC 7644 §3.4.2.5: the parameters apply to each resource of a query result.',
    assert: (p) => ok(p.listOnly, 200, (b) => eachListed(b, (r, w) => onlyMinimal(r, w))),
  }),
  check({
    id: 'attributes.list.excluded-removed',
    title: 'excludedAttributes=emails applies to every listed User',
    requirements: ['7644-3.4.2.5-a', '7644-3.9-c'],
    explanation: 'RFC 7644 §3.4.2.5: excludedAttributes applies to each resource of a query result.',
    assert: (p) =>
      ok(p.listExcluded, 200, (b) => eachListed(b, (r) => hasNot(r, 'emails', 'excludedAttributes=emails'))),
  }),
  check({
    id: 'attributes.post.only-requested',
    title: 'POST ?attributes=userName returns only userName and id',
    level: 'SHOULD',
    requirements: ['7644-3.9-b'],
    explanation: 'RFC 7644 §3.9: attributes also applies to the resource returned by POST.',
    assert: (p) => ok(p.post, 201, (b) => onlyMinimal(b)),
  }),
  check({
    id: 'attributes.put.only-requested',
    title: 'PUT ?attributes=userName returns only userName and id',
    level: 'SHOULD',
    requirements: ['7644-3.9-b'],
    explanation: 'RFC 7644 §3.9: attributes also applies to the resource returned by PUT.',
    assert: (p) => ok(p.put, 200, (b) => onlyMinimal(b)),
  }),
  check({
    id: 'attributes.get.schema-valid',
    title: 'A projected User is still a valid User',
    requirements: ['7643-3-a', '7644-3.9-b'],
    explanation:
      'schemas, id and userName survive any projection (RFC 7643 §3, §4.1.1), so the reduced resource still validates.',
    assert: (p, ctx) => ok(p.only, 200, (b) => ctx.validate(URN.user, b)[0]),
  }),
];

export const attributesSuite = defineSuite({
  name: 'attributes',
  title: 'attributes and excludedAttributes',
  description:
    'Projection of responses with attributes/excludedAttributes on GET, lists, POST and PUT; always and never attributes; sub-attributes, URNs and case.',
  checks: attributeChecks,
});
