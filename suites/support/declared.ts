/**
 * Fitting requests to the target: attributes a check writes are taken from what the target's /Schemas
 * declares for Users (RFC 7643 §7), so a server that lacks an optional attribute is not failed for it.
 * @module
 */
import type { TargetInfo } from '../../engine/model/index.js';
import { isObject } from './guards.js';
import { URN } from './urns.js';

/** Names (top-level and `parent.sub`) the target's User schema declares, or undefined without /Schemas. */
export function declaredUserAttributes(target: TargetInfo): Set<string> | undefined {
  const schemaId = target.capabilities.resourceTypes['User']?.schema ?? URN.user;
  const entry = Object.entries(target.capabilities.schemas).find(
    ([id]) => id.toLowerCase() === schemaId.toLowerCase(),
  );
  const schema = entry?.[1];
  if (!isObject(schema) || !Array.isArray(schema['attributes'])) return undefined;
  const names = new Set<string>();
  for (const a of schema['attributes']) {
    if (!isObject(a) || typeof a['name'] !== 'string') continue;
    const name = a['name'].toLowerCase();
    names.add(name);
    for (const sub of Array.isArray(a['subAttributes']) ? a['subAttributes'] : [])
      if (isObject(sub) && typeof sub['name'] === 'string') names.add(`${name}.${sub['name'].toLowerCase()}`);
  }
  return names;
}

/**
 * The first of `candidates` the target declares; without /Schemas, the first one (callers list RFC 7643
 * §4.1 core attributes only); undefined when the target declares none of them.
 */
export function declaredAttribute(target: TargetInfo, candidates: readonly string[]): string | undefined {
  const declared = declaredUserAttributes(target);
  if (!declared) return candidates[0];
  return candidates.find((c) => declared.has(c.toLowerCase()));
}
