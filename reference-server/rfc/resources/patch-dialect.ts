import { ScimError } from '../../core/index.js';
import { URN } from '../../../protocol/urns.js';
import type { Resource, RfcContext } from '../context.js';
import { isObject } from '../../../protocol/json.js';
import type { ResourceKind } from './resource-kind.js';

/** The PatchOp body handed to applyPatch, or `noop` when every operation was dropped. */
type AdaptedPatch = { kind: 'apply'; body: unknown } | { kind: 'noop' };

function withoutActive(value: Resource): Resource {
  return Object.fromEntries(Object.entries(value).filter(([k]) => k.toLowerCase() !== 'active'));
}

/** Whether `path` (optionally URN-qualified, optionally dotted) names a single-valued attribute of `kind`. */
function isSingleValued(kind: ResourceKind, path: string): boolean {
  const cut = /^urn:/i.test(path) ? path.lastIndexOf(':') : -1;
  const urn = cut > 0 ? path.slice(0, cut).toLowerCase() : undefined;
  const top = (cut > 0 ? path.slice(cut + 1) : path).split('.')[0]?.toLowerCase();
  const schemas = [kind.schema.core, ...kind.schema.extensions].filter(
    (s) => urn === undefined || s.id.toLowerCase() === urn,
  );
  const attr = schemas.flatMap((s) => s.attributes).find((a) => a.name.toLowerCase() === top);
  return attr !== undefined && !attr.multiValued;
}

/**
 * Maps IdP dialects onto RFC 7644 §3.5.2 before the PATCH engine runs, and is the one place the PATCH
 * behaviour quirks are decided. A malformed body passes through untouched so the engine reports it.
 */
export function adaptPatch(
  ctx: RfcContext,
  kind: ResourceKind,
  existing: Resource,
  body: unknown,
): AdaptedPatch {
  if (!isObject(body) || !Array.isArray(body.Operations) || body.Operations.length === 0) {
    return { kind: 'apply', body };
  }
  const q = ctx.quirks;
  const memberIds = new Set(
    Array.isArray(existing.members) ? (existing.members as Resource[]).map((m) => m.value) : [],
  );
  const ops: unknown[] = [];
  for (const op of body.Operations as unknown[]) {
    if (!isObject(op) || typeof op.op !== 'string') {
      ops.push(op);
      continue;
    }
    const name = op.op.toLowerCase();
    const path = typeof op.path === 'string' ? op.path.trim() : undefined;
    if (path === undefined && name !== 'remove' && q.has('pathless-patch-ignored')) continue;
    if (path?.includes('[') && q.has('value-path-patch-rejected')) {
      throw ScimError.invalidPath(`Value filters in PATCH paths are not supported: ${path}`);
    }
    if (kind.name === 'User' && q.has('patch-active-ignored')) {
      if (path?.toLowerCase() === 'active') continue;
      if (path === undefined && isObject(op.value)) {
        const rest = withoutActive(op.value);
        if (Object.keys(rest).length > 0) ops.push({ ...op, value: rest });
        continue;
      }
    }
    if (
      kind.name === 'User' &&
      path !== undefined &&
      /(^|:)manager$/i.test(path) &&
      typeof op.value === 'string'
    ) {
      if (q.has('manager-string-rejected'))
        throw ScimError.invalidValue('manager must be a complex value with a value sub-attribute');
      // Entra ID sends the manager as the bare id (docs/idp/entra-id.md#manager); RFC 7643 §4.3 wants {value}.
      ops.push({ ...op, value: { value: op.value } });
      continue;
    }
    if (name === 'add' && path !== undefined && !path.includes('[') && q.has('add-single-valued-rejected')) {
      if (isSingleValued(kind, path))
        throw ScimError.invalidValue(`add is only supported on multi-valued attributes, not ${path}`);
    }
    if (kind.name === 'Group' && name === 'replace' && path?.toLowerCase() === 'members') {
      if (q.has('members-replace-merges')) {
        ops.push({ ...op, op: 'add' });
        continue;
      }
    }
    if (kind.name === 'Group' && name === 'remove' && path !== undefined && /^members(\[|$)/i.test(path)) {
      if (q.has('members-remove-ignored')) continue;
      if (path.toLowerCase() === 'members' && Array.isArray(op.value)) {
        if (q.has('remove-value-list-wipes-members')) {
          ops.push({ op: op.op, path: 'members' });
          continue;
        }
        // Entra ID removes members with a value list; RFC 7644 §3.5.2.2 removes by filter, so each listed
        // current member becomes one filtered remove and absent ones are already gone.
        for (const member of op.value as unknown[]) {
          const id = isObject(member) ? member.value : undefined;
          if (typeof id === 'string' && memberIds.has(id)) {
            ops.push({ op: op.op, path: `members[value eq ${JSON.stringify(id)}]` });
          }
        }
        continue;
      }
    }
    ops.push(op);
  }
  if (q.has('patch-first-op-only') && ops.length > 1) ops.splice(1);
  // Only a well-formed message may shrink to nothing; anything else goes on to the engine's validation.
  const wellFormed = Array.isArray(body.schemas) && body.schemas.includes(URN.patchOp);
  if (ops.length === 0 && wellFormed) return { kind: 'noop' };
  return { kind: 'apply', body: ops.length === 0 ? body : { ...body, Operations: ops } };
}
