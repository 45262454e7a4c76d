import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGitlabFlavour } from './gitlab/index.js';
import { createRfcFlavour } from './rfc/index.js';
import { createRequestListener } from './core/index.js';
import type { Flavour, ServeOptions } from './flavour.js';

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
  const flavour = createFlavour(options);
  const server = createServer(
    { requestTimeout: 30_000, headersTimeout: 10_000 },
    createRequestListener(flavour.listener),
  );
  server.keepAliveTimeout = 5_000;
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
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
