import { hash, timingSafeEqual } from 'node:crypto';
import { ScimError, type ScimRequest } from '../../core/index.js';
import { REALM } from '../constants.js';
import type { QuirkSet } from '../../quirks/index.js';

// One-shot hashing: no Hash object per request.
const digest = (value: string): Buffer => hash('sha256', value, 'buffer');

function unauthorized(detail: string): ScimError {
  // RFC 7644 §2: the service provider names its scheme in WWW-Authenticate (RFC 7235 §4.1).
  return ScimError.unauthorized(detail, 'scim', { 'www-authenticate': `Bearer realm="${REALM}"` });
}

/** Longest Authorization value whose check result is remembered; longer ones are always hashed. */
const REMEMBERED_LENGTH = 256;

/**
 * Remembers the last Authorization value presented and whether it passed. A new value is compared to it in
 * time that depends only on the new value's length: every one of REMEMBERED_LENGTH positions is read
 * whatever the remembered value's length or content, so a client learns nothing of an earlier (valid) value.
 */
class LastPresented {
  readonly #chars = new Uint16Array(REMEMBERED_LENGTH);
  #length = -1;
  #valid = false;

  /** The remembered result if `value` is exactly the remembered value, else undefined. */
  lookup(value: string): boolean | undefined {
    const n = value.length;
    if (n > REMEMBERED_LENGTH) return undefined;
    let diff = n ^ this.#length;
    for (let i = 0; i < REMEMBERED_LENGTH; i++)
      diff |= (i < n ? value.charCodeAt(i) : 0) ^ (this.#chars[i] as number);
    return diff === 0 ? this.#valid : undefined;
  }

  remember(value: string, valid: boolean): void {
    if (value.length > REMEMBERED_LENGTH) return;
    this.#chars.fill(0);
    for (let i = 0; i < value.length; i++) this.#chars[i] = value.charCodeAt(i);
    this.#length = value.length;
    this.#valid = valid;
  }
}

/** Builds the bearer-token check; hashing both sides first makes the comparison constant-time whatever the lengths. */
export function createAuthenticator(token: string, quirks: QuirkSet): (req: ScimRequest) => void {
  const expected = digest(token);
  const last = new LastPresented();
  return (req) => {
    if (quirks.has('no-auth')) return;
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match?.[1]) throw unauthorized('A bearer token is required');
    if (quirks.has('any-token-accepted')) return;
    // A client repeats its header on every request: the digest comparison is done once per distinct value.
    let valid = last.lookup(header as string);
    if (valid === undefined) {
      valid = timingSafeEqual(digest(match[1]), expected);
      last.remember(header as string, valid);
    }
    if (!valid) throw unauthorized('The bearer token is not valid');
  };
}
