/** Lifecycle checks on users: connection test, create, matching, duplicates, update, disable, delete. */
import { fail, isFailure } from '../support/index.js';
import { firstSent, lifecycleCheck, lifecycleRows, type LifecycleCheckSpec } from './define.js';
import {
  bodyWhen,
  integerPaging,
  isSkip,
  listHits,
  prerequisite,
  probeAnswered,
  requiredFields,
  statusIn,
  matchedNothing,
  onBodyWhen,
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
  type ConnectionRun,
  type DeleteRun,
  type UpdateRun,
} from './scenarios.js';
import { acceptedWrite, userWrite, writeRows } from './writes.js';

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
  statuses: 'updateStatus',
  missing: 'no user to update',
  prerequisite: CREATE_STATUS,
  acceptedCheck: 'lifecycle.update.accepted',
  what: 'the update',
  readCheck: READ_BACK,
});
const DEACTIVATE = userWrite<ActiveRun>({
  statuses: 'activeStatus',
  missing: 'no user to disable',
  prerequisite: CREATE_STATUS,
  acceptedCheck: 'lifecycle.deactivate.accepted',
  what: 'the disable',
  readCheck: READ_BACK,
  unreadable: 'GET of the disabled user',
});
const REACTIVATE = userWrite<ActiveRun>({
  statuses: 'activeStatus',
  missing: 'the user was not disabled',
  prerequisite: 'lifecycle.deactivate.accepted',
  acceptedCheck: 'lifecycle.reactivate.accepted',
  what: 'the re-enable',
  readCheck: READ_BACK,
});
const DELETE = userWrite<DeleteRun>({
  statuses: 'deleteStatus',
  missing: 'no user to delete',
  prerequisite: CREATE_STATUS,
  acceptedCheck: 'lifecycle.delete.accepted',
});
const DISABLE = ['docs/idp/entra-id.md#disable-and-delete', 'docs/idp/okta.md#deactivation'];

/** The checks of one step (or one scenario) state what they share once; each row then says only its own. */
const CONNECTION = { rfc: 'RFC7644 3.4.2', scenario: connectionScenario } as const;
const connectionRow = lifecycleRows(CONNECTION);
/** The connection test's probes of /Users and /Groups: the same level and evidence pages. */
const probeRow = lifecycleRows({ ...CONNECTION, level: 'MUST', source: CONNECTION_TEST });

/** A probe's evidence and judgement: answered as the IdP accepts (probeAnswered). */
const probe = (answer: 'userProbe' | 'groupProbe', checkId: string) =>
  ({
    evidence: (run) => [run[answer]],
    judge: (run, p) => probeAnswered(run[answer], p, checkId),
  }) satisfies Pick<LifecycleCheckSpec<ConnectionRun>, 'evidence' | 'judge'>;
const createRow = lifecycleRows({
  steps: ['create-user'],
  level: 'MUST',
  rfc: 'RFC7644 3.3',
  scenario: createScenario,
});
const duplicateRow = lifecycleRows({
  steps: ['duplicate-create'],
  rfc: 'RFC7644 3.3',
  scenario: duplicateScenario,
});
const update = writeRows(UPDATE, {
  steps: ['update-user'],
  level: 'MUST',
  rfc: 'RFC7644 3.5',
  source: [
    'docs/idp/entra-id.md#updates',
    'docs/idp/okta.md#profile-updates',
    'docs/idp/onelogin.md#lifecycle',
  ],
  scenario: updateScenario,
});
const DISABLING = { level: 'MUST', rfc: 'RFC7644 3.5', source: DISABLE } as const;
const deactivate = writeRows(DEACTIVATE, {
  ...DISABLING,
  steps: ['deactivate-user'],
  scenario: deactivateScenario,
});
const reactivate = writeRows(REACTIVATE, {
  ...DISABLING,
  steps: ['reactivate-user'],
  scenario: reactivateScenario,
});

