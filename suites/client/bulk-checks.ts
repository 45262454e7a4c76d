/** Bulk requests a client sends (RFC 7644 §3.7): operation shape, bulkId use, the advertised limits. */
import { isObject, judgeEach } from '../support/index.js';
import type { ClientCheck, ClientSession } from '../support/index.js';
import { judgeEachBody, operationProblems, operationsOf } from './bodies.js';

const bulks = (session: ClientSession) =>
  session.requests.filter((r) => r.method === 'POST' && r.kind === 'bulk');

const METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function bulkOperationProblem(op: unknown, i: number): string | undefined {
  if (!isObject(op)) return `Operations[${i}] is not an object`;
  const method = typeof op.method === 'string' ? op.method.toUpperCase() : undefined;
  if (!method || !METHODS.has(method)) return `Operations[${i}].method is ${JSON.stringify(op.method)}`;
  if (typeof op.path !== 'string' || op.path === '') return `Operations[${i}] has no path`;
  if (method === 'POST' && (typeof op.bulkId !== 'string' || op.bulkId === ''))
    return `Operations[${i}] (POST) has no bulkId`;
  if (method !== 'DELETE' && !('data' in op)) return `Operations[${i}] (${method}) has no data`;
  return undefined;
}

export const bulkShape: ClientCheck = {
  id: 'client.bulk.shape',
  fix: 'Give every Bulk operation a method and a path, POSTs a bulkId, and all but DELETE a data member.',
  title: 'Each Bulk operation has a method, a path, data (except DELETE) and a bulkId (POST)',
  level: 'MUST',
  rfc: 'RFC7644 3.7',
  requirements: ['7644-3.7-c'],
  explanation:
    'RFC 7644 §3.7 marks `method` and `path` REQUIRED, `bulkId` REQUIRED for POST and `data` REQUIRED for ' +
    'POST, PUT and PATCH: these are duties of the client that builds the request.',
  assert: (session) =>
    judgeEachBody(
      bulks(session),
      (body, r) => {
        const ops = operationsOf(r);
        if (!ops || ops.length === 0) return 'the body has no non-empty Operations array';
        return operationProblems(ops, bulkOperationProblem);
      },
      {
        code: 'CLIENT_BULK_SHAPE',
        none: 'the client sent no Bulk request',
        expected: 'method, path; bulkId on POST; data except on DELETE',
      },
    ),
};

/** Every `bulkId:<x>` reference in a value (RFC 7644 §3.7.2). */
function references(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') {
    for (const m of value.matchAll(/bulkId:([^/"\s]+)/g)) if (m[1]) out.push(m[1]);
  } else if (Array.isArray(value)) for (const v of value) references(v, out);
  else if (isObject(value)) for (const v of Object.values(value)) references(v, out);
  return out;
}

export const bulkIds: ClientCheck = {
  id: 'client.bulk.bulk-id',
  fix: 'Use each bulkId once and refer only to bulkIds of POSTs in the same request.',
  title: 'bulkIds are unique in a request and every bulkId reference names one of them',
  level: 'SHOULD',
  rfc: 'RFC7644 3.7.2',
  requirements: ['7644-3.7.2-a'],
  explanation:
    'RFC 7644 §3.7.2: `bulkId:<id>` refers to a resource created by a POST of the same request; a duplicate ' +
    'or dangling bulkId cannot be resolved. The RFC words it as server behaviour, so SHOULD.',
  assert: (session) =>
    judgeEach(
      bulks(session),
      (r) => {
        const ops = operationsOf(r);
        if (!ops || ops.length === 0) return { skip: 'no operations to judge' };
        const declared = ops.flatMap((op) =>
          isObject(op) && typeof op.bulkId === 'string' ? [op.bulkId] : [],
        );
        const dup = declared.filter((id, i) => declared.indexOf(id) !== i);
        if (dup.length > 0) return `bulkId ${[...new Set(dup)].join(', ')} is used more than once`;
        const dangling = references(
          ops.map((op) => (isObject(op) ? { path: op.path, data: op.data } : op)),
        ).filter((ref) => !declared.includes(ref));
        return dangling.length > 0
          ? `bulkId:${dangling.join(', bulkId:')} names no POST of this request`
          : undefined;
      },
      {
        code: 'CLIENT_BULK_ID',
        none: 'the client sent no Bulk request',
        expected: 'unique bulkIds; every bulkId:<x> declared by a POST of the request',
      },
    ),
};

export const bulkLimits: ClientCheck = {
  id: 'client.bulk.limits',
  fix: 'Split Bulk work into requests within maxOperations and maxPayloadSize from /ServiceProviderConfig.',
  title: 'Bulk requests stay within the advertised maxOperations and maxPayloadSize',
  level: 'SHOULD',
  rfc: 'RFC7644 3.7.4',
  requirements: ['7644-3.7.4-a', '7644-3.7.4-b'],
  explanation:
    'RFC 7644 §3.7.4: the server advertises the limits and answers 413 beyond them; a client that read ' +
    '/ServiceProviderConfig should split its work instead. SHOULD: the RFC binds the server.',
  assert: (session, ctx) => {
    const { bulk, discovered } = ctx.capabilities;
    if (!discovered || bulk.maxOperations <= 0)
      return { kind: 'skip', reason: 'the server advertised no bulk limits' };
    return judgeEach(
      bulks(session),
      (r) => {
        const ops = operationsOf(r);
        const bytes = Buffer.byteLength(r.body ?? '', 'utf8');
        if (ops && ops.length > bulk.maxOperations)
          return `${ops.length} operations exceed maxOperations ${bulk.maxOperations}`;
        if (bulk.maxPayloadSize > 0 && bytes > bulk.maxPayloadSize)
          return `${bytes} bytes exceed maxPayloadSize ${bulk.maxPayloadSize}`;
        return undefined;
      },
      {
        code: 'CLIENT_BULK_LIMIT',
        none: 'the client sent no Bulk request',
        expected: 'within maxOperations and maxPayloadSize',
      },
    );
  },
};
