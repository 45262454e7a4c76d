/** PATCH (RFC 7644 §3.5.2): add, replace, remove with and without paths, value paths, errors, atomicity and IdP dialects. */
import {
  aliasEmail,
  attr,
  bodyVerdict,
  defineSuite,
  expectAttr,
  expectErrorBody,
  expectStatus,
  expectUnassigned,
  fail,
  inconclusive,
  multi,
  skip,
  URN,
  verdict,
} from '../support/index.js';
import type { AnyCheck, JsonObject, Verdict } from '../support/index.js';
import {
  VALUE_PATH_ROOT,
  afterPatch,
  applied,
  emailOfType,
  patchCase,
  patchCheck,
  twoEmailsUser,
  type Patched,
} from './scenarios.js';
import { morePatchChecks } from './more-checks.js';

/**
 * Inconclusive when the target accepted the PATCH whose second operation was meant to fail: no operation
 * failed, so whether a failure would undo the first one was not observed (RFC 7644 §3.5.2).
 */
function atomicUnobserved(p: Patched): Verdict | undefined {
  const status = p.patch.status;
  if (status === undefined || status < 200 || status >= 300) return undefined;
  return inconclusive(
    `the target accepted the operation meant to fail (answered ${status}), so atomicity could not be observed`,
    p.patch.exchange,
  );
}

/** Judges a PATCH that must be refused with `status` and `scimType`. */
function refused(p: Patched, status: number, scimType?: string): Verdict {
  return verdict(expectErrorBody(p.patch, status, scimType));
}

const addTitle = patchCase('patch.case.add-title', {
  ops: () => [{ op: 'add', path: 'title', value: 'Added Title' }],
  wait: true,
});
/** Optional core attributes (RFC 7643 §4.1.1) a case may write besides title, in order of preference. */
const SECOND_ATTRIBUTE = ['nickName', 'displayName', 'profileUrl', 'preferredLanguage'] as const;
const SECOND_VALUE: Record<string, string> = {
  nickName: 'pl',
  displayName: 'Pathless Name',
  profileUrl: 'https://example.com/pathless',
  preferredLanguage: 'en-GB',
};

