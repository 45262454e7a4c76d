import { ScimError } from '../../core/index.js';
import type { AttributeDefinition, ResourceSchema, SchemaDefinition } from '../../schema/index.js';
import { isObject, type JsonObject } from '../../../protocol/json.js';

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function containerOf(
  resource: JsonObject,
  schema: SchemaDefinition,
  core: SchemaDefinition,
): JsonObject | undefined {
  if (schema === core) return resource;
  const ext = resource[schema.id];
  return isObject(ext) ? ext : undefined;
}

/**
 * Required attributes stay assigned after every write: a POST/PUT without one is invalidValue, a PATCH
 * that empties one is mutability (RFC 7644 §3.5.1, §3.5.2.2).
 */
export function assertRequired(
  resource: JsonObject,
  schema: ResourceSchema,
  scimType: 'invalidValue' | 'mutability' = 'invalidValue',
): void {
  for (const def of schema.core.attributes) {
    const value = resource[def.name];
    if (def.required && (value === undefined || value === null || value === '')) {
      throw ScimError.badRequest(
        scimType,
        `Required attribute "${def.name}" cannot be missing or empty (RFC 7643 §2.2)`,
      );
    }
  }
}

function checkDefinition(def: AttributeDefinition, before: unknown, after: unknown, path: string): void {
  if (def.mutability === 'immutable' && before !== undefined && !same(before, after)) {
    throw ScimError.mutability(`Attribute "${path}" is immutable and cannot be changed (RFC 7643 §7)`);
  }
  if (def.type === 'complex' && !def.multiValued && isObject(before)) {
    for (const sub of def.subAttributes ?? []) {
      checkDefinition(
        sub,
        before[sub.name],
        isObject(after) ? after[sub.name] : undefined,
        `${path}.${sub.name}`,
      );
    }
  }
}

/** An immutable attribute may be set once but never changed afterwards (RFC 7644 §3.5.1). */
export function assertImmutableKept(before: JsonObject, after: JsonObject, schema: ResourceSchema): void {
  for (const s of [schema.core, ...schema.extensions]) {
    const b = containerOf(before, s, schema.core);
    if (!b) continue;
    const a = containerOf(after, s, schema.core);
    for (const def of s.attributes) checkDefinition(def, b[def.name], a?.[def.name], def.name);
  }
}
