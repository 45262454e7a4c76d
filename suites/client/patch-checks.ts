/** PATCH bodies a client sends (RFC 7644 §3.5.2): a non-empty Operations array of complete operations. */
import { isObject, judgeEach } from '../support/index.js';
import type { ClientCheck } from '../support/index.js';
import { judgeEachBody, operationProblems, operationsOf } from './bodies.js';

const patches = (session: Parameters<ClientCheck['assert']>[0]) =>
  session.requests.filter((r) => r.method === 'PATCH');

export const patchOperations: ClientCheck = {
  id: 'client.patch.operations',
  fix: 'Skip the PATCH when there is nothing to change, or send at least one operation.',
  title: 'A PATCH body has a non-empty Operations array',
  level: 'MUST',
  rfc: 'RFC7644 3.5.2',
  requirements: ['7644-3.5.2-d'],
  explanation:
    'RFC 7644 §3.5.2: the body of a PATCH request MUST contain `Operations`, an array of one or more ' +
    'operations; an empty array asks for nothing and servers answer 400.',
  assert: (session) =>
    judgeEachBody(
      patches(session),
      (body) => {
        const ops = body.Operations;
        if (!Array.isArray(ops)) return 'the body has no Operations array';
        return ops.length === 0 ? 'Operations is an empty array' : undefined;
      },
      { code: 'CLIENT_PATCH_OPERATIONS', none: 'the client sent no PATCH', expected: 'Operations: [ …≥1 ]' },
    ),
};

const NEEDS_VALUE = new Set(['add', 'replace']);

/** What is wrong with one operation, or undefined. */
function operationProblem(op: unknown, index: number): string | undefined {
  if (!isObject(op)) return `Operations[${index}] is not an object`;
  const name = typeof op.op === 'string' ? op.op.toLowerCase() : undefined;
  if (name === undefined) return `Operations[${index}] has no op`;
  if (!['add', 'remove', 'replace'].includes(name)) return `Operations[${index}].op is "${String(op.op)}"`;
  if (NEEDS_VALUE.has(name) && !('value' in op)) return `Operations[${index}] (${name}) has no value`;
  if (name === 'remove' && (typeof op.path !== 'string' || op.path === ''))
    return `Operations[${index}] (remove) has no path`;
  return undefined;
}

export const patchOperationShape: ClientCheck = {
  id: 'client.patch.operation-shape',
  fix: 'Use op add, remove or replace; give add and replace a value and remove a path.',
  title: 'Each PATCH operation names add, remove or replace, with a value (add, replace) or a path (remove)',
  level: 'MUST',
  rfc: 'RFC7644 3.5.2.1',
  requirements: ['7644-3.5.2-e', '7644-3.5.2-f', '7644-3.5.2.1-a'],
  explanation:
    'RFC 7644 §3.5.2: each operation MUST have one `op` of add, remove or replace; §3.5.2.1: an add MUST ' +
    'contain `value` (replace likewise carries one, §3.5.2.3); §3.5.2.2: a remove needs a `path`. Op names are ' +
    'accepted in any case here (the profile check judges casing).',
  assert: (session) =>
    judgeEach(
      patches(session),
      (r) => {
        const ops = operationsOf(r);
        return ops && ops.length > 0
          ? operationProblems(ops, operationProblem)
          : { skip: 'no operations to judge' };
      },
      {
        code: 'CLIENT_PATCH_OPERATION',
        none: 'the client sent no PATCH with operations',
        expected: 'op add|remove|replace; value on add/replace; path on remove',
      },
    ),
};
