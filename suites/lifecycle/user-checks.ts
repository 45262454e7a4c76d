/** Lifecycle checks on users: connection test, create, matching, duplicates, update, disable, delete. */
import { fail } from '../../engine/index.js';
import { isFailure } from '../support/guards.js';
import { firstSent, lifecycleCheck } from './define.js';
import {
  bodyWhen,
  integerPaging,
  isSkip,
  listHits,
  prerequisite,
  probeAnswered,
  requiredFields,
  statusIn,
  zeroHit,
} from './judge.js';
import { activeIs, persistedOffered } from './read-back.js';
import {
  connectionScenario,
  createScenario,
  deactivateScenario,
  deleteScenario,
  duplicateScenario,
  preciseScenario,
  reactivateScenario,
  updateScenario,
  type ActiveRun,
  type DeleteRun,
  type UpdateRun,
} from './scenarios.js';
import { acceptedWrite, appliedWrite, userWrite } from './writes.js';

const CREATE_STATUS = 'lifecycle.create.post-201';
const READ_BACK = 'lifecycle.create.read-back';
const CONNECTION_TEST = [
  'docs/idp/entra-id.md#connection-test',
  'docs/idp/okta.md#connection-test',
  'docs/idp/onelogin.md#lifecycle',
];
const CREATE = [
  'docs/idp/entra-id.md#create-and-matching',
  'docs/idp/okta.md#create',
  'docs/idp/onelogin.md#lifecycle',
];
const UPDATE = userWrite<UpdateRun>({
  statuses: (p) => p.responses.updateStatus,
  missing: 'no user to update',
  prerequisite: CREATE_STATUS,
  acceptedCheck: 'lifecycle.update.accepted',
  what: 'the update',
  readCheck: READ_BACK,
});
const DEACTIVATE = userWrite<ActiveRun>({
  statuses: (p) => p.responses.activeStatus,
  missing: 'no user to disable',
  prerequisite: CREATE_STATUS,
  acceptedCheck: 'lifecycle.deactivate.accepted',
  what: 'the disable',
  readCheck: READ_BACK,
  unreadable: 'GET of the disabled user',
});
const REACTIVATE = userWrite<ActiveRun>({
  statuses: (p) => p.responses.activeStatus,
  missing: 'the user was not disabled',
  prerequisite: 'lifecycle.deactivate.accepted',
  acceptedCheck: 'lifecycle.reactivate.accepted',
  what: 'the re-enable',
  readCheck: READ_BACK,
});
const DELETE = userWrite<DeleteRun>({
  statuses: (p) => p.responses.deleteStatus,
  missing: 'no user to delete',
  prerequisite: CREATE_STATUS,
  acceptedCheck: 'lifecycle.delete.accepted',
});
const DISABLE = ['docs/idp/entra-id.md#disable-and-delete', 'docs/idp/okta.md#deactivation'];

export const userProbe = lifecycleCheck({
  id: 'lifecycle.connection.user-probe',
  steps: ['probe-absent-user', 'probe-user-list'],
  title: "The IdP's connection test on /Users succeeds",
  level: 'MUST',
  rfc: 'RFC7644 3.4.2',
  source: CONNECTION_TEST,
  explanation:
    'Entra queries a random GUID and needs a 200 empty ListResponse (a 404 fails Test Connection); Okta lists with startIndex=1&count=2; OneLogin accepts an empty list or 404.',
  scenario: connectionScenario,
  evidence: (run) => [run.userProbe],
  judge: (run, p) => probeAnswered(run.userProbe, p, 'lifecycle.connection.user-probe'),
});

