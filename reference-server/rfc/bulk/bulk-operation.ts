import { isObject } from '../../../protocol/json.js';

const BULK_REF = /^bulkId:(.+)$/;

/** One entry of a BulkRequest's Operations, read defensively so malformed entries fail alone (RFC 7644 §3.7). */
export interface BulkOperation {
  method: string;
  bulkId?: string;
  version?: string;
  path: string;
  data?: unknown;
}

/** Reads one operation; a malformed entry becomes an empty one that fails on its own with 400 invalidSyntax. */
export function readOperation(raw: unknown): BulkOperation {
  if (!isObject(raw) || typeof raw.method !== 'string' || typeof raw.path !== 'string') {
    return { method: '', path: '' };
  }
  return {
    method: raw.method.toUpperCase(),
    path: raw.path,
    ...(typeof raw.bulkId === 'string' ? { bulkId: raw.bulkId } : {}),
    ...(typeof raw.version === 'string' ? { version: raw.version } : {}),
    ...(raw.data !== undefined ? { data: raw.data } : {}),
  };
}

/** Every `bulkId:x` an operation mentions, in its path or anywhere in its data (RFC 7644 §3.7.2). */
export function references(op: BulkOperation): string[] {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      const m = BULK_REF.exec(value);
      if (m?.[1]) found.add(m[1]);
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (isObject(value)) Object.values(value).forEach(visit);
  };
  for (const segment of op.path.split('/')) visit(segment);
  visit(op.data);
  return [...found];
}

/** Replaces resolved `bulkId:x` strings with the ids they stand for (RFC 7644 §3.7.2). */
export function substitute(value: unknown, ids: Map<string, string>): unknown {
  if (typeof value === 'string') {
    const m = BULK_REF.exec(value);
    return m?.[1] && ids.has(m[1]) ? ids.get(m[1]) : value;
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, ids));
  if (isObject(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, ids)]));
  return value;
}
