import { ScimError, sha256, tokenMatchesDigest, type ScimRequest } from '../../core/index.js';
import { REALM } from '../constants.js';
import type { QuirkSet } from '../../quirks/index.js';

function unauthorized(detail: string): ScimError {
  // RFC 7644 §2: the service provider names its scheme in WWW-Authenticate (RFC 7235 §4.1).
  return ScimError.unauthorized(detail, 'scim', { 'www-authenticate': `Bearer realm="${REALM}"` });
}

/** Builds the bearer-token check; hashing both sides first makes the comparison constant-time whatever the lengths. */
export function createAuthenticator(token: string, quirks: QuirkSet): (req: ScimRequest) => void {
  const expected = sha256(token);
  return (req) => {
    if (quirks.has('no-auth')) return;
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match?.[1]) throw unauthorized('A bearer token is required');
    if (quirks.has('any-token-accepted')) return;
    if (!tokenMatchesDigest(match[1], expected)) throw unauthorized('The bearer token is not valid');
  };
}
