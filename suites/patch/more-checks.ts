/**
 * More PATCH checks (RFC 7644 §3.5.2): message shape, `add` without a value, idempotent re-add, removing a
 * whole multi-valued attribute, complex and value-path replaces, and operations on an extension in sequence.
 * @module
 */
import {
  aliasEmail,
  attr,
  enterpriseOf,
  expectAttr,
  expectErrorBody,
  expectUnassigned,
  fail,
  multi,
  needsEnterpriseExtension,
  URN,
  verdict,
} from '../support/index.js';
import type { AnyCheck } from '../support/index.js';
import { VALUE_PATH_ROOT, applied, emailOfType, patchCase, patchCheck, twoEmailsUser } from './scenarios.js';

const emptyOperations = patchCase('patch.case.empty-operations', {
  ops: () => ({ raw: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [] } }),
});
const addNoValue = patchCase('patch.case.add-no-value', { ops: () => [{ op: 'add', path: 'title' }] });
const reAddEmail = patchCase('patch.case.re-add-email', {
  user: (tag) => ({ emails: [{ value: `${tag}@same.example`, type: 'work' }] }),
  ops: (u) => [{ op: 'add', path: 'emails', value: multi(u.body, 'emails').map((e) => ({ ...e })) }],
  wait: true,
});
const removeEmails = patchCase('patch.case.remove-emails', {
  user: twoEmailsUser,
  ops: () => [{ op: 'remove', path: 'emails' }],
});
const replaceName = patchCase('patch.case.replace-name', {
  user: () => ({ name: { givenName: 'Keep', familyName: 'Old' } }),
  ops: () => [{ op: 'replace', path: 'name', value: { familyName: 'New' } }],
});
const replaceWorkEmail = patchCase('patch.case.replace-work-email', {
  user: twoEmailsUser,
  ops: (u) => [
    {
      op: 'replace',
      path: 'emails[type eq "work"]',
      value: { value: aliasEmail(u.sent['userName'], 'new'), type: 'work' },
    },
  ],
});
const ENTERPRISE = URN.enterpriseUser;
const extensionSequence = patchCase('patch.case.extension-sequence', {
  ops: () => [
    { op: 'add', path: `${ENTERPRISE}:department`, value: 'Sequenced' },
    { op: 'replace', path: `${ENTERPRISE}:costCenter`, value: 'CC-2' },
  ],
});

