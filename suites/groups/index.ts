/** Groups and membership (RFC 7643 §4.2, RFC 7644 §3.3, §3.5.2, §3.6). */
import {
  bodyVerdict,
  checkRows,
  createGroup,
  createUser,
  declaredUserAttributes,
  defineScenario,
  defineSuite,
  expectStatus,
  fail,
  forgetDeleted,
  get,
  memberRefs,
  multi,
  patch,
  patchOp,
  postGroup,
  requireFixture,
  send,
  skip,
  URN,
  verdict,
} from '../support/index.js';
import type { AnyCheck, Created, HttpResult, JsonObject, Verdict } from '../support/index.js';

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
  // About 25 requests that each follow the last (members added, replaced, removed): start it early.
  long: true,
  run: async (ctx) => {
    const [a, b, c] = (await ctx.all([0, 1, 2].map(() => () => createUser(ctx)))) as [
      Created,
      Created,
      Created,
    ];
    const sent = ctx.data.group({ members: memberRefs(a.id, b.id) });
    const created = await postGroup(ctx, sent);
    const path = created.path ?? '/Groups/not-created';
    // From here no request needs another's answer: all data is drawn first (or at a task's start), then the
    // reads and the membership changes go side by side, each change on a fresh group of its own, so one
    // broken operation cannot mask another.
    const duplicateBody = { ...ctx.data.group(), displayName: sent['displayName'] };
    const unknownBody = ctx.data.group({ members: memberRefs(ctx.data.unique('no-such-user')) });
    const dGroup = ctx.data.group();
    const step = (members: string[], ops: JsonObject[]) => async () => {
      const g = await createGroup(ctx, { members: memberRefs(...members) });
      const res = await patch(ctx, g.path, patchOp(...ops));
      return { patch: res, after: await get(ctx, g.path) };
    };
    const out = {} as Omit<Membership, 'a' | 'b' | 'c' | 'created'>;
    await ctx.all<void>([
      async () => void (out.read = await get(ctx, path)),
      async () => void (out.userRead = await get(ctx, a.path)),
      async () => void (out.excluded = await get(ctx, path, { excludedAttributes: 'members' })),
      async () => void (out.duplicate = (await postGroup(ctx, duplicateBody)).response),
      async () => void (out.unknownMember = (await postGroup(ctx, unknownBody)).response),
      async () =>
        void (out.added = await step([a.id], [{ op: 'add', path: 'members', value: memberRefs(c.id) }])()),
      async () =>
        void (out.removedByFilter = await step(
          [a.id, b.id],
          [{ op: 'remove', path: `members[value eq "${a.id}"]` }],
        )()),
      async () =>
        void (out.replaced = await step(
          [a.id, b.id],
          [{ op: 'replace', path: 'members', value: memberRefs(c.id) }],
        )()),
      async () =>
        void (out.valueListRemoved = await step(
          [a.id, b.id, c.id],
          [{ op: 'Remove', path: 'members', value: memberRefs(a.id) }],
        )()),
      async () => {
        const d = await createUser(ctx);
        const g = await postGroup(ctx, { ...dGroup, members: memberRefs(d.id, a.id) });
        requireFixture('Group', g);
        const del = await send(ctx, { method: 'DELETE', path: d.path });
        forgetDeleted(ctx, del, d.path);
        out.userDeleted = { after: await get(ctx, g.path as string), deletedId: d.id };
      },
    ]);
    return { a, b, c, created, ...out };
  },
});

const memberIds = (b: JsonObject): string[] => multi(b, 'members').map((m) => String(m['value']));

