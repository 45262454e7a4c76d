/**
 * Redaction of a recorded exchange before it reaches a file: the transport's helpers (Authorization keeps
 * its scheme, password-like JSON values, known secret strings) plus token query parameters.
 * @module
 */
import { REDACTED, redactBody, redactHeaders, redactSecrets } from '../transport/index.js';
import type { RecordingExchange } from './types.js';

/** Query parameters whose values are credentials (RFC 6750 §2.3 and a common variant). */
const SECRET_QUERY_PARAMS = /^(access_token|bearer_token|token|api_key|apikey)$/i;

/** The credential of an Authorization header (`Bearer abc` → `abc`), to redact wherever else it appears. */
function credentialOf(authorization: string | undefined): string[] {
  if (!authorization) return [];
  const match = /^\s*(?:Bearer|Basic|Token)\s+(.+?)\s*$/i.exec(authorization);
  return [match?.[1] ?? authorization.trim()].filter((s) => s.length > 0);
}

/** Redacts token parameters in a raw query, keeping every other byte (order, `+`, trailing `&`). */
export function redactQuery(query: string | null, secrets: readonly string[]): string | null {
  if (query === null) return null;
  const out = query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      let name: string;
      try {
        name = decodeURIComponent(pair.slice(0, eq).replace(/\+/g, ' '));
      } catch {
        name = pair.slice(0, eq);
      }
      return SECRET_QUERY_PARAMS.test(name) ? `${pair.slice(0, eq)}=${REDACTED}` : pair;
    })
    .join('&');
  return redactSecrets(out, secrets);
}

/** A copy of `exchange` with every secret replaced by `[REDACTED]`; `secrets` are extra known strings. */
export function redactExchange(
  exchange: RecordingExchange,
  secrets: readonly string[] = [],
): RecordingExchange {
  const all = [...secrets, ...credentialOf(exchange.request.headers.authorization)];
  const { request, response } = exchange;
  return {
    ...exchange,
    request: {
      method: request.method,
      path: redactSecrets(request.path, all),
      query: redactQuery(request.query, all),
      headers: redactHeaders(request.headers, all),
      ...(request.body !== undefined ? { body: redactBody(request.body, all) } : {}),
    },
    response: {
      status: response.status,
      headers: redactHeaders(response.headers, all),
      ...(response.body !== undefined ? { body: redactBody(response.body, all) } : {}),
    },
    ...(exchange.error
      ? { error: { code: exchange.error.code, message: redactSecrets(exchange.error.message, all) } }
      : {}),
  };
}
