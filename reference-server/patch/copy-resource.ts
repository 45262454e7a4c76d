/**
 * The working copy PATCH applies its operations to: the same result as `structuredClone` for a resource
 * (plain objects, arrays and scalars, no shared or cyclic parts), built without serialising it. Anything else
 * (a prototype, a function, a hole, an object met twice, an own `__proto__` key) is left to `structuredClone`,
 * so the copy, or the error, is always the one `structuredClone` gives.
 */

/** Thrown inside the walk when the value needs `structuredClone`; never leaves this module. */
const UNSUPPORTED = Symbol('unsupported');

function copy(value: unknown, seen: Set<object>): unknown {
  if (typeof value !== 'object' || value === null) {
    if (typeof value === 'function' || typeof value === 'symbol') throw UNSUPPORTED;
    return value;
  }
  // An object met twice is shared (or a cycle): structuredClone keeps it shared.
  if (seen.has(value)) throw UNSUPPORTED;
  seen.add(value);
  const proto: unknown = Object.getPrototypeOf(value);
  if (Array.isArray(value)) {
    if (proto !== Array.prototype) throw UNSUPPORTED;
    const out: unknown[] = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      // A hole stays a hole in structuredClone.
      if (!(i in value)) throw UNSUPPORTED;
      out[i] = copy(value[i], seen);
    }
    // Extra own properties on an array are copied by structuredClone too.
    if (Object.keys(value).length !== value.length) throw UNSUPPORTED;
    return out;
  }
  if (proto !== Object.prototype && proto !== null) throw UNSUPPORTED;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    // Assigning `__proto__` would set the copy's prototype instead of adding the member.
    if (key === '__proto__') throw UNSUPPORTED;
    out[key] = copy((value as Record<string, unknown>)[key], seen);
  }
  return out;
}

export function copyResource<T>(resource: T): T {
  try {
    return copy(resource, new Set()) as T;
  } catch (error) {
    if (error !== UNSUPPORTED) throw error;
    return structuredClone(resource);
  }
}
