/**
 * `JSON.stringify(a) === JSON.stringify(b)` without building either string: a walk that stops at the first
 * difference. Anything but plain objects, arrays and scalars (a prototype, a `toJSON`) is compared through
 * `JSON.stringify` itself, so the answer is the same as the strings' for every value.
 */

/** JSON.stringify leaves out object members whose value is undefined, a function or a symbol. */
const leftOut = (value: unknown): boolean =>
  value === undefined || typeof value === 'function' || typeof value === 'symbol';

function plain(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  const expected = Array.isArray(value) ? Array.prototype : Object.prototype;
  return (
    (proto === expected || proto === null) && typeof (value as { toJSON?: unknown }).toJSON !== 'function'
  );
}

function sameValue(a: unknown, b: unknown): boolean {
  // The same value (or object) gives the same text.
  if (a === b) return true;
  if (typeof a === 'string' && typeof b === 'string') return a === b;
  if (typeof a === 'number' && typeof b === 'number' && Number.isFinite(a) && Number.isFinite(b))
    return a === b;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || !plain(a) || !plain(b))
    return JSON.stringify(a) === JSON.stringify(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      // Inside an array a left-out value is written as null.
      const x: unknown = a[i];
      const y: unknown = b[i];
      if (!sameValue(leftOut(x) ? null : x, leftOut(y) ? null : y)) return false;
    }
    return true;
  }
  return sameMembers(a as Record<string, unknown>, b as Record<string, unknown>, undefined);
}

/** Same members in the same order, those JSON.stringify leaves out (and `omit`) skipped on both sides. */
function sameMembers(
  a: Record<string, unknown>,
  b: Record<string, unknown>,
  omit: string | undefined,
): boolean {
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < keysA.length && (keysA[i] === omit || leftOut(a[keysA[i] as string]))) i++;
    while (j < keysB.length && (keysB[j] === omit || leftOut(b[keysB[j] as string]))) j++;
    if (i === keysA.length || j === keysB.length) return i === keysA.length && j === keysB.length;
    const key = keysA[i] as string;
    if (key !== keysB[j] || !sameValue(a[key], b[key])) return false;
    i++;
    j++;
  }
}

/** Whether two resources serialise to the same JSON once the member `omit` is left out of both. */
export function sameJsonWithout(
  a: Record<string, unknown>,
  b: Record<string, unknown>,
  omit: string,
): boolean {
  if (!plain(a) || !plain(b)) {
    const { [omit]: _a, ...restA } = a;
    const { [omit]: _b, ...restB } = b;
    return JSON.stringify(restA) === JSON.stringify(restB);
  }
  return sameMembers(a, b, omit);
}
