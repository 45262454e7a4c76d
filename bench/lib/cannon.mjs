/** autocannon with the options every HTTP scenario of the benchmark shares; returns the figures we report. */
import autocannon from 'autocannon';

/**
 * Fires one scenario at `url` for `duration` seconds. The load generator runs in this (the parent) process;
 * the servers are forked children, so the two never share an event loop.
 */
export async function fire({ url, method = 'GET', body, headers = {}, duration, connections = 10 }) {
  // `[<id>]` in a body becomes a fresh number per request: unique userNames for POST, a changing value for
  // PATCH. (autocannon's own idReplacement assumes 27-character ids for Content-Length; its ids are not.)
  const unique = body !== undefined && body.includes('[<id>]');
  let n = 0;
  const stamp = `${process.pid}-${Date.now().toString(36)}`;
  const result = await autocannon({
    url,
    method,
    ...(unique
      ? {
          requests: [
            {
              method,
              setupRequest: (req) => ({ ...req, body: body.replaceAll('[<id>]', `${stamp}-${++n}`) }),
            },
          ],
        }
      : { body }),
    headers: { 'content-type': 'application/scim+json', ...headers },
    connections,
    pipelining: 1,
    duration,
  });
  return {
    requestsPerSec: Math.round(result.requests.average),
    total: result.requests.total,
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
