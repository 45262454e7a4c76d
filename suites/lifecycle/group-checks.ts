/** Lifecycle checks on group push: match, create, member add/remove, rename, delete. */
import { fail } from '../../engine/index.js';
import { lifecycleCheck } from './define.js';
import { prerequisite, statusIn, zeroHit } from './judge.js';
import { memberIds } from './read-back.js';
import { groupsScenario } from './scenarios.js';
import { acceptedWrite, appliedWrite, groupWrite } from './writes.js';

const GROUP_CREATE = 'lifecycle.groups.create-201';
const ENTRA_GROUPS = ['docs/idp/entra-id.md#groups'];
const GROUP_PUSH = ['docs/idp/entra-id.md#groups', 'docs/idp/okta.md#group-push'];

/** How a group is read back after a write: a missing read names the create, a failed one fails. */
const GROUP_READ = { readCheck: GROUP_CREATE, unreadable: 'GET of the group' };
const ADD = groupWrite({
  write: (run) => run.add,
  after: (run) => run.afterAdd,
  missing: 'no group or no users',
  acceptedCheck: 'lifecycle.groups.add-members.accepted',
  ...GROUP_READ,
});
const REMOVE = groupWrite({
  write: (run) => run.remove,
  after: (run) => run.afterRemove,
  missing: 'no group or no member',
  acceptedCheck: 'lifecycle.groups.remove-member.accepted',
  ...GROUP_READ,
});
const RENAME = groupWrite({
  write: (run) => run.rename,
  after: (run) => run.afterRename,
  missing: 'no group',
  acceptedCheck: 'lifecycle.groups.rename.accepted',
  ...GROUP_READ,
});
const DELETE = groupWrite({
  write: (run) => run.delete,
  statuses: (p) => p.responses.groupDeleteStatus,
  missing: 'no group',
  acceptedCheck: 'lifecycle.groups.delete.accepted',
});

export const groupMatchEmpty = lifecycleCheck({
  id: 'lifecycle.groups.match-empty',
  steps: ['match-group'],
  title: 'The group match query finds nothing for a new group, as the IdP accepts',
  level: 'MUST',
  rfc: 'RFC7644 3.4.2.2',
  source: ENTRA_GROUPS,
  explanation:
    'Entra queries /Groups?excludedAttributes=members&filter=displayName eq "…" and needs a 200 ListResponse.',
  scenario: groupsScenario,
  evidence: (run) => [run.match],
  judge: (run, p) =>
    run.match
      ? zeroHit(run.match, p.responses.zeroHitAccepted)
      : prerequisite('the query', 'lifecycle.groups.match-empty'),
});

export const groupCreated = lifecycleCheck({
  id: GROUP_CREATE,
  steps: ['create-group'],
  title: 'Creating the group answers as the IdP expects, with an id',
  level: 'MUST',
  rfc: 'RFC7644 3.3',
  source: [...GROUP_PUSH, 'docs/idp/onelogin.md#lifecycle'],
  explanation:
    'Entra POSTs without members, Okta with members [], OneLogin with displayName; all cache the returned id.',
  scenario: groupsScenario,
  evidence: (run) => [run.create],
  judge: (run, p) => {
    const status = statusIn(run.create, p.responses.groupCreateStatus, 'the POST', GROUP_CREATE);
    if (status) return status;
    return run.id ? undefined : fail('ATTRIBUTE_MISSING', 'the created group has no id', { pointer: '/id' });
  },
});

export const addAccepted = lifecycleCheck({
  id: 'lifecycle.groups.add-members.accepted',
  steps: ['add-members'],
  title: "The IdP's member add is accepted",
  level: 'MUST',
  rfc: 'RFC7644 3.5.2.1',
  source: GROUP_PUSH,
  explanation:
    'Entra adds [{"$ref":null,"value":id}] with op "Add"; Okta adds {value, display} with op "add".',
  scenario: groupsScenario,
  ...acceptedWrite(ADD),
});

export const addApplied = lifecycleCheck({
  id: 'lifecycle.groups.add-members.applied',
  steps: ['add-members'],
  title: 'Both added users read back as members',
  level: 'MUST',
  rfc: 'RFC7644 3.5.2.1',
  source: GROUP_PUSH,
  explanation: 'A membership the SP drops silently means missing access the IdP believes it granted.',
  scenario: groupsScenario,
  ...appliedWrite(ADD, (body, run) => {
    const ids = memberIds(body);
    const wanted = [run.keep, run.drop].filter((id): id is string => id !== undefined);
    const missing = wanted.filter((id) => !ids.includes(id));
    return missing.length === 0
      ? undefined
      : fail('VALUE_MISMATCH', `members lack ${missing.join(', ')}`, {
          expected: wanted,
          actual: ids,
          pointer: '/members',
        });
  }),
});

