/** What a client puts in a created or replaced resource: never the server's own attributes. */
import { isObject } from '../support/index.js';
import type { Capabilities, ClientCheck, ClientRequest } from '../support/index.js';
import { judgeEachBody } from './bodies.js';

const creates = (r: ClientRequest) => r.method === 'POST' && r.kind === 'collection';
const replaces = (r: ClientRequest) => r.method === 'PUT' && r.kind === 'resource';

export const createNoId: ClientCheck = {
  id: 'client.create.no-id',
  fix: 'Leave id out of create bodies; use externalId for your own identifier.',
  title: 'A create request does not carry an id',
  level: 'MUST',
  rfc: 'RFC7643 3.1',
  requirements: ['7643-3.1-g'],
  explanation:
    'RFC 7643 §3.1: `id` is issued by the service provider and MUST NOT be specified by the client. A client ' +
    'that sends its own id usually expects to find the resource under it later, and will not.',
  assert: (session) =>
    judgeEachBody(
      session.requests.filter(creates),
      (body) => ('id' in body ? `the body carries id ${JSON.stringify(body.id)}` : undefined),
      { code: 'CLIENT_SENT_ID', none: 'the client created no resource', expected: 'no id in the body' },
    ),
};

/** Lower-cased top-level readOnly attributes of the endpoint's schemas, plus `meta` (RFC 7643 §3.1). */
function readOnlyNames(caps: Capabilities, endpoint: string | undefined): Set<string> {
  const out = new Set(['meta']);
  const type = Object.values(caps.resourceTypes).find(
    (t) => endpoint !== undefined && t.endpoint.toLowerCase().endsWith(endpoint.toLowerCase()),
  );
  const doc = type ? caps.schemas[type.schema] : undefined;
  if (!isObject(doc) || !Array.isArray(doc.attributes)) {
    // Unknown schemas: User.groups is readOnly in RFC 7643 §4.1.2 whatever the server.
    if (endpoint?.toLowerCase() === '/users') out.add('groups');
    return out;
  }
  for (const attr of doc.attributes) {
    if (isObject(attr) && typeof attr.name === 'string' && attr.mutability === 'readOnly')
      out.add(attr.name.toLowerCase());
  }
  return out;
}

export const writeNoReadOnly: ClientCheck = {
  id: 'client.write.read-only',
  fix: 'Strip meta and other readOnly attributes (User groups) before POST or PUT.',
  title: 'Create and replace bodies leave out readOnly attributes (meta, User groups, …)',
  level: 'SHOULD',
  rfc: 'RFC7644 3.3',
  requirements: ['7644-3.3-a', '7644-3.5.1-f', '7643-3.1-n'],
  explanation:
    'RFC 7644 §3.3 and §3.5.1 make the server ignore readOnly attributes, so a client sending `meta` or a ' +
    "User's `groups` believes it changed something it did not. No client keyword: SHOULD. An `id` equal to " +
    "the URL's on PUT is tolerated (RFC 7644 §3.5.1 shows one); `id` on create is client.create.no-id.",
  assert: (session, ctx) =>
    judgeEachBody(
      session.requests.filter((r) => creates(r) || replaces(r)),
      (body, r) => {
        const readOnly = readOnlyNames(ctx.capabilities, r.endpoint);
        const sent = Object.keys(body).filter((k) => {
          const name = k.toLowerCase();
          if (name === 'id') return replaces(r) && body.id !== r.id;
          return readOnly.has(name);
        });
        return sent.length > 0 ? `the body carries readOnly ${sent.join(', ')}` : undefined;
      },
      {
        code: 'CLIENT_SENT_READ_ONLY',
        none: 'the client created or replaced no resource',
        expected: 'no readOnly attributes in the body',
      },
    ),
};
