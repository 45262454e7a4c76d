import { startServer, type RunningServer } from '../../../reference-server/index.js';

export const URN = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  enterprise: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  list: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  search: 'urn:ietf:params:scim:api:messages:2.0:SearchRequest',
  patch: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  bulkRequest: 'urn:ietf:params:scim:api:messages:2.0:BulkRequest',
  bulkResponse: 'urn:ietf:params:scim:api:messages:2.0:BulkResponse',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error',
} as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface Answer {
  status: number;
  headers: Headers;
  body: Json;
  text: string;
}

export interface Client {
  server: RunningServer;
  url: string;
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
  createUser(userName: string, extra?: Record<string, unknown>): Promise<Json>;
  createGroup(displayName: string, members?: string[]): Promise<Json>;
  patch(path: string, ...operations: unknown[]): Promise<Answer>;
  close(): Promise<void>;
}

/** Starts an rfc server on an ephemeral port and returns a tiny client bound to it. */
export async function startRfc(
  options: {
    quirks?: string[];
    seedUsers?: number;
    token?: string;
    cursorTimeout?: number;
    log?: (l: string) => void;
  } = {},
): Promise<Client> {
  const server = await startServer({ flavor: 'rfc', port: 0, token: options.token ?? 't', ...options });
  const url = server.url;
  const request = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> => {
    const init: RequestInit = {
      method,
      headers: {
        authorization: 'Bearer t',
        ...(body !== undefined ? { 'content-type': 'application/scim+json' } : {}),
        ...headers,
      },
    };
    if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
    const res = await fetch(url + path, init);
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  };
  const client: Client = {
    server,
    url,
    request,
    async createUser(userName, extra = {}) {
      const res = await request('POST', '/Users', { schemas: [URN.user], userName, ...extra });
      if (res.status !== 201) throw new Error(`createUser ${userName}: ${res.status} ${res.text}`);
      return res.body;
    },
    async createGroup(displayName, members = []) {
      const res = await request('POST', '/Groups', {
        schemas: [URN.group],
        displayName,
        ...(members.length ? { members: members.map((value) => ({ value })) } : {}),
      });
      if (res.status !== 201) throw new Error(`createGroup ${displayName}: ${res.status} ${res.text}`);
      return res.body;
    },
    patch(path, ...operations) {
      return request('PATCH', path, { schemas: [URN.patch], Operations: operations });
    },
    close: () => server.close(),
  };
  return client;
}

/** Asserts the RFC 7644 §3.12 error shape and returns the body for further checks. */
export function expectError(res: Answer, status: number, scimType?: string): Json {
  const problems: string[] = [];
  if (res.status !== status) problems.push(`status ${res.status} != ${status}`);
  if (!res.headers.get('content-type')?.startsWith('application/scim+json')) problems.push('content-type');
  if (res.body?.schemas?.[0] !== URN.error) problems.push('schemas');
  if (res.body?.status !== String(status)) problems.push(`body.status ${JSON.stringify(res.body?.status)}`);
  if (scimType !== undefined && res.body?.scimType !== scimType)
    problems.push(`scimType ${res.body?.scimType}`);
  if (problems.length) throw new Error(`Bad error answer (${problems.join(', ')}): ${res.text}`);
  return res.body;
}
