/**
 * A scripted SCIM client for the judge tests: a well-behaved Okta-style connector whose every defect can be
 * switched on one at a time (`Breakage`), so each client check is seen to fail on exactly its own defect.
 */
export type Breakage =
  | 'media-type'
  | 'resource-schemas'
  | 'patch-schemas'
  | 'search-schemas'
  | 'bulk-schemas'
  | 'patch-operations'
  | 'patch-operation-shape'
  | 'filter-syntax'
  | 'attributes-known'
  | 'paging'
  | 'create-id'
  | 'read-only'
  | 'no-if-match'
  | 'bulk-shape'
  | 'bulk-id'
  | 'bulk-limits'
  | 'ignore-retry-after'
  | 'credentials-in-url'
  | 'blind-retry'
  | 'hammering'
  | 'delete-deprovision'
  | 'patch-update'
  | 'capitalised-ops'
  | 'plus-encoding';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const SEARCH = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
const BULK = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';

/** The part of an answer body the script reads. */
interface Answer {
  id?: string;
  [key: string]: unknown;
}

export interface ClientRun {
  requests: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The query text of a filter, spaces as `%20` (Okta) or `+`. */
function q(filter: string, plus: boolean): string {
  const encoded = encodeURIComponent(filter);
  return `filter=${plus ? encoded.replace(/%20/g, '+') : encoded}`;
}

/** Runs the script against `baseUrl`; resolves to the number of requests sent. */
export async function runScriptedClient(
  baseUrl: string,
  token: string,
  broken?: Breakage,
): Promise<ClientRun> {
  let requests = 0;
  const is = (b: Breakage) => broken === b;
  const send = async (
    method: string,
    path: string,
    options: { json?: unknown; body?: string; contentType?: string; ifMatch?: string; query?: string } = {},
  ): Promise<{
    status: number;
    json: Answer | undefined;
    etag: string | undefined;
    retryAfter: string | null;
  }> => {
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = {
        authorization: `Bearer ${token}`,
        accept: 'application/scim+json',
      };
      const body = options.body ?? (options.json !== undefined ? JSON.stringify(options.json) : undefined);
      if (body !== undefined) headers['content-type'] = options.contentType ?? 'application/scim+json';
      if (options.ifMatch) headers['if-match'] = options.ifMatch;
      let query = options.query;
      if (is('credentials-in-url') && method === 'GET')
        query = `${query ? `${query}&` : ''}access_token=${token}`;
      requests++;
      const res = await fetch(`${baseUrl}${path}${query !== undefined ? `?${query}` : ''}`, {
        method,
        headers,
        ...(body !== undefined ? { body } : {}),
      });
      const text = await res.text();
      let json: Answer | undefined;
      try {
        json = text ? (JSON.parse(text) as Answer) : undefined;
      } catch {
        json = undefined;
      }
      if (res.status === 429 && attempt < 5) {
        // A good client waits what Retry-After says; the broken one retries at once (three times).
        if (is('ignore-retry-after') && attempt < 3) continue;
        await sleep(Number(res.headers.get('retry-after') ?? '1') * 1000 + 50);
        continue;
      }
      return {
        status: res.status,
        json,
        etag: res.headers.get('etag') ?? undefined,
        retryAfter: res.headers.get('retry-after'),
      };
    }
  };
  const plus = is('plus-encoding');
  const alice = 'alice@example.com';

  await send('GET', '/ServiceProviderConfig');
  await send('GET', '/ResourceTypes');
  await send('GET', '/Schemas');
  const probeQuery = is('filter-syntax')
    ? q('userName eq alice', plus)
    : is('attributes-known')
      ? q(`usrName eq "${alice}"`, plus)
      : q(`userName eq "${alice}"`, plus);
  await send('GET', '/Users', { query: `${probeQuery}&startIndex=${is('paging') ? 0 : 1}&count=10` });

  const userBody: Record<string, unknown> = {
    schemas: [USER],
    userName: alice,
    name: { givenName: 'Alice', familyName: 'Example' },
    emails: [{ value: alice, type: 'work', primary: true }],
    active: true,
    ...(is('create-id') ? { id: 'client-chosen-id' } : {}),
    ...(is('read-only') ? { meta: { resourceType: 'User' } } : {}),
  };
  const created = await send('POST', '/Users', { json: userBody });
  const id = created.json?.id as string;
  let etag = created.etag;

  const conflict = await send('POST', '/Users', { json: userBody });
  if (conflict.status === 409 && is('blind-retry')) await send('POST', '/Users', { json: userBody });
  await send('GET', '/Users', { query: q(`userName eq "${alice}"`, plus) });

