/** Reading ListResponse bodies (RFC 7644 §3.4.2). */
import { fail, type Failure, type HttpResult } from '../../engine/index.js';
import {
  bodyObject,
  expectSchemasContain,
  isFailure,
  isObject,
  type Guard,
  type JsonObject,
} from './guards.js';
import { URN } from './urns.js';

/** The `Resources` of a ListResponse body, or why the body is not one. */
export function listResources(body: JsonObject): JsonObject[] | Failure {
  const schemaFailure = expectSchemasContain(body, URN.listResponse);
  if (schemaFailure) return schemaFailure;
  const resources = body['Resources'];
  if (resources === undefined || resources === null) return [];
  if (!Array.isArray(resources)) {
    return fail('VALUE_MISMATCH', 'Resources is not an array', {
      expected: 'an array',
      actual: typeof resources,
      pointer: '/Resources',
    });
  }
  const bad = resources.findIndex((r) => !isObject(r));
  if (bad >= 0) {
    return fail('VALUE_MISMATCH', `Resources[${bad}] is not an object`, { pointer: `/Resources/${bad}` });
  }
  return resources as JsonObject[];
}

/** The ids of a ListResponse's Resources, or why the body is not a usable ListResponse. */
export function listIds(res: HttpResult): string[] | Failure {
  const body = bodyObject(res);
  if (isFailure(body)) return body;
  const resources = listResources(body);
  if (isFailure(resources)) return resources;
  return resources.map((r) => (typeof r['id'] === 'string' ? r['id'] : ''));
}

/**
 * Items of a discovery list: a ListResponse, or (for /ResourceTypes) the bare JSON array that
 * RFC 7643 §8.6's example shows and several servers copy.
 */
export function discoveryItems(res: HttpResult, allowBareArray: boolean): JsonObject[] | Failure {
  if (allowBareArray && Array.isArray(res.json)) {
    const items = res.json as unknown[];
    const bad = items.findIndex((r) => !isObject(r));
    if (bad >= 0) return fail('VALUE_MISMATCH', `Item ${bad} is not an object`, { pointer: `/${bad}` });
    return items as JsonObject[];
  }
  const body = bodyObject(res);
  if (isFailure(body)) return body;
  return listResources(body);
}

/** VALUE_MISMATCH when more than `max` resources were listed (RFC 7644 §3.4.2.4 count); `why` ends the message. */
export function expectAtMostListed(ids: readonly string[], max: number, why: string): Guard {
  if (ids.length <= max) return undefined;
  return fail('VALUE_MISMATCH', `${ids.length === 1 ? '1 resource' : `${ids.length} resources`} ${why}`, {
    expected: max === 0 ? 0 : `≤ ${max}`,
    actual: ids.length,
    pointer: '/Resources',
  });
}

/** ATTRIBUTE_MISSING / VALUE_MISMATCH unless the ListResponse's `name` (totalResults…) is `expected`. */
export function expectListNumber(body: JsonObject, name: string, expected: number): Guard {
  const value = body[name];
  if (value === undefined)
    return fail('ATTRIBUTE_MISSING', `The ListResponse has no ${name}`, { expected, pointer: `/${name}` });
  return value === expected
    ? undefined
    : fail('VALUE_MISMATCH', `${name} is ${JSON.stringify(value)}, expected ${expected}`, {
        expected,
        actual: value,
        pointer: `/${name}`,
      });
}

/** Every item of a list lists `urn` in its schemas (RFC 7643 §3); the failure points at the first that does not. */
export function expectItemsDeclare(items: readonly JsonObject[], urn: string): Guard {
  for (const [index, item] of items.entries()) {
    const failure = expectSchemasContain(item, urn);
    if (failure) return { ...failure, pointer: `/Resources/${index}/schemas` };
  }
  return undefined;
}