export const groupProbe = lifecycleCheck({
  id: 'lifecycle.connection.group-probe',
  steps: ['probe-absent-group', 'probe-group-list'],
  title: "The IdP's connection test on /Groups succeeds",
  level: 'MUST',
  rfc: 'RFC7644 3.4.2',
  source: CONNECTION_TEST,
  explanation: 'Entra also fetches a random group and Okta lists /Groups when the connection is saved.',
  scenario: connectionScenario,
  evidence: (run) => [run.groupProbe],
  judge: (run, p) => probeAnswered(run.groupProbe, p, 'lifecycle.connection.group-probe'),
});

export const pagingIntegers = lifecycleCheck({
  id: 'lifecycle.connection.paging-integers',
  steps: ['probe-user-list', 'probe-absent-user'],
  title: 'ListResponse paging fields are JSON integers',
  level: 'SHOULD',
  rfc: 'RFC7644 3.4.2',
  source: ['docs/idp/okta.md#import', 'docs/idp/okta.md#responses'],
  explanation:
    "Okta's OIN spec test requires integer totalResults, startIndex and itemsPerPage; the live provisioner is not documented to refuse strings (GitLab, an OIN app, answers startIndex as a string), hence SHOULD.",
  scenario: connectionScenario,
  evidence: (run) => [run.userProbe],
  judge: (run, p) => {
    if (!p.responses.integerPaging) return { skip: `${p.name} does not judge the type of paging fields` };
    const body = bodyWhen(run.userProbe, [200], 'lifecycle.connection.user-probe');
    return isSkip(body) || isFailure(body) ? body : integerPaging(body);
  },
});

export const matchEmpty = lifecycleCheck({
  id: 'lifecycle.create.match-empty',
  steps: ['match-user'],
  title: 'The match query for a user not yet provisioned finds nothing, as the IdP accepts',
  level: 'MUST',
  rfc: 'RFC7644 3.4.2.2',
  source: CREATE,
  explanation:
    'Before creating, the IdP filters on its matching attribute; Entra needs a 200 ListResponse, Okta and OneLogin also accept 404.',
  scenario: createScenario,
  evidence: (run) => [run.match],
  judge: (run, p) =>
    run.match
      ? zeroHit(run.match, p.responses.zeroHitAccepted)
      : prerequisite('the match query', 'lifecycle.create.match-empty'),
});

export const postCreated = lifecycleCheck({
  id: CREATE_STATUS,
  steps: ['create-user'],
  title: 'Creating the user answers as the IdP expects (201)',
  level: 'MUST',
  rfc: 'RFC7644 3.3',
  source: CREATE,
  explanation:
    'The POST of the IdP-rendered user (its schemas, mapping, extras and encodings) must be accepted.',
  scenario: createScenario,
  evidence: (run) => [run.post],
  judge: (run, p) => statusIn(run.post, p.responses.createStatus, 'the POST', CREATE_STATUS),
});

export const postReturnsId = lifecycleCheck({
  id: 'lifecycle.create.returns-id',
  steps: ['create-user'],
  title: 'The created user comes back with its id',
  level: 'MUST',
  rfc: 'RFC7644 3.3',
  source: [
    'docs/idp/entra-id.md#create-and-matching',
    'docs/idp/entra-id.md#responses-and-retries',
    'docs/idp/okta.md#create',
  ],
  explanation:
    'The IdP caches the id from the create response for every later request; Okta fails on an empty body ("Create new user returned empty user").',
  scenario: createScenario,
  evidence: (run) => [run.post],
  judge: (run, p) => {
    const body = bodyWhen(run.post, p.responses.createStatus, CREATE_STATUS);
    if (isSkip(body) || isFailure(body)) return body;
    return run.id
      ? undefined
      : fail('ATTRIBUTE_MISSING', 'the create response has no id', { pointer: '/id' });
  },
});

