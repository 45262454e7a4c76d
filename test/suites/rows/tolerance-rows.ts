/**
 * Deviations from the RFC's examples that the RFC permits: the named checks must still pass, so a
 * check never fails a server for something the standard allows.
 * @module
 */
import {
  RESOURCE_TYPES,
  USER_BY_ID,
  USERS,
  isGet,
  isPost,
  meta,
  rewriteHeaders,
  rewriteJson,
  type Json,
} from '../../support/breakages.js';
import type { Breakage } from '../../support/mutating-proxy.js';

export interface ToleranceRow {
  deviation: string;
  checkIds: string[];
  proxy: Breakage;
}

const anyRequest = () => true;

export const TOLERANCE_ROWS: ToleranceRow[] = [
  {
    deviation: '/ResourceTypes is the bare JSON array of RFC 7643 §8.6',
    checkIds: [
      'discovery.resource-types.list-response',
      'discovery.resource-types.user-present',
      'discovery.resource-types.user-core-schema',
      'discovery.resource-types.item-schemas-urn',
      'discovery.resource-types.schemas-resolvable',
      'discovery.resource-types.schema-valid',
    ],
    proxy: {
      mutate: (req, res) =>
        isGet(RESOURCE_TYPES)(req)
          ? { ...res, body: JSON.stringify((JSON.parse(res.body) as Json)['Resources']) }
          : undefined,
    },
  },
  {
    deviation: 'every Content-Type carries a charset parameter',
    checkIds: [
      'discovery.spc.content-type',
      'discovery.resource-types.content-type',
      'discovery.schemas.content-type',
      'users.post.content-type',
      'users.get.content-type',
      'errors.not-found.content-type',
    ],
    proxy: rewriteHeaders(anyRequest, (h) => {
      if (h['content-type']) h['content-type'] = 'application/scim+json; charset=utf-8';
    }),
  },
  {
    deviation: 'the 404 Error body has neither detail nor scimType (both OPTIONAL)',
    checkIds: [
      'errors.not-found.error-schemas',
      'errors.not-found.status-string',
      'errors.not-found.status-matches-http',
      'errors.not-found.schema-valid',
    ],
    proxy: rewriteJson(isGet(USER_BY_ID), (b) => {
      delete b['detail'];
      delete b['scimType'];
    }),
  },
  {
    deviation: 'the server upper-cases userName (caseExact=false values MAY be altered, RFC 7643 §7)',
    checkIds: ['users.post.echoes-username', 'users.get.username-round-trips', 'users.get.matches-created'],
    proxy: rewriteJson(
      (r) => isPost(USERS)(r) || isGet(USER_BY_ID)(r),
      (b) => {
        if (typeof b['userName'] === 'string') b['userName'] = b['userName'].toUpperCase();
      },
    ),
  },
  {
    deviation: 'lastModified is the same instant as created, written with an offset',
    checkIds: [
      'users.post.meta-created',
      'users.post.meta-last-modified',
      'users.post.last-modified-equals-created',
    ],
    proxy: rewriteJson(isPost(USERS), (b) => {
      meta(b)['created'] = '2026-01-01T00:00:00Z';
      meta(b)['lastModified'] = '2026-01-01T01:00:00.000+01:00';
    }),
  },
  {
    deviation: 'GET adds null and [] attributes the POST left out (unassigned, RFC 7643 §2.5)',
    checkIds: ['users.get.matches-created'],
    proxy: rewriteJson(isGet(USER_BY_ID), (b) => {
      b['nickName'] = null;
      b['phoneNumbers'] = [];
    }),
  },
];
