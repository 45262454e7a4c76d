import {
  STATUS_CODES,
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createGitlabFlavour } from './gitlab/index.js';
import { createRfcFlavour } from './rfc/index.js';
import {
  DEFAULT_MAX_BODY_BYTES,
  ScimError,
  checkLingerBounds,
  createRequestListener,
  serialise,
} from './core/index.js';
import type { Flavour, ServeOptions } from './flavour.js';
import { tapExchanges } from './exchange-tap.js';
import { rateLimited } from './rate-limit.js';

export interface RunningServer {
  flavour: Flavour;
  /** The SCIM base URL, as announced by `listening on`. */
  url: string;
  origin: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/** Builds the flavour's pipeline without opening a port (also used for in-process runs). */
export function createFlavour(options: ServeOptions): Flavour {
  return options.flavor === 'gitlab' ? createGitlabFlavour(options) : createRfcFlavour(options);
}

/** Starts a reference server and resolves once it accepts connections. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  checkLingerBounds({ ms: options.lingerMs, bytes: options.lingerBytes });
  const flavour = createFlavour(options);
  const maxBody = flavour.listener.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const listener = createRequestListener({
    ...flavour.listener,
    linger: { ms: options.lingerMs, bytes: options.lingerBytes },
  });
  // The limit sits inside the tap, so a recorder sees the 429s it sent.
  const limited = options.rateLimit ? rateLimited(listener, options.rateLimit) : listener;
  const handle = options.onExchange ? tapExchanges(limited, options.onExchange, maxBody) : limited;
  const server = createServer({ requestTimeout: 30_000, headersTimeout: 10_000 }, handle);
  // A body declared over the cap gets its 413 instead of 100 Continue, so the client need not send it (RFC 9110 §10.1.1).
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    if (!(Number(req.headers['content-length']) > maxBody)) res.writeContinue();
    handle(req, res);
  });
  server.keepAliveTimeout = 5_000;
  // Requests node:http refuses before any handler runs still get the flavour's error body, never a bare 400.
  // GitLab answers Grape-level failures with `{"error": …}`; the rfc flavour with an RFC 7644 §3.12 Error.
  const shape = flavour.name === 'gitlab' ? 'error' : 'scim';
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) =>
    answerRaw(flavour, socket, clientErrorOf(err, shape)),
  );
  server.on('connect', (_req, socket: Socket) =>
    answerRaw(flavour, socket, ScimError.methodNotAllowed('Method CONNECT is not allowed', [], shape)),
  );
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    flavour,
    url: origin + flavour.basePath,
    origin,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          flavour.close?.();
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}

/** Maps node:http's parser and timeout errors onto the answer a client should see (RFC 9110 §15.5). */
function clientErrorOf(err: NodeJS.ErrnoException, shape: 'scim' | 'error'): ScimError {
  switch (err.code) {
    case 'HPE_HEADER_OVERFLOW':
      return new ScimError({ status: 431, detail: 'Request header fields too large', shape });
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new ScimError({ status: 408, detail: 'The request was not received in time', shape });
    case 'HPE_INVALID_METHOD':
      return new ScimError({ status: 400, detail: 'The request method is not valid', shape });
    default:
      return new ScimError({ status: 400, detail: 'The request is not valid HTTP/1.1', shape });
  }
}

/** Writes one error answer straight to the socket and closes it, as node's default handler would without a body. */
function answerRaw(flavour: Flavour, socket: Socket, error: ScimError): void {
  // Like node's own handler: only a socket nothing has been written to yet can still carry an answer.
  if (!socket.writable || socket.bytesWritten > 0) {
    socket.destroy();
    return;
  }
  const wire = serialise(
    flavour.listener.renderError(error, undefined),
    flavour.listener.defaultContentType ?? 'application/scim+json',
  );
  const headers = { ...wire.headers, connection: 'close' };
  const head = [
    `HTTP/1.1 ${wire.status} ${STATUS_CODES[wire.status] ?? 'Error'}`,
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  socket.end(
    Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), wire.body ?? Buffer.alloc(0)]),
  );
  // A client that keeps sending is cut off shortly after the answer went out.
  setTimeout(() => socket.destroy(), 1_000).unref();
}
