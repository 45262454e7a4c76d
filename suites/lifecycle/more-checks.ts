/**
 * Checks on the documented requests beyond the basic cycle: matching on further attributes, Entra's
 * manager and existing-user updates, Okta's PATCH update and paged import, group reads without members,
 * Okta's mixed and full membership updates, and the response media type OneLogin requires.
 */
import { bodyObject, fail, getAttribute, isFailure, isObject } from '../support/index.js';
import type { AssertContext, HttpResult, JsonObject } from '../support/index.js';
import { firstSent, lifecycleCheck, lifecycleRows } from './define.js';
import { integerPaging, listHits, oneHit, prerequisite, statusIn, zeroHit, type Judgement } from './judge.js';
import {
  alternateScenario,
  existingUserScenario,
  importScenario,
  managerScenario,
  patchUpdateScenario,
  type ExistingRun,
  type ManagerRun,
  type PatchUpdateRun,
} from './more-scenarios.js';
import { exactMembers, offers, persistedOffered } from './read-back.js';
import { groupWrite, userWrite, writeRows, type WriteStep } from './writes.js';
import { createScenario, groupsScenario } from './scenarios.js';

const CREATE_STATUS = 'lifecycle.create.post-201';
const GROUP_CREATE = 'lifecycle.groups.create-201';
const FURTHER_MATCHING = ['docs/idp/entra-id.md#matching-on-further-attributes'];
const MANAGER = ['docs/idp/entra-id.md#manager'];
const EXISTING = ['docs/idp/entra-id.md#existing-users'];
const OKTA_UPDATES = ['docs/idp/okta.md#profile-updates'];
const GROUP_PUSH = ['docs/idp/okta.md#group-push'];
const READ_AFTER = 'the read after the write';

const MANAGER_WRITE: WriteStep<ManagerRun> = {
  write: (run) => run.write,
  after: (run) => run.after,
  statuses: 'updateStatus',
  missing: 'no user or no manager',
  prerequisite: CREATE_STATUS,
  acceptedCheck: 'lifecycle.manager.accepted',
  unreadable: READ_AFTER,
};
const EXISTING_WRITE: WriteStep<ExistingRun> = {
  write: (run) => run.write,
  after: (run) => run.after,
  prior: (run) => [run.match],
  statuses: 'updateStatus',
  missing: 'the user was not matched',
  prerequisite: 'lifecycle.update-existing.matched',
  acceptedCheck: 'lifecycle.update-existing.accepted',
  unreadable: READ_AFTER,
};
const PATCH_WRITE = userWrite<PatchUpdateRun>({
  statuses: 'activeStatus',
  missing: 'no user to update',
  prerequisite: CREATE_STATUS,
  acceptedCheck: 'lifecycle.update.patch-accepted',
  unreadable: READ_AFTER,
});

const SYNC = groupWrite({
  write: 'sync',
  after: 'afterSync',
  missing: 'no group or no members',
  acceptedCheck: 'lifecycle.groups.sync-members.accepted',
  unreadable: READ_AFTER,
});
const PUSH = groupWrite({
  write: 'push',
  after: 'afterPush',
  missing: 'no group or no members',
  acceptedCheck: 'lifecycle.groups.push-members.accepted',
  unreadable: READ_AFTER,
});

/** The checks of one step state what they share once; each row then says only its own. */
const alternateRow = lifecycleRows({
  steps: ['match-user-alternate'],
  level: 'MUST',
  rfc: 'RFC7644 3.4.2.2',
  source: FURTHER_MATCHING,
});
const manager = writeRows(MANAGER_WRITE, {
  steps: ['set-manager'],
  level: 'MUST',
  rfc: 'RFC7644 3.5.2.1',
  source: MANAGER,
  scenario: managerScenario,
});
const existing = writeRows(EXISTING_WRITE, {
  steps: ['update-existing-user'],
  level: 'MUST',
  rfc: 'RFC7644 3.5.2.1',
  source: EXISTING,
  scenario: existingUserScenario,
});
const patchUpdate = writeRows(PATCH_WRITE, {
  steps: ['patch-update-user'],
  level: 'MUST',
  rfc: 'RFC7644 3.5.2',
  source: OKTA_UPDATES,
  scenario: patchUpdateScenario,
});
/** Okta's membership pushes: both PATCH the pushed group. */
const OKTA_PUSH = { level: 'MUST', source: GROUP_PUSH, scenario: groupsScenario } as const;
const sync = writeRows(SYNC, { ...OKTA_PUSH, steps: ['sync-members'], rfc: 'RFC7644 3.5.2' });
const push = writeRows(PUSH, { ...OKTA_PUSH, steps: ['push-members'], rfc: 'RFC7644 3.5.2.3' });

/** The changes of an update read back as sent, where the target offers their schema. */
function persistedChanges(
  body: JsonObject,
  run: { changes: ReadonlyArray<{ path: string; value: unknown }> },
  _p: unknown,
  ctx: AssertContext,
): Judgement {
  return persistedOffered(body, run.changes, ctx.target.capabilities.schemas);
}