export const morePatchChecks: AnyCheck[] = [
  patchCheck({
    id: 'patch.message.operations-empty-rejected',
    title: 'A PatchOp with an empty Operations array should be refused with 400',
    level: 'SHOULD',
    strictLevel: 'MUST',
    requirements: ['7644-3.5.2-d'],
    fix: 'Answer a PatchOp whose Operations array is empty with 400 invalidSyntax.',
    explanation:
      'RFC 7644 §3.5.2 says the body MUST contain "Operations", an array of one or more operations: a requirement on the client. A server that answers an empty array as a no-op is lenient, not forbidden, so refusing it is SHOULD (MUST under --strict; docs/verdicts.md, contested readings).',
    scenario: emptyOperations,
    assert: (p) => verdict(expectErrorBody(p.patch, 400)),
  }),
  patchCheck({
    id: 'patch.add.value-required',
    title: 'add without a value should be refused with 400',
    level: 'SHOULD',
    strictLevel: 'MUST',
    requirements: ['7644-3.5.2.1-a'],
    fix: 'Answer an add operation without a value with 400 invalidValue.',
    explanation:
      'RFC 7644 §3.5.2.1: the "add" operation MUST contain a "value", a requirement on the client; a server that ignores such an operation is lenient, not forbidden, so refusing it is SHOULD (MUST under --strict; docs/verdicts.md, contested readings).',
    scenario: addNoValue,
    assert: (p) => verdict(expectErrorBody(p.patch, 400)),
  }),
  patchCheck({
    id: 'patch.add.existing-value-no-duplicate',
    title: 'Adding a value that is already present leaves one copy',
    level: 'SHOULD',
    requirements: ['7644-3.5.2.1-g'],
    explanation:
      'RFC 7644 §3.5.2.1: if the target already contains the value, no changes SHOULD be made and success SHOULD be returned; a duplicate email is a change.',
    scenario: reAddEmail,
    assert: (p) =>
      applied(p, (b) => {
        const sent = String(multi(p.user.body, 'emails')[0]?.['value'] ?? '').toLowerCase();
        const copies = multi(b, 'emails').filter((e) => String(e['value']).toLowerCase() === sent);
        return copies.length === 1
          ? undefined
          : fail('VALUE_MISMATCH', `emails holds ${copies.length} copies of ${sent}, expected 1`, {
              expected: 1,
              actual: copies.length,
              pointer: '/emails',
            });
      }),
  }),
  patchCheck({
    id: 'patch.add.existing-value-keeps-last-modified',
    title: 'Adding a value that is already present does not move meta.lastModified',
    level: 'MUST',
    requirements: ['7644-3.5.2.1-g'],
    explanation:
      'RFC 7644 §3.5.2.1: unless other operations change the resource, re-adding an existing value SHALL NOT change the modify timestamp, so sync clients do not see phantom updates.',
    scenario: reAddEmail,
    assert: (p) =>
      applied(p, (b) => {
        const before = attr(p.user.body, 'meta.lastModified');
        if (typeof before !== 'string') return undefined;
        const now = attr(b, 'meta.lastModified');
        return now === before
          ? undefined
          : fail('VALUE_MISMATCH', `meta.lastModified moved from ${before} to ${String(now)}`, {
              expected: before,
              actual: now,
              pointer: '/meta/lastModified',
            });
      }),
  }),
  patchCheck({
    id: 'patch.remove.multi-valued-all',
    title: 'remove on a multi-valued attribute without a filter removes every value',
    level: 'MUST',
    requirements: ['7644-3.5.2.2-c'],
    explanation:
      'RFC 7644 §3.5.2.2: if the target is a multi-valued attribute and no filter is given, the attribute and all its values SHALL be removed.',
    scenario: removeEmails,
    assert: (p) => applied(p, (b) => expectUnassigned(b, 'emails')),
  }),
  patchCheck({
    id: 'patch.replace.complex-keeps-unspecified',
    title: 'replace on a complex attribute keeps the sub-attributes it does not name',
    level: 'MUST',
    requirements: ['7644-3.5.2.3-e'],
    explanation:
      'RFC 7644 §3.5.2.3: for a complex target, the given sub-attributes are replaced and unspecified sub-attributes SHALL be left unchanged.',
    scenario: replaceName,
    assert: (p) =>
      applied(p, (b) => expectAttr(b, 'name.familyName', 'New') ?? expectAttr(b, 'name.givenName', 'Keep')),
  }),
  patchCheck({
    id: 'patch.replace.value-path-whole-value',
    title: 'replace with a value filter replaces the matching value and keeps the others',
    level: 'MUST',
    requirements: ['7644-3.5.2.3-f'],
    // One cause, one finding: a server without value-filter paths fails the root check only.
    dependsOn: [VALUE_PATH_ROOT],
    explanation:
      'RFC 7644 §3.5.2.3: with a valuePath filter, all matching records SHALL be replaced; values that do not match stay.',
    scenario: replaceWorkEmail,
    assert: (p) =>
      applied(p, (b) => {
        const wanted = aliasEmail(p.user.sent['userName'], 'new');
        const work = emailOfType(b, 'work');
        if (!work)
          return fail('ATTRIBUTE_MISSING', 'No work email after the replace', { pointer: '/emails' });
        if (String(work['value']).toLowerCase() !== wanted.toLowerCase())
          return fail('VALUE_MISMATCH', `The work email is ${String(work['value'])}`, {
            expected: wanted,
            actual: work['value'],
            pointer: '/emails',
          });
        if (!emailOfType(b, 'home'))
          return fail('ATTRIBUTE_MISSING', 'The home email, which did not match the filter, is gone', {
            pointer: '/emails',
          });
        return undefined;
      }),
  }),
  patchCheck({
    id: 'patch.extension.operations-in-sequence',
    title: 'Operations on extension attributes in one PATCH are all applied',
    level: 'MUST',
    requirements: ['7644-3.5.2-j'],
    requires: ['patch', 'resourceType:User'],
    explanation:
      'RFC 7644 §3.5.2: the current schemas are assumed and each operation sees what earlier ones did; adding one enterprise attribute and then replacing another must leave both set.',
    scenario: extensionSequence,
    assert: (p, ctx) =>
      needsEnterpriseExtension(ctx.target) ??
      applied(p, (b) => {
        const ext = enterpriseOf(b);
        const at = (name: string): unknown => attr(ext, name);
        if (at('department') !== 'Sequenced')
          return fail('VALUE_MISMATCH', 'The first operation (add department) was lost', {
            expected: 'Sequenced',
            actual: at('department'),
            pointer: `/${ENTERPRISE}/department`,
          });
        if (at('costCenter') !== 'CC-2')
          return fail('VALUE_MISMATCH', 'The second operation (replace costCenter) was lost', {
            expected: 'CC-2',
            actual: at('costCenter'),
            pointer: `/${ENTERPRISE}/costCenter`,
          });
        return undefined;
      }),
  }),
];
