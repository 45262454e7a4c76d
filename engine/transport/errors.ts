/**
 * Maps network failures to the stable exchange error codes of the report.
 * @module
 */

/** Why an exchange has no complete response. */
export type TransportErrorCode =
  | 'TARGET_UNREACHABLE'
  | 'TARGET_TIMEOUT'
  | 'TARGET_RESET'
  | 'RESPONSE_TOO_LARGE'
  | 'TARGET_PROTOCOL_ERROR'
  | 'HARNESS_ABORTED';

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_HAS_EXPIRED',
]);
const TIMEOUT = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);
const RESET = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ECONNABORTED', 'UND_ERR_CLOSED']);

function codeOf(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  return codeOf((err as { cause?: unknown }).cause);
}

/** Classifies an error thrown by undici (or the socket under it). */
export function classifyNetworkError(err: unknown): { code: TransportErrorCode; message: string } {
  const raw = codeOf(err);
  const detail = err instanceof Error ? err.message : String(err);
  const message = raw ? `${raw}: ${detail}` : detail;
  if (raw && UNREACHABLE.has(raw)) return { code: 'TARGET_UNREACHABLE', message };
  if (raw && TIMEOUT.has(raw)) return { code: 'TARGET_TIMEOUT', message };
  if (raw && RESET.has(raw)) return { code: 'TARGET_RESET', message };
  if (raw === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') return { code: 'RESPONSE_TOO_LARGE', message };
  return { code: 'TARGET_PROTOCOL_ERROR', message };
}