const addPathless = patchCase('patch.case.add-pathless', {
  attribute: SECOND_ATTRIBUTE,
  ops: (_u, a) => [{ op: 'add', value: { title: 'Pathless', [a]: SECOND_VALUE[a] } }],
});
const addEmail = patchCase('patch.case.add-email', {
  ops: (u) => [
    {
      op: 'add',
      path: 'emails',
      value: [{ value: aliasEmail(u.sent['userName'], 'extra'), type: 'other' }],
    },
  ],
});
const addName = patchCase('patch.case.add-name', {
  ops: () => [{ op: 'add', path: 'name', value: { givenName: 'Merged' } }],
});
const replaceTitle = patchCase('patch.case.replace-title', {
  user: () => ({ title: 'Old' }),
  ops: () => [{ op: 'replace', path: 'title', value: 'New' }],
});
const replacePathless = patchCase('patch.case.replace-pathless', {
  user: () => ({ title: 'Old', displayName: 'Keep Me' }),
  ops: () => [{ op: 'replace', value: { title: 'Replaced' } }],
});
const replaceDotted = patchCase('patch.case.replace-dotted-key', {
  ops: () => [{ op: 'replace', value: { 'name.givenName': 'Dotted' } }],
});
const replaceEmails = patchCase('patch.case.replace-emails', {
  user: twoEmailsUser,
  ops: (u) => [
    {
      op: 'replace',
      path: 'emails',
      value: [{ value: aliasEmail(u.sent['userName'], 'only'), type: 'work' }],
    },
  ],
});
const replaceValuePath = patchCase('patch.case.replace-value-path', {
  user: twoEmailsUser,
  ops: (u) => [{ op: 'replace', path: 'emails[type eq "work"].value', value: changedWorkEmail(u.sent) }],
});
const replaceNoMatch = patchCase('patch.case.replace-no-match', {
  user: twoEmailsUser,
  ops: () => [{ op: 'replace', path: 'emails[type eq "nosuchtype"].value', value: 'x@example.com' }],
});
const replaceAbsent = patchCase('patch.case.replace-absent', {
  attribute: ['nickName', 'profileUrl', 'preferredLanguage', 'title'],
  // Created without the attribute, so the replace meets an absent target.
  user: (_tag, a) => ({ [a]: undefined }),
  ops: (_u, a) => [{ op: 'replace', path: a, value: FRESH_VALUE[a] }],
});
const FRESH_VALUE: Record<string, string> = {
  nickName: 'FreshNick',
  profileUrl: 'https://example.com/fresh',
  preferredLanguage: 'fr-CA',
  title: 'Fresh Title',
};
const removeTitle = patchCase('patch.case.remove-title', {
  user: () => ({ title: 'Doomed' }),
  ops: () => [{ op: 'remove', path: 'title' }],
});
const removeFiltered = patchCase('patch.case.remove-filtered', {
  user: twoEmailsUser,
  ops: () => [{ op: 'remove', path: 'emails[type eq "home"]' }],
});
const removeNoPath = patchCase('patch.case.remove-no-path', { ops: () => [{ op: 'remove' }] });
const removeUserName = patchCase('patch.case.remove-username', {
  ops: () => [{ op: 'remove', path: 'userName' }],
});
const primary = patchCase('patch.case.primary', {
  user: twoEmailsUser,
  ops: () => [{ op: 'replace', path: 'emails[type eq "home"].primary', value: true }],
});
const readOnly = patchCase('patch.case.read-only', {
  ops: () => [{ op: 'replace', path: 'id', value: 'client-chosen-id' }],
});
const invalidPath = patchCase('patch.case.invalid-path', {
  ops: () => [{ op: 'replace', path: 'emails[type eq', value: 'x' }],
});
const invalidValue = patchCase('patch.case.invalid-value', {
  ops: () => [{ op: 'replace', path: 'active', value: { not: 'a boolean' } }],
});
const atomic = patchCase('patch.case.atomic', {
  user: () => ({ title: 'Untouched' }),
  ops: () => [
    { op: 'replace', path: 'title', value: 'Half Applied' },
    { op: 'replace', path: 'emails[type eq "nosuchtype"].value', value: 'x@example.com' },
  ],
});
const noSchemas = patchCase('patch.case.no-schemas', {
  ops: () => ({ raw: { Operations: [{ op: 'replace', path: 'title', value: 'NoSchemas' }] } }),
});
const badOp = patchCase('patch.case.bad-op', { ops: () => [{ op: 'delete', path: 'title' }] });
const withAttributes = patchCase('patch.case.attributes', {
  ops: () => [{ op: 'replace', path: 'title', value: 'Projected' }],
  query: { attributes: 'userName' },
});
const entraOp = patchCase('patch.case.entra-capitalised', {
  ops: () => [{ op: 'Replace', path: 'title', value: 'Entra' }],
});
const entraBool = patchCase('patch.case.entra-string-boolean', {
  ops: () => [{ op: 'replace', path: 'active', value: 'False' }],
});
const oktaActive = patchCase('patch.case.okta-pathless-active', {
  ops: () => [{ op: 'replace', value: { active: false } }],
});
const pathActive = patchCase('patch.case.path-active', {
  ops: () => [{ op: 'replace', path: 'active', value: false }],
});

