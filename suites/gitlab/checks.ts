/**
 * GitLab group SCIM behaviour observable from outside (docs/gitlab-scim.md §13). Failures count only against
 * the `gitlab` verdict: they describe GitLab, not RFC 7644, and several deliberately contradict the RFC.
 */
import {
  bodyVerdict,
  checkRows,
  expectNoAttribute,
  expectStatus,
  expectValue,
  fail,
  isObject,
  pass,
  skip,
  statusVerdict,
  verdict,
  verdictOn,
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

/**
 * Judges `res`, a request sent after the create: skipped when the create failed (CREATE judges that once) or
 * the request could not be sent, so one broken create is one finding.
 */
function afterCreate(
  user: GitlabUser,
  res: HttpResult | undefined,
  judge: (res: HttpResult) => Verdict,
  unsent = 'the user has no id',
): Verdict {
  return created(user) ?? (res ? judge(res) : skip(unsent));
}

/** A 412 whose detail contains `text`: GitLab names the cause in words, not with a scimType. */
function refusedSaying(res: HttpResult, text: string, expected: string, message: string): Verdict {
  const says = (detail: unknown) => typeof detail === 'string' && detail.includes(text);
  return verdictOn(
    res,
    expectStatus(res, 412) ?? expectValue(res.json, '/detail', expected, { message, matches: says }),
  );
}

const idIsExternalId = check({
  id: CREATE,
  rfc: 'RFC7644 3.3',
  title: 'POST of a new user answers 201 with id = the externalId sent',
  explanation:
    "GitLab's SCIM id is the identity's extern_uid, i.e. the externalId the IdP sent; IdPs then address the user by it.",
  scenario: gitlabCreated,
  assert: (user) =>
    bodyVerdict(user.response, 201, (body) =>
      expectValue(body, '/id', user.sent['externalId'], { message: 'id is not the externalId sent' }),
    ),
});

const noExternalId = check({
  id: 'gitlab.user.no-external-id',
  rfc: 'RFC7643 3.1',
  title: 'Users are returned without externalId',
  explanation:
    "GitLab's User entity has no externalId (the value is the id), so an SP that mirrors GitLab never echoes it.",
  scenario: gitlabCreated,
  assert: (user) =>
    created(user) ?? verdictOn(user.response, expectNoAttribute(user.response.json, '/externalId')),
});

const numericStatus = check({
  id: 'gitlab.errors.numeric-status',
  rfc: 'RFC7644 3.12',
  title: 'A missing user is a 404 SCIM error whose status is a JSON number',
  explanation:
    'GitLab renders Error bodies with "status": 404 (a number, unlike RFC 7644 §3.12\'s string) and the detail "Resource <id> not found".',
  scenario: gitlabUnknown,
  assert: (res) =>
    bodyVerdict(res, 404, (body) =>
      expectValue(body, '/status', 404, {
        message: `status is ${JSON.stringify(body['status'])}, GitLab sends the number 404`,
      }),
    ),
});

const neUnsupported = check({
  id: 'gitlab.filter.ne-unsupported',
  rfc: 'RFC7644 3.4.2.2',
  title: 'A filter with ne answers 412 "Unsupported Filter"',
  explanation:
    'GitLab understands only `eq` on id, externalId and userName; anything else is 412 with detail "Unsupported Filter".',
  scenario: gitlabFilterNe,
  assert: (res) =>
    refusedSaying(
      res,
      'Unsupported Filter',
      'Unsupported Filter',
      'the 412 detail is not "Unsupported Filter"',
    ),
});

const postIdempotent = check({
  id: 'gitlab.post.idempotent',
  rfc: 'RFC7644 3.3',
  title: 'POST for an externalId already provisioned answers 201 with the same id',
  explanation:
    "GitLab's create is idempotent for an existing identity of a member (no 409), which is how IdP retries stay harmless.",
  scenario: gitlabPostAgain,
  assert: ({ first, again }) =>
    afterCreate(
      first,
      again?.response,
      (res) =>
        bodyVerdict(res, 201, (body) =>
          expectValue(body, '/id', first.id, { message: 'the repeated POST answered another id' }),
        ),
      'the first user has no id',
    ),
});

const itemsPerPageAsked = check({
  id: 'gitlab.list.items-per-page-requested',
  rfc: 'RFC7644 3.4.2.4',
  title: 'itemsPerPage is the page size asked for, not the number returned',
  explanation:
    'GitLab answers itemsPerPage = count (default 20, at most 100) even when fewer resources match.',
  scenario: gitlabSmallPage,
  assert: ({ first, list }) =>
    afterCreate(
      first,
      list,
      (res) =>
        bodyVerdict(res, 200, (body) =>
          expectValue(body, '/itemsPerPage', 5, {
            message: `itemsPerPage is ${JSON.stringify(body['itemsPerPage'])} for count=5`,
          }),
        ),
      'the user has no externalId to filter on',
    ),
});

const putNotAllowed = check({
  id: 'gitlab.put.not-allowed',
  rfc: 'RFC7644 3.5.1',
  title: 'PUT /Users/{id} answers 405',
  explanation:
    'GitLab has no PUT route for users; IdPs that update with PUT (Okta profile updates, OneLogin) cannot update GitLab users.',
  scenario: gitlabPut,
  assert: ({ first, put }) => afterCreate(first, put, (res) => statusVerdict(res, 405)),
});

const missingUserName = check({
  id: 'gitlab.post.missing-username-412',
  rfc: 'RFC7644 3.12',
  title: 'POST without userName answers 412 naming the missing :username',
  explanation:
    'GitLab refuses a user without userName with 412 and a detail ending "Missing params: [:username]".',
  scenario: gitlabNoUserName,
  assert: (user) =>
    refusedSaying(
      user.response,
      ':username',
      '…Missing params: [:username]',
      'the detail does not name :username',
    ),
});

const patchReturns204 = check({
  id: 'gitlab.patch.returns-204',
  rfc: 'RFC7644 3.5.2',
  title: 'PATCH answers 204 with an empty body',
  explanation:
    'GitLab answers every successful PATCH with 204 and no body; IdP profiles must accept 204 (Entra and Okta do).',
  scenario: gitlabPatched,
  assert: ({ user, write }) =>
    afterCreate(user, write, (res) =>
      verdict(
        expectStatus(res, 204) ??
          ((res.text ?? '') === ''
            ? undefined
            : fail('VALUE_MISMATCH', 'the 204 has a body', { expected: '', actual: res.text })),
      ),
    ),
});

function readsInactive(
  { user, write, after }: { user: GitlabUser; write?: HttpResult; after?: HttpResult },
  writeStatus: number | readonly number[],
): Verdict {
  return afterCreate(user, write, (res) => {
    if (!after) return skip('the user has no id');
    const status = expectStatus(res, writeStatus);
    if (status) return status;
    const read = expectStatus(after, 200);
    if (read)
      return fail(read.code, `the deprovisioned user is not readable: ${read.message}`, {
        expected: 200,
        actual: after.status,
      });
    return bodyVerdict(after, 200, (body) =>
      expectValue(body, '/active', false, { message: `active is ${JSON.stringify(body['active'])}` }),
    );
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
  return afterCreate(view.user, view[pick], (res) => {
    const status = expectStatus(res, 200);
    if (status) return status;
    const list = Array.isArray(res.json) ? res.json.filter(isObject) : [];
    const found = list.some(
      (m) =>
        typeof m['username'] === 'string' && m['username'].toLowerCase() === view.username?.toLowerCase(),
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
  });
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
