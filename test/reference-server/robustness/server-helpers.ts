/** Shared set-up of the reliability tests: reference servers on 127.0.0.1:0, snapshots and error-shape checks. */
import { startServer, type RunningServer, type ServeOptions } from '../../../reference-server/index.js';
import { buildRequest, rawRequest, type RawResponse } from './raw-http.js';

export const RFC_TOKEN = 'rfc-reliability-token-7f3a';
export const GITLAB_TOKEN = 'glsoat-reliability-token-9c2e';
export const GITLAB_GROUP = 'demo';
export const SEED_USER_RFC = '00000000-0000-4000-8000-000000000001';
export const SEED_USER_GITLAB = 'seed-user-1';
const ERROR_URN = 'urn:ietf:params:scim:api:messages:2.0:Error';

export interface Served {
  server: RunningServer;
  flavour: 'rfc' | 'gitlab';
  /** Path of the SCIM base URL, e.g. `/scim/v2`. */
  base: string;
  token: string;
  logs: string[];
}

export async function serve(flavour: 'rfc' | 'gitlab', extra: Partial<ServeOptions> = {}): Promise<Served> {
  const logs: string[] = [];
  const server = await startServer({
    flavor: flavour,
    port: 0,
    ...(flavour === 'rfc' ? { token: RFC_TOKEN } : { groups: [`${GITLAB_GROUP}:${GITLAB_TOKEN}`] }),
    seedUsers: 3,
    log: (line) => logs.push(line),
    ...extra,
  });
  return {
    server,
    flavour,
    base: new URL(server.url).pathname,
    token: flavour === 'rfc' ? RFC_TOKEN : GITLAB_TOKEN,
    logs,
  };
}

/** A JSON request over loopback through the byte-level client. */
export function call(
  s: Served,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  return rawRequest(
    s.server.port,
    buildRequest(method, path.startsWith('/') ? path : `${s.base}/${path}`, {
      headers: {
        authorization: `Bearer ${s.token}`,
        ...(body !== undefined ? { 'content-type': 'application/scim+json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    }),
    { timeoutMs: 15_000 },
  );
}

/** Everything a client can observe of the server's state, as one string. */
export async function snapshot(s: Served): Promise<string> {
  if (s.flavour === 'rfc') {
    const users = await call(s, 'GET', 'Users?count=200&sortBy=id');
    const groups = await call(s, 'GET', 'Groups?count=200&sortBy=id');
    return JSON.stringify([users.status, users.json, groups.status, groups.json]);
  }
  const users = await call(s, 'GET', 'Users?count=100');
  const members = await call(s, 'GET', `/api/v4/groups/${GITLAB_GROUP}/members`);
  return JSON.stringify([users.status, users.json, members.status, members.json]);
}

/** Why an error answer does not have the flavour's error shape, or undefined when it does. */
export function errorShapeProblem(flavour: 'rfc' | 'gitlab', res: RawResponse): string | undefined {
  const body = res.json as Record<string, unknown> | undefined;
  if (typeof body !== 'object' || body === null) return `body is not a JSON object: ${res.body.slice(0, 80)}`;
  if (flavour === 'rfc') {
    if (!res.headers['content-type']?.startsWith('application/scim+json'))
      return `content-type ${res.headers['content-type']}`;
    if (!Array.isArray(body.schemas) || body.schemas[0] !== ERROR_URN) return 'no Error schema';
    if (body.status !== String(res.status))
      return `status ${JSON.stringify(body.status)} is not "${res.status}"`;
    return typeof body.detail === 'string' ? undefined : 'no detail';
  }
  if (Array.isArray(body.schemas)) {
    if (body.schemas[0] !== ERROR_URN) return 'no Error schema';
    return body.status === res.status
      ? undefined
      : `status ${JSON.stringify(body.status)} is not ${res.status}`;
  }
  if (typeof body.message === 'string' || typeof body.error === 'string') return undefined;
  return `not a GitLab error body: ${res.body.slice(0, 80)}`;
}