export const postRequiredFields = lifecycleCheck({
  id: 'lifecycle.create.required-fields',
  steps: ['create-user'],
  title: 'The created user carries the attributes the IdP reads',
  level: 'MUST',
  rfc: 'RFC7644 3.3',
  source: [
    'docs/idp/entra-id.md#responses-and-retries',
    'docs/idp/okta.md#responses',
    'docs/idp/onelogin.md#lifecycle',
  ],
  explanation:
    'Okta reads id, userName, name.givenName/familyName, active and emails[0].value; OneLogin fails provisioning without name.givenName and name.familyName.',
  scenario: createScenario,
  evidence: (run) => [run.post],
  judge: (run, p) => {
    const body = bodyWhen(run.post, p.responses.createStatus, CREATE_STATUS);
    return isSkip(body) || isFailure(body) ? body : requiredFields(body, p.responses.userRequired);
  },
});

export const readBack = lifecycleCheck({
  id: READ_BACK,
  steps: ['read-user'],
  title: 'The user can be read back by its id with the attributes the IdP reads',
  level: 'MUST',
  rfc: 'RFC7644 3.4.1',
  source: ['docs/idp/entra-id.md#updates', 'docs/idp/okta.md#profile-updates', 'docs/idp/okta.md#responses'],
  explanation: 'IdPs retrieve users by the cached id (Entra before diffs, Okta before every PUT).',
  scenario: createScenario,
  evidence: (run) => firstSent([run.read], [run.post]),
  judge: (run, p) => {
    if (!run.read) return prerequisite('no id to read', CREATE_STATUS);
    const body = bodyWhen(run.read, [200], READ_BACK);
    if (isSkip(body))
      return fail('STATUS_MISMATCH', `GET of the created user answered ${run.read.status}`, {
        expected: 200,
        actual: run.read.status,
      });
    if (isFailure(body)) return body;
    if (body['id'] !== run.id)
      return fail('VALUE_MISMATCH', 'the user read back has another id', {
        expected: run.id,
        actual: body['id'],
        pointer: '/id',
      });
    return requiredFields(body, p.responses.userRequired);
  },
});

export const matchPrecise = lifecycleCheck({
  id: 'lifecycle.create.match-precise',
  steps: ['match-precise'],
  title: 'The match query finds exactly the one user, not a look-alike',
  level: 'MUST',
  rfc: 'RFC7644 3.4.2.2',
  source: ['docs/idp/entra-id.md#create-and-matching', 'docs/idp/entra-id.md#responses-and-retries'],
  explanation:
    'With a second user whose matching value extends the first one, the query must still return exactly one hit; Entra stops with DuplicateTargetEntries on more.',
  scenario: preciseScenario,
  evidence: (run) => firstSent([run.query], [run.second?.post], [run.first.post]),
  judge: (run) => {
    if (!run.query) return prerequisite('the users could not be created', CREATE_STATUS);
    const hits = listHits(run.query);
    if (isFailure(hits)) return hits;
    const total = (run.query.json as Record<string, unknown>)['totalResults'];
    if (hits.length !== 1 || (total !== undefined && total !== 1)) {
      const found = total ?? hits.length;
      return fail('VALUE_MISMATCH', `the matching query found ${String(found)} users, expected exactly 1`, {
        expected: 1,
        actual: found,
        pointer: '/totalResults',
      });
    }
    if (hits[0]?.['id'] !== run.first.id) {
      return fail('VALUE_MISMATCH', 'the matching query found another user', {
        expected: run.first.id,
        actual: hits[0]?.['id'],
        pointer: '/Resources/0/id',
      });
    }
    return undefined;
  },
});

