/** `client.etag.if-match`: a client that was given an entity tag makes its writes conditional. */
import { isObject, judgeEach } from '../support/index.js';
import type { ClientCheck, ClientRequest } from '../support/index.js';

/** The version of the resource the answer carries: the ETag header, else meta.version (RFC 7644 §3.14). */
function versionOf(r: ClientRequest): string | undefined {
  const header = r.exchange.response.headers['etag'];
  if (header) return header;
  const meta = isObject(r.responseJson) ? r.responseJson.meta : undefined;
  return isObject(meta) && typeof meta.version === 'string' ? meta.version : undefined;
}

const WRITES = new Set(['PUT', 'PATCH', 'DELETE']);

export const etagIfMatch: ClientCheck = {
  id: 'client.etag.if-match',
  fix: 'Send If-Match with the last ETag seen for the resource when writing to it.',
  title: 'Writes to a resource whose ETag the client was given carry If-Match',
  level: 'MAY',
  rfc: 'RFC7644 3.14',
  requirements: ['7644-3.14-f'],
  explanation:
    'RFC 7644 §3.14: when the server supports versioning, clients MAY send If-Match so a write does not ' +
    'overwrite a change they have not seen; the RFC makes it optional, so this is informational (MAY).',
  assert: (session, ctx) => {
    if (!ctx.capabilities.etag)
      return { kind: 'skip', reason: 'the server does not advertise etag.supported' };
    const seen = new Set<string>();
    const relevant: ClientRequest[] = [];
    for (const r of session.requests) {
      const key = r.id !== undefined ? `${r.endpoint ?? ''}/${r.id}`.toLowerCase() : undefined;
      if (key && WRITES.has(r.method) && seen.has(key)) relevant.push(r);
      // A create's Location names the new resource; its answer carries the version too.
      const created =
        r.method === 'POST' && r.kind === 'collection' && isObject(r.responseJson)
          ? r.responseJson.id
          : undefined;
      const target =
        key ?? (typeof created === 'string' ? `${r.endpoint ?? ''}/${created}`.toLowerCase() : undefined);
      if (target && r.status < 300 && versionOf(r)) seen.add(target);
    }
    return judgeEach(
      relevant,
      (r) => (r.exchange.request.headers['if-match'] ? undefined : `${r.method} ${r.path} has no If-Match`),
      {
        code: 'CLIENT_NO_IF_MATCH',
        none: 'the client wrote to no resource whose ETag it had been given',
        expected: 'If-Match: <the ETag the client was given>',
      },
    );
  },
};
