/**
 * `serve --record`: hands every answered request to a callback the command line injects, so the reference
 * server records nothing itself and never imports the harness. The callback receives raw, unredacted data
 * and must redact before storing it.
 * @module
 */
import type { IncomingMessage, OutgoingHttpHeaders, RequestListener, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';

/** One request as the server received it and the answer it wrote. */
export interface ServedExchange {
  /** ISO 8601 time the request arrived. */
  startedAt: string;
  ms: number;
  method: string;
  /** The request-target exactly as received: path and raw query. */
  target: string;
  /** Lower-cased names; repeated values joined with `, `. */
  requestHeaders: Record<string, string>;
  requestBody: string | undefined;
  status: number;
  responseHeaders: Record<string, string>;
  responseBody: string | undefined;
}

function flatten(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

function chunkOf(value: unknown): Buffer | undefined {
  if (value === undefined || value === null || typeof value === 'function') return undefined;
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value);
  return Buffer.from(String(value), 'utf8');
}

/** `writeHead`'s flat `[name, value, …]` form as the object form (the listener writes its heads that way). */
function fromFlatList(list: unknown[]): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  for (let i = 0; i + 1 < list.length; i += 2) headers[String(list[i])] = list[i + 1] as string;
  return headers;
}

/**
 * Wraps a request listener so that each finished (or aborted) exchange reaches `onExchange`; at most
 * `maxBodyBytes` of a request body are kept, since the bytes of a refused body are discarded, not stored.
 */
export function tapExchanges(
  listener: RequestListener,
  onExchange: (exchange: ServedExchange) => void,
  maxBodyBytes = Number.POSITIVE_INFINITY,
): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    const startedAt = new Date().toISOString();
    const started = performance.now();
    const requestChunks: Buffer[] = [];
    const responseChunks: Buffer[] = [];
    let written: OutgoingHttpHeaders = {};
    let kept = 0;
    req.on('data', (chunk: Buffer) => {
      if (kept >= maxBodyBytes) return;
      const piece = kept + chunk.length > maxBodyBytes ? chunk.subarray(0, maxBodyBytes - kept) : chunk;
      kept += piece.length;
      requestChunks.push(piece);
    });

    const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
    res.writeHead = ((...args: unknown[]) => {
      const headers = args.find((a, i) => i > 0 && typeof a === 'object' && a !== null);
      if (Array.isArray(headers)) written = fromFlatList(headers as unknown[]);
      else if (headers) written = headers as OutgoingHttpHeaders;
      return writeHead(...args);
    }) as ServerResponse['writeHead'];
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    res.write = ((...args: unknown[]) => {
      const chunk = chunkOf(args[0]);
      if (chunk) responseChunks.push(chunk);
      return write(...args);
    }) as ServerResponse['write'];
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.end = ((...args: unknown[]) => {
      const chunk = chunkOf(args[0]);
      if (chunk) responseChunks.push(chunk);
      return end(...args);
    }) as ServerResponse['end'];

    res.once('close', () => {
      const requestBody = Buffer.concat(requestChunks).toString('utf8');
      const responseBody = Buffer.concat(responseChunks).toString('utf8');
      try {
        onExchange({
          startedAt,
          ms: Math.round((performance.now() - started) * 10) / 10,
          method: (req.method ?? 'GET').toUpperCase(),
          target: req.url ?? '/',
          requestHeaders: flatten(req.headers),
          requestBody: requestBody === '' ? undefined : requestBody,
          status: res.statusCode,
          responseHeaders: flatten({ ...res.getHeaders(), ...written }),
          responseBody: responseBody === '' ? undefined : responseBody,
        });
      } catch {
        // A failing recorder must never take the server down.
      }
    });
    listener(req, res);
  };
}
