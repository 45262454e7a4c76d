/**
 * The listening half of `scimulator judge`: a reference server (or the recording proxy in front of a real
 * server) that records every exchange a client has with it, after reading the server's discovery documents.
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { ClientExchange } from '../../engine/judge/index.js';
import type { Capabilities } from '../../engine/model/index.js';
import { exchangeFromServed, startRecordingProxy, type NewExchange } from '../../engine/recording/index.js';
import { discover } from '../../engine/runner/index.js';
import { createInProcessTransport, HttpTransport } from '../../engine/transport/index.js';
import { createRequestListener } from '../../reference-server/core/index.js';
import { createFlavour, startServer, type ServeOptions } from '../../reference-server/index.js';

export interface JudgeServerOptions {
  /** The embedded reference server (ignored with `upstream`). */
  server?: ServeOptions;
  /** Proxy mode: forward to this SCIM base URL and judge what passes through. */
  upstream?: { url: string; host?: string; port?: number; token?: string };
  /** Called after each recorded exchange (the CLI counts and logs). */
  onExchange?: (exchange: ClientExchange) => void;
}

export interface JudgeServer {
  /** The SCIM base URL to point the client at. */
  url: string;
  /** The bearer token of the embedded rfc server (generated when none was given). */
  token?: string;
  /** Lines the embedded server prints at start-up. */
  banner: string[];
  /** Discovered server documents, or undefined (then the session's own discovery answers are used). */
  capabilities: Capabilities | undefined;
  readonly exchanges: readonly ClientExchange[];
  close(): Promise<void>;
}

async function discoverWith(http: HttpTransport): Promise<Capabilities | undefined> {
  try {
    const found = await discover(http);
    return found.capabilities.discovered ? found.capabilities : undefined;
  } catch {
    return undefined;
  } finally {
    await http.close();
  }
}

function discoverAt(baseUrl: string, token: string | undefined): Promise<Capabilities | undefined> {
  return discoverWith(
    new HttpTransport({ baseUrl, ...(token ? { token } : {}), timeouts: { requestMs: 5_000 } }),
  );
}

/**
 * Reads discovery from a twin of the embedded server built in process (same flavour, quirks and config, no
 * store file), so the judge's own requests neither reach the recording nor use up a `--rate-limit` window.
 */
async function discoverTwin(
  serve: ServeOptions,
  token: string | undefined,
): Promise<Capabilities | undefined> {
  const { data: _data, seedUsers: _seed, onExchange: _tap, rateLimit: _limit, log: _log, ...shape } = serve;
  const flavour = createFlavour({ ...shape, ...(token ? { token } : {}) });
  try {
    return await discoverWith(
      createInProcessTransport(
        { listener: createRequestListener(flavour.listener) },
        { baseUrl: `http://localhost${flavour.basePath}`, ...(token ? { token } : {}) },
      ),
    );
  } finally {
    flavour.close?.();
  }
}

/** Starts the server or proxy; resolves once it accepts requests and recording has begun. */
export async function startJudgeServer(options: JudgeServerOptions): Promise<JudgeServer> {
  const exchanges: ClientExchange[] = [];
  const record = (exchange: NewExchange) => {
    const numbered = { seq: exchanges.length + 1, ...exchange };
    exchanges.push(numbered);
    options.onExchange?.(numbered);
  };
  if (options.upstream) {
    const { url, host, port, token } = options.upstream;
    const capabilities = await discoverAt(url, token);
    const proxy = await startRecordingProxy({
      upstream: url,
      ...(host !== undefined ? { host } : {}),
      ...(port !== undefined ? { port } : {}),
      onExchange: record,
    });
    return { url: proxy.url, banner: [], capabilities, exchanges, close: () => proxy.close() };
  }
  const serve = options.server ?? { flavor: 'rfc' as const, port: 0 };
  // The judge must know the token to read discovery; the rfc server would otherwise keep it to itself.
  const token =
    serve.token ?? (serve.flavor === 'rfc' ? `scim-${randomBytes(24).toString('base64url')}` : undefined);
  const capabilities = await discoverTwin(serve, token);
  let basePath = '';
  const server = await startServer({
    ...serve,
    ...(token ? { token } : {}),
    onExchange: (served) => record(exchangeFromServed(served, basePath)),
  });
  basePath = server.flavour.basePath;
  const banner = [
    ...server.flavour.banner,
    ...(serve.token === undefined && token ? [`bearer token: ${token}`] : []),
  ];
  return {
    url: server.url,
    ...(token ? { token } : {}),
    banner,
    capabilities,
    exchanges,
    close: () => server.close(),
  };
}
