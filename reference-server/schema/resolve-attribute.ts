import { COMMON_ATTRIBUTES } from './common-attributes.js';
import type { AttributeDefinition, ResourceSchema, SchemaDefinition } from './types.js';

/** What an attribute path names, in canonical case (RFC 7644 §3.10). */
export interface ResolvedAttribute {
  schemaUrn: string;
  /** canonical-case names, e.g. ['name','givenName'] */
  names: string[];
  definition: AttributeDefinition;
  parent?: AttributeDefinition;
  /** true when it lives in an extension (stored under the extension URN key) */
  extension: boolean;
}

const NAME = /^\$?[A-Za-z][\w-]*$/;

/**
 * Lower-cased name → first definition of that name, per definition list. Schemas are fixed data, so the
 * lookups are built once instead of lower-casing every name on every request; a list whose length changed
 * since is re-read.
 */
const attributeLookups = new WeakMap<readonly AttributeDefinition[], Map<string, AttributeDefinition>>();
const lookupSizes = new WeakMap<readonly AttributeDefinition[], number>();

function attributeLookup(attributes: readonly AttributeDefinition[]): Map<string, AttributeDefinition> {
  let lookup = attributeLookups.get(attributes);
  if (!lookup || lookupSizes.get(attributes) !== attributes.length) {
    lookup = new Map();
    for (const attribute of attributes) {
      const lower = attribute.name.toLowerCase();
      if (!lookup.has(lower)) lookup.set(lower, attribute);
    }
    attributeLookups.set(attributes, lookup);
    lookupSizes.set(attributes, attributes.length);
  }
  return lookup;
}

/** Attribute names are case-insensitive (RFC 7643 §2.1). */
export function findAttribute(
  attributes: readonly AttributeDefinition[] | undefined,
  name: string,
): AttributeDefinition | undefined {
  return attributes ? attributeLookup(attributes).get(name.toLowerCase()) : undefined;
}

/** The schema (core or extension) whose URN matches, ignoring case (RFC 7644 §3.10). */
export function findSchema(resource: ResourceSchema, urn: string): SchemaDefinition | undefined {
  let lookup = schemaLookups.get(resource);
  if (!lookup || lookup.size !== resource.extensions.length + 1 || lookup.core !== resource.core) {
    const byId = new Map<string, SchemaDefinition>();
    for (const schema of [resource.core, ...resource.extensions]) {
      const lower = schema.id.toLowerCase();
      if (!byId.has(lower)) byId.set(lower, schema);
    }
    lookup = { byId, core: resource.core, size: resource.extensions.length + 1 };
    schemaLookups.set(resource, lookup);
  }
  return lookup.byId.get(urn.toLowerCase());
}

const schemaLookups = new WeakMap<
  ResourceSchema,
  { byId: Map<string, SchemaDefinition>; core: SchemaDefinition; size: number }
>();

/** Splits `urn:...:User:name.givenName` into the schema it names and the remaining dotted path (RFC 7644 §3.10). */
function splitSchemaPrefix(
  resource: ResourceSchema,
  path: string,
): { schema: SchemaDefinition | undefined; rest: string } {
  const lower = path.toLowerCase();
  if (!lower.startsWith('urn:')) return { schema: undefined, rest: path };
  const schemas = [resource.core, ...resource.extensions].sort((x, y) => y.id.length - x.id.length);
  for (const schema of schemas) {
    const prefix = `${schema.id.toLowerCase()}:`;
    if (lower.startsWith(prefix)) return { schema, rest: path.slice(prefix.length) };
  }
  return { schema: undefined, rest: path };
}

/** Resolves an attribute path (case-insensitive names; optional URN prefix `urn:...:User:name.givenName`; extension URN + attr) to its definition(s). */
export function resolveAttribute(resource: ResourceSchema, path: string): ResolvedAttribute | undefined {
  const { schema, rest } = splitSchemaPrefix(resource, path.trim());
  if (path.toLowerCase().startsWith('urn:') && !schema) return undefined;
  const target = schema ?? resource.core;
  const extension = target !== resource.core;
  const parts = rest.split('.');
  if (parts.length > 2 || !parts.every((part) => NAME.test(part))) return undefined;
  const [first, second] = parts as [string, string | undefined];
  // Common attributes belong to every resource but not to an extension (RFC 7643 §3.1).
  const top =
    findAttribute(target.attributes, first) ??
    (extension ? undefined : findAttribute(COMMON_ATTRIBUTES, first));
  if (!top) return undefined;
  if (second === undefined) return { schemaUrn: target.id, names: [top.name], definition: top, extension };
  const sub = findAttribute(top.subAttributes, second);
  if (!sub) return undefined;
  return { schemaUrn: target.id, names: [top.name, sub.name], definition: sub, parent: top, extension };
}
