import { afterEach } from 'vitest';
import { startServer, type RunningServer, type ServeOptions } from '../../../reference-server/index.js';

export const TOKEN = 'glsoat-testtokentesttoken01';
export const OTHER_TOKEN = 'glsoat-othertokenothertoken2';

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export interface CallOptions {
  token?: string | null;
  body?: unknown;
  raw?: string;
  contentType?: string | null;
  headers?: Record<string, string>;
}

export interface Harness {
  server: RunningServer;
  /** `path` is relative to the origin when it starts with `/api`, else to the first group's SCIM base. */
  call(method: string, path: string, options?: CallOptions): Promise<Reply>;
  users(path?: string): Promise<Reply>;
}

const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

/** A gitlab-flavour server on an ephemeral loopback port, closed after the test. */
export async function gitlab(options: Partial<ServeOptions> = {}): Promise<Harness> {
  const server = await startServer({ flavor: 'gitlab', port: 0, groups: [`acme:${TOKEN}`], ...options });
  running.push(server);
  const call = async (method: string, path: string, o: CallOptions = {}): Promise<Reply> => {
    const url = path.startsWith('/api') ? server.origin + path : server.url + path;
    const headers: Record<string, string> = { ...o.headers };
    const token = o.token === undefined ? TOKEN : o.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    let body: string | undefined = o.raw;
    if (o.body !== undefined) body = JSON.stringify(o.body);
    if (body !== undefined && o.contentType !== null)
      headers['content-type'] = o.contentType ?? 'application/scim+json';
    const res = await fetch(url, { method, headers, body });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
  };
  return { server, call, users: (path = '') => call('GET', `/Users${path}`) };
}

/** A minimal Entra-style POST body. */
export function newUser(
  uid: string,
  userName: string,
  email: string,
  name = 'Test User',
): Record<string, unknown> {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    externalId: uid,
    userName,
    active: true,
    emails: [{ type: 'work', value: email, primary: true }],
    name: { formatted: name },
  };
}