export const duplicateNoSecond = lifecycleCheck({
  id: 'lifecycle.duplicate.no-second-user',
  steps: ['duplicate-create'],
  title: 'Creating the same user again never makes a second one',
  level: 'MUST',
  rfc: 'RFC7644 3.3',
  source: ['docs/idp/entra-id.md#responses-and-retries', 'docs/idp/okta.md#create'],
  explanation:
    'An IdP re-POSTs when its match missed; answering with a second user leaves duplicates that break every later match. 409, or the existing user (GitLab is idempotent), is fine.',
  scenario: duplicateScenario,
  evidence: (run) => firstSent([run.again, run.query], [run.first.post]),
  judge: (run) => {
    if (!run.again) return prerequisite('the first user could not be created', CREATE_STATUS);
    const status = run.again.status;
    const created = status !== undefined && status >= 200 && status < 300;
    if (created && run.againId !== undefined && run.againId !== run.first.id) {
      return fail('VALUE_MISMATCH', `the repeated POST created a second user (${run.againId})`, {
        expected: `409 or ${run.first.id}`,
        actual: run.againId,
        pointer: '/id',
      });
    }
    if (!run.query) return undefined;
    const hits = listHits(run.query);
    if (isFailure(hits)) return hits;
    if (hits.length > 1)
      return fail('VALUE_MISMATCH', `${hits.length} users now match`, { expected: 1, actual: hits.length });
    return undefined;
  },
});

export const duplicateConflict = lifecycleCheck({
  id: 'lifecycle.duplicate.conflict-409',
  steps: ['duplicate-create'],
  title: 'Creating the same user again answers 409 Conflict',
  level: 'SHOULD',
  rfc: 'RFC7644 3.3',
  source: [
    'docs/idp/entra-id.md#responses-and-retries',
    'docs/idp/okta.md#create',
    'docs/idp/okta.md#responses',
  ],
  explanation:
    "The Entra SCIM validator and Okta's OIN spec test expect 409 for a duplicate; at run time the IdPs log it as a conflict, so an idempotent answer still works (SHOULD).",
  scenario: duplicateScenario,
  evidence: (run) => firstSent([run.again], [run.first.post]),
  judge: (run) => statusIn(run.again, [409], 'the first user could not be created', CREATE_STATUS),
});

export const updateAccepted = lifecycleCheck({
  id: 'lifecycle.update.accepted',
  steps: ['update-user'],
  title: "The IdP's attribute update is accepted",
  level: 'MUST',
  rfc: 'RFC7644 3.5',
  source: [
    'docs/idp/entra-id.md#updates',
    'docs/idp/okta.md#profile-updates',
    'docs/idp/onelogin.md#lifecycle',
  ],
  explanation:
    'Entra PATCHes the diff in its dialect (capitalised ops and string values, or the aadOptscim062020 path-less form); Okta GETs then PUTs; OneLogin PUTs its template to /Users/{id}?.',
  scenario: updateScenario,
  ...acceptedWrite(UPDATE),
  // Okta reads the user before its PUT (RFC 7644 §3.4.1): a failed read fails the update.
  judge: (run, p, ctx) =>
    run.before && run.before.status !== 200
      ? fail('STATUS_MISMATCH', `the GET before the PUT answered ${run.before.status}`, {
          expected: 200,
          actual: run.before.status,
        })
      : acceptedWrite(UPDATE).judge(run, p, ctx),
});

export const updatePersisted = lifecycleCheck({
  id: 'lifecycle.update.persisted',
  steps: ['update-user'],
  title: 'The updated attributes read back as sent',
  level: 'SHOULD',
  rfc: 'RFC7644 3.5',
  source: ['docs/idp/entra-id.md#updates', 'docs/idp/entra-id.md#responses-and-retries'],
  explanation:
    'A value the SP drops or changes looks like a new diff on every cycle, so Entra re-sends it forever; provisioning still works, hence SHOULD.',
  scenario: updateScenario,
  ...appliedWrite(UPDATE, (body, run, _p, ctx) =>
    persistedOffered(body, run.changes, ctx.target.capabilities.schemas),
  ),
});

export const deactivateAccepted = lifecycleCheck({
  id: 'lifecycle.deactivate.accepted',
  steps: ['deactivate-user'],
  title: "The IdP's disable request is accepted",
  level: 'MUST',
  rfc: 'RFC7644 3.5',
  source: DISABLE,
  explanation:
    'Entra sends Replace active "False" (or false with aadOptscim062020), Okta a path-less replace {active:false}, AIW apps a full PUT.',
  scenario: deactivateScenario,
  ...acceptedWrite(DEACTIVATE),
});

