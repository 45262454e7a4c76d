/**
 * The recording proxy of `scimulator record`: a loopback HTTP server that forwards every request to the
 * upstream SCIM endpoint with undici (method, raw path and query byte for byte, headers except hop-by-hop,
 * body), streams the answer back, and hands each complete exchange to `onExchange`.
 * @module
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { classifyNetworkError } from '../transport/index.js';
import type { NewExchange } from './recording-writer.js';
import { splitTarget } from './target.js';
import { SCIM_MEDIA_TYPE, URN } from '../../protocol/urns.js';

/** RFC 9110 §7.6.1 connection-specific fields, never forwarded. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

interface RecordingProxyOptions {
  /** The upstream SCIM base URL, e.g. `https://scim.example.com/scim/v2`. */
  upstream: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  onExchange: (exchange: NewExchange) => void;
  /** Headers timeout and body idle timeout towards the upstream. */
  timeoutMs?: number;
}

interface RunningProxy {
  /** The proxy's SCIM base URL: its origin plus the upstream's base path. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Flattens node's header object: lower-cased names, repeated values joined with `, `. */
function flattenHeaders(headers: IncomingHttpHeaders | Record<string, string | string[] | undefined>) {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Drops hop-by-hop fields, including any the Connection header names. */
function endToEnd(headers: Record<string, string>, drop: readonly string[] = []): Record<string, string> {
  const named = (headers.connection ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (HOP_BY_HOP.has(name) || named.includes(name) || drop.includes(name)) continue;
    out[name] = value;
  }
  return out;
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function errorBody(upstream: string, message: string): string {
  return JSON.stringify({
    schemas: [URN.error],
    status: '502',
    detail: `scimulator record: the upstream ${upstream} could not be reached (${message})`,
  });
}

/** Starts the proxy; resolves once it accepts connections. */
export async function startRecordingProxy(options: RecordingProxyOptions): Promise<RunningProxy> {
  const upstream = new URL(options.upstream);
  if (upstream.protocol !== 'http:' && upstream.protocol !== 'https:') {
    throw new TypeError(`upstream must be an http(s) URL, got ${options.upstream}`);
  }
  const basePath = upstream.pathname.replace(/\/+$/, '');
  const timeout = options.timeoutMs ?? 30_000;
  const pool = new Pool(upstream.origin, { headersTimeout: timeout, bodyTimeout: timeout, connections: 16 });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const startedAt = new Date().toISOString();
    const started = performance.now();
    const rawTarget = req.url ?? '/';
    const method = (req.method ?? 'GET').toUpperCase();
    const clientHeaders = flattenHeaders(req.headers);
    const body = await readAll(req);
    const { path, query } = splitTarget(rawTarget, basePath);
    const recordedRequest = {
      method,
      path,
      query,
      headers: endToEnd(clientHeaders, ['host', 'content-length']),
      ...(body.length > 0 ? { body: body.toString('utf8') } : {}),
    };
    // Identity encoding keeps the recorded response body readable; everything else goes out as received.
    const forward = endToEnd(clientHeaders, ['host', 'content-length', 'accept-encoding', 'expect']);
    const chunks: Buffer[] = [];
    let status = 502;
    let responseHeaders: Record<string, string> = {};
    let error: { code: string; message: string } | undefined;
    try {
      const answer = await pool.request({
        // The target as the client wrote it: a bare `?`, a trailing `&` and `+` survive.
        path: rawTarget.startsWith('/') ? rawTarget : `/${rawTarget}`,
        method,
        headers: forward,
        body: body.length > 0 ? body : null,
      });
      status = answer.statusCode;
      responseHeaders = endToEnd(flattenHeaders(answer.headers));
      res.writeHead(status, responseHeaders);
      for await (const chunk of answer.body as AsyncIterable<Buffer>) {
        chunks.push(chunk);
        res.write(chunk);
      }
      res.end();
    } catch (err) {
      const { code, message } = classifyNetworkError(err);
      error = { code, message };
      if (!res.headersSent) {
        status = 502;
        const text = errorBody(upstream.href, message);
        chunks.length = 0;
        chunks.push(Buffer.from(text, 'utf8'));
        responseHeaders = {
          'content-type': SCIM_MEDIA_TYPE,
          'content-length': String(Buffer.byteLength(text)),
        };
        res.writeHead(status, responseHeaders);
        res.end(text);
      } else {
        res.destroy();
      }
    }
    const text = Buffer.concat(chunks).toString('utf8');
    options.onExchange({
      startedAt,
      ms: Math.round((performance.now() - started) * 10) / 10,
      request: recordedRequest,
      response: { status, headers: responseHeaders, ...(text.length > 0 ? { body: text } : {}) },
      ...(error ? { error } : {}),
    });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url: origin + basePath,
    port,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await pool.close().catch(() => undefined);
    },
  };
}
