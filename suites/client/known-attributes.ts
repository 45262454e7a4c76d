/** The attribute paths a server declares on /Schemas, per endpoint, in the forms a client may write them. */
import { isObject } from '../support/index.js';
import type { Capabilities } from '../support/index.js';

/** Common attributes every resource has (RFC 7643 §3.1), not always listed on /Schemas. */
const COMMON = [
  'id',
  'externalid',
  'schemas',
  'meta',
  'meta.created',
  'meta.lastmodified',
  'meta.resourcetype',
  'meta.location',
  'meta.version',
];

function addSchema(out: Set<string>, doc: unknown, urn: string, core: boolean): void {
  if (!isObject(doc) || !Array.isArray(doc.attributes)) return;
  for (const attr of doc.attributes) {
    if (!isObject(attr) || typeof attr.name !== 'string') continue;
    const names = [attr.name.toLowerCase()];
    const subs = Array.isArray(attr.subAttributes)
      ? attr.subAttributes.flatMap((s) =>
          isObject(s) && typeof s.name === 'string' ? [s.name.toLowerCase()] : [],
        )
      : [];
    for (const name of names) {
      const forms = core ? [name, `${urn}:${name}`] : [`${urn}:${name}`];
      for (const form of forms) {
        out.add(form);
        for (const sub of subs) out.add(`${form}.${sub}`);
      }
    }
  }
}

/**
 * Lower-cased attribute paths per endpoint (e.g. `/users`), plus `*` for the union (root `.search`).
 * Undefined when the server's schemas are unknown.
 */
export function knownAttributes(caps: Capabilities): Map<string, Set<string>> | undefined {
  if (Object.keys(caps.schemas).length === 0) return undefined;
  const all = new Set<string>(COMMON);
  const out = new Map<string, Set<string>>();
  for (const type of Object.values(caps.resourceTypes)) {
    const set = new Set<string>(COMMON);
    const core = type.schema.toLowerCase();
    addSchema(set, caps.schemas[type.schema], core, true);
    for (const ext of type.extensions) {
      set.add(ext.toLowerCase());
      addSchema(set, caps.schemas[ext], ext.toLowerCase(), false);
    }
    const endpoint = type.endpoint
      .replace(/^https?:\/\/[^/]+/i, '')
      .replace(/\/+$/, '')
      .toLowerCase();
    out.set(endpoint, set);
    for (const name of set) all.add(name);
  }
  out.set('*', all);
  return out;
}