export const deactivateApplied = lifecycleCheck({
  id: 'lifecycle.deactivate.applied',
  steps: ['deactivate-user'],
  title: 'The disabled user reads back with active false',
  level: 'MUST',
  rfc: 'RFC7644 3.5',
  source: DISABLE,
  explanation: 'An SP that answers 2xx but keeps the user active leaves a deprovisioned person with access.',
  scenario: deactivateScenario,
  ...appliedWrite(DEACTIVATE, (body) => activeIs(body, false)),
});

export const deactivateFindable = lifecycleCheck({
  id: 'lifecycle.deactivate.still-findable',
  steps: ['find-disabled-user'],
  title: 'The disabled user is still found by the match query',
  level: 'MUST',
  rfc: 'RFC7644 3.4.2.2',
  source: ['docs/idp/entra-id.md#disable-and-delete'],
  explanation:
    'Entra requires disabled users in GET and filter answers; if the match misses them, re-enabling POSTs a duplicate.',
  scenario: deactivateScenario,
  evidence: (run) => firstSent([run.find], [run.before, run.write], [run.first.post]),
  judge: (run) => {
    if (!run.find) return prerequisite('no user was disabled', 'lifecycle.deactivate.accepted');
    const hits = listHits(run.find);
    if (isFailure(hits)) return hits;
    if (hits.length !== 1 || hits[0]?.['id'] !== run.first.id) {
      return fail('VALUE_MISMATCH', `the match query for the disabled user found ${hits.length} user(s)`, {
        expected: 1,
        actual: hits.length,
      });
    }
    return undefined;
  },
});

export const reactivateAccepted = lifecycleCheck({
  id: 'lifecycle.reactivate.accepted',
  steps: ['reactivate-user'],
  title: "The IdP's re-enable request is accepted",
  level: 'MUST',
  rfc: 'RFC7644 3.5',
  source: DISABLE,
  explanation: 'Re-enabling is the disable request with true ("True" for legacy Entra).',
  scenario: reactivateScenario,
  ...acceptedWrite(REACTIVATE),
});

export const reactivateApplied = lifecycleCheck({
  id: 'lifecycle.reactivate.applied',
  steps: ['reactivate-user'],
  title: 'The re-enabled user reads back with active true',
  level: 'MUST',
  rfc: 'RFC7644 3.5',
  source: DISABLE,
  explanation: 'A user the IdP re-enabled must be able to sign in again.',
  scenario: reactivateScenario,
  ...appliedWrite(REACTIVATE, (body) => activeIs(body, true)),
});

export const deleteAccepted = lifecycleCheck({
  id: 'lifecycle.delete.accepted',
  steps: ['delete-user'],
  title: "The IdP's DELETE of the user is accepted",
  level: 'MUST',
  rfc: 'RFC7644 3.6',
  source: ['docs/idp/entra-id.md#disable-and-delete', 'docs/idp/onelogin.md#lifecycle'],
  explanation:
    'Entra hard-deletes 30 days after a soft delete and expects 204; OneLogin "Delete" accepts 200 or 204.',
  scenario: deleteScenario,
  ...acceptedWrite(DELETE),
});

export const userCheckFactories = [
  userProbe,
  groupProbe,
  pagingIntegers,
  matchEmpty,
  postCreated,
  postReturnsId,
  postRequiredFields,
  readBack,
  matchPrecise,
  duplicateNoSecond,
  duplicateConflict,
  updateAccepted,
  updatePersisted,
  deactivateAccepted,
  deactivateApplied,
  deactivateFindable,
  reactivateAccepted,
  reactivateApplied,
];
export const finalCheckFactories = [deleteAccepted];
