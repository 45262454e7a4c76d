import { ScimError } from '../../core/index.js';
import {
  COMMON_ATTRIBUTES,
  findAttribute,
  findSchema,
  type ResourceSchema,
  type SchemaDefinition,
} from '../../schema/index.js';
import { checkValue } from './check-value.js';
import { isObject, type JsonObject } from '../../../protocol/json.js';
import { URN } from '../../../protocol/urns.js';

/** Pre-RFC schema URNs some IdPs still send (OneLogin's SCIM v2 Enterprise template), read as RFC 7643 URNs. */
function rfcUrn(urn: string, resource: ResourceSchema): string {
  const lower = urn.toLowerCase();
  if (lower === 'urn:scim:schemas:core:2.0') return resource.core.id;
  if (lower === 'urn:scim:schemas:extension:enterprise:2.0') {
    return URN.enterpriseUser;
  }
  return urn;
}

function normaliseAttributes(
  source: JsonObject,
  schema: SchemaDefinition,
  withCommon: boolean,
  prefix = '',
): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(source)) {
    const def =
      findAttribute(schema.attributes, key) ??
      (withCommon ? findAttribute(COMMON_ATTRIBUTES, key) : undefined);
    // Unknown attributes are ignored and readOnly ones are ignored by rule (RFC 7644 §3.3, §3.5.1).
    if (!def || def.mutability === 'readOnly') continue;
    const checked = checkValue(def, value, prefix + def.name);
    if (checked !== undefined) out[def.name] = checked;
  }
  return out;
}

function checkRequired(schema: SchemaDefinition, container: JsonObject): void {
  for (const def of schema.attributes) {
    if (!def.required) continue;
    const value = container[def.name];
    if (value === undefined || value === '') {
      throw ScimError.invalidValue(`Required attribute "${def.name}" is missing (RFC 7643 §2.2)`);
    }
  }
}

/**
 * Turns a POST/PUT body into the attributes the server stores: schema URNs checked, names in canonical
 * case, types checked, readOnly and unknown attributes dropped, required ones present (RFC 7644 §3.3, §3.5.1).
 */
export function normaliseInput(body: unknown, resource: ResourceSchema): JsonObject {
  if (!isObject(body)) throw ScimError.invalidSyntax('The request body must be a JSON object');
  const schemasKey = Object.keys(body).find((k) => k.toLowerCase() === 'schemas');
  const schemas = schemasKey === undefined ? undefined : body[schemasKey];
  if (!Array.isArray(schemas) || !schemas.every((s): s is string => typeof s === 'string')) {
    throw ScimError.invalidSyntax('The request body must carry a "schemas" array (RFC 7643 §3)');
  }
  // URNs this server does not know (Entra's ADSCIM group schema, say) are ignored rather than refused, and
  // OneLogin's pre-RFC spellings are read as the core and enterprise URNs they stand for.
  const declared = schemas.map((urn) => findSchema(resource, rfcUrn(urn, resource)));
  if (!declared.includes(resource.core)) {
    throw ScimError.invalidSyntax(`"schemas" must include ${resource.core.id} (RFC 7643 §3)`);
  }
  const out: JsonObject = normaliseAttributes(body, resource.core, true);
  const outSchemas = [resource.core.id];
  for (const ext of resource.extensions) {
    const key = Object.keys(body).find((k) => rfcUrn(k, resource).toLowerCase() === ext.id.toLowerCase());
    const raw = key === undefined ? undefined : body[key];
    if (raw !== undefined && raw !== null && !isObject(raw)) {
      throw ScimError.invalidValue(`Extension "${ext.id}" must be a JSON object`);
    }
    const attrs = raw ? normaliseAttributes(raw, ext, false, `${ext.id}:`) : {};
    if (raw) checkRequired(ext, attrs);
    if (Object.keys(attrs).length > 0) {
      out[ext.id] = attrs;
      outSchemas.push(ext.id);
    }
  }
  checkRequired(resource.core, out);
  return { schemas: outSchemas, ...out };
}