/** The group bodies read with the group-read query carry no members. */
function noMembers(res: HttpResult | undefined, what: string): Judgement {
  if (!res) return prerequisite('no group', GROUP_CREATE);
  const status = statusIn(res, [200], 'no group', GROUP_CREATE);
  if (status) return status;
  const body = bodyObject(res);
  if (isFailure(body)) return body;
  const resources = Array.isArray(body['Resources']) ? body['Resources'].filter(isObject) : [body];
  const found = resources.some((r) => Object.keys(r).some((k) => k.toLowerCase() === 'members'));
  return found
    ? fail('VALUE_MISMATCH', `${what} returned members although excludedAttributes=members was sent`, {
        expected: 'no members',
        pointer: '/members',
      })
    : undefined;
}

export const moreUserCheckFactories = [
  alternateRow({
    id: 'lifecycle.create.match-alternate-empty',
    title: 'Queries on the further matching attributes find nothing for a new user',
    explanation:
      'When the first matching attribute finds nothing, Entra queries the next one (e.g. externalId eq "…") and needs a 200 ListResponse for it too.',
    scenario: createScenario,
    evidence: (run) => run.alternateMatch ?? [],
    judge: (run, p) => {
      if (!run.alternateMatch || run.alternateMatch.length === 0)
        return prerequisite('no further matching attribute is mapped', 'lifecycle.create.match-empty');
      for (const res of run.alternateMatch) {
        const outcome = zeroHit(res, p);
        if (outcome) return outcome;
      }
      return undefined;
    },
  }),
  alternateRow({
    id: 'lifecycle.create.match-alternate-found',
    title: 'Each further matching attribute finds exactly the created user',
    explanation:
      'An SP that cannot filter on externalId leaves Entra unable to match on it: the user is created again or the cycle fails.',
    scenario: alternateScenario,
    evidence: (run) =>
      firstSent(
        run.queries.map((q) => q.res),
        [run.first.post],
      ),
    judge: (run) => {
      if (!run.first.id) return prerequisite('no user was created', CREATE_STATUS);
      if (run.queries.length === 0) return { skip: 'no further matching attribute is mapped' };
      for (const q of run.queries) {
        const outcome = oneHit(q.res, run.first.id, `the query on ${q.attribute}`);
        if (outcome) return outcome;
      }
      return undefined;
    },
  }),
  lifecycleCheck({
    id: 'lifecycle.create.media-type',
    steps: ['create-user'],
    title: 'Responses carry a media type the IdP reads',
    level: 'MUST',
    rfc: 'RFC7644 3.1',
    source: ['docs/idp/onelogin.md#responses'],
    explanation: 'OneLogin requires JSON responses; a body labelled otherwise is not read.',
    scenario: createScenario,
    evidence: (run) => [run.post],
    judge: (run, p) => {
      const accepted = p.responses.contentTypes;
      if (!accepted) return { skip: `${p.name} does not judge the response media type` };
      if (!run.post) return prerequisite('the POST', CREATE_STATUS);
      const type = (run.post.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      return accepted.some((a) => a.toLowerCase() === type)
        ? undefined
        : fail('VALUE_MISMATCH', `the create answered with Content-Type ${JSON.stringify(type)}`, {
            expected: accepted,
            actual: type,
          });
    },
  }),
  manager.accepted({
    id: 'lifecycle.manager.accepted',
    title: "The IdP's manager update is accepted",
    explanation:
      'After the create, Entra sets the enterprise manager in a separate PATCH: op "Add", the manager attribute, and the manager\'s id as value.',
  }),
  manager.applied({
    id: 'lifecycle.manager.applied',
    title: 'The manager reads back as set',
    explanation:
      'A manager the SP drops looks like a new diff on every cycle, and the reporting line is lost.',
    readBack: (body, run, p, ctx) => {
      const path = p.patch.manager?.path ?? 'manager';
      // RFC 7643 §3.3: an extension the target does not publish has nowhere to keep the manager.
      if (!offers(ctx.target.capabilities.schemas, path))
        return { skip: `the target's /Schemas does not offer ${path}` };
      const actual = getAttribute(body, `${path}.value`);
      return actual === run.managerId
        ? undefined
        : fail('VALUE_MISMATCH', `${path}.value reads back as ${JSON.stringify(actual)}`, {
            expected: run.managerId,
            actual,
          });
    },
  }),
  lifecycleCheck({
    id: 'lifecycle.update-existing.matched',
    steps: ['update-existing-user'],
    title: 'A user already in the SP is found by the match query',
    level: 'MUST',
    rfc: 'RFC7644 3.4.2.2',
    source: EXISTING,
    explanation:
      'When the user exists before provisioning, the match must return it (exactly one hit) so Entra caches its id and updates the difference.',
    scenario: existingUserScenario,
    evidence: (run) => firstSent([run.match], [run.seeded]),
    judge: (run) => {
      if (!run.match) return prerequisite('the user could not be put in the SP', CREATE_STATUS);
      const hits = listHits(run.match);
      if (isFailure(hits)) return hits;
      const seeded = isObject(run.seeded?.json) ? run.seeded?.json['id'] : undefined;
      return oneHit(run.match, typeof seeded === 'string' ? seeded : undefined, 'the match query');
    },
  }),
  existing.accepted({
    id: 'lifecycle.update-existing.accepted',
    title: "The IdP's update of a matched user (Add on single-valued attributes) is accepted",
    explanation:
      'Entra sends "Add" when it sets a single-valued attribute; RFC 7644 §3.5.2.1 makes an add on a single-valued attribute replace its value.',
  }),
  existing.applied({
    id: 'lifecycle.update-existing.persisted',
    title: 'The attributes set with Add read back as sent',
    level: 'SHOULD',
    explanation:
      'A value the SP drops looks like a new diff on every cycle, so Entra re-sends it forever; provisioning still works, hence SHOULD (as lifecycle.update.persisted).',
    readBack: persistedChanges,
  }),
  patchUpdate.accepted({
    id: 'lifecycle.update.patch-accepted',
    title: "The IdP's attribute update by PATCH is accepted",
    explanation:
      'Okta catalogue apps have PATCH enabled, so profile changes may arrive as a path-less replace instead of GET + PUT.',
    // The IdP's PATCH answers are the ones it accepts for its activation PATCH (Okta O1: 200 or 204).
  }),
  patchUpdate.applied({
    id: 'lifecycle.update.patch-applied',
    title: 'The attributes updated by PATCH read back as sent',
    explanation: 'A PATCH the SP answers 2xx but ignores leaves the profile out of sync with the directory.',
    readBack: persistedChanges,
  }),
  lifecycleCheck({
    id: 'lifecycle.import.pages',
    steps: ['import-users'],
    title: 'The import walks every page: integer paging fields, each user exactly once',
    level: 'MUST',
    rfc: 'RFC7644 3.4.2.4',
    source: ['docs/idp/okta.md#import'],
    explanation:
      'Okta imports with startIndex=1&count=100 and walks startIndex up to totalResults; string paging fields or an unstable order lose or repeat users.',
    scenario: importScenario,
    evidence: (run) => run.pages,
    judge: (run) => {
      if (run.pages.length === 0) return prerequisite('the import', 'lifecycle.connection.user-probe');
      // Only what was observed: with no user created for it, the walk cannot show one coming once.
      if (run.expected.length === 0) return prerequisite('the import', CREATE_STATUS);
      const seen: string[] = [];
      for (const page of run.pages) {
        const hits = listHits(page);
        if (isFailure(hits)) return hits;
        const paging = integerPaging(page.json as JsonObject);
        if (paging) return paging;
        for (const hit of hits) if (typeof hit['id'] === 'string') seen.push(hit['id']);
      }
      for (const id of run.expected) {
        const times = seen.filter((s) => s === id).length;
        if (times !== 1)
          return fail('VALUE_MISMATCH', `user ${id} came ${times} times in the import`, {
            expected: 1,
            actual: times,
          });
      }
      return undefined;
    },
  }),
];

export const moreGroupCheckFactories = [
  lifecycleCheck({
    id: 'lifecycle.groups.read-without-members',
    steps: ['read-group'],
    title: 'Reading an existing group with excludedAttributes=members returns no members',
    level: 'MUST',
    rfc: 'RFC7644 3.4.2.5',
    source: ['docs/idp/entra-id.md#groups'],
    explanation:
      'Entra reads existing groups by filter and by id with excludedAttributes=members and logs an error when members come back (RFC 7644 §3.4.2.5).',
    scenario: groupsScenario,
    evidence: (run) => firstSent([run.readById, run.readByFilter], [run.create]),
    judge: (run) =>
      noMembers(run.readById, 'the read by id') ?? noMembers(run.readByFilter, 'the read by filter'),
  }),
  sync.accepted({
    id: 'lifecycle.groups.sync-members.accepted',
    title: 'One PATCH removing and adding members is accepted',
    explanation: 'Okta mixes a remove of members[value eq "…"] and an add in one PATCH.',
  }),
  sync.applied({
    id: 'lifecycle.groups.sync-members.applied',
    title: 'Every operation of the mixed membership PATCH is applied',
    explanation:
      'RFC 7644 §3.5.2 applies every operation in order; an SP that applies only the first leaves the added user out.',
    readBack: (body, run) => exactMembers(body, run.drop ? [run.drop] : []),
  }),
  push.accepted({
    id: 'lifecycle.groups.push-members.accepted',
    title: 'A replace of the whole members list is accepted',
    explanation: 'A full group push from Okta is {"op":"replace","path":"members","value":[…]}.',
  }),
  push.applied({
    id: 'lifecycle.groups.push-members.applied',
    title: 'After a replace of members, exactly the pushed members remain',
    explanation:
      'RFC 7644 §3.5.2.3 replaces the whole list; an SP that merges keeps members Okta removed, so they keep access.',
    readBack: (body, run) => exactMembers(body, run.keep ? [run.keep] : []),
  }),
];
