/** ETags and conditional requests (RFC 7644 §3.14; RFC 7643 §3.1 meta.version). */
import {
  attr,
  bodyObject,
  checkRows,
  createUser,
  defineScenario,
  defineSuite,
  expectStatus,
  fail,
  forgetDeleted,
  get,
  isFailure,
  patch,
  patchOp,
  send,
  skip,
  verdict,
} from '../support/index.js';
import type { AnyCheck, Created, Guard, HttpResult, Verdict } from '../support/index.js';

interface Versions {
  user: Created;
  read: HttpResult;
  etag: string | undefined;
  modified: HttpResult;
  reread: HttpResult;
  notModified: HttpResult;
  staleRead: HttpResult;
  stalePatch: HttpResult;
  afterStale: HttpResult;
  currentPatch: HttpResult;
  stalePut: HttpResult;
  staleDelete: HttpResult;
}

const versions = defineScenario<Versions>({
  id: 'etag.fixture',
  requires: ['etag'],
  run: async (ctx) => {
    const user = await createUser(ctx, { title: 'v1' });
    const read = await get(ctx, user.path);
    const etag = read.headers['etag'];
    const modified = await patch(ctx, user.path, patchOp({ op: 'replace', path: 'title', value: 'v2' }));
    const reread = await get(ctx, user.path);
    const current = reread.headers['etag'] ?? 'W/"none"';
    const stale = etag ?? 'W/"stale"';
    const notModified = await get(ctx, user.path, undefined, { 'if-none-match': current });
    const staleRead = await get(ctx, user.path, undefined, { 'if-none-match': stale });
    const stalePatch = await patch(
      ctx,
      user.path,
      patchOp({ op: 'replace', path: 'title', value: 'lost-update' }),
      { headers: { 'if-match': stale } },
    );
    const afterStale = await get(ctx, user.path);
    const currentPatch = await patch(
      ctx,
      user.path,
      patchOp({ op: 'replace', path: 'nickName', value: 'guarded' }),
      { headers: { 'if-match': current } },
    );
    const { id: _i, meta: _m, ...putBody } = user.body;
    const stalePut = await send(ctx, {
      method: 'PUT',
      path: user.path,
      json: putBody,
      headers: { 'if-match': stale },
    });
    const victim = await createUser(ctx);
    const staleDelete = await send(ctx, {
      method: 'DELETE',
      path: victim.path,
      headers: { 'if-match': 'W/"definitely-stale"' },
    });
    forgetDeleted(ctx, staleDelete, victim.path);
    return {
      user,
      read,
      etag,
      modified,
      reread,
      notModified,
      staleRead,
      stalePatch,
      afterStale,
      currentPatch,
      stalePut,
      staleDelete,
    };
  },
});

const check = checkRows({ suite: 'etag', rfc: 'RFC7644 3.14', requires: ['etag'], scenario: versions });

const header = (res: HttpResult): Guard =>
  expectStatus(res, [200, 201]) ??
  (res.headers['etag']
    ? undefined
    : fail('HEADER_MISSING', 'The response has no ETag header', { expected: 'an entity tag' }));

const needEtag = (v: Versions, judge: (etag: string) => Verdict): Verdict =>
  v.etag ? judge(v.etag) : skip('GET returned no ETag; judged by etag.get.header-present');

