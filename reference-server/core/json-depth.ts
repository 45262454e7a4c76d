/**
 * A nesting limit for parsed request bodies. V8's JSON.parse copes with any depth, but every later
 * recursive walk (validation, PATCH, structuredClone, JSON.stringify of an error detail) would overflow
 * the stack on a 10 000-level body, so depth is checked once, iteratively, right after parsing.
 * @module
 */

/** Deepest nesting a request body may have; a SCIM BulkRequest carrying a User needs about 8. */
export const MAX_JSON_DEPTH = 64;

/** The nesting depth of a parsed JSON value, counted without recursion and stopping past `limit`. */
export function jsonDepth(value: unknown, limit = MAX_JSON_DEPTH): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (typeof node !== 'object' || node === null) continue;
    if (depth > deepest) deepest = depth;
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return deepest;
}
