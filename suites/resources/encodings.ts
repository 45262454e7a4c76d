/**
 * Value syntaxes RFC 7643 fixes: base64 binaries (§2.3.6), DER certificates (§4.1.2), URI references (§2.3.7)
 * and ISO 3166-1 alpha-2 country codes (§4.1.2).
 * @module
 */

/** A self-signed EC test certificate (CN=scimtest), base64 of its DER encoding, valid until 2126. */
export const TEST_CERTIFICATE =
  'MIIBfjCCASOgAwIBAgIUQLmjzmnX1Fo+qmBSSf5ipKt4L5UwCgYIKoZIzj0EAwIwEzERMA8GA1UEAwwIc2NpbXRlc3QwIBcNMjYxMTI4' +
  'MTE1MzEzWhgPMjEyNjExMDQxMTUzMTNaMBMxETAPBgNVBAMMCHNjaW10ZXN0MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEO4QGyV8p' +
  'WnTlNLnBRRQt49xZ8/MWCBJ7Sok+F42HhJLz5c5IXZs0Xuyj3dz5bJZzi/sUHtpkUc1oTVMTGUJKGKNTMFEwHQYDVR0OBBYEFPHVQxTj' +
  'BLYLmkEwKkaAKyCiWpAIMB8GA1UdIwQYMBaAFPHVQxTjBLYLmkEwKkaAKyCiWpAIMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwID' +
  'SQAwRgIhAMstsDvDnM3Tk8t75svSy9EA/HMCUD+d4zozcXqOM31hAiEA8hmU2eEDw5L6Dral2Ok4WQO67t6Dz6eCYZYwINGT+1I=';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/;
const BASE64URL = /^(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-]{2}(?:==)?|[A-Za-z0-9_-]{3}=?)?$/;

/** Base64 with optional trailing padding (§2.3.6); base64url only where the attribute definition says so. */
function isBase64(value: string, urlSafe = false): boolean {
  return (urlSafe ? BASE64URL : BASE64).test(value);
}

/** The bytes of a base64 (or base64url) string; undefined when it is not one. */
export function decodeBase64(value: string, urlSafe = false): Buffer | undefined {
  if (!isBase64(value, urlSafe)) return undefined;
  return Buffer.from(value, urlSafe ? 'base64url' : 'base64');
}

/** [content start, content length] of the DER TLV at `at`, or undefined when the length is malformed. */
function derHeader(bytes: Buffer, at: number): [number, number] | undefined {
  const first = bytes[at + 1];
  if (first === undefined) return undefined;
  if (first < 0x80) return [at + 2, first];
  const n = first & 0x7f;
  if (n === 0 || n > 4) return undefined;
  let length = 0;
  for (let k = 0; k < n; k++) {
    const b = bytes[at + 2 + k];
    if (b === undefined) return undefined;
    length = length * 256 + b;
  }
  return [at + 2 + n, length];
}

/**
 * Why `bytes` is not exactly one DER X.509 certificate (a SEQUENCE holding the tbsCertificate SEQUENCE, the
 * algorithm SEQUENCE and the signature BIT STRING, with nothing after it), or undefined when it is one.
 */
export function derCertificateProblem(bytes: Buffer): string | undefined {
  if (bytes[0] !== 0x30) return 'it does not start with a DER SEQUENCE';
  const outer = derHeader(bytes, 0);
  if (!outer) return 'its DER length is malformed';
  const [start, length] = outer;
  if (start + length !== bytes.length) {
    return start + length < bytes.length
      ? 'bytes follow the certificate (more than one value)'
      : 'the DER SEQUENCE is truncated';
  }
  const tags: number[] = [];
  let at = start;
  while (at < start + length) {
    const tag = bytes[at];
    const header = derHeader(bytes, at);
    if (tag === undefined || !header) return 'an inner DER element is malformed';
    tags.push(tag);
    at = header[0] + header[1];
  }
  if (at !== start + length) return 'an inner DER element overruns the certificate';
  if (tags.length !== 3 || tags[0] !== 0x30 || tags[1] !== 0x30 || tags[2] !== 0x03) {
    return 'it is not a Certificate (tbsCertificate, signatureAlgorithm, signatureValue)';
  }
  return undefined;
}

/** RFC 3986 URI-reference: allowed characters only, valid percent-encodings, a well-formed scheme if any. */
export function isUriReference(value: string): boolean {
  if (value === '' || /%(?![0-9A-Fa-f]{2})/.test(value)) return false;
  if (!/^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*$/.test(value)) return false;
  const colon = value.indexOf(':');
  const firstDelimiter = value.search(/[/?#]/);
  const hasScheme = colon > 0 && (firstDelimiter === -1 || colon < firstDelimiter);
  return hasScheme ? /^[A-Za-z][A-Za-z0-9+.-]*:/.test(value) : !value.startsWith(':');
}

/** ISO 3166-1 alpha-2 code format (§4.1.2): two upper-case letters, as in "US" or "DE". */
export const isAlpha2 = (value: unknown): boolean => typeof value === 'string' && /^[A-Z]{2}$/.test(value);
