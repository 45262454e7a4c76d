/**
 * Small assertion guards the suites compose: each returns a Failure (a value, never thrown) or undefined.
 * Failure codes are the engine's stable ones (house style §2.2).
 */
import {
  about,
  expectHeader as engineExpectHeader,
  expectResponse,
  fail,
  pointerGet,
  type Failure,
  type HttpResult,
} from '../../engine/index.js';
import { isObject, type JsonObject } from '../../protocol/json.js';

export { isObject, type JsonObject };
export type Guard = Failure | undefined;

export function isFailure(value: unknown): value is Failure {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'fail';
}

/** The failure a value-or-failure holds, else undefined: a requireString or headerValue result used as a guard. */
export function failureIn(value: unknown): Guard {
  return isFailure(value) ? value : undefined;
}

/** NO_RESPONSE when a transport error (timeout, reset, refused) left nothing to judge. */
export { expectResponse as responded, expectStatus, pointerGet } from '../../engine/index.js';

/** The header's value, or HEADER_MISSING (the engine's failure) when it is absent. */
export function headerValue(res: HttpResult, name: string): string | Failure {
  return engineExpectHeader(res, name) ?? res.headers[name.toLowerCase()] ?? '';
}

/** The response body as a JSON object, or the failure that says why it is not one. */
export function bodyObject(res: HttpResult): JsonObject | Failure {
  const body = bodyOf(res);
  return isFailure(body) ? about(res, body) : body;
}

function bodyOf(res: HttpResult): JsonObject | Failure {
  const missing = expectResponse(res);
  if (missing) return missing;
  if (res.json === undefined) {
    const text = res.text ?? '';
    return fail(
      'BODY_NOT_JSON',
      `The response body is not JSON${res.jsonError ? ` (${res.jsonError})` : ''}`,
      {
        expected: 'a JSON object',
        actual: text.length > 200 ? `${text.slice(0, 200)}…` : text,
      },
    );
  }
  if (!isObject(res.json)) {
    return fail('BODY_NOT_JSON', 'The response body is JSON but not an object', {
      expected: 'a JSON object',
      actual: Array.isArray(res.json) ? 'an array' : typeof res.json,
    });
  }
  return res.json;
}

/** The value at `pointer`, or ATTRIBUTE_MISSING when it is absent or null. */
export function requireAttribute(body: JsonObject, pointer: string): unknown {
  const value = pointerGet(body, pointer);
  if (value === undefined || value === null) {
    return fail('ATTRIBUTE_MISSING', `The body has no ${pointer.slice(1).replace(/\//g, '.')}`, { pointer });
  }
  return value;
}

/** A non-empty string at `pointer`, or the failure that says why not. */
export function requireString(body: JsonObject, pointer: string): string | Failure {
  const value = requireAttribute(body, pointer);
  if (isFailure(value)) return value;
  if (typeof value !== 'string' || value === '') {
    return fail('VALUE_MISMATCH', `${pointer.slice(1).replace(/\//g, '.')} is not a non-empty string`, {
      expected: 'a non-empty string',
      actual: value,
      pointer,
    });
  }
  return value;
}

/** The `schemas` array contains `urn` (compared case-insensitively, RFC 7643 §3 URIs). */
export function expectSchemasContain(body: JsonObject, urn: string): Guard {
  const schemas = body['schemas'];
  if (schemas === undefined || schemas === null) {
    return fail('ATTRIBUTE_MISSING', 'The body has no schemas attribute', {
      expected: [urn],
      pointer: '/schemas',
    });
  }
  if (
    !Array.isArray(schemas) ||
    !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === urn.toLowerCase())
  ) {
    return fail('VALUE_MISMATCH', `schemas does not contain ${urn}`, {
      expected: `an array containing ${urn}`,
      actual: schemas,
      pointer: '/schemas',
    });
  }
  return undefined;
}

/** xsd:dateTime with date and time (RFC 7643 §2.3.5), and a real instant. */
const XSD_DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

export function isDateTime(value: unknown): boolean {
  return typeof value === 'string' && XSD_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));
}