export const etagChecks: AnyCheck[] = [
  check({
    id: 'etag.get.header-present',
    title: 'GET of a User carries an ETag header',
    level: 'MUST',
    requirements: ['7644-3.14-b'],
    explanation: 'With etag.supported, the version MUST be sent in the ETag header (RFC 7644 §3.14).',
    assert: (v) => verdict(header(v.read)),
  }),
  check({
    id: 'etag.post.header-present',
    title: 'POST of a User carries an ETag header',
    level: 'MUST',
    requirements: ['7644-3.14-b'],
    explanation:
      'The create response carries the new version too (RFC 7644 §3.14), so a client can update without re-reading.',
    assert: (v) => verdict(header(v.user.response)),
  }),
  check({
    id: 'etag.get.matches-meta-version',
    title: 'The ETag header equals meta.version',
    level: 'SHOULD',
    requirements: ['7644-3.14-c', '7643-3.1-s'],
    explanation:
      'RFC 7644 §3.14 puts the version in both the ETag header and meta.version; RFC 7643 §3.1 says they are the same value.',
    assert: (v) =>
      needEtag(v, (etag) => {
        const body = bodyObject(v.read);
        if (isFailure(body)) return body;
        const version = attr(body, 'meta.version');
        return version === etag
          ? verdict(undefined)
          : fail(
              version === undefined ? 'ATTRIBUTE_MISSING' : 'VALUE_MISMATCH',
              `meta.version is ${JSON.stringify(version)}, the ETag header is ${etag}`,
              { expected: etag, actual: version, pointer: '/meta/version' },
            );
      }),
  }),
  check({
    id: 'etag.format.entity-tag',
    title: 'The ETag is a quoted entity-tag, weak ones marked W/',
    level: 'MUST',
    requirements: ['7643-3.1-u'],
    explanation:
      'RFC 7643 §3.1: the version is an HTTP entity-tag; a weak one carries the case-sensitive W/ prefix (RFC 9110 §8.8.3).',
    assert: (v) =>
      needEtag(v, (etag) =>
        /^(W\/)?"[^"]*"$/.test(etag)
          ? verdict(undefined)
          : fail('HEADER_MISMATCH', `ETag ${etag} is not an entity-tag`, {
              expected: 'W/"…" or "…"',
              actual: etag,
            }),
      ),
  }),
  check({
    id: 'etag.version.changes-on-modify',
    title: 'The ETag changes when the User changes',
    level: 'MUST',
    requirements: ['7644-3.14-d'],
    explanation:
      'A version identifies one state of the resource (RFC 7644 §3.14); an unchanged tag after a PATCH defeats If-Match.',
    assert: (v) =>
      needEtag(v, (etag) => {
        const s = expectStatus(v.reread, 200);
        if (s) return s;
        const next = v.reread.headers['etag'];
        return next && next !== etag
          ? verdict(undefined)
          : fail('VALUE_MISMATCH', `The ETag is still ${String(next)} after a modification`, {
              expected: `not ${etag}`,
              actual: next,
            });
      }),
  }),
  check({
    id: 'etag.if-none-match.current-304',
    title: 'If-None-Match with the current version answers 304',
    level: 'MUST',
    requirements: ['7644-3.14-e'],
    explanation:
      'RFC 7644 §3.14: a GET whose If-None-Match matches the current version answers 304 Not Modified.',
    assert: (v) => needEtag(v, () => verdict(expectStatus(v.notModified, 304))),
  }),
  check({
    id: 'etag.if-none-match.stale-200',
    title: 'If-None-Match with an old version answers 200 with the User',
    level: 'MUST',
    requirements: ['7644-3.14-e'],
    explanation: 'A client holding an outdated version gets the current representation (RFC 7644 §3.14).',
    assert: (v) => needEtag(v, () => verdict(expectStatus(v.staleRead, 200))),
  }),
  check({
    id: 'etag.if-match.stale-patch-412',
    title: 'PATCH with a stale If-Match answers 412',
    level: 'MUST',
    requirements: ['7644-3.14-f'],
    explanation:
      'RFC 7644 §3.14 and Table 8: a precondition on an outdated version fails with 412, preventing lost updates.',
    assert: (v) => needEtag(v, () => verdict(expectStatus(v.stalePatch, 412))),
  }),
  check({
    id: 'etag.if-match.stale-leaves-resource',
    title: 'A PATCH refused for a stale If-Match changes nothing',
    level: 'MUST',
    requirements: ['7644-3.14-f'],
    explanation: 'The point of If-Match is that the stale write is not applied (RFC 7644 §3.14).',
    assert: (v) =>
      needEtag(v, () => {
        const body = bodyObject(v.afterStale);
        if (isFailure(body)) return body;
        const title = attr(body, 'title');
        return title === 'v2'
          ? verdict(undefined)
          : fail('VALUE_MISMATCH', `title is ${JSON.stringify(title)} after the refused write`, {
              expected: 'v2',
              actual: title,
              pointer: '/title',
            });
      }),
  }),
  check({
    id: 'etag.if-match.current-succeeds',
    title: 'PATCH with the current If-Match succeeds',
    level: 'MUST',
    requirements: ['7644-3.14-f'],
    explanation:
      'A precondition naming the current version holds, so the write goes through (RFC 7644 §3.14).',
    assert: (v) => needEtag(v, () => verdict(expectStatus(v.currentPatch, [200, 204]))),
  }),
  check({
    id: 'etag.if-match.stale-put-412',
    title: 'PUT with a stale If-Match answers 412',
    level: 'MUST',
    requirements: ['7644-3.14-f'],
    explanation: 'RFC 7644 §3.14: If-Match applies to PUT as to PATCH.',
    assert: (v) => needEtag(v, () => verdict(expectStatus(v.stalePut, 412))),
  }),
  check({
    id: 'etag.if-match.stale-delete-412',
    title: 'DELETE with a stale If-Match answers 412',
    level: 'MUST',
    requirements: ['7644-3.14-f'],
    explanation: 'RFC 7644 §3.14: If-Match applies to DELETE; a stale precondition must not delete the User.',
    assert: (v) => needEtag(v, () => verdict(expectStatus(v.staleDelete, 412))),
  }),
];

export const etagSuite = defineSuite({
  name: 'etag',
  title: 'ETags',
  description:
    'ETag headers and meta.version, version changes, If-None-Match 304 and If-Match 412 on PATCH, PUT and DELETE.',
  checks: etagChecks,
});
