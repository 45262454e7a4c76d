/**
 * GitLab group SCIM behaviour observable from outside (docs/gitlab-scim.md §13). Failures count only against
 * the `gitlab` verdict: they describe GitLab, not RFC 7644, and several deliberately contradict the RFC.
 */
import {
  bodyObject,
  checkRows,
  expectStatus,
  fail,
  isFailure,
  isObject,
  pass,
  skip,
} from '../support/index.js';
import type { AnyCheck, HttpResult, Verdict } from '../support/index.js';
import {
  gitlabCreated,
  gitlabDeleted,
  gitlabFilterNe,
  gitlabMembers,
  gitlabNoUserName,
  gitlabPatched,
  gitlabPostAgain,
  gitlabPut,
  gitlabSmallPage,
  gitlabUnknown,
  type GitlabUser,
  type MembersView,
} from './scenarios.js';

const SUITE = 'gitlab';
const PROFILES = ['gitlab'] as const;
const CREATE = 'gitlab.post.id-is-external-id';

/** GitLab's behaviour, which these checks judge instead of the RFC's, as the repository records it. */
const SOURCE = ['docs/gitlab-scim.md#13-conformance-statements'];

/** Every GitLab check is a MUST of the `gitlab` verdict, sourced from the conformance statements. */
const check = checkRows({ suite: SUITE, level: 'MUST', source: SOURCE, profiles: PROFILES });

function created(user: GitlabUser): Verdict | undefined {
  const status = expectStatus(user.response, 201);
  return status ? skip(`the create answered ${user.response.status}, judged by ${CREATE}`) : undefined;
}

function detailOf(json: unknown): string {
  return isObject(json) && typeof json['detail'] === 'string' ? json['detail'] : '';
}

const idIsExternalId = check({
  id: CREATE,
  rfc: 'RFC7644 3.3',
  title: 'POST of a new user answers 201 with id = the externalId sent',
  explanation:
    "GitLab's SCIM id is the identity's extern_uid, i.e. the externalId the IdP sent; IdPs then address the user by it.",
  scenario: gitlabCreated,
  assert: (user) => {
    const status = expectStatus(user.response, 201);
    if (status) return status;
    return user.id === user.sent['externalId']
      ? pass()
      : fail('VALUE_MISMATCH', 'id is not the externalId sent', {
          expected: user.sent['externalId'],
          actual: user.id,
          pointer: '/id',
        });
  },
});

const noExternalId = check({
  id: 'gitlab.user.no-external-id',
  rfc: 'RFC7643 3.1',
  title: 'Users are returned without externalId',
  explanation:
    "GitLab's User entity has no externalId (the value is the id), so an SP that mirrors GitLab never echoes it.",
  scenario: gitlabCreated,
  assert: (user) => {
    const gate = created(user);
    if (gate) return gate;
    return isObject(user.response.json) && 'externalId' in user.response.json
      ? fail('ATTRIBUTE_UNEXPECTED', 'the user carries externalId', {
          expected: 'absent',
          actual: user.response.json['externalId'],
          pointer: '/externalId',
        })
      : pass();
  },
});

const numericStatus = check({
  id: 'gitlab.errors.numeric-status',
  rfc: 'RFC7644 3.12',
  title: 'A missing user is a 404 SCIM error whose status is a JSON number',
  explanation:
    'GitLab renders Error bodies with "status": 404 (a number, unlike RFC 7644 §3.12\'s string) and the detail "Resource <id> not found".',
  scenario: gitlabUnknown,
  assert: (res) => {
    const status = expectStatus(res, 404);
    if (status) return status;
    const body = bodyObject(res);
    if (isFailure(body)) return body;
    return body['status'] === 404
      ? pass()
      : fail('VALUE_MISMATCH', `status is ${JSON.stringify(body['status'])}, GitLab sends the number 404`, {
          expected: 404,
          actual: body['status'],
          pointer: '/status',
        });
  },
});

