/**
 * JSON value types and the guard every layer uses to tell a JSON object from an array or a scalar.
 * @module
 */

/** A parsed JSON object whose members are not yet checked. */
export type JsonObject = Record<string, unknown>;

/** True for a JSON object: not null and not an array (RFC 8259 §4). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as a JSON object, or undefined when it is not one. */
export function asObject(value: unknown): JsonObject | undefined {
  return isObject(value) ? value : undefined;
}

/** The parsed JSON text, or undefined when there is no text or it is not JSON. */
export function parseJson(text: string | undefined): unknown {
  if (text === undefined || text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
