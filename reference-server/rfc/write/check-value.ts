import { ScimError } from '../../core/index.js';
import { findAttribute, type AttributeDefinition } from '../../schema/index.js';
import { isObject, type JsonObject } from '../../../protocol/json.js';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Checks one scalar against its SCIM type; JSON forms are fixed by RFC 7643 §2.3 Table 1, so "true" is no boolean. */
function checkScalar(def: AttributeDefinition, value: unknown, path: string): unknown {
  const wrong = (expected: string): ScimError =>
    ScimError.invalidValue(`Attribute "${path}" must be ${expected}, got ${JSON.stringify(value)}`);
  switch (def.type) {
    case 'boolean':
      if (typeof value !== 'boolean') throw wrong('a boolean');
      return value;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw wrong('an integer');
      return value;
    case 'decimal':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw wrong('a number');
      return value;
    case 'dateTime':
      if (typeof value !== 'string' || !DATE_TIME.test(value) || Number.isNaN(Date.parse(value)))
        throw wrong('an xsd:dateTime string');
      return value;
    default:
      if (typeof value !== 'string') throw wrong('a string');
      return value;
  }
}

/**
 * Validates a client-sent value and returns it in canonical attribute case with readOnly parts
 * dropped (RFC 7644 §3.3: readOnly input is ignored); undefined means "unassigned" (null and [] clear, §3.5.1).
 */
export function checkValue(def: AttributeDefinition, value: unknown, path: string, inMulti = false): unknown {
  if (value === null || value === undefined) return undefined;
  if (def.multiValued && !inMulti) {
    // OneLogin's enterprise template sends `emails` as one object; accept it as a one-element list.
    const list = def.type === 'complex' && isObject(value) ? [value] : value;
    if (!Array.isArray(list))
      throw ScimError.invalidValue(`Attribute "${path}" is multi-valued and must be an array`);
    const items = list.map((item) => checkValue(def, item, path, true)).filter((v) => v !== undefined);
    if (items.length === 0) return undefined;
    // RFC 7643 §2.4: the primary value "true" appears no more than once.
    if (items.filter((item) => isObject(item) && item.primary === true).length > 1) {
      throw ScimError.invalidValue(`Attribute "${path}" has more than one primary value`);
    }
    return items;
  }
  if (def.type !== 'complex') return checkScalar(def, value, path);
  if (!isObject(value)) throw ScimError.invalidValue(`Attribute "${path}" must be a complex object`);
  const out: JsonObject = {};
  for (const [key, sub] of Object.entries(value)) {
    const subDef = findAttribute(def.subAttributes, key);
    if (!subDef || subDef.mutability === 'readOnly') continue;
    const checked = checkValue(subDef, sub, `${path}.${subDef.name}`);
    if (checked !== undefined) out[subDef.name] = checked;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
