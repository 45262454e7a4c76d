/**
 * A loopback proxy in front of the reference server that can also rewrite the *request* before it reaches
 * the server (a filter, a PatchOp body, a Bulk request), besides answering or rewriting the response like
 * test/support/mutating-proxy.ts. This is how a server that misreads a request is simulated.
 * @module
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  Breakage as ResponseBreakage,
  ProxiedRequest,
  ProxiedResponse,
} from '../../support/mutating-proxy.js';

export type { ProxiedRequest, ProxiedResponse };

/** What a request rewrite may change; anything left out is forwarded as it came. */
export interface RequestRewrite {
  query?: URLSearchParams;
  body?: string;
  headers?: Record<string, string>;
}

export interface Breakage extends ResponseBreakage {
  request?: (req: ProxiedRequest) => RequestRewrite | undefined;
}

export interface RewritingProxy {
  url: string;
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
  path: string,
  headers: Record<string, string>,
  body: Buffer,
): Promise<ProxiedResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method,
        path,
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

export async function startRewritingProxy(upstreamBaseUrl: string): Promise<RewritingProxy> {
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
        let reply = breakage?.answer?.(proxied);
        if (!reply) {
          const rewrite = breakage?.request?.(proxied);
          const query = rewrite?.query ?? url.searchParams;
          const body = rewrite?.body !== undefined ? Buffer.from(rewrite.body, 'utf8') : raw;
          const headers = { ...flatten(req.headers), ...(rewrite?.headers ?? {}) };
          delete headers['content-length'];
          delete headers['connection'];
          const search = query.toString();
          reply = await forward(
            upstream,
            proxied.method,
            url.pathname + (search ? `?${search}` : ''),
            { ...headers, 'content-length': String(body.length) },
            body,
          );
          const seen: ProxiedRequest = rewrite ? { ...proxied, query, body: body.toString('utf8') } : proxied;
          reply = breakage?.mutate?.(seen, reply) ?? reply;
        }
        const headers = { ...reply.headers };
        for (const h of ['content-length', 'transfer-encoding', 'connection', 'keep-alive'])
          delete headers[h];
        const out = Buffer.from(reply.body, 'utf8');
        const empty = reply.status === 204 || reply.status === 304;
        if (!empty) headers['content-length'] = String(out.length);
        res.writeHead(reply.status, headers);
        res.end(empty ? undefined : out);
      })().catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`rewriting proxy failed: ${String(error)}`);
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
