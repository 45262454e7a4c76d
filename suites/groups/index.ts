/** Groups and membership (RFC 7643 §4.2, RFC 7644 §3.3, §3.5.2, §3.6). */
import {
  defineCheck,
  defineScenario,
  defineSuite,
  fail,
  skip,
  type AnyCheck,
  type AssertContext,
  type HttpResult,
  type Level,
  type Verdict,
} from '../../engine/model/index.js';
import {
  createGroup,
  createUser,
  get,
  memberRefs,
  multi,
  patch,
  patchOp,
  postGroup,
  send,
  type Created,
} from '../filter/kit.js';
import { bodyObject, expectStatus, isFailure, type Guard, type JsonObject } from '../support/guards.js';
import { declaredUserAttributes } from '../support/declared.js';
import { verdict } from '../support/verdicts.js';
import { URN } from '../support/urns.js';

const SUITE = 'groups';

interface Membership {
  a: Created;
  b: Created;
  c: Created;
  created: { response: HttpResult; id: string | undefined; path: string | undefined };
  read: HttpResult;
  userRead: HttpResult;
  excluded: HttpResult;
  duplicate: HttpResult;
  unknownMember: HttpResult;
  added: { patch: HttpResult; after: HttpResult };
  removedByFilter: { patch: HttpResult; after: HttpResult };
  replaced: { patch: HttpResult; after: HttpResult };
  valueListRemoved: { patch: HttpResult; after: HttpResult };
  userDeleted: { after: HttpResult; deletedId: string };
}

const membership = defineScenario<Membership>({
  id: 'groups.fixture',
  requires: ['resourceType:Group'],
  run: async (ctx) => {
    const [a, b, c] = [await createUser(ctx), await createUser(ctx), await createUser(ctx)];
    const sent = ctx.data.group({ members: memberRefs(a.id, b.id) });
    const created = await postGroup(ctx, sent);
    const path = created.path ?? '/Groups/not-created';
    const read = await get(ctx, path);
    const userRead = await get(ctx, a.path);
    const excluded = await get(ctx, path, { excludedAttributes: 'members' });
    const duplicate = (await postGroup(ctx, { ...ctx.data.group(), displayName: sent['displayName'] }))
      .response;
    const unknownMember = (
      await postGroup(ctx, ctx.data.group({ members: memberRefs(ctx.data.unique('no-such-user')) }))
    ).response;
    // Each membership change on a fresh group of its own, so one broken operation cannot mask another.
    const step = async (members: string[], ops: JsonObject[]) => {
      const g = await createGroup(ctx, { members: memberRefs(...members) });
      const res = await patch(ctx, g.path, patchOp(...ops));
      return { patch: res, after: await get(ctx, g.path) };
    };
    const added = await step([a.id], [{ op: 'add', path: 'members', value: memberRefs(c.id) }]);
    const removedByFilter = await step([a.id, b.id], [{ op: 'remove', path: `members[value eq "${a.id}"]` }]);
    const replaced = await step([a.id, b.id], [{ op: 'replace', path: 'members', value: memberRefs(c.id) }]);
    const valueListRemoved = await step(
      [a.id, b.id, c.id],
      [{ op: 'Remove', path: 'members', value: memberRefs(a.id) }],
    );
    const d = await createUser(ctx);
    const g = await createGroup(ctx, { members: memberRefs(d.id, a.id) });
    const del = await send(ctx, { method: 'DELETE', path: d.path });
    if (del.status !== undefined && del.status < 300) ctx.ledger.forget(d.path);
    return {
      a,
      b,
      c,
      created,
      read,
      userRead,
      excluded,
      duplicate,
      unknownMember,
      added,
      removedByFilter,
      replaced,
      valueListRemoved,
      userDeleted: { after: await get(ctx, g.path), deletedId: d.id },
    };
  },
});

function bodyOf(res: HttpResult, status: number | number[], judge: (b: JsonObject) => Guard): Verdict {
  const s = expectStatus(res, status);
  if (s) return s;
  const b = bodyObject(res);
  if (isFailure(b)) return b;
  return verdict(judge(b));
}

const memberIds = (b: JsonObject): string[] => multi(b, 'members').map((m) => String(m['value']));

function members(res: HttpResult, expected: string[], names: Record<string, string>): Verdict {
  return bodyOf(res, 200, (b) => {
    const ids = memberIds(b).sort();
    const want = [...expected].sort();
    return JSON.stringify(ids) === JSON.stringify(want)
      ? undefined
      : fail(
          'VALUE_MISMATCH',
          `members are [${ids.map((i) => names[i] ?? i).join(', ')}], expected [${want.map((i) => names[i] ?? i).join(', ')}]`,
          { expected: want, actual: ids, pointer: '/members' },
        );
  });
}

