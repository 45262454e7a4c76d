/**
 * The small subset of SCIM attribute paths IdP mappings use (RFC 7644 §3.10): `attr`, `attr.sub`,
 * `attr[type eq "x"].sub` and URN-qualified `urn:…:Schema:attr[.sub]`. Used to build request bodies from a
 * mapping and to read the same attributes back from responses.
 * @module
 */
import { isObject, type JsonObject } from '../../protocol/json.js';

export interface AttributePath {
  /** Extension URN the attribute lives under, e.g. the enterprise User URN. */
  urn?: string;
  attribute: string;
  /** The `type` value of a `[type eq "…"]` filter on a multi-valued attribute. */
  type?: string;
  sub?: string;
}

const FILTERED = /^([A-Za-z$][\w$-]*)\[\s*type\s+eq\s+"([^"]*)"\s*\](?:\.([A-Za-z$][\w$-]*))?$/i;
const PLAIN = /^([A-Za-z$][\w$-]*)(?:\.([A-Za-z$][\w$-]*))?$/;

export function parseAttributePath(path: string): AttributePath {
  let urn: string | undefined;
  let rest = path;
  if (/^urn:/i.test(path)) {
    const cut = path.lastIndexOf(':');
    urn = path.slice(0, cut);
    rest = path.slice(cut + 1);
  }
  const filtered = FILTERED.exec(rest);
  if (filtered) {
    const [, attribute = '', type, sub] = filtered;
    return {
      ...(urn ? { urn } : {}),
      attribute,
      ...(type !== undefined ? { type } : {}),
      ...(sub ? { sub } : {}),
    };
  }
  const plain = PLAIN.exec(rest);
  if (!plain) throw new TypeError(`unsupported attribute path "${path}"`);
  const [, attribute = '', sub] = plain;
  return { ...(urn ? { urn } : {}), attribute, ...(sub ? { sub } : {}) };
}

function keyOf(obj: JsonObject, name: string): string | undefined {
  if (Object.hasOwn(obj, name)) return name;
  const lower = name.toLowerCase();
  return Object.keys(obj).find((k) => k.toLowerCase() === lower);
}

function child(obj: JsonObject, name: string): unknown {
  const key = keyOf(obj, name);
  return key === undefined ? undefined : obj[key];
}

/** Writes `value` at `path` into a request body, creating containers (a filtered entry gets its `type`). */
export function setAttribute(body: JsonObject, path: string, value: unknown): void {
  const p = parseAttributePath(path);
  let holder: JsonObject = body;
  if (p.urn) {
    const ext = body[p.urn];
    holder = isObject(ext) ? ext : (body[p.urn] = {});
  }
  if (p.type !== undefined) {
    const list = Array.isArray(holder[p.attribute])
      ? (holder[p.attribute] as JsonObject[])
      : (holder[p.attribute] = []);
    let entry = (list as JsonObject[]).find((e) => isObject(e) && e['type'] === p.type);
    if (!entry) {
      entry = (list as JsonObject[]).length === 0 ? { type: p.type, primary: true } : { type: p.type };
      (list as JsonObject[]).push(entry);
    }
    entry[p.sub ?? 'value'] = value;
    return;
  }
  if (p.sub) {
    const inner = isObject(holder[p.attribute])
      ? (holder[p.attribute] as JsonObject)
      : (holder[p.attribute] = {});
    (inner as JsonObject)[p.sub] = value;
    return;
  }
  holder[p.attribute] = value;
}

/**
 * Reads `path` from a returned resource, attribute names case-insensitively (RFC 7643 §2.1). A filtered
 * path also finds the only entry of a list that carries no `type`, and an `emails` object (OneLogin).
 */
export function getAttribute(resource: unknown, path: string): unknown {
  if (!isObject(resource)) return undefined;
  const p = parseAttributePath(path);
  let holder: unknown = resource;
  if (p.urn) holder = child(resource, p.urn);
  if (!isObject(holder)) return undefined;
  const value = child(holder, p.attribute);
  if (p.type !== undefined) {
    const list = Array.isArray(value) ? value : isObject(value) ? [value] : [];
    const typed = list.filter(isObject);
    const entry =
      typed.find((e) => typeof e['type'] === 'string' && e['type'].toLowerCase() === p.type?.toLowerCase()) ??
      (typed.length === 1 && typed[0]?.['type'] === undefined ? typed[0] : undefined);
    return entry ? child(entry, p.sub ?? 'value') : undefined;
  }
  if (p.sub) return isObject(value) ? child(value, p.sub) : undefined;
  return value;
}