const neUnsupported = check({
  id: 'gitlab.filter.ne-unsupported',
  rfc: 'RFC7644 3.4.2.2',
  title: 'A filter with ne answers 412 "Unsupported Filter"',
  explanation:
    'GitLab understands only `eq` on id, externalId and userName; anything else is 412 with detail "Unsupported Filter".',
  scenario: gitlabFilterNe,
  assert: (res) => {
    const status = expectStatus(res, 412);
    if (status) return status;
    return detailOf(res.json).includes('Unsupported Filter')
      ? pass()
      : fail('VALUE_MISMATCH', 'the 412 detail is not "Unsupported Filter"', {
          expected: 'Unsupported Filter',
          actual: detailOf(res.json),
          pointer: '/detail',
        });
  },
});

const postIdempotent = check({
  id: 'gitlab.post.idempotent',
  rfc: 'RFC7644 3.3',
  title: 'POST for an externalId already provisioned answers 201 with the same id',
  explanation:
    "GitLab's create is idempotent for an existing identity of a member (no 409), which is how IdP retries stay harmless.",
  scenario: gitlabPostAgain,
  assert: ({ first, again }) => {
    const gate = created(first);
    if (gate) return gate;
    if (!again) return skip('the first user has no id');
    const status = expectStatus(again.response, 201);
    if (status) return status;
    return again.id === first.id
      ? pass()
      : fail('VALUE_MISMATCH', 'the repeated POST answered another id', {
          expected: first.id,
          actual: again.id,
          pointer: '/id',
        });
  },
});

const itemsPerPageAsked = check({
  id: 'gitlab.list.items-per-page-requested',
  rfc: 'RFC7644 3.4.2.4',
  title: 'itemsPerPage is the page size asked for, not the number returned',
  explanation:
    'GitLab answers itemsPerPage = count (default 20, at most 100) even when fewer resources match.',
  scenario: gitlabSmallPage,
  assert: ({ first, list }) => {
    const gate = created(first);
    if (gate) return gate;
    if (!list) return skip('the user has no externalId to filter on');
    const status = expectStatus(list, 200);
    if (status) return status;
    const body = bodyObject(list);
    if (isFailure(body)) return body;
    return body['itemsPerPage'] === 5
      ? pass()
      : fail('VALUE_MISMATCH', `itemsPerPage is ${JSON.stringify(body['itemsPerPage'])} for count=5`, {
          expected: 5,
          actual: body['itemsPerPage'],
          pointer: '/itemsPerPage',
        });
  },
});

const putNotAllowed = check({
  id: 'gitlab.put.not-allowed',
  rfc: 'RFC7644 3.5.1',
  title: 'PUT /Users/{id} answers 405',
  explanation:
    'GitLab has no PUT route for users; IdPs that update with PUT (Okta profile updates, OneLogin) cannot update GitLab users.',
  scenario: gitlabPut,
  assert: ({ first, put }) => {
    const gate = created(first);
    if (gate) return gate;
    return put ? (expectStatus(put, 405) ?? pass()) : skip('the user has no id');
  },
});

const missingUserName = check({
  id: 'gitlab.post.missing-username-412',
  rfc: 'RFC7644 3.12',
  title: 'POST without userName answers 412 naming the missing :username',
  explanation:
    'GitLab refuses a user without userName with 412 and a detail ending "Missing params: [:username]".',
  scenario: gitlabNoUserName,
  assert: (user) => {
    const status = expectStatus(user.response, 412);
    if (status) return status;
    return detailOf(user.response.json).includes(':username')
      ? pass()
      : fail('VALUE_MISMATCH', 'the detail does not name :username', {
          expected: '…Missing params: [:username]',
          actual: detailOf(user.response.json),
          pointer: '/detail',
        });
  },
});

const patchReturns204 = check({
  id: 'gitlab.patch.returns-204',
  rfc: 'RFC7644 3.5.2',
  title: 'PATCH answers 204 with an empty body',
  explanation:
    'GitLab answers every successful PATCH with 204 and no body; IdP profiles must accept 204 (Entra and Okta do).',
  scenario: gitlabPatched,
  assert: ({ user, write }) => {
    const gate = created(user);
    if (gate) return gate;
    if (!write) return skip('the user has no id');
    const status = expectStatus(write, 204);
    if (status) return status;
    return (write.text ?? '') === ''
      ? pass()
      : fail('VALUE_MISMATCH', 'the 204 has a body', { expected: '', actual: write.text });
  },
});

