/**
 * Container targets: start an image with testcontainers, wait for its port, hand back the SCIM base URL,
 * and always stop it. testcontainers is loaded only when a container target is asked for.
 * @module
 */
import type * as TestcontainersModule from 'testcontainers';
import { HarnessError } from '../errors.js';

export interface ContainerTargetOptions {
  /** Image reference, e.g. `ghcr.io/acme/scim-service:1.4`. */
  image: string;
  /** The port the service listens on inside the container. */
  port: number;
  /** Path of the SCIM base URL on that port; default `/`. */
  path?: string;
  /** Environment of the container. */
  env?: Record<string, string>;
  /** How long the image may take to start listening; default 60 s. */
  startupTimeoutMs?: number;
}

export interface StartedContainerTarget {
  /** The SCIM base URL on the mapped host port, e.g. `http://localhost:49153/scim/v2`. */
  url: string;
  /** Stops and removes the container; safe to call twice. */
  stop(): Promise<void>;
}

/** Whether a container engine answers, and if not, why (for exit 2 and for test skips). */
export type DockerAvailability = { available: true } | { available: false; reason: string };

type Testcontainers = typeof TestcontainersModule;

async function loadTestcontainers(): Promise<Testcontainers> {
  try {
    return await import('testcontainers');
  } catch (err) {
    throw new HarnessError(
      'NOT_AVAILABLE',
      'container targets need the testcontainers package: npm install --save-dev testcontainers',
      { cause: err },
    );
  }
}

/** Asks testcontainers for a container runtime (DOCKER_HOST, ~/.testcontainers.properties, the local socket). */
export async function dockerAvailable(): Promise<DockerAvailability> {
  let tc: Testcontainers;
  try {
    tc = await loadTestcontainers();
  } catch (err) {
    return { available: false, reason: (err as Error).message };
  }
  try {
    await tc.getContainerRuntimeClient();
    return { available: true };
  } catch (err) {
    return {
      available: false,
      reason: `no container engine is reachable (${err instanceof Error ? err.message : String(err)}); start Docker or set DOCKER_HOST`,
    };
  }
}

function checkOptions(options: ContainerTargetOptions): void {
  if (!options.image.trim()) throw new HarnessError('USAGE', '--target-image must name an image');
  if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65_535) {
    throw new HarnessError('USAGE', `--target-port must be a port number, got "${String(options.port)}"`);
  }
  if (options.path !== undefined && !options.path.startsWith('/')) {
    throw new HarnessError('USAGE', `--target-path must start with "/", got "${options.path}"`);
  }
}

/**
 * Starts `image`, waits until `port` listens, and returns its base URL. Throws NOT_AVAILABLE (exit 2)
 * when no container engine is reachable and TARGET_UNREACHABLE when the container does not come up.
 */
export async function startContainerTarget(options: ContainerTargetOptions): Promise<StartedContainerTarget> {
  checkOptions(options);
  const availability = await dockerAvailable();
  if (!availability.available) {
    throw new HarnessError('NOT_AVAILABLE', `cannot start ${options.image}: ${availability.reason}`);
  }
  const { GenericContainer, Wait } = await loadTestcontainers();
  let container: Awaited<ReturnType<InstanceType<typeof GenericContainer>['start']>>;
  try {
    container = await new GenericContainer(options.image)
      .withExposedPorts(options.port)
      .withEnvironment(options.env ?? {})
      .withWaitStrategy(Wait.forListeningPorts())
      .withStartupTimeout(options.startupTimeoutMs ?? 60_000)
      .start();
  } catch (err) {
    throw new HarnessError(
      'TARGET_UNREACHABLE',
      `container ${options.image} did not start listening on ${options.port}: ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  }
  const host = container.getHost();
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${container.getMappedPort(options.port)}${(options.path ?? '').replace(/\/+$/, '')}`;
  let stopped: Promise<void> | undefined;
  return {
    url,
    stop: () => (stopped ??= container.stop().then(() => undefined)),
  };
}

/** Runs `body` against a started container and stops the container afterwards, whatever happens. */
export async function withContainerTarget<T>(
  options: ContainerTargetOptions,
  body: (url: string) => Promise<T>,
): Promise<T> {
  const target = await startContainerTarget(options);
  try {
    return await body(target.url);
  } finally {
    await target.stop().catch(() => undefined);
  }
}

/** Parses `--target-env K=V` entries. */
export function parseEnvPairs(pairs: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new HarnessError('USAGE', `--target-env expects KEY=VALUE, got "${pair}"`);
    env[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return env;
}