export const patchChecks: AnyCheck[] = [
  patchCheck({
    id: 'patch.status.success-200-or-204',
    title: 'A valid PATCH answers 200 or 204',
    level: 'MUST',
    requirements: ['7644-3.5.2-p'],
    explanation: 'RFC 7644 §3.5.2: success is 200 with the resource or 204 No Content.',
    scenario: addTitle,
    assert: (p) => verdict(expectStatus(p.patch, [200, 204])),
  }),
  patchCheck({
    id: 'patch.add.path-sets-value',
    title: 'add with a path sets an absent attribute',
    level: 'MUST',
    requirements: ['7644-3.5.2.1-c'],
    explanation: 'RFC 7644 §3.5.2.1: if the target does not exist, add creates it; the next GET shows it.',
    scenario: addTitle,
    assert: (p) => applied(p, (b) => expectAttr(b, 'title', 'Added Title')),
  }),
  patchCheck({
    id: 'patch.response.reflects-change',
    title: 'A 200 PATCH response shows the change',
    level: 'MUST',
    requirements: ['7644-3.5.2-p', '7644-3.1-d'],
    explanation:
      'When PATCH answers 200, the body is the updated resource (RFC 7644 §3.5.2); a 204 is judged on the GET instead.',
    scenario: addTitle,
    assert: (p) =>
      p.patch.status === 204
        ? skip('PATCH answered 204 No Content, which RFC 7644 §3.5.2 allows')
        : bodyVerdict(p.patch, 200, (b) => expectAttr(b, 'title', 'Added Title')),
  }),
  patchCheck({
    id: 'patch.response.schema-valid',
    title: 'A 200 PATCH response is a valid User',
    level: 'MUST',
    requirements: ['7643-3-a', '7644-3.5.2-p'],
    explanation: 'The resource returned by PATCH is a full User representation (RFC 7643 §4.1).',
    scenario: addTitle,
    assert: (p, ctx) =>
      p.patch.status === 204
        ? skip('PATCH answered 204 No Content')
        : bodyVerdict(p.patch, 200, (b) => ctx.validate(URN.user, b)[0]),
  }),
  patchCheck({
    id: 'patch.meta.last-modified-advances',
    title: 'meta.lastModified advances after a PATCH',
    level: 'MUST',
    requirements: ['7643-3.1-q'],
    explanation: 'RFC 7643 §3.1: lastModified records the latest change; sync jobs filter on it.',
    scenario: addTitle,
    assert: (p) =>
      applied(p, (b) => {
        const before = Date.parse(String(attr(p.user.body, 'meta.lastModified')));
        const now = Date.parse(String(attr(b, 'meta.lastModified')));
        return now > before
          ? undefined
          : fail(
              'VALUE_MISMATCH',
              `meta.lastModified did not advance (${String(attr(b, 'meta.lastModified'))})`,
              {
                expected: `later than ${String(attr(p.user.body, 'meta.lastModified'))}`,
                actual: attr(b, 'meta.lastModified'),
                pointer: '/meta/lastModified',
              },
            );
      }),
  }),
  patchCheck({
    id: 'patch.add.pathless-object',
    title: 'add without a path sets every attribute of the value object',
    level: 'MUST',
    requirements: ['7644-3.5.2.1-b', '7644-3.5.2-f'],
    explanation: 'RFC 7644 §3.5.2.1: without path, value is a set of attributes to add to the resource.',
    scenario: addPathless,
    assert: (p) =>
      applied(
        p,
        (b) =>
          expectAttr(b, 'title', 'Pathless') ??
          expectAttr(b, String(p.attribute), SECOND_VALUE[String(p.attribute)]),
      ),
  }),
  patchCheck({
    id: 'patch.add.multi-valued-appends',
    title: 'add to emails appends and keeps the existing email',
    level: 'MUST',
    requirements: ['7644-3.5.2.1-e'],
    explanation: 'RFC 7644 §3.5.2.1: adding to a multi-valued attribute adds values; existing ones stay.',
    scenario: addEmail,
    assert: (p) =>
      applied(p, (b) => {
        const n = multi(b, 'emails').length;
        return n === 2
          ? undefined
          : fail('VALUE_MISMATCH', `emails has ${n} values after adding one to one`, {
              expected: 2,
              actual: n,
              pointer: '/emails',
            });
      }),
  }),
  patchCheck({
    id: 'patch.add.complex-merges',
    title: 'add to name sets givenName and keeps familyName',
    level: 'MUST',
    requirements: ['7644-3.5.2.1-d'],
    explanation:
      'RFC 7644 §3.5.2.1: for a complex target the value holds sub-attributes; unspecified ones are kept.',
    scenario: addName,
    assert: (p) =>
      applied(
        p,
        (b) =>
          expectAttr(b, 'name.givenName', 'Merged') ??
          expectAttr(b, 'name.familyName', attr(p.user.sent, 'name.familyName')),
      ),
  }),
  patchCheck({
    id: 'patch.replace.path-single-valued',
    title: 'replace with a path changes the value',
    level: 'MUST',
    requirements: ['7644-3.5.2.3-a', '7644-3.5.2.1-f'],
    explanation: 'RFC 7644 §3.5.2.3: replace sets the target to the new value.',
    scenario: replaceTitle,
    assert: (p) => applied(p, (b) => expectAttr(b, 'title', 'New')),
  }),
  patchCheck({
    id: 'patch.replace.pathless',
    title: 'replace without a path replaces the named attributes and keeps the rest',
    level: 'MUST',
    requirements: ['7644-3.5.2.3-a'],
    explanation: 'RFC 7644 §3.5.2.3: without path, value lists attributes to replace; others are untouched.',
    scenario: replacePathless,
    assert: (p) =>
      applied(p, (b) => expectAttr(b, 'title', 'Replaced') ?? expectAttr(b, 'displayName', 'Keep Me')),
  }),
  patchCheck({
    id: 'patch.replace.pathless-dotted-key',
    title: 'replace without a path accepts a dotted key (name.givenName)',
    level: 'SHOULD',
    requirements: ['7644-3.5.2.3-a', '7644-3.10-b'],
    profiles: ['rfc', 'entra-id'],
    explanation:
      'Entra ID sends {"op":"replace","value":{"name.givenName":"…"}}; the attribute notation of RFC 7644 §3.10 makes the key a path to the sub-attribute.',
    scenario: replaceDotted,
    assert: (p) => applied(p, (b) => expectAttr(b, 'name.givenName', 'Dotted')),
  }),
  patchCheck({
    id: 'patch.replace.multi-valued-whole-set',
    title: 'replace on emails without a filter replaces the whole set',
    level: 'MUST',
    requirements: ['7644-3.5.2.3-c'],
    explanation:
      'RFC 7644 §3.5.2.3: replacing a multi-valued attribute without a value filter replaces all its values.',
    scenario: replaceEmails,
    assert: (p) =>
      applied(p, (b) => {
        const n = multi(b, 'emails').length;
        return n === 1
          ? undefined
          : fail('VALUE_MISMATCH', `emails has ${n} values, expected only the replacement`, {
              expected: 1,
              actual: n,
              pointer: '/emails',
            });
      }),
  }),
  patchCheck({
    id: 'patch.replace.value-path-sub-attribute',
    title: 'replace emails[type eq "work"].value changes only the work email',
    level: 'MUST',
    requirements: ['7644-3.5.2.3-g', '7644-3.5.2-g'],
    explanation:
      'RFC 7644 §3.5.2.3: a value path plus sub-attribute replaces that sub-attribute in every matching value; Entra updates emails this way.',
    scenario: replaceValuePath,
    assert: (p) =>
      applied(p, (b) => {
        const w = emailOfType(b, 'work');
        const h = emailOfType(b, 'home');
        const changed = changedWorkEmail(p.user.sent);
        return w?.['value'] === changed && h?.['value'] === attr(TWO_EMAILS_FIRST(p), 'value')
          ? undefined
          : fail('VALUE_MISMATCH', 'the work email was not changed alone', {
              expected: changed,
              actual: w?.['value'],
              pointer: '/emails',
            });
      }),
  }),
  patchCheck({
    id: 'patch.replace.value-path-no-match',
    title: 'replace through a value filter that matches nothing answers 400 noTarget',
    level: 'MUST',
    requirements: ['7644-3.5.2.3-h'],
    explanation: 'RFC 7644 §3.5.2.3: a value filter with no match SHALL answer 400 noTarget.',
    scenario: replaceNoMatch,
    assert: (p) => refused(p, 400, 'noTarget'),
  }),
  patchCheck({
    id: 'patch.replace.absent-target-adds',
    title: 'replace on an absent attribute sets it',
    level: 'MUST',
    requirements: ['7644-3.5.2.3-d'],
    explanation: 'RFC 7644 §3.5.2.3: when the target has no value, replace acts as add.',
    scenario: replaceAbsent,
    assert: (p) => applied(p, (b) => expectAttr(b, String(p.attribute), FRESH_VALUE[String(p.attribute)])),
  }),
  patchCheck({
    id: 'patch.remove.single-valued',
    title: 'remove with a path unassigns the attribute',
    level: 'MUST',
    requirements: ['7644-3.5.2.2-b'],
    explanation: 'RFC 7644 §3.5.2.2: removing a single-valued attribute leaves it unassigned.',
    scenario: removeTitle,
    assert: (p) => applied(p, (b) => expectUnassigned(b, 'title')),
  }),
  patchCheck({
    id: 'patch.remove.value-filter',
    title: 'remove emails[type eq "home"] removes only the home email',
    level: 'MUST',
    requirements: ['7644-3.5.2.2-e'],
    dependsOn: [VALUE_PATH_ROOT],
    explanation: 'RFC 7644 §3.5.2.2: a value filter removes the matching values and keeps the others.',
    scenario: removeFiltered,
    assert: (p) =>
      applied(p, (b) =>
        emailOfType(b, 'home')
          ? fail('ATTRIBUTE_UNEXPECTED', 'the home email is still there', { pointer: '/emails' })
          : emailOfType(b, 'work')
            ? undefined
            : fail('ATTRIBUTE_MISSING', 'the work email was removed too', { pointer: '/emails' }),
      ),
  }),
  patchCheck({
    id: 'patch.remove.no-path-no-target',
    title: 'remove without a path answers 400 noTarget',
    level: 'MUST',
    requirements: ['7644-3.5.2.2-a', '7644-3.5.2-f'],
    explanation: 'RFC 7644 §3.5.2.2: remove needs a path; without one the server answers 400 noTarget.',
    scenario: removeNoPath,
    assert: (p) => refused(p, 400, 'noTarget'),
  }),
  patchCheck({
    id: 'patch.remove.required-refused',
    title: 'remove userName answers 400',
    level: 'MUST',
    requirements: ['7644-3.5.2.2-f'],
    explanation:
      'RFC 7644 §3.5.2.2: removing a required attribute fails (mutability); a User without userName is invalid.',
    scenario: removeUserName,
    assert: (p) => verdict(expectStatus(p.patch, 400)),
  }),
  patchCheck({
    id: 'patch.primary.single-primary',
    title: 'Making one email primary clears primary on the others',
    level: 'MUST',
    requirements: ['7644-3.5.2-m', '7643-2.4-c'],
    dependsOn: [VALUE_PATH_ROOT],
    explanation:
      'RFC 7643 §2.4: primary is true for at most one value; RFC 7644 §3.5.2 says setting it SHALL clear the others.',
    scenario: primary,
    assert: (p) =>
      applied(p, (b) => {
        const n = multi(b, 'emails').filter((e) => e['primary'] === true).length;
        const home = emailOfType(b, 'home');
        return n === 1 && home?.['primary'] === true
          ? undefined
          : fail('VALUE_MISMATCH', `${n} emails are primary after making the home email primary`, {
              expected: 1,
              actual: n,
              pointer: '/emails',
            });
      }),
  }),
  patchCheck({
    id: 'patch.read-only.mutability',
    title: 'replace on id answers 400 mutability',
    level: 'MUST',
    requirements: ['7644-3.5.2-h', '7643-7-m'],
    explanation: 'RFC 7644 §3.5.2: an operation on a readOnly attribute fails with 400 mutability.',
    scenario: readOnly,
    assert: (p) => refused(p, 400, 'mutability'),
  }),
  patchCheck({
    id: 'patch.error.invalid-path',
    title: 'A malformed path answers 400 invalidPath',
    level: 'MUST',
    requirements: ['7644-3.5.2-g'],
    explanation: 'RFC 7644 §3.5.2 Figure 7 and §3.12 Table 9: a path that does not parse is invalidPath.',
    scenario: invalidPath,
    assert: (p) => refused(p, 400, 'invalidPath'),
  }),
  patchCheck({
    id: 'patch.error.invalid-value',
    title: 'An object for the boolean active answers 400 invalidValue',
    level: 'MUST',
    requirements: ['7644-3.12-k'],
    explanation: 'RFC 7644 §3.12 Table 9: a value of the wrong type is invalidValue.',
    scenario: invalidValue,
    assert: (p) => refused(p, 400, 'invalidValue'),
  }),
  patchCheck({
    id: 'patch.atomic.rejected',
    title: 'A PATCH whose second operation fails is refused',
    level: 'MUST',
    requirements: ['7644-3.5.2-n'],
    explanation:
      'RFC 7644 §3.5.2: if any operation fails, the whole PATCH fails with an error. A target that accepts the second operation (a replace through a value filter that matches nothing; judged by patch.replace.value-path-no-match) leaves nothing to observe: inconclusive.',
    scenario: atomic,
    assert: (p) => atomicUnobserved(p) ?? verdict(expectStatus(p.patch, 400)),
  }),
  patchCheck({
    id: 'patch.atomic.nothing-applied',
    title: 'A refused PATCH leaves the resource unchanged',
    level: 'MUST',
    requirements: ['7644-3.5.2-n'],
    explanation:
      'RFC 7644 §3.5.2: PATCH is atomic; the first, valid operation must not survive the failure of the second. When the target accepts the operation meant to fail, atomicity cannot be observed: inconclusive.',
    scenario: atomic,
    assert: (p) => atomicUnobserved(p) ?? afterPatch(p, (b) => expectAttr(b, 'title', 'Untouched')),
  }),
  patchCheck({
    id: 'patch.message.schemas-required',
    title: 'A PatchOp without schemas answers 400',
    level: 'MUST',
    requirements: ['7644-3.5.2-c'],
    explanation: `RFC 7644 §3.5.2: the body MUST carry schemas ["${URN.patchOp}"].`,
    scenario: noSchemas,
    assert: (p) => verdict(expectStatus(p.patch, 400)),
  }),
  patchCheck({
    id: 'patch.message.unknown-op',
    title: 'An op other than add, remove or replace answers 400',
    level: 'MUST',
    requirements: ['7644-3.5.2-e'],
    explanation: 'RFC 7644 §3.5.2: each operation has exactly one op of add, remove or replace.',
    scenario: badOp,
    assert: (p) => verdict(expectStatus(p.patch, 400)),
  }),
  patchCheck({
    id: 'patch.attributes.returns-200',
    title: 'PATCH with ?attributes answers 200 with the projected resource',
    level: 'MUST',
    requirements: ['7644-3.5.2-q'],
    explanation:
      'RFC 7644 §3.5.2: when attributes is requested the server MUST return 200 with the resource, not 204.',
    scenario: withAttributes,
    assert: (p) =>
      bodyVerdict(p.patch, 200, (b) =>
        attr(b, 'userName') === undefined
          ? fail('ATTRIBUTE_MISSING', 'userName was requested but is missing', { pointer: '/userName' })
          : undefined,
      ),
  }),
  patchCheck({
    id: 'patch.dialect.capitalised-op',
    title: 'An op spelt "Replace" is applied',
    level: 'SHOULD',
    requirements: ['7644-3.5.2-e'],
    // Only the Entra verdict: RFC 7644 §3.5.2 names the ops in lower case, so a server that refuses
    // "Replace" still conforms (SCIMMY-style strictness must not fail the rfc verdict).
    profiles: ['entra-id'],
    explanation:
      'Entra ID sends "Add"/"Replace"/"Remove"; refusing them breaks every Entra update. RFC 7644 spells ops in lower case, so this is interoperability, not an RFC requirement.',
    scenario: entraOp,
    assert: (p) => applied(p, (b) => expectAttr(b, 'title', 'Entra')),
  }),
  patchCheck({
    id: 'patch.dialect.string-boolean',
    title: 'active "False" (a string) disables the User',
    level: 'SHOULD',
    requirements: ['7643-4.1.1-g'],
    // Only the Entra verdict: a boolean is the JSON literal true/false (RFC 7643 §2.3.2), so refusing the
    // string "False" with 400 invalidValue conforms to the RFC (SCIMMY does exactly that).
    profiles: ['entra-id'],
    explanation:
      'Entra ID (without the aadOptscim062020 flag) sends booleans as "True"/"False"; rejecting them means users are never deprovisioned. RFC 7643 §2.3.2 booleans are JSON literals, so this is interoperability, not an RFC requirement.',
    scenario: entraBool,
    assert: (p) => applied(p, (b) => expectAttr(b, 'active', false)),
  }),
  patchCheck({
    id: 'patch.dialect.pathless-active',
    title: 'replace without a path {"active":false} disables the User',
    level: 'MUST',
    requirements: ['7644-3.5.2.3-a', '7643-4.1.1-g'],
    profiles: ['rfc', 'okta'],
    explanation:
      'Okta deactivates with a path-less replace of active (RFC 7644 §3.5.2.3); a server that drops it keeps departed users active.',
    scenario: oktaActive,
    assert: (p) => applied(p, (b) => expectAttr(b, 'active', false)),
  }),
  patchCheck({
    id: 'patch.replace.active-path',
    title: 'replace path active false disables the User',
    level: 'MUST',
    requirements: ['7644-3.5.2.3-a', '7643-4.1.1-g'],
    profiles: ['rfc', 'entra-id', 'okta'],
    explanation: 'Deprovisioning by PATCH of active is the most common IdP write (RFC 7644 §3.5.2.3).',
    scenario: pathActive,
    assert: (p) => applied(p, (b) => expectAttr(b, 'active', false)),
  }),
];

/** The new work address of the value-path replace: unique to the User, so no other User already holds it. */
function changedWorkEmail(sent: JsonObject): string {
  return aliasEmail(sent['userName'], 'changed');
}

function TWO_EMAILS_FIRST(p: Patched): JsonObject {
  return multi(p.user.sent, 'emails').find((e) => e['type'] === 'home') ?? {};
}

export const patchSuite = defineSuite({
  name: 'patch',
  title: 'PATCH',
  description:
    'add/replace/remove with and without paths, value paths, primary, mutability and path errors, atomicity, 200 vs 204, and Entra/Okta dialects.',
  checks: [...patchChecks, ...morePatchChecks],
});
