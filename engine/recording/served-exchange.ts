/** Turns what `serve --record` hands over (the reference server's `ServedExchange`, structurally) into a recording exchange. */
import type { NewExchange } from './recording-writer.js';
import { splitTarget } from './target.js';

/** The fields of the reference server's `ServedExchange` (reference-server/exchange-tap.ts). */
export interface ServedExchangeLike {
  startedAt: string;
  ms: number;
  method: string;
  target: string;
  requestHeaders: Record<string, string>;
  requestBody: string | undefined;
  status: number;
  responseHeaders: Record<string, string>;
  responseBody: string | undefined;
}

const NOT_RECORDED = new Set(['host', 'content-length', 'connection', 'keep-alive', 'transfer-encoding']);

function keep(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => !NOT_RECORDED.has(name.toLowerCase())),
  );
}

/** `basePath` is the server's SCIM base path (e.g. `/scim/v2`); the recorded path is relative to it. */
export function exchangeFromServed(served: ServedExchangeLike, basePath: string): NewExchange {
  const { path, query } = splitTarget(served.target, basePath.replace(/\/+$/, ''));
  return {
    startedAt: served.startedAt,
    ms: served.ms,
    request: {
      method: served.method,
      path,
      query,
      headers: keep(served.requestHeaders),
      ...(served.requestBody !== undefined ? { body: served.requestBody } : {}),
    },
    response: {
      status: served.status,
      headers: keep(served.responseHeaders),
      ...(served.responseBody !== undefined ? { body: served.responseBody } : {}),
    },
  };
}
