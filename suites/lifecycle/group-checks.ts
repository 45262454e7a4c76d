/** Lifecycle checks on group push: match, create, member add/remove, rename, delete. */
import { fail } from '../support/index.js';
import { lifecycleRows } from './define.js';
import { matchedNothing, statusIn } from './judge.js';
import { memberIds, membersInclude } from './read-back.js';
import { groupsScenario } from './scenarios.js';
import { acceptedWrite, groupWrite, writeRows } from './writes.js';

const GROUP_CREATE = 'lifecycle.groups.create-201';
const ENTRA_GROUPS = ['docs/idp/entra-id.md#groups'];
const GROUP_PUSH = ['docs/idp/entra-id.md#groups', 'docs/idp/okta.md#group-push'];

/** How a group is read back after a write: a missing read names the create, a failed one fails. */
const GROUP_READ = { readCheck: GROUP_CREATE, unreadable: 'GET of the group' };
const ADD = groupWrite({
  write: 'add',
  after: 'afterAdd',
  missing: 'no group or no users',
  acceptedCheck: 'lifecycle.groups.add-members.accepted',
  ...GROUP_READ,
});
const REMOVE = groupWrite({
  write: 'remove',
  after: 'afterRemove',
  missing: 'no group or no member',
  acceptedCheck: 'lifecycle.groups.remove-member.accepted',
  ...GROUP_READ,
});
const RENAME = groupWrite({
  write: 'rename',
  after: 'afterRename',
  missing: 'no group',
  acceptedCheck: 'lifecycle.groups.rename.accepted',
  ...GROUP_READ,
});
const DELETE = groupWrite({
  write: 'delete',
  statuses: 'groupDeleteStatus',
  missing: 'no group',
  acceptedCheck: 'lifecycle.groups.delete.accepted',
});

/** Every group check judges the group push scenario at MUST; a write step's checks also share its step and section. */
const GROUP = { level: 'MUST', scenario: groupsScenario } as const;
const groupRow = lifecycleRows(GROUP);
const add = writeRows(ADD, { ...GROUP, steps: ['add-members'], rfc: 'RFC7644 3.5.2.1', source: GROUP_PUSH });
const remove = writeRows(REMOVE, {
  ...GROUP,
  steps: ['remove-member'],
  rfc: 'RFC7644 3.5.2.2',
  source: GROUP_PUSH,
});
const rename = writeRows(RENAME, {
  ...GROUP,
  steps: ['rename-group'],
  rfc: 'RFC7644 3.5.2.3',
  source: GROUP_PUSH,
});

export const groupCheckFactories = [
  groupRow({
    id: 'lifecycle.groups.match-empty',
    steps: ['match-group'],
    title: 'The group match query finds nothing for a new group, as the IdP accepts',
    rfc: 'RFC7644 3.4.2.2',
    source: ENTRA_GROUPS,
    explanation:
      'Entra queries /Groups?excludedAttributes=members&filter=displayName eq "…" and needs a 200 ListResponse.',
    evidence: (run) => [run.match],
    judge: (run, p) => matchedNothing(run.match, p, 'the query', 'lifecycle.groups.match-empty'),
  }),
  groupRow({
    id: GROUP_CREATE,
    steps: ['create-group'],
    title: 'Creating the group answers as the IdP expects, with an id',
    rfc: 'RFC7644 3.3',
    source: [...GROUP_PUSH, 'docs/idp/onelogin.md#lifecycle'],
    explanation:
      'Entra POSTs without members, Okta with members [], OneLogin with displayName; all cache the returned id.',
    evidence: (run) => [run.create],
    judge: (run, p) => {
      const status = statusIn(run.create, p.responses.groupCreateStatus, 'the POST', GROUP_CREATE);
      if (status) return status;
      return run.id
        ? undefined
        : fail('ATTRIBUTE_MISSING', 'the created group has no id', { pointer: '/id' });
    },
  }),
  add.accepted({
    id: 'lifecycle.groups.add-members.accepted',
    title: "The IdP's member add is accepted",
    explanation:
      'Entra adds [{"$ref":null,"value":id}] with op "Add"; Okta adds {value, display} with op "add".',
  }),
  add.applied({
    id: 'lifecycle.groups.add-members.applied',
    title: 'Both added users read back as members',
    explanation: 'A membership the SP drops silently means missing access the IdP believes it granted.',
    readBack: (body, run) =>
      membersInclude(body, [run.keep, run.drop], (missing) => `members lack ${missing.join(', ')}`),
  }),
  remove.accepted({
    id: 'lifecycle.groups.remove-member.accepted',
    title: "The IdP's member removal is accepted",
    explanation:
      'Legacy Entra removes with "Remove" + path "members" + a value list; Okta and aadOptscim062020 with members[value eq "id"].',
  }),
  remove.applied({
    id: 'lifecycle.groups.remove-member.applied',
    title: 'The removed user is no longer a member',
    explanation: 'A removal the SP ignores leaves access the IdP believes it revoked.',
    readBack: (body, run) => {
      const ids = memberIds(body);
      return run.drop !== undefined && ids.includes(run.drop)
        ? fail('VALUE_MISMATCH', `${run.drop} is still a member`, {
            expected: 'absent',
            actual: ids,
            pointer: '/members',
          })
        : undefined;
    },
  }),
  remove.applied({
    id: 'lifecycle.groups.remove-member.others-kept',
    title: 'Removing one member keeps the others',
    source: ENTRA_GROUPS,
    explanation:
      'An SP must not read "Remove" + path "members" + a value list as "remove every member" (vouch#1415); that silently strips access from the whole group.',
    readBack: (body, run) =>
      membersInclude(body, [run.keep], (missing) => `removing one member also removed ${missing.join(', ')}`),
  }),
  rename.accepted({
    id: 'lifecycle.groups.rename.accepted',
    title: "The IdP's group rename is accepted",
    explanation:
      'Entra replaces displayName by path; Okta sends a path-less replace {id, displayName} with each membership update.',
  }),
  rename.applied({
    id: 'lifecycle.groups.rename.applied',
    title: 'The renamed group reads back with its new name',
    explanation: 'A rename the SP ignores leaves the group under a name the directory no longer has.',
    readBack: (body, run) =>
      body['displayName'] === run.newName
        ? undefined
        : fail('VALUE_MISMATCH', `displayName reads back as ${JSON.stringify(body['displayName'])}`, {
            expected: run.newName,
            actual: body['displayName'],
            pointer: '/displayName',
          }),
  }),
  groupRow({
    id: 'lifecycle.groups.delete.accepted',
    steps: ['delete-group'],
    title: "The IdP's DELETE of the group is accepted",
    rfc: 'RFC7644 3.6',
    source: GROUP_PUSH,
    explanation: 'Entra and Okta ("Delete the group in the target app") expect 204.',
    ...acceptedWrite(DELETE),
  }),
];
