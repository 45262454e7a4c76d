import { ScimError } from '../core/scim-error.js';
import { TextCache } from '../core/text-cache.js';
import { parsePatchPath } from '../filter/index.js';
import type { FilterNode } from '../filter/index.js';
import { findAttribute, resolveAttribute } from '../schema/index.js';
import type { AttributeDefinition, ResolvedAttribute, ResourceSchema } from '../schema/index.js';

/** Where a PATCH path points: a top-level attribute, optionally narrowed by a value filter and/or a sub-attribute. */
export interface PatchTarget {
  resolved: ResolvedAttribute;
  top: AttributeDefinition;
  sub: AttributeDefinition | undefined;
  filter: FilterNode | undefined;
  label: string;
}

/** Targets already resolved, per schema and path text; a target is never mutated, and failures are not kept. */
const resolvedTargets = new WeakMap<ResourceSchema, TextCache<PatchTarget>>();

/** Parses and resolves a path against the schema; anything it cannot name is 400 invalidPath (RFC 7644 §3.5.2). */
export function resolveTarget(schema: ResourceSchema, path: string): PatchTarget {
  let cache = resolvedTargets.get(schema);
  if (cache === undefined) resolvedTargets.set(schema, (cache = new TextCache()));
  return cache.get(path) ?? cache.set(path, resolveUncached(schema, path));
}

function resolveUncached(schema: ResourceSchema, path: string): PatchTarget {
  const parsed = parsePatchPath(path);
  const { uri, attribute, subAttribute } = parsed.attrPath;
  const text = `${uri !== undefined ? `${uri}:` : ''}${attribute}${subAttribute !== undefined ? `.${subAttribute}` : ''}`;
  const resolved = resolveAttribute(schema, text);
  if (!resolved) throw ScimError.invalidPath(`path "${path}" names no attribute of ${schema.core.name}`);
  const top = resolved.parent ?? resolved.definition;
  let sub = resolved.parent ? resolved.definition : undefined;
  if (parsed.valueFilter) {
    if (!top.multiValued || top.type !== 'complex') {
      throw ScimError.invalidPath(`path "${path}": a value filter needs a multi-valued complex attribute`);
    }
    if (parsed.subAttribute !== undefined) {
      sub = findAttribute(top.subAttributes, parsed.subAttribute);
      if (!sub)
        throw ScimError.invalidPath(
          `path "${path}": "${top.name}" has no sub-attribute "${parsed.subAttribute}"`,
        );
    }
  }
  const label = `${resolved.names.join('.')}`;
  return { resolved, top, sub, filter: parsed.valueFilter, label };
}
