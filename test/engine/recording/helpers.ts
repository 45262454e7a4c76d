/** Drives realistic IdP sessions (docs/idp/entra-id.md, okta.md) against a SCIM base URL, for recording tests. */
import { startServer, type RunningServer } from '../../../reference-server/index.js';

export const TOKEN = 'SECRET-TOKEN-7f3a9c2e51';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

export function startRfc(quirks: string[] = [], extra: { seedUsers?: number } = {}): Promise<RunningServer> {
  return startServer({ flavor: 'rfc', port: 0, token: TOKEN, quirks, ...extra });
}

async function send(
  base: string,
  method: string,
  pathAndQuery: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> | undefined }> {
  const res = await fetch(base + pathAndQuery, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

/** Entra ID legacy dialect: `+` in filters, POST, capitalised per-attribute PATCH, `"False"`, GET, DELETE. */
export async function driveEntra(base: string): Promise<void> {
  const h = { accept: '*/*' };
  const hb = { ...h, 'content-type': 'application/scim+json; charset=utf-8' };
  await send(base, 'GET', '/Users?filter=userName+eq+%2247d2c1a0-0bd5-4c0c-9a8b-1a2b3c4d5e6f%22', h);
  await send(base, 'GET', '/Users?filter=userName+eq+%22alice%40contoso.com%22', h);
  const created = await send(base, 'POST', '/Users', hb, {
    schemas: [USER, ENTERPRISE],
    externalId: 'alice',
    userName: 'alice@contoso.com',
    active: true,
    displayName: 'Alice Example',
    emails: [{ primary: true, type: 'work', value: 'alice@contoso.com' }],
    meta: { resourceType: 'User' },
    name: { formatted: 'Alice Example', familyName: 'Example', givenName: 'Alice' },
    roles: [],
  });
  const id = String(created.json?.id);
  await send(base, 'PATCH', `/Users/${id}`, hb, {
    schemas: [PATCH_OP],
    Operations: [
      { op: 'Replace', path: 'name.givenName', value: 'Alicia' },
      { op: 'Replace', path: 'displayName', value: 'Alicia Example' },
    ],
  });
  await send(base, 'GET', `/Users/${id}`, h);
  await send(base, 'PATCH', `/Users/${id}`, hb, {
    schemas: [PATCH_OP],
    Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
  });
  await send(base, 'GET', '/Users?filter=userName+eq+%22alice%40contoso.com%22', h);
  await send(base, 'DELETE', `/Users/${id}`, h);
}

/** Okta OIN dialect: `%20` with startIndex/count, POST with a password, GET then full PUT, path-less `{active:false}`. */
export async function driveOkta(base: string): Promise<void> {
  const h = {
    accept: 'application/scim+json',
    'user-agent': 'Okta SCIM Client 1.0.0',
    'accept-charset': 'utf-8',
  };
  const hb = { ...h, 'content-type': 'application/scim+json; charset=utf-8' };
  await send(base, 'GET', '/Users?startIndex=1&count=2', h);
  await send(base, 'GET', '/Users?filter=userName%20eq%20%22bob%40okta.local%22&startIndex=1&count=100', h);
  const created = await send(base, 'POST', '/Users', hb, {
    schemas: [USER],
    userName: 'bob@okta.local',
    name: { givenName: 'Bob', familyName: 'Builder' },
    emails: [{ primary: true, value: 'bob@okta.local', type: 'work' }],
    displayName: 'Bob Builder',
    locale: 'en-US',
    externalId: '00ujl29u0le5T6Aj10h7',
    groups: [],
    password: 'hunter2-Passw0rd',
    active: true,
  });
  const id = String(created.json?.id);
  const current = await send(base, 'GET', `/Users/${id}`, h);
  const { meta, ...rest } = current.json ?? {};
  await send(base, 'PUT', `/Users/${id}`, hb, {
    ...rest,
    meta: { resourceType: (meta as { resourceType?: string } | undefined)?.resourceType ?? 'User' },
    name: { givenName: 'Robert', familyName: 'Builder' },
  });
  await send(base, 'PATCH', `/Users/${id}`, hb, {
    schemas: [PATCH_OP],
    Operations: [{ op: 'replace', value: { active: false } }],
  });
}