export const removeAccepted = lifecycleCheck({
  id: 'lifecycle.groups.remove-member.accepted',
  steps: ['remove-member'],
  title: "The IdP's member removal is accepted",
  level: 'MUST',
  rfc: 'RFC7644 3.5.2.2',
  source: GROUP_PUSH,
  explanation:
    'Legacy Entra removes with "Remove" + path "members" + a value list; Okta and aadOptscim062020 with members[value eq "id"].',
  scenario: groupsScenario,
  ...acceptedWrite(REMOVE),
});

export const removeApplied = lifecycleCheck({
  id: 'lifecycle.groups.remove-member.applied',
  steps: ['remove-member'],
  title: 'The removed user is no longer a member',
  level: 'MUST',
  rfc: 'RFC7644 3.5.2.2',
  source: GROUP_PUSH,
  explanation: 'A removal the SP ignores leaves access the IdP believes it revoked.',
  scenario: groupsScenario,
  ...appliedWrite(REMOVE, (body, run) => {
    const ids = memberIds(body);
    return run.drop !== undefined && ids.includes(run.drop)
      ? fail('VALUE_MISMATCH', `${run.drop} is still a member`, {
          expected: 'absent',
          actual: ids,
          pointer: '/members',
        })
      : undefined;
  }),
});

export const removeKeepsOthers = lifecycleCheck({
  id: 'lifecycle.groups.remove-member.others-kept',
  steps: ['remove-member'],
  title: 'Removing one member keeps the others',
  level: 'MUST',
  rfc: 'RFC7644 3.5.2.2',
  source: ENTRA_GROUPS,
  explanation:
    'An SP must not read "Remove" + path "members" + a value list as "remove every member" (vouch#1415); that silently strips access from the whole group.',
  scenario: groupsScenario,
  ...appliedWrite(REMOVE, (body, run) => {
    const ids = memberIds(body);
    return run.keep !== undefined && !ids.includes(run.keep)
      ? fail('VALUE_MISMATCH', `removing one member also removed ${run.keep}`, {
          expected: [run.keep],
          actual: ids,
          pointer: '/members',
        })
      : undefined;
  }),
});

export const renameAccepted = lifecycleCheck({
  id: 'lifecycle.groups.rename.accepted',
  steps: ['rename-group'],
  title: "The IdP's group rename is accepted",
  level: 'MUST',
  rfc: 'RFC7644 3.5.2.3',
  source: GROUP_PUSH,
  explanation:
    'Entra replaces displayName by path; Okta sends a path-less replace {id, displayName} with each membership update.',
  scenario: groupsScenario,
  ...acceptedWrite(RENAME),
});

export const renameApplied = lifecycleCheck({
  id: 'lifecycle.groups.rename.applied',
  steps: ['rename-group'],
  title: 'The renamed group reads back with its new name',
  level: 'MUST',
  rfc: 'RFC7644 3.5.2.3',
  source: GROUP_PUSH,
  explanation: 'A rename the SP ignores leaves the group under a name the directory no longer has.',
  scenario: groupsScenario,
  ...appliedWrite(RENAME, (body, run) =>
    body['displayName'] === run.newName
      ? undefined
      : fail('VALUE_MISMATCH', `displayName reads back as ${JSON.stringify(body['displayName'])}`, {
          expected: run.newName,
          actual: body['displayName'],
          pointer: '/displayName',
        }),
  ),
});

export const groupDeleted = lifecycleCheck({
  id: 'lifecycle.groups.delete.accepted',
  steps: ['delete-group'],
  title: "The IdP's DELETE of the group is accepted",
  level: 'MUST',
  rfc: 'RFC7644 3.6',
  source: GROUP_PUSH,
  explanation: 'Entra and Okta ("Delete the group in the target app") expect 204.',
  scenario: groupsScenario,
  ...acceptedWrite(DELETE),
});

export const groupCheckFactories = [
  groupMatchEmpty,
  groupCreated,
  addAccepted,
  addApplied,
  removeAccepted,
  removeApplied,
  removeKeepsOthers,
  renameAccepted,
  renameApplied,
  groupDeleted,
];
