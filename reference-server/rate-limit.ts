/**
 * `--rate-limit N[/S]`: at most N requests per S-second window, then 429 with Retry-After until the window
 * ends (RFC 6585 §4), so a client's back-off can be exercised.
 * @module
 */
import type { RequestListener } from 'node:http';
import { SCIM_MEDIA_TYPE, URN } from '../protocol/urns.js';

export interface RateLimit {
  requests: number;
  windowSeconds: number;
}

/** Parses `N` or `N/S`; throws a TypeError naming the option otherwise. */
export function parseRateLimit(text: string): RateLimit {
  const m = /^(\d+)(?:\/(\d+))?$/.exec(text.trim());
  const requests = Number(m?.[1]);
  const windowSeconds = m?.[2] !== undefined ? Number(m[2]) : 1;
  if (!m || requests < 1 || windowSeconds < 1 || windowSeconds > 3600)
    throw new TypeError(`rate limit must be N or N/SECONDS (N ≥ 1, 1 ≤ SECONDS ≤ 3600), got "${text}"`);
  return { requests, windowSeconds };
}

/** A fixed window counter: `take(now)` is undefined when allowed, else the seconds until the window ends. */
export function createRateLimiter(limit: RateLimit): { take(now: number): number | undefined } {
  let windowStart = -Infinity;
  let used = 0;
  const windowMs = limit.windowSeconds * 1000;
  return {
    take(now) {
      if (now - windowStart >= windowMs) {
        windowStart = now;
        used = 0;
      }
      if (used < limit.requests) {
        used++;
        return undefined;
      }
      return Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000));
    },
  };
}

/** The 429 answer (RFC 6585 §4) with a SCIM Error body (RFC 7644 §3.12), for both transports. */
export function tooManyRequests(
  limit: RateLimit,
  wait: number,
): { headers: Record<string, string>; body: string } {
  const body = JSON.stringify({
    schemas: [URN.error],
    status: '429',
    detail: `Too many requests: at most ${limit.requests} per ${limit.windowSeconds} s; retry after ${wait} s`,
  });
  return {
    headers: {
      'content-type': SCIM_MEDIA_TYPE,
      'content-length': String(Buffer.byteLength(body)),
      'retry-after': String(wait),
    },
    body,
  };
}

/** Wraps a listener: requests beyond the limit get the 429 answer. */
export function rateLimited(listener: RequestListener, limit: RateLimit): RequestListener {
  const limiter = createRateLimiter(limit);
  return (req, res) => {
    const wait = limiter.take(Date.now());
    if (wait === undefined) {
      listener(req, res);
      return;
    }
    const answer = tooManyRequests(limit, wait);
    req.resume();
    res.writeHead(429, answer.headers);
    res.end(answer.body);
  };
}
