/**
 * Helpers of the resources suite: tracked creates (raw bodies too), and readers of the target's
 * own /Schemas and /ResourceTypes (RFC 7643 §6, §7), so every judgement follows what the target declares.
 * @module
 */
import { isObject, resourcePath, SCIM_MEDIA_TYPE, send } from '../support/index.js';
import type { HttpResult, JsonObject, ScenarioContext, TargetInfo } from '../support/index.js';

/** What a create left behind: the response, and the id/path when the target issued one. */
export interface Posted {
  sent: JsonObject;
  response: HttpResult;
  id: string | undefined;
  path: string | undefined;
}

/**
 * POSTs `body` (or a pre-encoded `raw` text standing for it) to `endpoint` and tracks whatever got created,
 * whatever the status, so the cleanup ledger deletes it.
 */
export async function post(
  ctx: ScenarioContext,
  endpoint: string,
  sent: JsonObject,
  raw?: string,
): Promise<Posted> {
  const response = await send(ctx, {
    method: 'POST',
    path: endpoint,
    ...(raw === undefined ? { json: sent } : { body: raw, headers: { 'content-type': SCIM_MEDIA_TYPE } }),
  });
  const rawId = isObject(response.json) ? response.json['id'] : undefined;
  const id = typeof rawId === 'string' && rawId !== '' ? rawId : undefined;
  const path = id === undefined ? undefined : resourcePath(endpoint, id);
  if (path && response.status !== undefined && response.status >= 200 && response.status < 300) {
    ctx.ledger.track(path);
  }
  return { sent, response, id, path };
}

/** One attribute definition as /Schemas serves it (RFC 7643 §7); every field is optional on the wire. */
export interface AttributeDef {
  name?: unknown;
  type?: unknown;
  multiValued?: unknown;
  required?: unknown;
  mutability?: unknown;
  returned?: unknown;
  description?: unknown;
  subAttributes?: unknown;
}

export function attributesOf(container: unknown, key = 'attributes'): AttributeDef[] {
  const list = isObject(container) ? container[key] : undefined;
  return Array.isArray(list) ? (list.filter(isObject) as AttributeDef[]) : [];
}

/** The served schema with this id (ids compared case-insensitively, they are URIs). */
export function schemaById(target: TargetInfo, id: string | undefined): JsonObject | undefined {
  if (!id) return undefined;
  const schemas = target.capabilities.schemas;
  const key = Object.keys(schemas).find((k) => k.toLowerCase() === id.toLowerCase());
  const found = key === undefined ? undefined : schemas[key];
  return isObject(found) ? found : undefined;
}

/** The definition named `name` (case-insensitive, RFC 7643 §2.1) among `defs`. */
export function findDef(defs: readonly AttributeDef[], name: string): AttributeDef | undefined {
  return defs.find((d) => typeof d.name === 'string' && d.name.toLowerCase() === name.toLowerCase());
}

/** The value under `key` in `obj`, with attribute names matched case-insensitively (RFC 7643 §2.1). */
export function member(obj: JsonObject, key: string): unknown {
  if (Object.hasOwn(obj, key)) return obj[key];
  const found = Object.keys(obj).find((k) => k.toLowerCase() === key.toLowerCase());
  return found === undefined ? undefined : obj[found];
}

/** The core schema URN and extension URNs of a resource type, as /ResourceTypes declares them. */
interface TypeSchemas {
  type: string;
  core: string;
  extensions: string[];
}

export function typeSchemas(target: TargetInfo, type: string): TypeSchemas | undefined {
  const rt = target.capabilities.resourceTypes[type];
  return rt && rt.schema ? { type, core: rt.schema, extensions: rt.extensions } : undefined;
}

/**
 * The attribute definitions that apply to a resource's top level and to each extension container:
 * `[container key or '', definitions]` pairs, from the target's own /Schemas.
 */
function definitionsFor(target: TargetInfo, schemas: TypeSchemas): [string, AttributeDef[]][] {
  const out: [string, AttributeDef[]][] = [['', attributesOf(schemaById(target, schemas.core))]];
  for (const ext of schemas.extensions) out.push([ext, attributesOf(schemaById(target, ext))]);
  return out;
}

/** A resource type's top-level or extension definitions and values, visited pairwise. */
function eachAttribute(
  target: TargetInfo,
  schemas: TypeSchemas,
  resource: JsonObject,
  visit: (def: AttributeDef, value: unknown, pointer: string) => void,
): void {
  for (const [container, defs] of definitionsFor(target, schemas)) {
    const holder = container === '' ? resource : member(resource, container);
    if (!isObject(holder)) continue;
    const prefix = container === '' ? '' : `/${container}`;
    for (const def of defs) {
      if (typeof def.name !== 'string') continue;
      const key = Object.keys(holder).find((k) => k.toLowerCase() === (def.name as string).toLowerCase());
      if (key === undefined) continue;
      visit(def, holder[key], `${prefix}/${key}`);
    }
  }
}

/**
 * Visits every scalar value typed `type` (top-level or sub-attribute) that the resource carries, per the
 * target's schema: `(def, value, pointer)`.
 */
export function eachTypedValue(
  target: TargetInfo,
  schemas: TypeSchemas,
  resource: JsonObject,
  type: string,
  visit: (def: AttributeDef, value: unknown, pointer: string) => void,
): void {
  const scalars = (def: AttributeDef, value: unknown, pointer: string): void => {
    if (value === null || value === undefined) return;
    if (def.type === 'complex') {
      const items = Array.isArray(value) ? value.map((v, i) => [v, `${pointer}/${i}`] as const) : [];
      const single = !Array.isArray(value) ? [[value, pointer] as const] : [];
      for (const [item, at] of [...items, ...single]) {
        if (!isObject(item)) continue;
        for (const sub of attributesOf(def, 'subAttributes')) {
          if (typeof sub.name !== 'string') continue;
          const key = Object.keys(item).find((k) => k.toLowerCase() === (sub.name as string).toLowerCase());
          if (key !== undefined) scalars(sub, item[key], `${at}/${key}`);
        }
      }
      return;
    }
    if (def.type !== type) return;
    if (Array.isArray(value)) value.forEach((v, i) => visit(def, v, `${pointer}/${i}`));
    else visit(def, value, pointer);
  };
  eachAttribute(target, schemas, resource, scalars);
}

/** A label for a sample resource in messages, e.g. `GET /Users/abc`. */
export interface Sample {
  label: string;
  /** The resource type the sample belongs to (User, Group). */
  type: string;
  body: JsonObject;
}
