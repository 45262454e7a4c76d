import { ScimError } from '../core/scim-error.js';
import { getProperty } from '../schema/index.js';
import type { ResourceSchema } from '../schema/index.js';
import { applyOperation, type OpName } from './apply-operation.js';
import { copyResource } from './copy-resource.js';
import { isObject } from '../../protocol/json.js';
import type { PatchOptions } from './types.js';
import { URN } from '../../protocol/urns.js';

const OPS: readonly OpName[] = ['add', 'remove', 'replace'];

/** Validates the PatchOp message (schemas contains urn:ietf:params:scim:api:messages:2.0:PatchOp, Operations non-empty array) and applies ALL operations to a deep copy; returns the new resource or throws ScimError (atomic: the input is never mutated). */
export function applyPatch(
  resource: Record<string, unknown>,
  body: unknown,
  schema: ResourceSchema,
  options: PatchOptions,
): Record<string, unknown> {
  if (!isObject(body)) throw ScimError.invalidSyntax('PATCH body must be a PatchOp object');
  const schemas = getProperty(body, 'schemas');
  if (
    !Array.isArray(schemas) ||
    !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === URN.patchOp.toLowerCase())
  ) {
    throw ScimError.invalidSyntax(`PATCH body "schemas" must contain "${URN.patchOp}" (RFC 7644 §3.5.2)`);
  }
  const operations = getProperty(body, 'Operations');
  if (!Array.isArray(operations) || operations.length === 0) {
    throw ScimError.invalidSyntax('PATCH body "Operations" must be a non-empty array (RFC 7644 §3.5.2)');
  }
  // Working on a copy makes the whole request atomic: a failing operation leaves the input untouched (§3.5.2).
  const result = copyResource(resource);
  const ctx = { resource: result, schema, options };
  operations.forEach((operation: unknown, index) => {
    try {
      if (!isObject(operation)) throw ScimError.invalidSyntax('operation must be an object');
      const op = parseOp(getProperty(operation, 'op'), options);
      const path = getProperty(operation, 'path');
      if (path !== undefined && typeof path !== 'string')
        throw ScimError.invalidPath('"path" must be a string');
      applyOperation(ctx, op, path, getProperty(operation, 'value'));
    } catch (error) {
      if (error instanceof ScimError) {
        throw new ScimError({
          status: error.status,
          ...(error.scimType !== undefined && { scimType: error.scimType }),
          detail: `Operations[${index}]: ${error.detail}`,
        });
      }
      throw error;
    }
  });
  return result;
}

/** An op other than add/remove/replace breaks the message schema, so it is invalidSyntax (RFC 7644 §3.5.2, §3.12). */
function parseOp(op: unknown, options: PatchOptions): OpName {
  if (typeof op === 'string') {
    const name = options.caseInsensitiveOps ? op.toLowerCase() : op;
    if ((OPS as readonly string[]).includes(name)) return name as OpName;
  }
  throw ScimError.invalidSyntax(
    `"op" must be one of ${OPS.join(', ')}${options.caseInsensitiveOps ? ' (any case)' : ''}, got ${JSON.stringify(op) ?? 'nothing'}`,
  );
}
