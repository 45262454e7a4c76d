/**
 * Pure assertions on values inside a response body.
 * @module
 */
import type { Failure, Verdict } from '../model/index.js';
import { fail, pass } from '../model/index.js';
import { pointerGet, pointerHas, type PointerOptions } from './pointer.js';

/** Structural equality of JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return (
    ka.length === kb.length &&
    ka.every(
      (k) =>
        Object.hasOwn(b as object, k) &&
        jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
    )
  );
}

/** VALUE_MISMATCH unless the value at `pointer` equals `expected` (or satisfies the predicate). */
export function expectValue(
  body: unknown,
  pointer: string,
  expected: unknown,
  options: PointerOptions & { message?: string; matches?: (actual: unknown) => boolean } = {},
): Failure | undefined {
  if (!pointerHas(body, pointer, options)) {
    return fail('ATTRIBUTE_MISSING', options.message ?? `${pointer || '/'} is missing`, {
      expected,
      pointer,
    });
  }
  const actual = pointerGet(body, pointer, options);
  const ok = options.matches ? options.matches(actual) : jsonEqual(actual, expected);
  if (ok) return undefined;
  return fail(
    'VALUE_MISMATCH',
    options.message ?? `${pointer || '/'} is ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`,
    { expected, actual, pointer },
  );
}

/** ATTRIBUTE_MISSING unless `pointer` is present. */
export function expectAttribute(
  body: unknown,
  pointer: string,
  options: PointerOptions = {},
): Failure | undefined {
  if (pointerHas(body, pointer, options)) return undefined;
  return fail('ATTRIBUTE_MISSING', `${pointer} is missing`, { expected: 'present', pointer });
}

/** ATTRIBUTE_UNEXPECTED when `pointer` is present (e.g. a `returned: never` password). */
export function expectNoAttribute(
  body: unknown,
  pointer: string,
  options: PointerOptions = {},
): Failure | undefined {
  if (!pointerHas(body, pointer, options)) return undefined;
  return fail('ATTRIBUTE_UNEXPECTED', `${pointer} is present but must not be`, {
    expected: 'absent',
    actual: pointerGet(body, pointer, options),
    pointer,
  });
}

/** The first failure among `items` (single failures or lists, undefined = OK), else pass. */
export function verdict(...items: ReadonlyArray<Failure | readonly Failure[] | undefined>): Verdict {
  for (const item of items) {
    if (item === undefined) continue;
    if (Array.isArray(item)) {
      const first = (item as readonly Failure[])[0];
      if (first) return first;
    } else {
      return item as Failure;
    }
  }
  return pass();
}