  const ifMatch = () => (is('no-if-match') ? undefined : etag);
  if (is('patch-update')) {
    const r = await send('PATCH', `/Users/${id}`, {
      json: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'displayName', value: 'Alice E.' }] },
      ...(ifMatch() ? { ifMatch: ifMatch() } : {}),
    });
    etag = r.etag ?? etag;
  } else {
    // Okta's PUT starts from the last representation, without the server's readOnly attributes.
    const { meta: _meta, groups: _groups, ...rest } = (created.json ?? {}) as Record<string, unknown>;
    const r = await send('PUT', `/Users/${id}`, {
      json: {
        ...rest,
        ...(is('resource-schemas') ? { schemas: undefined } : { schemas: [USER] }),
        displayName: 'Alice E.',
      },
      ...(ifMatch() ? { ifMatch: ifMatch() } : {}),
    });
    etag = r.etag ?? etag;
  }

  const group = await send('POST', '/Groups', {
    json: { schemas: [GROUP], displayName: 'Engineers', members: [] },
  });
  const gid = group.json?.id as string;
  const groupEtag = () => (is('no-if-match') ? undefined : group.etag);
  const op = is('capitalised-ops') ? 'Add' : 'add';
  const ops = is('patch-operation-shape')
    ? [{ op: 'add', path: 'members' }]
    : [{ op, path: 'members', value: [{ value: id, display: alice }] }];
  const patched = await send('PATCH', `/Groups/${gid}`, {
    json: { ...(is('patch-schemas') ? {} : { schemas: [PATCH_OP] }), Operations: ops },
    ...(is('media-type') ? { contentType: 'text/plain' } : {}),
    ...(groupEtag() ? { ifMatch: groupEtag() } : {}),
  });
  if (is('patch-operations'))
    await send('PATCH', `/Groups/${gid}`, {
      json: { schemas: [PATCH_OP], Operations: [] },
      ...(patched.etag && !is('no-if-match') ? { ifMatch: patched.etag } : {}),
    });

  await send('POST', '/Users/.search', {
    json: {
      schemas: [is('search-schemas') ? 'urn:ietf:params:scim:schemas:core:2.0:User' : SEARCH],
      filter: `userName eq "${alice}"`,
      startIndex: 1,
      count: 5,
      attributes: ['userName'],
    },
  });

  const groupOp: Record<string, unknown> = {
    method: 'POST',
    path: '/Groups',
    bulkId: 'g1',
    ...(is('bulk-shape')
      ? {}
      : {
          data: {
            schemas: [GROUP],
            displayName: 'Team',
            members: [{ value: `bulkId:${is('bulk-id') ? 'u9' : 'u1'}` }],
          },
        }),
  };
  await send('POST', '/Bulk', {
    json: {
      ...(is('bulk-schemas') ? {} : { schemas: [BULK] }),
      Operations: [
        {
          method: 'POST',
          path: '/Users',
          bulkId: 'u1',
          data: { schemas: [USER], userName: 'bob@example.com' },
        },
        groupOp,
      ],
    },
  });
  if (is('bulk-limits')) {
    const many = Array.from({ length: 1001 }, (_, i) => ({ method: 'DELETE', path: `/Users/none-${i}` }));
    await send('POST', '/Bulk', { json: { schemas: [BULK], Operations: many } });
  }

  await send('GET', '/Users/does-not-exist');
  if (is('hammering')) await send('GET', '/Users/does-not-exist');

  if (is('delete-deprovision'))
    await send('DELETE', `/Users/${id}`, { ...(ifMatch() ? { ifMatch: ifMatch() } : {}) });
  else
    await send('PATCH', `/Users/${id}`, {
      json: { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] },
      ...(ifMatch() ? { ifMatch: ifMatch() } : {}),
    });
  return { requests };
}

/** The check each breakage must fail, and only it. */
export const BREAKS: Record<Breakage, string> = {
  'media-type': 'client.http.media-type',
  'resource-schemas': 'client.resource.schemas',
  'patch-schemas': 'client.patch.schemas',
  'search-schemas': 'client.search.schemas',
  'bulk-schemas': 'client.bulk.schemas',
  'patch-operations': 'client.patch.operations',
  'patch-operation-shape': 'client.patch.operation-shape',
  'filter-syntax': 'client.filter.syntax',
  'attributes-known': 'client.query.attributes-known',
  paging: 'client.paging.params',
  'create-id': 'client.create.no-id',
  'read-only': 'client.write.read-only',
  'no-if-match': 'client.etag.if-match',
  'bulk-shape': 'client.bulk.shape',
  'bulk-id': 'client.bulk.bulk-id',
  'bulk-limits': 'client.bulk.limits',
  'ignore-retry-after': 'client.throttle.retry-after',
  'credentials-in-url': 'client.auth.no-credentials-in-url',
  'blind-retry': 'client.create.lookup-after-conflict',
  hammering: 'client.errors.no-hammering',
  'delete-deprovision': 'client.profile.deprovision',
  'patch-update': 'client.profile.update-method',
  'capitalised-ops': 'client.profile.patch-op-case',
  'plus-encoding': 'client.profile.query-encoding',
};
