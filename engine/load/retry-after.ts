/**
 * `Retry-After` (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. The load client waits as told,
 * like Entra's provisioning service on 429 TooManyRequests (docs/idp/entra-id.md#responses-and-retries), but never longer than a cap.
 * @module
 */

/** Milliseconds to wait, or undefined when the header is absent or unreadable. Dates in the past give 0. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // HTTP-date: IMF-fixdate, or the obsolete RFC 850 / asctime forms Date.parse also reads.
  if (!/[A-Za-z]/.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export interface RetryPolicy {
  /** Retries of one request after a 429, beyond the first attempt. */
  maxRetries: number;
  /** Upper bound of one wait, whatever the server asked for. */
  maxDelayMs: number;
  /** Wait when a 429 carries no usable Retry-After; doubled on each further retry. */
  fallbackDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 5, maxDelayMs: 60_000, fallbackDelayMs: 1_000 };

/** The wait before retry number `attempt` (1-based) of a request answered 429. */
export function retryDelay(
  header: string | undefined,
  attempt: number,
  policy: RetryPolicy,
  now?: number,
): number {
  const asked = parseRetryAfter(header, now);
  const wait = asked ?? policy.fallbackDelayMs * 2 ** (attempt - 1);
  return Math.min(wait, policy.maxDelayMs);
}
