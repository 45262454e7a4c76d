/**
 * Fitting requests to the target: attributes a check writes are taken from what the target's /Schemas
 * declares for Users (RFC 7643 §7), so a server that lacks an optional attribute is not failed for it.
 * @module
 */
import { skip, type Skip, type TargetInfo } from '../../engine/model/index.js';
import { isObject, type JsonObject } from './guards.js';
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

/** Common attributes (RFC 7643 §3.1) and message keys a User schema does not list, kept whatever it declares. */
const ALWAYS_KEPT = new Set(['schemas', 'id', 'externalid', 'meta']);

/**
 * The generated part of a User body cut down to what the target's User schema declares (RFC 7643 §7): a
 * generated attribute the target lacks is left out rather than refused. Keys in `keep` (what a check set on
 * purpose) and extension containers stay; without /Schemas the body is returned as it is (core attributes).
 */
export function fitUserBody(
  target: TargetInfo,
  body: Record<string, unknown>,
  keep: readonly string[] = [],
): Record<string, unknown> {
  const declared = declaredUserAttributes(target);
  if (!declared) return body;
  const kept = new Set(keep.map((k) => k.toLowerCase()));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    const name = key.toLowerCase();
    if (kept.has(name) || ALWAYS_KEPT.has(name) || key.includes(':')) {
      out[key] = value;
    } else if (declared.has(name)) {
      // Sub-attributes of a single complex value (name.givenName…) are cut the same way, when listed.
      const listsSubs = [...declared].some((d) => d.startsWith(`${name}.`));
      out[key] =
        isObject(value) && listsSubs
          ? Object.fromEntries(
              Object.entries(value).filter(([sub]) => declared.has(`${name}.${sub.toLowerCase()}`)),
            )
          : value;
    }
  }
  return out;
}

/**
 * A skip unless the target's User resource type lists the enterprise extension (RFC 7643 §6 schemaExtensions):
 * a check that writes enterprise attributes cannot judge a server that does not offer them.
 */
export function needsEnterpriseExtension(target: TargetInfo): Skip | undefined {
  const extensions = target.capabilities.resourceTypes['User']?.extensions ?? [];
  return extensions.some((e) => e.toLowerCase() === URN.enterpriseUser.toLowerCase())
    ? undefined
    : skip('The User resource type does not advertise the enterprise extension');
}

/** The enterprise extension object of a User body, its URN key matched without case (RFC 7643 §3: URIs). */
export function enterpriseOf(body: JsonObject): unknown {
  const key = Object.keys(body).find((k) => k.toLowerCase() === URN.enterpriseUser.toLowerCase());
  return key === undefined ? undefined : body[key];
}
