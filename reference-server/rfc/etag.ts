import { ScimError } from '../core/index.js';
import type { RfcContext } from './context.js';

/** Compares entity tags weakly, since the server only issues weak tags (RFC 9110 §8.8.3.2, RFC 7644 §3.14). */
export function etagListMatches(header: string | undefined, version: string): boolean {
  if (header === undefined) return false;
  const opaque = (tag: string): string => tag.trim().replace(/^W\//, '');
  const current = opaque(version);
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === current);
}

/** A stale If-Match fails the write with 412 so lost updates cannot happen (RFC 7644 §3.14). */
export function assertIfMatch(ctx: RfcContext, header: string | undefined, version: string): void {
  if (header === undefined || ctx.quirks.has('if-match-ignored')) return;
  if (!etagListMatches(header, version)) {
    throw ScimError.preconditionFailed(`If-Match ${header} does not match the current version ${version}`);
  }
}