export const userCheckFactories = [
  probeRow({
    id: 'lifecycle.connection.user-probe',
    steps: ['probe-absent-user', 'probe-user-list'],
    title: "The IdP's connection test on /Users succeeds",
    explanation:
      'Entra queries a random GUID and needs a 200 empty ListResponse (a 404 fails Test Connection); Okta lists with startIndex=1&count=2; OneLogin accepts an empty list or 404.',
    ...probe('userProbe', 'lifecycle.connection.user-probe'),
  }),
  probeRow({
    id: 'lifecycle.connection.group-probe',
    steps: ['probe-absent-group', 'probe-group-list'],
    title: "The IdP's connection test on /Groups succeeds",
    explanation: 'Entra also fetches a random group and Okta lists /Groups when the connection is saved.',
    ...probe('groupProbe', 'lifecycle.connection.group-probe'),
  }),
  connectionRow({
    id: 'lifecycle.connection.paging-integers',
    steps: ['probe-user-list', 'probe-absent-user'],
    title: 'ListResponse paging fields are JSON integers',
    level: 'SHOULD',
    source: ['docs/idp/okta.md#import', 'docs/idp/okta.md#responses'],
    explanation:
      "Okta's OIN spec test requires integer totalResults, startIndex and itemsPerPage; the live provisioner is not documented to refuse strings (GitLab, an OIN app, answers startIndex as a string), hence SHOULD.",
    evidence: (run) => [run.userProbe],
    judge: (run, p) => {
      if (!p.responses.integerPaging) return { skip: `${p.name} does not judge the type of paging fields` };
      return onBodyWhen(run.userProbe, [200], 'lifecycle.connection.user-probe', integerPaging);
    },
  }),
  lifecycleCheck({
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
    judge: (run, p) => matchedNothing(run.match, p, 'the match query', 'lifecycle.create.match-empty'),
  }),
  createRow({
    id: CREATE_STATUS,
    title: 'Creating the user answers as the IdP expects (201)',
    source: CREATE,
    explanation:
      'The POST of the IdP-rendered user (its schemas, mapping, extras and encodings) must be accepted.',
    evidence: (run) => [run.post],
    judge: (run, p) => statusIn(run.post, p.responses.createStatus, 'the POST', CREATE_STATUS),
  }),
  createRow({
    id: 'lifecycle.create.returns-id',
    title: 'The created user comes back with its id',
    source: [
      'docs/idp/entra-id.md#create-and-matching',
      'docs/idp/entra-id.md#responses-and-retries',
      'docs/idp/okta.md#create',
    ],
    explanation:
      'The IdP caches the id from the create response for every later request; Okta fails on an empty body ("Create new user returned empty user").',
    evidence: (run) => [run.post],
    judge: (run, p) =>
      onBodyWhen(run.post, p.responses.createStatus, CREATE_STATUS, () =>
        run.id ? undefined : fail('ATTRIBUTE_MISSING', 'the create response has no id', { pointer: '/id' }),
      ),
  }),
  createRow({
    id: 'lifecycle.create.required-fields',
    title: 'The created user carries the attributes the IdP reads',
    source: [
      'docs/idp/entra-id.md#responses-and-retries',
      'docs/idp/okta.md#responses',
      'docs/idp/onelogin.md#lifecycle',
    ],
    explanation:
      'Okta reads id, userName, name.givenName/familyName, active and emails[0].value; OneLogin fails provisioning without name.givenName and name.familyName.',
    evidence: (run) => [run.post],
    judge: (run, p) =>
      onBodyWhen(run.post, p.responses.createStatus, CREATE_STATUS, (body) =>
        requiredFields(body, p.responses.userRequired),
      ),
  }),
  lifecycleCheck({
    id: READ_BACK,
    steps: ['read-user'],
    title: 'The user can be read back by its id with the attributes the IdP reads',
    level: 'MUST',
    rfc: 'RFC7644 3.4.1',
    source: [
      'docs/idp/entra-id.md#updates',
      'docs/idp/okta.md#profile-updates',
      'docs/idp/okta.md#responses',
    ],
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
  }),
  lifecycleCheck({
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
  }),
  duplicateRow({
    id: 'lifecycle.duplicate.no-second-user',
    title: 'Creating the same user again never makes a second one',
    level: 'MUST',
    source: ['docs/idp/entra-id.md#responses-and-retries', 'docs/idp/okta.md#create'],
    explanation:
      'An IdP re-POSTs when its match missed; answering with a second user leaves duplicates that break every later match. 409, or the existing user (GitLab is idempotent), is fine.',
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
  }),
  duplicateRow({
    id: 'lifecycle.duplicate.conflict-409',
    title: 'Creating the same user again answers 409 Conflict',
    level: 'SHOULD',
    source: [
      'docs/idp/entra-id.md#responses-and-retries',
      'docs/idp/okta.md#create',
      'docs/idp/okta.md#responses',
    ],
    explanation:
      "The Entra SCIM validator and Okta's OIN spec test expect 409 for a duplicate; at run time the IdPs log it as a conflict, so an idempotent answer still works (SHOULD).",
    evidence: (run) => firstSent([run.again], [run.first.post]),
    judge: (run) => statusIn(run.again, [409], 'the first user could not be created', CREATE_STATUS),
  }),
  update.accepted({
    id: 'lifecycle.update.accepted',
    title: "The IdP's attribute update is accepted",
    explanation:
      'Entra PATCHes the diff in its dialect (capitalised ops and string values, or the aadOptscim062020 path-less form); Okta GETs then PUTs; OneLogin PUTs its template to /Users/{id}?.',
    // Okta reads the user before its PUT (RFC 7644 §3.4.1): a failed read fails the update.
    judge: (run, p, ctx) =>
      run.before && run.before.status !== 200
        ? fail('STATUS_MISMATCH', `the GET before the PUT answered ${run.before.status}`, {
            expected: 200,
            actual: run.before.status,
          })
        : acceptedWrite(UPDATE).judge(run, p, ctx),
  }),
  update.applied({
    id: 'lifecycle.update.persisted',
    title: 'The updated attributes read back as sent',
    level: 'SHOULD',
    source: ['docs/idp/entra-id.md#updates', 'docs/idp/entra-id.md#responses-and-retries'],
    explanation:
      'A value the SP drops or changes looks like a new diff on every cycle, so Entra re-sends it forever; provisioning still works, hence SHOULD.',
    readBack: (body, run, _p, ctx) => persistedOffered(body, run.changes, ctx.target.capabilities.schemas),
  }),
  deactivate.accepted({
    id: 'lifecycle.deactivate.accepted',
    title: "The IdP's disable request is accepted",
    explanation:
      'Entra sends Replace active "False" (or false with aadOptscim062020), Okta a path-less replace {active:false}, AIW apps a full PUT.',
  }),
  deactivate.applied({
    id: 'lifecycle.deactivate.applied',
    title: 'The disabled user reads back with active false',
    explanation:
      'An SP that answers 2xx but keeps the user active leaves a deprovisioned person with access.',
    readBack: (body) => activeIs(body, false),
  }),
  lifecycleCheck({
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
  }),
  reactivate.accepted({
    id: 'lifecycle.reactivate.accepted',
    title: "The IdP's re-enable request is accepted",
    explanation: 'Re-enabling is the disable request with true ("True" for legacy Entra).',
  }),
  reactivate.applied({
    id: 'lifecycle.reactivate.applied',
    title: 'The re-enabled user reads back with active true',
    explanation: 'A user the IdP re-enabled must be able to sign in again.',
    readBack: (body) => activeIs(body, true),
  }),
];
export const finalCheckFactories = [
  lifecycleCheck({
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
  }),
];
