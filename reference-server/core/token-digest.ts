/**
 * Bearer tokens checked against a stored sha256 digest without hashing every request: per digest, the bytes
 * of the last token that matched it are kept, and a request presenting those bytes again is accepted after
 * one constant-time comparison. Anything else is hashed and compared as before (RFC 6750 §5.2).
 */
import { hash, timingSafeEqual } from 'node:crypto';

// One-shot `hash`: no Hash object per call.
export const sha256 = (value: string): Buffer => hash('sha256', value, 'buffer');

/** Keyed by the digest object itself, so a token accepted for one group or server is never reused by another. */
const accepted = new WeakMap<Buffer, Buffer>();

/** Whether `token` hashes to `digest`; the time taken says nothing about the stored or remembered token. */
export function tokenMatchesDigest(token: string, digest: Buffer): boolean {
  const bytes = Buffer.from(token, 'utf8');
  const last = accepted.get(digest);
  if (last !== undefined) {
    // Equal bytes hash to the same digest. A length mismatch still pays for one comparison, so that the time
    // does not tell whether the length was right.
    const same = bytes.length === last.length ? timingSafeEqual(bytes, last) : !timingSafeEqual(last, last);
    if (same) return true;
  }
  if (!timingSafeEqual(sha256(token), digest)) return false;
  accepted.set(digest, bytes);
  return true;
}
