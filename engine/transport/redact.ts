/**
 * Redaction of secrets in recorded exchanges: reports are shared, tokens and passwords must not be.
 * @module
 */

export const REDACTED = '[REDACTED]';

/** Header names whose values are always secret. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key']);
/** JSON keys whose values are always secret (RFC 7643 §4.1.1 password is `returned: never`). */
const SECRET_KEY = /^(password|secret|client_secret|access_token|refresh_token)$/i;
/** Shorter strings would turn redaction into noise ("a" everywhere). */
const MIN_SECRET_LENGTH = 4;

/** Replaces every occurrence of each secret string in `text`. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    out = out.split(secret).join(REDACTED);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.split(encoded).join(REDACTED);
  }
  return out;
}

/** Redacts one header value; Authorization keeps its scheme so the report still says how the request authenticated. */
function redactHeader(name: string, value: string, secrets: readonly string[]): string {
  if (SECRET_HEADERS.has(name.toLowerCase())) {
    const scheme = /^(Bearer|Basic|Token)\s+/i.exec(value);
    return scheme ? `${scheme[1]} ${REDACTED}` : REDACTED;
  }
  return redactSecrets(value, secrets);
}

export function redactHeaders(
  headers: Record<string, string>,
  secrets: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = redactHeader(name, value, secrets);
  return out;
}

function redactValue(value: unknown): { value: unknown; changed: boolean } {
  if (Array.isArray(value)) {
    let changed = false;
    const items = value.map((item) => {
      const r = redactValue(item);
      changed ||= r.changed;
      return r.value;
    });
    return { value: items, changed };
  }
  if (value !== null && typeof value === 'object') {
    let changed = false;
    const obj = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    // A PATCH operation whose path targets a password carries the secret in `value` (RFC 7644 §3.5.2).
    const patchesPassword = typeof obj.path === 'string' && /(^|[.:])password$/i.test(obj.path);
    for (const [key, item] of Object.entries(obj)) {
      if (
        (SECRET_KEY.test(key) || (patchesPassword && key === 'value')) &&
        item !== null &&
        item !== undefined
      ) {
        out[key] = REDACTED;
        changed = true;
      } else {
        const r = redactValue(item);
        changed ||= r.changed;
        out[key] = r.value;
      }
    }
    return { value: out, changed };
  }
  return { value, changed: false };
}

/**
 * Redacts a body: JSON password-like values and any known secret string. The text is re-serialised
 * only when a JSON value had to change, so unchanged bodies are recorded byte for byte.
 */
export function redactBody(text: string, secrets: readonly string[]): string {
  let out = text;
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      const r = redactValue(JSON.parse(text));
      if (r.changed) out = JSON.stringify(r.value);
    } catch {
      // Not JSON: only the secret strings are redacted.
    }
  }
  return redactSecrets(out, secrets);
}

/** Bodies kept in reports are cut here: a 1 MB Bulk payload would otherwise be copied into every result. */
const RECORDED_BODY_LIMIT = 64 * 1024;

/** Cuts a recorded body to `limit` characters, saying how long it was, so reports stay readable. */
export function clipRecorded(text: string, limit = RECORDED_BODY_LIMIT): string {
  if (text.length <= limit) return text;
  return `${text.slice(0, limit)}… [cut: ${text.length} characters in all, the first ${limit} kept]`;
}