const names = (m: Membership): Record<string, string> => ({
  [m.a.id]: 'a',
  [m.b.id]: 'b',
  [m.c.id]: 'c',
  [m.userDeleted.deletedId]: 'deleted',
});

function check(
  id: string,
  title: string,
  rfc: string,
  requirements: string[],
  level: Level,
  explanation: string,
  assert: (m: Membership, ctx: AssertContext) => Verdict,
  profiles?: string[],
): AnyCheck {
  return defineCheck({
    id,
    title,
    suite: SUITE,
    rfc,
    requirements,
    level,
    requires: ['resourceType:Group'],
    explanation,
    scenario: membership,
    assert,
    ...(profiles ? { profiles } : {}),
  });
}

export const groupChecks: AnyCheck[] = [
  check(
    'groups.post.returns-201',
    'POST /Groups answers 201',
    'RFC7644 3.3',
    ['7644-3.3-d'],
    'MUST',
    'RFC 7644 §3.3: a successful create answers 201 Created.',
    (m) => verdict(expectStatus(m.created.response, 201)),
  ),
  check(
    'groups.post.location',
    'POST /Groups answers with a Location of the new Group',
    'RFC7644 3.3',
    ['7644-3.3-f'],
    'MUST',
    'RFC 7644 §3.3: the new resource URI SHALL be in the Location header.',
    (m) => {
      const s = expectStatus(m.created.response, 201);
      if (s) return s;
      const loc = m.created.response.headers['location'];
      return loc && m.created.id && loc.endsWith(`/${m.created.id}`)
        ? verdict(undefined)
        : fail(
            loc ? 'HEADER_MISMATCH' : 'HEADER_MISSING',
            loc ? `Location is ${loc}` : 'The response has no Location header',
            {
              expected: `…/Groups/${String(m.created.id)}`,
              actual: loc,
            },
          );
    },
  ),
  check(
    'groups.post.schema-valid',
    'The created Group is a valid Group',
    'RFC7643 4.2',
    ['7643-4.2-a', '7643-4.2-b'],
    'MUST',
    'The 201 body is a Group (RFC 7643 §4.2) with schemas, id and displayName.',
    (m, ctx) => bodyOf(m.created.response, 201, (b) => ctx.validate(URN.group, b)[0]),
  ),
  check(
    'groups.get.members',
    'GET of the Group lists the members it was created with',
    'RFC7643 4.2',
    ['7643-4.2-d'],
    'MUST',
    'members[].value holds the ids of the member resources (RFC 7643 §4.2).',
    (m) => members(m.read, [m.a.id, m.b.id], names(m)),
  ),
  check(
    'groups.get.schema-valid',
    'GET of the Group is a valid Group',
    'RFC7643 4.2',
    ['7643-4.2-a', '7643-4.2-d'],
    'MUST',
    'Every member has a value (RFC 7643 §4.2); the Group validates.',
    (m, ctx) => bodyOf(m.read, 200, (b) => ctx.validate(URN.group, b)[0]),
  ),
  check(
    'groups.user.groups-attribute',
    'A member User lists the Group in groups',
    'RFC7643 4.1.2',
    ['7643-4.1.2-g'],
    'MUST',
    'RFC 7643 §4.1.2: User.groups reflects memberships; groups[].value is the Group id.',
    (m, ctx) =>
      declaredUserAttributes(ctx.target)?.has('groups') === false
        ? skip(
            "The target's User schema on /Schemas does not declare groups (RFC 7643 §4.1.2 lets it leave them out)",
          )
        : bodyOf(m.userRead, 200, (b) =>
            multi(b, 'groups').some((g) => g['value'] === m.created.id)
              ? undefined
              : fail('VALUE_MISMATCH', 'The member User does not list the Group in groups', {
                  expected: m.created.id,
                  actual: multi(b, 'groups'),
                  pointer: '/groups',
                }),
          ),
  ),
  check(
    'groups.get.excluded-members',
    'excludedAttributes=members leaves members out and keeps displayName',
    'RFC7644 3.9',
    ['7644-3.9-c'],
    'MUST',
    'Entra reads Groups with excludedAttributes=members (RFC 7644 §3.9) to avoid huge member lists.',
    (m) =>
      bodyOf(m.excluded, 200, (b) =>
        memberIds(b).length > 0
          ? fail('ATTRIBUTE_UNEXPECTED', 'members is returned although excluded', { pointer: '/members' })
          : b['displayName']
            ? undefined
            : fail('ATTRIBUTE_MISSING', 'displayName is missing', { pointer: '/displayName' }),
      ),
  ),
  check(
    'groups.post.duplicate-display-name',
    'A duplicate displayName is accepted or refused with 409 uniqueness',
    'RFC7644 3.3',
    ['7644-3.3-h', '7644-3.12-m'],
    'SHOULD',
    'RFC 7643 §8.7.1 gives Group displayName uniqueness "none", so a duplicate may be created; a server that refuses it must say 409 uniqueness (RFC 7644 §3.3), not 400 or 500.',
    (m) => (m.duplicate.status === 201 ? verdict(undefined) : verdict(expectStatus(m.duplicate, [201, 409]))),
  ),
  check(
    'groups.post.unknown-member-not-stored',
    'A member id that names no resource is refused or dropped',
    'RFC7643 4.2',
    ['7643-4.2-d', '7643-2.3.7-d'],
    'SHOULD',
    'members[].value is the id of a User or Group (RFC 7643 §4.2); a server may enforce that (400/404) but must not store a dangling reference.',
    (m) =>
      m.unknownMember.status !== undefined && m.unknownMember.status >= 400 && m.unknownMember.status < 500
        ? verdict(undefined)
        : bodyOf(m.unknownMember, 201, (b) =>
            memberIds(b).length === 0
              ? undefined
              : fail('VALUE_MISMATCH', 'The Group stores a member that does not exist', {
                  actual: memberIds(b),
                  pointer: '/members',
                }),
          ),
  ),
  check(
    'groups.patch.add-member',
    'PATCH add members appends a member',
    'RFC7644 3.5.2.1',
    ['7644-3.5.2.1-e', '7643-4.2-c'],
    'MUST',
    'RFC 7644 §3.5.2.1: add on members appends; every IdP adds members this way.',
    (m) => members(m.added.after, [m.a.id, m.c.id], names(m)),
    ['rfc', 'entra-id', 'okta'],
  ),
  check(
    'groups.patch.remove-member-filter',
    'PATCH remove members[value eq "id"] removes exactly that member',
    'RFC7644 3.5.2.2',
    ['7644-3.5.2.2-d'],
    'MUST',
    'RFC 7644 §3.5.2.2: a remove with a value filter removes the matching members only; Okta removes members this way.',
    (m) => members(m.removedByFilter.after, [m.b.id], names(m)),
    ['rfc', 'okta'],
  ),
  check(
    'groups.patch.replace-members',
    'PATCH replace members sets exactly the given members',
    'RFC7644 3.5.2.3',
    ['7644-3.5.2.3-c'],
    'MUST',
    'RFC 7644 §3.5.2.3: replacing a multi-valued attribute replaces the whole set.',
    (m) => members(m.replaced.after, [m.c.id], names(m)),
  ),
  check(
    'groups.patch.value-list-remove-keeps-others',
    'Entra "Remove" with a value list keeps the members it does not name',
    'RFC7644 3.5.2.2',
    ['7644-3.5.2.2-d'],
    'SHOULD',
    'Entra ID removes members with {"op":"Remove","path":"members","value":[…]}; servers that treat it as "remove members" wipe the whole group, a real outage.',
    (m) =>
      bodyOf(m.valueListRemoved.after, 200, (b) =>
        memberIds(b).includes(m.b.id) && memberIds(b).includes(m.c.id)
          ? undefined
          : fail('VALUE_MISMATCH', 'Members that were not listed were removed', {
              expected: [m.b.id, m.c.id],
              actual: memberIds(b),
              pointer: '/members',
            }),
      ),
    ['rfc', 'entra-id'],
  ),
  check(
    'groups.patch.value-list-remove-removes-listed',
    'Entra "Remove" with a value list removes the listed member',
    'RFC7644 3.5.2.2',
    ['7644-3.5.2.2-d'],
    'SHOULD',
    'The listed member must actually leave the group, or Entra unassignments never take effect.',
    (m) =>
      bodyOf(m.valueListRemoved.after, 200, (b) =>
        memberIds(b).includes(m.a.id)
          ? fail('VALUE_MISMATCH', 'The listed member is still in the group', {
              actual: memberIds(b),
              pointer: '/members',
            })
          : undefined,
      ),
    ['rfc', 'entra-id'],
  ),
  check(
    'groups.member.deleted-user-removed',
    'Deleting a User removes it from its Groups',
    'RFC7644 3.6',
    ['7644-3.6-b', '7643-4.2-d'],
    'MUST',
    'After DELETE, operations on the User answer 404 (RFC 7644 §3.6), so a member reference to it would dangle; members[].value must name an existing resource (RFC 7643 §4.2).',
    (m) => members(m.userDeleted.after, [m.a.id], names(m)),
  ),
];

export const groupsSuite = defineSuite({
  name: 'groups',
  title: 'Groups',
  description:
    'Group create/read, displayName conflicts, membership through PATCH (add, filtered remove, replace, Entra value-list remove), and cleanup on user deletion.',
  checks: groupChecks,
});
