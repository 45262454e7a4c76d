/**
 * Small assertion guards the suites compose: each returns a Failure (a value, never thrown) or undefined.
 * Failure codes are the engine's stable ones (house style §2.2).
 */
import { fail, type Failure, type HttpResult } from '../../engine/model/index.js';

export type Guard = Failure | undefined;
export type JsonObject = Record<string, unknown>;

export function isFailure(value: unknown): value is Failure {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'fail';
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A transport error (timeout, reset, refused) means there is nothing to judge. */
export function responded(res: HttpResult): Guard {
  if (res.status !== undefined) return undefined;
  const error = res.exchange.error;
  return fail('NO_RESPONSE', `No HTTP response: ${error ? `${error.code} ${error.message}` : 'unknown error'}`);
}

export function expectStatus(res: HttpResult, expected: number | readonly number[]): Guard {
  const wanted = typeof expected === 'number' ? [expected] : expected;
  const missing = responded(res);
  if (missing) return missing;
  if (wanted.includes(res.status as number)) return undefined;
  return fail('STATUS_MISMATCH', `Expected HTTP ${wanted.join(' or ')}, got ${res.status}`, {
    expected: wanted.length === 1 ? wanted[0] : wanted,
    actual: res.status,
  });
}

/** The media type of a header value: lower-cased, without parameters. */
export function mediaTypeOf(value: string | undefined): string | undefined {
  const type = value?.split(';')[0]?.trim().toLowerCase();
  return type ? type : undefined;
}

export function expectMediaType(res: HttpResult, mediaType: string): Guard {
  const missing = responded(res);
  if (missing) return missing;
  const header = res.headers['content-type'];
  if (header === undefined) {
    return fail('HEADER_MISSING', 'The response has no Content-Type header', { expected: mediaType });
  }
  if (mediaTypeOf(header) === mediaType) return undefined;
  return fail('CONTENT_TYPE_MISMATCH', `Expected Content-Type ${mediaType}, got ${header}`, {
    expected: mediaType,
    actual: header,
  });
}

export function expectHeader(res: HttpResult, name: string): string | Failure {
  const missing = responded(res);
  if (missing) return missing;
  const value = res.headers[name.toLowerCase()];
  if (value === undefined || value.trim() === '') {
    return fail('HEADER_MISSING', `The response has no ${name} header`);
  }
  return value;
}

/** The response body as a JSON object, or the failure that says why it is not one. */
export function bodyObject(res: HttpResult): JsonObject | Failure {
  const missing = responded(res);
  if (missing) return missing;
  if (res.json === undefined) {
    const text = res.text ?? '';
    return fail('BODY_NOT_JSON', `The response body is not JSON${res.jsonError ? ` (${res.jsonError})` : ''}`, {
      expected: 'a JSON object',
      actual: text.length > 200 ? `${text.slice(0, 200)}…` : text,
    });
  }
  if (!isObject(res.json)) {
    return fail('BODY_NOT_JSON', 'The response body is JSON but not an object', {
      expected: 'a JSON object',
      actual: Array.isArray(res.json) ? 'an array' : typeof res.json,
    });
  }
  return res.json;
}

/** Reads a JSON pointer (RFC 6901) from a parsed body. */
export function pointerGet(value: unknown, pointer: string): unknown {
  if (pointer === '') return value;
  let current: unknown = value;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) current = current[Number(key)];
    else if (isObject(current)) current = current[key];
    else return undefined;
  }
  return current;
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
    return fail('ATTRIBUTE_MISSING', 'The body has no schemas attribute', { expected: [urn], pointer: '/schemas' });
  }
  if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === urn.toLowerCase())) {
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

/** Runs guards in order and returns the first failure; later guards may rely on earlier ones having passed. */
export function firstFailure(...guards: Array<() => Guard>): Guard {
  for (const guard of guards) {
    const failure = guard();
    if (failure) return failure;
  }
  return undefined;
}
