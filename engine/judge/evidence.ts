/** A judged exchange as report evidence: the model's `Exchange`, secrets redacted like every recording. */
import type { Exchange } from '../model/index.js';
import { redactExchange } from '../recording/index.js';
import type { ClientExchange } from './types.js';

/** `baseUrl` is the SCIM base URL the client talked to; the recorded path is relative to it. */
export function toEvidence(exchange: ClientExchange, baseUrl: string, secrets: readonly string[]): Exchange {
  const { request, response, ms, error } = redactExchange(exchange, secrets);
  const query = request.query !== null ? `?${request.query}` : '';
  return {
    request: {
      method: request.method,
      url: `${baseUrl.replace(/\/+$/, '')}${request.path}${query}`,
      headers: request.headers,
      ...(request.body !== undefined ? { body: request.body } : {}),
    },
    response: {
      status: response.status,
      headers: response.headers,
      ...(response.body !== undefined ? { body: response.body } : {}),
    },
    ms,
    ...(error ? { error } : {}),
  };
}
