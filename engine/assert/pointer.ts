/**
 * RFC 6901 JSON pointers; SCIM attribute names are case-insensitive (RFC 7643 §2.1), hence the option.
 * @module
 */

export interface PointerOptions {
  /** Match object keys case-insensitively (an exact match wins). */
  caseInsensitive?: boolean;
}

export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new TypeError(`JSON pointer must start with "/": ${pointer}`);
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Reads the value at `pointer` (`''` is the whole document); undefined when any step is missing. */
export function pointerGet(obj: unknown, pointer: string, options: PointerOptions = {}): unknown {
  let node: unknown = obj;
  for (const token of parsePointer(pointer)) {
    if (Array.isArray(node)) {
      if (!/^(0|[1-9][0-9]*)$/.test(token)) return undefined;
      node = node[Number(token)];
    } else if (node !== null && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (Object.hasOwn(record, token) || !options.caseInsensitive) {
        node = Object.hasOwn(record, token) ? record[token] : undefined;
      } else {
        const lower = token.toLowerCase();
        const key = Object.keys(record).find((k) => k.toLowerCase() === lower);
        node = key === undefined ? undefined : record[key];
      }
    } else {
      return undefined;
    }
  }
  return node;
}

/** True when `pointer` names a present key (a present `null` counts as present). */
export function pointerHas(obj: unknown, pointer: string, options: PointerOptions = {}): boolean {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) return obj !== undefined;
  const last = tokens[tokens.length - 1] as string;
  const parentPointer = tokens.length === 1 ? '' : '/' + tokens.slice(0, -1).map(escapeToken).join('/');
  const parent = pointerGet(obj, parentPointer, options);
  if (Array.isArray(parent)) return /^(0|[1-9][0-9]*)$/.test(last) && Number(last) < parent.length;
  if (parent === null || typeof parent !== 'object') return false;
  if (Object.hasOwn(parent, last)) return true;
  return (
    Boolean(options.caseInsensitive) &&
    Object.keys(parent).some((k) => k.toLowerCase() === last.toLowerCase())
  );
}

export function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}
