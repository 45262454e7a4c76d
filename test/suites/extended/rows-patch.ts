/** Breakages of the patch suite. */
import {
  USER_BY_ID,
  answer,
  both,
  combine,
  on,
  rewriteJson,
  rewriteRequestJson,
  rewriteStatus,
  scimError,
  type Json,
  type Match,
} from './support/breakers.js';
import type { BreakageRow } from './support/row.js';

const patchUser = on('PATCH', USER_BY_ID);
const patchWith = (text: string): Match => both(patchUser, (req) => req.body.includes(text));
/** The server acknowledges every PATCH with 204 and applies nothing. */
const ignored = answer(patchUser, () => ({ status: 204, headers: {}, body: '' }));
const ops = (b: Json): Json[] => (Array.isArray(b['Operations']) ? (b['Operations'] as Json[]) : []);
const emails = (b: Json): Json[] => (Array.isArray(b['emails']) ? (b['emails'] as Json[]) : []);

export const PATCH_ROWS: BreakageRow[] = [
  {
    checkId: 'patch.status.success-200-or-204',
    breakage: 'PATCH answers 202',
    proxy: rewriteStatus(patchUser, 202),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'patch.add.path-sets-value',
    breakage: 'PATCH acknowledged, nothing applied',
    proxy: ignored,
    expectedCode: 'ATTRIBUTE_MISSING',
  },
  {
    checkId: 'patch.response.reflects-change',
    breakage: 'PATCH 200 body is the old resource',
    proxy: rewriteJson(patchUser, (b) => void delete b['title']),
    expectedCode: 'ATTRIBUTE_MISSING',
  },
  {
    checkId: 'patch.response.schema-valid',
    breakage: 'PATCH 200 body without schemas',
    proxy: rewriteJson(patchUser, (b) => void delete b['schemas']),
    expectedCode: 'SCHEMA_INVALID',
  },
  {
    checkId: 'patch.meta.last-modified-advances',
    breakage: 'lastModified stuck at created',
    proxy: rewriteJson(on('GET', USER_BY_ID), (b) => {
      const m = b['meta'] as Json;
      m['lastModified'] = m['created'];
    }),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'patch.add.pathless-object',
    breakage: 'quirk pathless-patch-ignored',
    quirks: ['pathless-patch-ignored'],
    expectedCode: 'ATTRIBUTE_MISSING',
  },
  {
    checkId: 'patch.add.multi-valued-appends',
    breakage: 'add on a multi-valued attribute replaces it',
    proxy: rewriteRequestJson(patchUser, (b) =>
      ops(b).forEach((o) => (o['op'] = o['op'] === 'add' ? 'replace' : o['op'])),
    ),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'patch.add.complex-merges',
    breakage: 'add on a complex attribute overwrites it',
    proxy: rewriteRequestJson(
      patchWith('"path":"name"'),
      (b) => void (b['Operations'] = [{ op: 'remove', path: 'name' }, ...ops(b)]),
    ),
    expectedCode: 'ATTRIBUTE_MISSING',
  },
  {
    checkId: 'patch.replace.path-single-valued',
    breakage: 'PATCH acknowledged, nothing applied',
    proxy: ignored,
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'patch.replace.pathless',
    breakage: 'quirk pathless-patch-ignored',
    quirks: ['pathless-patch-ignored'],
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'patch.replace.pathless-dotted-key',
    breakage: 'quirk pathless-patch-ignored',
    quirks: ['pathless-patch-ignored'],
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'patch.replace.multi-valued-whole-set',
    breakage: 'replace on a multi-valued attribute appends',
    proxy: rewriteRequestJson(patchUser, (b) => ops(b).forEach((o) => (o['op'] = 'add'))),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'patch.replace.value-path-sub-attribute',
    breakage: 'quirk value-path-patch-rejected',
    quirks: ['value-path-patch-rejected'],
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'patch.replace.value-path-no-match',
    breakage: 'unmatched value filter silently accepted',
    proxy: answer(patchWith('nosuchtype'), () => ({ status: 204, headers: {}, body: '' })),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'patch.replace.absent-target-adds',
    breakage: 'replace on an absent attribute answers noTarget',
    proxy: answer(patchWith('FreshNick'), () => scimError(400, 'noTarget')),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'patch.remove.single-valued',
    breakage: 'PATCH acknowledged, nothing applied',
    proxy: ignored,
    expectedCode: 'ATTRIBUTE_UNEXPECTED',
  },
  {
    checkId: 'patch.remove.value-filter',
    breakage: 'quirk value-path-patch-rejected',
    quirks: ['value-path-patch-rejected'],
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'patch.remove.no-path-no-target',
    breakage: 'path-less remove silently accepted',
    proxy: answer(
      both(patchUser, (req) => req.body.includes('"remove"') && !req.body.includes('"path"')),
      () => ({ status: 204, headers: {}, body: '' }),
    ),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'patch.remove.required-refused',
    breakage: 'remove of userName accepted',
    proxy: answer(patchWith('"path":"userName"'), () => ({ status: 204, headers: {}, body: '' })),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'patch.primary.single-primary',
    breakage: 'two emails left primary',
    proxy: rewriteJson(on('GET', USER_BY_ID), (b) => emails(b).forEach((e) => (e['primary'] = true))),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'patch.read-only.mutability',
    breakage: 'replace on id silently ignored',
    proxy: answer(patchWith('"path":"id"'), () => ({ status: 204, headers: {}, body: '' })),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'patch.error.invalid-path',
    breakage: 'invalidPath reported as invalidValue',
    proxy: rewriteJson(patchUser, (b) => void (b['scimType'] &&= 'invalidValue')),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'patch.error.invalid-value',
    breakage: 'wrongly typed value answers 500',
    proxy: rewriteStatus(patchWith('"not":"a boolean"'), 500),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'patch.atomic.rejected',
    breakage: 'the failing operation crashes the PATCH with 500',
    proxy: answer(patchWith('nosuchtype'), () => scimError(500)),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'patch.atomic.nothing-applied',
    breakage: 'operations before the failing one kept, then 400 answered',
    proxy: combine(
      rewriteRequestJson(patchUser, (b) => void (b['Operations'] = ops(b).slice(0, 1))),
      rewriteStatus(patchUser, 400),
    ),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'patch.message.schemas-required',
    breakage: 'PatchOp schemas not required',
    proxy: rewriteRequestJson(
      patchUser,
      (b) => void (b['schemas'] ??= ['urn:ietf:params:scim:api:messages:2.0:PatchOp']),
    ),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'patch.message.unknown-op',
    breakage: 'unknown op treated as remove',
    proxy: rewriteRequestJson(patchUser, (b) =>
      ops(b).forEach((o) => (o['op'] = o['op'] === 'delete' ? 'remove' : o['op'])),
    ),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'patch.attributes.returns-200',
    breakage: 'quirk patch-returns-204',
    quirks: ['patch-returns-204'],
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'patch.dialect.capitalised-op',
    breakage: 'quirk capitalised-ops-rejected',
    quirks: ['capitalised-ops-rejected'],
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'patch.dialect.string-boolean',
    breakage: 'quirk string-booleans-rejected',
    quirks: ['string-booleans-rejected'],
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'patch.dialect.pathless-active',
    breakage: 'quirk patch-active-ignored',
    quirks: ['patch-active-ignored'],
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'patch.replace.active-path',
    breakage: 'quirk patch-active-ignored',
    quirks: ['patch-active-ignored'],
    expectedCode: 'VALUE_MISMATCH',
  },
];
