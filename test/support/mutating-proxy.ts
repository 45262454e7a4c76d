/**
 * A loopback HTTP proxy in front of a real reference server that breaks it on purpose: the
 * "purpose-built misbehaving server" each check is proven to fail against. A breakage may answer in the
 * server's place, rewrite the request before the server sees it (a server that misreads requests), or
 * rewrite the server's answer.
 * @module
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
  method: string;
  /** Path below the SCIM base path, e.g. `/Users/abc` (query excluded). */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface ProxiedResponse {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: string;
}

/**
 * A breakage: `answer` may reply instead of the upstream server; `mutate` may rewrite the upstream's reply.
 * Both see the request; either may be omitted. State kept in the closure lives for one test.
 */
export interface Breakage {
  answer?: (req: ProxiedRequest) => ProxiedResponse | undefined;
  /** True: drop the connection with a TCP reset instead of answering (an answer lost in transit). */
  reset?: (req: ProxiedRequest) => boolean;
  request?: (req: ProxiedRequest) => RequestRewrite | undefined;
  mutate?: (req: ProxiedRequest, res: ProxiedResponse) => ProxiedResponse | undefined;
}

/** What a request rewrite may change; anything left out is forwarded as it came. */
export interface RequestRewrite {
  query?: URLSearchParams;
  body?: string;
  headers?: Record<string, string>;
}

export interface MutatingProxy {
  /** The SCIM base URL through the proxy. */
  url: string;
  /** Replaces the breakage; `undefined` passes everything through unchanged. */
  setBreakage(breakage: Breakage | undefined): void;
  close(): Promise<void>;
}

function flatten(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function forward(
  upstream: URL,
  method: string,
  url: string,
  headers: IncomingHttpHeaders,
  body: Buffer,
): Promise<ProxiedResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method,
        path: url,
        headers: { ...headers, host: upstream.host },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 502,
            headers: flatten(res.headers),
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Starts the proxy on an ephemeral loopback port in front of `upstreamBaseUrl` (e.g. `http://127.0.0.1:1234/scim/v2`). */
export async function startMutatingProxy(upstreamBaseUrl: string): Promise<MutatingProxy> {
  const upstream = new URL(upstreamBaseUrl);
  const basePath = upstream.pathname.replace(/\/+$/, '');
  let breakage: Breakage | undefined;

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const raw = Buffer.concat(chunks);
        const url = new URL(req.url ?? '/', 'http://proxy.invalid');
        const path = url.pathname.startsWith(basePath)
          ? url.pathname.slice(basePath.length) || '/'
          : url.pathname;
        const proxied: ProxiedRequest = {
          method: (req.method ?? 'GET').toUpperCase(),
          path,
          query: url.searchParams,
          headers: req.headers,
          body: raw.toString('utf8'),
        };
        if (breakage?.reset?.(proxied)) {
          req.socket.resetAndDestroy();
          return;
        }
        let reply = breakage?.answer?.(proxied);
        if (!reply) {
          const rewrite = breakage?.request?.(proxied);
          const body = rewrite?.body !== undefined ? Buffer.from(rewrite.body, 'utf8') : raw;
          const headers: IncomingHttpHeaders = { ...req.headers, ...(rewrite?.headers ?? {}) };
          delete headers['content-length'];
          delete headers['connection'];
          const search = rewrite?.query?.toString();
          // Without a query rewrite the request-target goes upstream byte for byte.
          const target =
            search === undefined ? (req.url ?? '/') : url.pathname + (search ? `?${search}` : '');
          reply = await forward(
            upstream,
            proxied.method,
            target,
            { ...headers, 'content-length': String(body.length) },
            body,
          );
          const seen: ProxiedRequest = rewrite
            ? { ...proxied, query: rewrite.query ?? proxied.query, body: body.toString('utf8') }
            : proxied;
          reply = breakage?.mutate?.(seen, reply) ?? reply;
        }
        const headers = { ...reply.headers };
        delete headers['content-length'];
        delete headers['transfer-encoding'];
        delete headers['connection'];
        delete headers['keep-alive'];
        const body = Buffer.from(reply.body, 'utf8');
        if (reply.status !== 204 && reply.status !== 304) headers['content-length'] = String(body.length);
        res.writeHead(reply.status, headers);
        res.end(reply.status === 204 || reply.status === 304 ? undefined : body);
      })().catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`mutating proxy failed: ${String(error)}`);
      });
    });
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    setBreakage(next) {
      breakage = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
