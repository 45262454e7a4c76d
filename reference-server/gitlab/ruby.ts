/**
 * Small reproductions of Ruby/Rails behaviour that leaks into GitLab's wire format: error details embed
 * `Hash#inspect` of the request params, lists are joined with `to_sentence`, and numbers are read with `to_i`.
 */

/** Rails parameter filtering as GitLab configures it, so secrets never appear in error details. */
const SECRET_KEY = /token$|password|secret|key$|certificate|jwt|otp_attempt/i;
const FILTERED = '[FILTERED]';

/** Replaces secret values (recursively) the way `sanitize_request_parameters` does. */
export function filterSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(filterSecrets);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? FILTERED : filterSecrets(v);
    return out;
  }
  return value;
}

const ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\t': '\\t',
  '\r': '\\r',
  '\f': '\\f',
  '\v': '\\v',
  '\b': '\\b',
  '\x07': '\\a',
  '\x1b': '\\e',
};

/** Ruby `String#inspect` for UTF-8 strings. */
function inspectString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    const code = ch.charCodeAt(0);
    if (ESCAPES[ch] !== undefined) out += ESCAPES[ch];
    else if (ch === '#' && (s[i + 1] === '{' || s[i + 1] === '$' || s[i + 1] === '@')) out += '\\#';
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, '0').toUpperCase()}`;
    else out += ch;
  }
  return `${out}"`;
}

/** Ruby (< 3.4) `inspect` of a params value: `{"key"=>"value", "list"=>[1, nil]}`. */
export function inspect(value: unknown): string {
  if (value === null || value === undefined) return 'nil';
  if (typeof value === 'string') return inspectString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(inspect).join(', ')}]`;
  if (typeof value === 'object') {
    const pairs = Object.entries(value).map(([k, v]) => `${inspectString(k)}=>${inspect(v)}`);
    return `{${pairs.join(', ')}}`;
  }
  return inspectString(String(value));
}

/** Ruby `String#to_i`: leading integer or 0, never NaN. */
export function toI(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : 0;
  if (typeof value !== 'string') return 0;
  const match = /^\s*([+-]?\d+(?:_\d+)*)/.exec(value);
  if (!match) return 0;
  const n = Number((match[1] as string).replace(/_/g, ''));
  return Number.isSafeInteger(n) ? n : n > 0 ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER;
}

/** Rails `Array#to_sentence`: "A", "A and B", "A, B, and C". */
export function toSentence(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  if (items.length === 2) return `${items[0]} and ${items[1]}`;
  return `${items.slice(0, -1).join(', ')}, and ${items[items.length - 1]}`;
}

/** Rails `blank?` for strings and nil: empty or whitespace only. */
export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}