function members(res: HttpResult, expected: string[], names: Record<string, string>): Verdict {
  return bodyVerdict(res, 200, (b) => {
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

const check = checkRows({ suite: 'groups', requires: ['resourceType:Group'], scenario: membership });

export const groupChecks: AnyCheck[] = [
  check({
    id: 'groups.post.returns-201',
    title: 'POST /Groups answers 201',
    level: 'MUST',
    rfc: 'RFC7644 3.3',
    requirements: ['7644-3.3-d'],
    explanation: 'RFC 7644 §3.3: a successful create answers 201 Created.',
    assert: (m) => verdict(expectStatus(m.created.response, 201)),
  }),
  check({
    id: 'groups.post.location',
    title: 'POST /Groups answers with a Location of the new Group',
    level: 'MUST',
    rfc: 'RFC7644 3.3',
    requirements: ['7644-3.3-f'],
    explanation: 'RFC 7644 §3.3: the new resource URI SHALL be in the Location header.',
    assert: (m) => {
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
  }),
  check({
    id: 'groups.post.schema-valid',
    title: 'The created Group is a valid Group',
    level: 'MUST',
    rfc: 'RFC7643 4.2',
    requirements: ['7643-4.2-a', '7643-4.2-b'],
    explanation: 'The 201 body is a Group (RFC 7643 §4.2) with schemas, id and displayName.',
    assert: (m, ctx) => bodyVerdict(m.created.response, 201, (b) => ctx.validate(URN.group, b)[0]),
  }),
  check({
    id: 'groups.get.members',
    title: 'GET of the Group lists the members it was created with',
    level: 'MUST',
    rfc: 'RFC7643 4.2',
    requirements: ['7643-4.2-d'],
    explanation: 'members[].value holds the ids of the member resources (RFC 7643 §4.2).',
    assert: (m) => members(m.read, [m.a.id, m.b.id], names(m)),
  }),
  check({
    id: 'groups.get.schema-valid',
    title: 'GET of the Group is a valid Group',
    level: 'MUST',
    rfc: 'RFC7643 4.2',
    requirements: ['7643-4.2-a', '7643-4.2-d'],
    explanation: 'Every member has a value (RFC 7643 §4.2); the Group validates.',
    assert: (m, ctx) => bodyVerdict(m.read, 200, (b) => ctx.validate(URN.group, b)[0]),
  }),
  check({
    id: 'groups.user.groups-attribute',
    title: 'A member User lists the Group in groups',
    level: 'MUST',
    rfc: 'RFC7643 4.1.2',
    requirements: ['7643-4.1.2-g'],
    explanation: 'RFC 7643 §4.1.2: User.groups reflects memberships; groups[].value is the Group id.',
    assert: (m, ctx) =>
      declaredUserAttributes(ctx.target)?.has('groups') === false
        ? skip(
            "The target's User schema on /Schemas does not declare groups (RFC 7643 §4.1.2 lets it leave them out)",
          )
        : bodyVerdict(m.userRead, 200, (b) =>
            multi(b, 'groups').some((g) => g['value'] === m.created.id)
              ? undefined
              : fail('VALUE_MISMATCH', 'The member User does not list the Group in groups', {
                  expected: m.created.id,
                  actual: multi(b, 'groups'),
                  pointer: '/groups',
                }),
          ),
  }),
  check({
    id: 'groups.get.excluded-members',
    title: 'excludedAttributes=members leaves members out and keeps displayName',
    level: 'MUST',
    rfc: 'RFC7644 3.9',
    requirements: ['7644-3.9-c'],
    explanation:
      'Entra reads Groups with excludedAttributes=members (RFC 7644 §3.9) to avoid huge member lists.',
    assert: (m) =>
      bodyVerdict(m.excluded, 200, (b) =>
        memberIds(b).length > 0
          ? fail('ATTRIBUTE_UNEXPECTED', 'members is returned although excluded', { pointer: '/members' })
          : b['displayName']
            ? undefined
            : fail('ATTRIBUTE_MISSING', 'displayName is missing', { pointer: '/displayName' }),
      ),
  }),
  check({
    id: 'groups.post.duplicate-display-name',
    title: 'A duplicate displayName is accepted or refused with 409 uniqueness',
    level: 'SHOULD',
    rfc: 'RFC7644 3.3',
    requirements: ['7644-3.3-h', '7644-3.12-m'],
    explanation:
      'RFC 7643 §8.7.1 gives Group displayName uniqueness "none", so a duplicate may be created; a server that refuses it must say 409 uniqueness (RFC 7644 §3.3), not 400 or 500.',
    assert: (m) =>
      m.duplicate.status === 201 ? verdict(undefined) : verdict(expectStatus(m.duplicate, [201, 409])),
  }),
  check({
    id: 'groups.post.unknown-member-not-stored',
    title: 'A member id that names no resource is refused or dropped',
    level: 'SHOULD',
    rfc: 'RFC7643 4.2',
    requirements: ['7643-4.2-d', '7643-2.3.7-d'],
    explanation:
      'members[].value is the id of a User or Group (RFC 7643 §4.2); a server may enforce that (400/404) but must not store a dangling reference.',
    assert: (m) =>
      m.unknownMember.status !== undefined && m.unknownMember.status >= 400 && m.unknownMember.status < 500
        ? verdict(undefined)
        : bodyVerdict(m.unknownMember, 201, (b) =>
            memberIds(b).length === 0
              ? undefined
              : fail('VALUE_MISMATCH', 'The Group stores a member that does not exist', {
                  actual: memberIds(b),
                  pointer: '/members',
                }),
          ),
  }),
  check({
    id: 'groups.patch.add-member',
    title: 'PATCH add members appends a member',
    level: 'MUST',
    rfc: 'RFC7644 3.5.2.1',
    requirements: ['7644-3.5.2.1-e', '7643-4.2-c'],
    profiles: ['rfc', 'entra-id', 'okta'],
    explanation: 'RFC 7644 §3.5.2.1: add on members appends; every IdP adds members this way.',
    assert: (m) => members(m.added.after, [m.a.id, m.c.id], names(m)),
  }),
  check({
    id: 'groups.patch.remove-member-filter',
    title: 'PATCH remove members[value eq "id"] removes exactly that member',
    level: 'MUST',
    rfc: 'RFC7644 3.5.2.2',
    requirements: ['7644-3.5.2.2-d'],
    profiles: ['rfc', 'okta'],
    explanation:
      'RFC 7644 §3.5.2.2: a remove with a value filter removes the matching members only; Okta removes members this way.',
    assert: (m) => members(m.removedByFilter.after, [m.b.id], names(m)),
  }),
  check({
    id: 'groups.patch.replace-members',
    title: 'PATCH replace members sets exactly the given members',
    level: 'MUST',
    rfc: 'RFC7644 3.5.2.3',
    requirements: ['7644-3.5.2.3-c'],
    explanation: 'RFC 7644 §3.5.2.3: replacing a multi-valued attribute replaces the whole set.',
    assert: (m) => members(m.replaced.after, [m.c.id], names(m)),
  }),
  check({
    id: 'groups.patch.value-list-remove-keeps-others',
    title: 'Entra "Remove" with a value list keeps the members it does not name',
    level: 'SHOULD',
    rfc: 'RFC7644 3.5.2.2',
    requirements: ['7644-3.5.2.2-d'],
    profiles: ['rfc', 'entra-id'],
    explanation:
      'Entra ID removes members with {"op":"Remove","path":"members","value":[…]}; servers that treat it as "remove members" wipe the whole group, a real outage.',
    assert: (m) =>
      bodyVerdict(m.valueListRemoved.after, 200, (b) =>
        memberIds(b).includes(m.b.id) && memberIds(b).includes(m.c.id)
          ? undefined
          : fail('VALUE_MISMATCH', 'Members that were not listed were removed', {
              expected: [m.b.id, m.c.id],
              actual: memberIds(b),
              pointer: '/members',
            }),
      ),
  }),
  check({
    id: 'groups.patch.value-list-remove-removes-listed',
    title: 'Entra "Remove" with a value list removes the listed member',
    level: 'SHOULD',
    rfc: 'RFC7644 3.5.2.2',
    requirements: ['7644-3.5.2.2-d'],
    profiles: ['rfc', 'entra-id'],
    explanation: 'The listed member must actually leave the group, or Entra unassignments never take effect.',
    assert: (m) =>
      bodyVerdict(m.valueListRemoved.after, 200, (b) =>
        memberIds(b).includes(m.a.id)
          ? fail('VALUE_MISMATCH', 'The listed member is still in the group', {
              actual: memberIds(b),
              pointer: '/members',
            })
          : undefined,
      ),
  }),
  check({
    id: 'groups.member.deleted-user-removed',
    title: 'Deleting a User removes it from its Groups',
    level: 'MUST',
    rfc: 'RFC7644 3.6',
    requirements: ['7644-3.6-b', '7643-4.2-d'],
    explanation:
      'After DELETE, operations on the User answer 404 (RFC 7644 §3.6), so a member reference to it would dangle; members[].value must name an existing resource (RFC 7643 §4.2).',
    assert: (m) => members(m.userDeleted.after, [m.a.id], names(m)),
  }),
];

export const groupsSuite = defineSuite({
  name: 'groups',
  title: 'Groups',
  description:
    'Group create/read, displayName conflicts, membership through PATCH (add, filtered remove, replace, Entra value-list remove), and cleanup on user deletion.',
  checks: groupChecks,
});
