/**
 * Builds a JSON Schema from a target's own /Schemas definition (RFC 7643 §7), so responses can be checked
 * against what the target itself declared (the approach suvera's tester takes).
 * @module
 */
import type { JsonSchema } from './rfc-schemas.js';

/** Prefix of the `$id` of schemas compiled from the target's /Schemas. */
export const TARGET_SCHEMA_PREFIX = 'target:';

interface AttributeDefinition {
  name?: unknown;
  type?: unknown;
  multiValued?: unknown;
  required?: unknown;
  returned?: unknown;
  mutability?: unknown;
  subAttributes?: unknown;
}

const BASE64 = '^[A-Za-z0-9+/_-]*={0,2}$';

function scalarSchema(type: unknown): Record<string, unknown> {
  switch (type) {
    case 'boolean':
      return { type: 'boolean' };
    case 'integer':
      return { type: 'integer' };
    case 'decimal':
      return { type: 'number' };
    case 'dateTime':
      return { type: 'string', format: 'date-time' };
    case 'binary':
      return { type: 'string', pattern: BASE64 };
    case 'string':
    case 'reference':
      return { type: 'string' };
    default:
      // An unknown type constrains nothing rather than failing every response.
      return {};
  }
}

function attributesSchema(attributes: readonly AttributeDefinition[]): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const attr of attributes) {
    if (typeof attr.name !== 'string' || attr.name === '') continue;
    properties[attr.name] = attributeSchema(attr);
    // A required attribute must come back unless the schema says it is never (or only on request) returned.
    if (
      attr.required === true &&
      attr.returned !== 'never' &&
      attr.returned !== 'request' &&
      attr.mutability !== 'writeOnly'
    ) {
      required.push(attr.name);
    }
  }
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
}

function attributeSchema(attr: AttributeDefinition): Record<string, unknown> {
  const item =
    attr.type === 'complex' && Array.isArray(attr.subAttributes)
      ? attributesSchema(attr.subAttributes as AttributeDefinition[])
      : attr.type === 'complex'
        ? { type: 'object' }
        : scalarSchema(attr.type);
  // canonicalValues are deliberately not enforced: RFC 7643 §2.3.1 lets providers accept other values.
  return attr.multiValued === true ? { type: 'array', items: item } : item;
}

/**
 * Turns a schema definition as served on /Schemas into a JSON Schema for resources (or, for an extension,
 * the extension object). `$id` is `target:<schema id>`. Names are matched as declared (SCIM attribute
 * names are case-insensitive; a server answering in another casing shows up as a missing attribute).
 */
export function compileTargetSchema(schemaDoc: unknown): JsonSchema {
  const doc = (schemaDoc ?? {}) as { id?: unknown; name?: unknown; attributes?: unknown };
  if (typeof doc.id !== 'string' || doc.id === '') throw new TypeError('schema definition has no id');
  const attributes = Array.isArray(doc.attributes) ? (doc.attributes as AttributeDefinition[]) : [];
  return {
    $id: TARGET_SCHEMA_PREFIX + doc.id,
    title: `${typeof doc.name === 'string' ? doc.name : doc.id} (from the target's /Schemas)`,
    ...attributesSchema(attributes),
  };
}
