/**
 * Loopback servers that misbehave in one way each, for testing the harness against hostile targets.
 * Built on node:net so they can break HTTP itself (stall, reset, garbage, lying Content-Length).
 * @module
 */
import { createServer as createHttpServer, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export type HostileMode =
  | 'never-answers'
  | 'headers-then-stall'
  | 'reset'
  | 'garbage'
  | 'truncated-json'
  | 'gigabyte-body'
  | 'redirect-loop'
  | 'html-200'
  | 'wrong-content-length'
  | 'too-many-requests'
  | 'slow-but-correct';

export interface HostileTarget {
  url: string;
  /** Bytes the gigabyte-body mode has pushed into sockets so far. */
  bytesSent: () => number;
  requests: () => number;
  close(): Promise<void>;
}

const SPC = JSON.stringify({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
  patch: { supported: true },
  bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
  filter: { supported: true, maxResults: 100 },
  changePassword: { supported: false },
  sort: { supported: false },
  etag: { supported: false },
  authenticationSchemes: [],
});

const GIGABYTE = 1024 * 1024 * 1024;

/** Starts a target that misbehaves as `mode` says, on 127.0.0.1:0; `slowMs` is the delay of `slow-but-correct`. */
export async function startHostileTarget(mode: HostileMode, slowMs = 2_000): Promise<HostileTarget> {
  let sent = 0;
  let requests = 0;
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void): void => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  const httpModes: Partial<Record<HostileMode, (res: ServerResponse, url: string) => void>> = {
    'headers-then-stall': (res) => {
      res.writeHead(200, { 'content-type': 'application/scim+json', 'content-length': '1000' });
      res.write('{"schemas":');
      res.flushHeaders();
    },
    'truncated-json': (res) => {
      const text =
        '{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":1,"Resources":[{"id":';
      res.writeHead(200, { 'content-type': 'application/scim+json', 'content-length': String(text.length) });
      res.end(text);
    },
    'gigabyte-body': (res) => {
      // Streamed lazily with backpressure: only what the client actually reads is ever produced.
      res.writeHead(200, { 'content-type': 'application/scim+json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      res.write('{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"pad":"');
      const pump = (): void => {
        while (sent < GIGABYTE) {
          sent += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end('"}');
      };
      res.on('close', () => res.removeAllListeners('drain'));
      pump();
    },
    'redirect-loop': (res, url) => {
      res.writeHead(302, { location: url, 'content-length': '0' });
      res.end();
    },
    'html-200': (res) => {
      const html = '<!doctype html><html><body><h1>Welcome to nginx!</h1></body></html>';
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(html.length) });
      res.end(html);
    },
    'too-many-requests': (res) => {
      const body = '{"error":"slow down"}';
      res.writeHead(429, {
        'retry-after': '1',
        'content-type': 'application/json',
        'content-length': String(body.length),
      });
      res.end(body);
    },
    'slow-but-correct': (res, url) => {
      later(slowMs, () => {
        const body = url.includes('ServiceProviderConfig')
          ? SPC
          : '{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":0,"Resources":[]}';
        if (res.destroyed) return;
        res.writeHead(200, {
          'content-type': 'application/scim+json',
          'content-length': String(Buffer.byteLength(body)),
        });
        res.end(body);
      });
    },
  };

  let server: Server;
  const handler = httpModes[mode];
  if (handler) {
    server = createHttpServer((req, res) => {
      requests++;
      req.resume();
      handler(res, req.url ?? '/');
    });
  } else {
    server = createNetServer((socket) => {
      socket.on('error', () => undefined);
      socket.once('data', () => {
        requests++;
        switch (mode) {
          case 'never-answers':
            return; // reads the request, answers nothing, keeps the connection open
          case 'reset':
            socket.resetAndDestroy();
            return;
          case 'garbage':
            socket.end(Buffer.from('\x00\xffSSH-2.0-OpenSSH_9.6\r\n\x16\x03\x01 not http at all\r\n\r\n'));
            return;
          case 'wrong-content-length':
            socket.end(
              'HTTP/1.1 200 OK\r\ncontent-type: application/scim+json\r\ncontent-length: 5000\r\n\r\n{"schemas":[]}',
            );
            return;
          default:
            socket.destroy();
        }
      });
    });
  }
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/scim/v2`,
    bytesSent: () => sent,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
