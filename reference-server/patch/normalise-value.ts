import { ScimError } from '../core/scim-error.js';
import { findAttribute } from '../schema/index.js';
import type { AttributeDefinition } from '../schema/index.js';
import type { PatchOptions } from './types.js';
import { isObject } from '../../protocol/json.js';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * Type-checks a value against its definition and returns it with canonical sub-attribute names; the JSON
 * form of each SCIM type is fixed by RFC 7643 §2.3 Table 1, so a mismatch is 400 invalidValue.
 * readOnly sub-attributes inside a complex value (members.display, manager.displayName) are dropped, as
 * RFC 7644 §3.3 has servers ignore readOnly input rather than fail.
 */
export function normaliseSingle(
  definition: AttributeDefinition,
  value: unknown,
  options: PatchOptions,
  label: string,
): unknown {
  const fail = (expected: string) =>
    ScimError.invalidValue(`"${label}" expects ${expected}, got ${JSON.stringify(value) ?? String(value)}`);
  switch (definition.type) {
    case 'complex': {
      if (!isObject(value)) throw fail('an object of sub-attributes');
      const out: Record<string, unknown> = {};
      for (const [key, sub] of Object.entries(value)) {
        const subDefinition = findAttribute(definition.subAttributes, key);
        if (!subDefinition) throw ScimError.invalidValue(`"${label}" has no sub-attribute "${key}"`);
        if (subDefinition.mutability === 'readOnly' || sub === null) continue;
        out[subDefinition.name] = normaliseSingle(
          subDefinition,
          sub,
          options,
          `${label}.${subDefinition.name}`,
        );
      }
      return out;
    }
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (options.coerceBooleanStrings && typeof value === 'string' && /^(true|false)$/i.test(value)) {
        return value.toLowerCase() === 'true';
      }
      throw fail('a boolean');
    case 'integer':
      if (typeof value === 'number' && Number.isInteger(value)) return value;
      throw fail('an integer');
    case 'decimal':
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      throw fail('a number');
    case 'dateTime':
      if (typeof value === 'string' && DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)))
        return value;
      throw fail('an xsd:dateTime string');
    default:
      if (typeof value === 'string') return value;
      throw fail('a string');
  }
}

/** A multi-valued target takes an array; a lone value is accepted as a one-element array (RFC 7643 §2.4). */
export function normaliseCollection(
  definition: AttributeDefinition,
  value: unknown,
  options: PatchOptions,
  label: string,
): unknown[] {
  const items = Array.isArray(value) ? value : [value];
  return items.map((item, i) => {
    if (item === null || item === undefined) throw ScimError.invalidValue(`"${label}[${i}]" is null`);
    return normaliseSingle(definition, item, options, label);
  });
}

/** Compares two attribute values, folding case where caseExact is false (RFC 7643 §2.2). */
export function sameValue(a: unknown, b: unknown, definition?: AttributeDefinition): boolean {
  if (typeof a === 'string' && typeof b === 'string') {
    return definition?.caseExact === true || definition === undefined
      ? a === b
      : a.toLowerCase() === b.toLowerCase();
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameValue(item, b[i], definition));
  }
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => sameValue(a[key], b[key], findAttribute(definition?.subAttributes, key)));
  }
  return a === b;
}

/** Two values of a multi-valued complex attribute are the same value when their `value` agrees (RFC 7643 §2.4). */
export function sameElement(a: unknown, b: unknown, definition: AttributeDefinition): boolean {
  if (isObject(a) && isObject(b) && a.value !== undefined && b.value !== undefined) {
    return sameValue(a.value, b.value, findAttribute(definition.subAttributes, 'value'));
  }
  return sameValue(a, b, definition);
}
