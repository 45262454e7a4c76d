import { findAttribute, getProperty, resolveAttribute } from '../schema/index.js';
import type { AttributeDefinition, ResourceSchema } from '../schema/index.js';
import { isObject } from '../../protocol/json.js';

/**
 * Orders two resources by `sortBy` ascending (RFC 7644 §3.4.2.3): a multi-valued attribute sorts by its
 * primary value, else its first; resources without a value sort last (negate the result for descending,
 * which puts them first as the RFC asks); caseExact=false strings compare case-insensitively. An unknown
 * `sortBy` leaves the order unchanged (every resource compares equal).
 */
export function compareForSort(
  a: Record<string, unknown>,
  b: Record<string, unknown>,
  sortBy: string,
  schema: ResourceSchema,
): number {
  const resolved = resolveSortBy(schema, sortBy);
  if (!resolved) return 0;
  const [top, sub] = resolved.names as [string, string | undefined];
  const topDefinition = resolved.parent ?? resolved.definition;
  const read = (resource: Record<string, unknown>): unknown => {
    const container = resolved.extension ? getProperty(resource, resolved.schemaUrn) : resource;
    if (typeof container !== 'object' || container === null) return undefined;
    let value = getProperty(container as Record<string, unknown>, top);
    if (Array.isArray(value)) value = value.find((v) => isObject(v) && v.primary === true) ?? value[0];
    if (sub !== undefined) return isObject(value) ? getProperty(value, sub) : undefined;
    // A complex value without a named sub-attribute sorts by its `value` (RFC 7643 §2.4).
    return isObject(value) && topDefinition.type === 'complex' ? getProperty(value, 'value') : value;
  };
  const definition =
    sub === undefined && topDefinition.type === 'complex'
      ? findAttribute(topDefinition.subAttributes, 'value')
      : resolved.definition;
  return compareValues(read(a), read(b), definition);
}

/** A sort compares n·log n pairs with the same `sortBy`: it is resolved once, not once per comparison. */
let lastSort:
  { schema: ResourceSchema; sortBy: string; resolved: ReturnType<typeof resolveAttribute> } | undefined;
function resolveSortBy(schema: ResourceSchema, sortBy: string): ReturnType<typeof resolveAttribute> {
  if (lastSort?.schema !== schema || lastSort.sortBy !== sortBy) {
    lastSort = { schema, sortBy, resolved: resolveAttribute(schema, sortBy) };
  }
  return lastSort.resolved;
}

function compareValues(x: unknown, y: unknown, definition: AttributeDefinition | undefined): number {
  const missingX = x === undefined || x === null || x === '';
  const missingY = y === undefined || y === null || y === '';
  if (missingX || missingY) return missingX === missingY ? 0 : missingX ? 1 : -1;
  if (typeof x === 'number' && typeof y === 'number') return Math.sign(x - y);
  if (typeof x === 'boolean' && typeof y === 'boolean') return Number(x) - Number(y);
  if (typeof x === 'string' && typeof y === 'string') {
    if (definition?.type === 'dateTime') {
      const tx = Date.parse(x);
      const ty = Date.parse(y);
      if (!Number.isNaN(tx) && !Number.isNaN(ty)) return Math.sign(tx - ty);
    }
    const fx = definition?.caseExact ? x : x.toLowerCase();
    const fy = definition?.caseExact ? y : y.toLowerCase();
    return fx < fy ? -1 : fx > fy ? 1 : 0;
  }
  return 0;
}