function readsInactive(
  { user, write, after }: { user: GitlabUser; write?: HttpResult; after?: HttpResult },
  writeStatus: number | readonly number[],
): Verdict {
  const gate = created(user);
  if (gate) return gate;
  if (!write || !after) return skip('the user has no id');
  const status = expectStatus(write, writeStatus);
  if (status) return status;
  const read = expectStatus(after, 200);
  if (read)
    return fail(read.code, `the deprovisioned user is not readable: ${read.message}`, {
      expected: 200,
      actual: after.status,
    });
  const body = bodyObject(after);
  if (isFailure(body)) return body;
  return body['active'] === false
    ? pass()
    : fail('VALUE_MISMATCH', `active is ${JSON.stringify(body['active'])}`, {
        expected: false,
        actual: body['active'],
        pointer: '/active',
      });
}

const patchDeprovisions = check({
  id: 'gitlab.patch.deprovisions',
  rfc: 'RFC7644 3.5.2',
  title: 'Replace active "False" deprovisions: the user reads back active false',
  explanation: "Entra's string boolean is cast by GitLab; the identity stays readable with active:false.",
  scenario: gitlabPatched,
  assert: (run) => readsInactive(run, [200, 204]),
});

const deleteDeactivates = check({
  id: 'gitlab.delete.deactivates',
  rfc: 'RFC7644 3.6',
  title: 'DELETE answers 204 and only deactivates: the user reads back active false',
  explanation:
    'GitLab never deletes accounts through SCIM: DELETE makes the identity inactive and removes the membership.',
  scenario: gitlabDeleted,
  assert: (run) => readsInactive(run, 204),
});

function membersVerdict(view: MembersView, pick: 'before' | 'after', wanted: boolean): Verdict {
  if (view.unavailable) return skip(view.unavailable);
  if (!view.user) return skip('no user');
  const gate = created(view.user);
  if (gate) return gate;
  const res = view[pick];
  if (!res) return skip('the user has no id');
  const status = expectStatus(res, 200);
  if (status) return status;
  const list = Array.isArray(res.json) ? res.json.filter(isObject) : [];
  const found = list.some(
    (m) => typeof m['username'] === 'string' && m['username'].toLowerCase() === view.username?.toLowerCase(),
  );
  if (found === wanted) return pass();
  return fail(
    'VALUE_MISMATCH',
    wanted
      ? `${view.username ?? 'the user'} is not a group member`
      : `${view.username ?? 'the user'} is still a group member`,
    {
      expected: wanted ? 'a member' : 'not a member',
      actual: list.map((m) => m['username']),
    },
  );
}

const provisionedIsMember = check({
  id: 'gitlab.members.provisioned-is-member',
  rfc: 'RFC7644 3.3',
  title: 'A provisioned user becomes a member of the group',
  explanation:
    'Provisioning creates the membership with the default role (/api/v4/groups/:group/members shows it).',
  scenario: gitlabMembers,
  assert: (view) => membersVerdict(view, 'before', true),
});

const deprovisionedNotMember = check({
  id: 'gitlab.members.deprovisioned-removed',
  rfc: 'RFC7644 3.5.2',
  title: "Okta's path-less {active:false} removes the membership",
  explanation: 'Deprovisioning removes the group membership while keeping the account.',
  scenario: gitlabMembers,
  assert: (view) => membersVerdict(view, 'after', false),
});

export const gitlabChecks: AnyCheck[] = [
  idIsExternalId,
  noExternalId,
  numericStatus,
  neUnsupported,
  postIdempotent,
  itemsPerPageAsked,
  putNotAllowed,
  missingUserName,
  patchReturns204,
  patchDeprovisions,
  deleteDeactivates,
  provisionedIsMember,
  deprovisionedNotMember,
];
