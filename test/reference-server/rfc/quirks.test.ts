import { describe, expect, test } from 'vitest';
import { QUIRKS, listQuirks } from '../../../reference-server/quirks/index.js';
import { startServer } from '../../../reference-server/index.js';
import { URN, startRfc, type Client, type Json } from './helpers.js';
import { cursorQuirks } from './cursor-quirks.js';

const tested = new Set<string>();

/** Runs `body` against a server with exactly one quirk on: each test shows that quirk's observable deviation. */
function quirk(name: keyof typeof QUIRKS, body: (c: Client) => Promise<void>, timeout?: number): void {
  tested.add(name);
  test(
    name,
    async () => {
      const c = await startRfc({ quirks: [name] });
      try {
        await body(c);
      } finally {
        await c.close();
      }
    },
    timeout,
  );
}

const filter = (f: string): string => `?filter=${encodeURIComponent(f)}`;
const ops = (...operations: unknown[]): Json => ({ schemas: [URN.patch], Operations: operations });

describe('quirk catalogue', () => {
  test('an unknown quirk is a TypeError at start-up listing the valid names', async () => {
    await expect(
      startServer({ flavor: 'rfc', port: 0, token: 't', quirks: ['no-such-quirk'] }),
    ).rejects.toThrow(/Unknown quirk "no-such-quirk"; valid quirks: .*create-returns-200/);
  });

  test('listQuirks describes every quirk in one sentence, sorted by name', () => {
    const list = listQuirks();
    expect(list.length).toBeGreaterThanOrEqual(30);
    expect(list.map((q) => q.name)).toEqual([...list.map((q) => q.name)].sort());
    for (const q of list) {
      expect(q.flavour).toBe('rfc');
      expect(q.description).toMatch(/^[A-Z0-9/`].*\.$/);
    }
  });
});

describe('response quirks', () => {
  quirk('create-returns-200', async (c) => {
    expect((await c.request('POST', '/Users', { schemas: [URN.user], userName: 'q' })).status).toBe(200);
  });
  quirk('no-location-header', async (c) => {
    const res = await c.request('POST', '/Users', { schemas: [URN.user], userName: 'q' });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBeNull();
  });
  quirk('no-etag-header', async (c) => {
    const u = await c.createUser('q');
    expect(u.meta.version).toBeDefined();
    expect((await c.request('GET', `/Users/${u.id}`)).headers.get('etag')).toBeNull();
  });
  quirk('etag-static', async (c) => {
    const u = await c.createUser('q');
    const res = await c.patch(`/Users/${u.id}`, { op: 'replace', path: 'title', value: 'changed' });
    expect(res.headers.get('etag')).toBe(u.meta.version);
    expect(res.body.meta.version).toBe(u.meta.version);
  });
  quirk('numeric-error-status', async (c) => {
    const res = await c.request('GET', '/Users/nope');
    expect(res.status).toBe(404);
    expect(res.body.status).toBe(404);
  });
  quirk('error-content-type-json', async (c) => {
    const res = await c.request('GET', '/Users/nope');
    expect(res.headers.get('content-type')).toBe('application/json');
    expect((await c.request('GET', '/Users')).headers.get('content-type')).toMatch(/scim\+json/);
  });
  quirk('content-type-json', async (c) => {
    expect((await c.request('GET', '/Users')).headers.get('content-type')).toBe('application/json');
  });
  quirk('html-404', async (c) => {
    const res = await c.request('GET', '/Users/nope');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.text).toContain('<html>');
  });
  quirk('no-www-authenticate', async (c) => {
    const res = await c.request('GET', '/Users', undefined, { authorization: 'Bearer wrong' });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBeNull();
  });
  quirk('uniqueness-returns-400', async (c) => {
    await c.createUser('q');
    const res = await c.request('POST', '/Users', { schemas: [URN.user], userName: 'q' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: '400', scimType: 'uniqueness' });
  });
  quirk('totalresults-missing', async (c) => {
    const res = await c.request('GET', '/Users');
    expect(res.status).toBe(200);
    expect(res.body.totalResults).toBeUndefined();
  });
  quirk('delete-returns-200-body', async (c) => {
    const u = await c.createUser('q');
    const res = await c.request('DELETE', `/Users/${u.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: u.id });
  });
  quirk('patch-returns-204', async (c) => {
    const u = await c.createUser('q');
    const res = await c.request(
      'PATCH',
      `/Users/${u.id}?attributes=userName`,
      ops({ op: 'replace', path: 'title', value: 'x' }),
    );
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
  });
  quirk('empty-filter-404', async (c) => {
    await c.createUser('q');
    const none = await c.request('GET', `/Users${filter('userName eq "nobody"')}`);
    expect(none.status).toBe(404);
    expect(none.body.schemas).toEqual([URN.error]);
    expect((await c.request('GET', `/Users${filter('userName eq "q"')}`)).body.totalResults).toBe(1);
  });
  quirk('name-givenname-omitted', async (c) => {
    const created = await c.request('POST', '/Users', {
      schemas: [URN.user],
      userName: 'q',
      name: { givenName: 'Q', familyName: 'R' },
    });
    expect(created.body.name).toEqual({ familyName: 'R' });
    const listed = await c.request('GET', `/Users${filter('userName eq "q"')}`);
    expect(listed.body.Resources[0].name).toEqual({ familyName: 'R' });
  });
  quirk(
    'slow-responses',
    async (c) => {
      const t0 = performance.now();
      await c.request('GET', '/ServiceProviderConfig');
      expect(performance.now() - t0).toBeGreaterThanOrEqual(900);
    },
    10_000,
  );
});

describe('behaviour quirks', () => {
  quirk('no-auth', async (c) => {
    expect((await fetch(`${c.url}/Users`)).status).toBe(200);
  });
  quirk('any-token-accepted', async (c) => {
    expect((await c.request('GET', '/Users', undefined, { authorization: 'Bearer whatever' })).status).toBe(
      200,
    );
    expect((await fetch(`${c.url}/Users`)).status).toBe(401);
  });
  quirk('duplicate-username-accepted', async (c) => {
    await c.createUser('q');
    expect((await c.request('POST', '/Users', { schemas: [URN.user], userName: 'q' })).status).toBe(201);
  });
  quirk('duplicate-displayname-500', async (c) => {
    await c.createGroup('g');
    expect((await c.request('POST', '/Groups', { schemas: [URN.group], displayName: 'g' })).status).toBe(500);
    expect((await c.request('POST', '/Groups', { schemas: [URN.group], displayName: 'h' })).status).toBe(201);
  });
  quirk('password-returned', async (c) => {
    const res = await c.request('POST', '/Users', { schemas: [URN.user], userName: 'q', password: 'pw1' });
    expect(res.body.password).toBe('pw1');
  });
  quirk('filter-ignored', async (c) => {
    await c.createUser('a');
    await c.createUser('b');
    const res = await c.request('GET', `/Users${filter('userName eq "a"')}`);
    expect(res.body.totalResults).toBe(2);
  });
  quirk('filter-case-sensitive', async (c) => {
    await c.createUser('Alice');
    expect((await c.request('GET', `/Users${filter('userName eq "alice"')}`)).body.totalResults).toBe(0);
    expect((await c.request('GET', `/Users${filter('userName eq "Alice"')}`)).body.totalResults).toBe(1);
  });
  quirk('malformed-filter-500', async (c) => {
    const res = await c.request('GET', `/Users${filter('userName eq')}`);
    expect(res.status).toBe(500);
  });
  quirk('count-ignored', async (c) => {
    await c.createUser('a');
    await c.createUser('b');
    const res = await c.request('GET', '/Users?count=1');
    expect(res.body.Resources).toHaveLength(2);
  });
  quirk('unfiltered-list-refused', async (c) => {
    await c.createUser('a');
    const all = await c.request('GET', '/Users?count=1');
    expect(all.status).toBe(400);
    expect(all.body.scimType).toBe('invalidFilter');
    expect((await c.request('GET', `/Users${filter('userName eq "a"')}`)).body.totalResults).toBe(1);
  });
  quirk('start-index-zero-based', async (c) => {
    const a = await c.createUser('a');
    await c.createUser('b');
    const res = await c.request('GET', '/Users?startIndex=1');
    expect(res.body.Resources.map((r: Json) => r.id)).not.toContain(a.id);
  });
  quirk('sort-ignored', async (c) => {
    await c.createUser('b');
    await c.createUser('a');
    const res = await c.request('GET', '/Users?sortBy=userName');
    expect(res.body.Resources.map((r: Json) => r.userName)).toEqual(['b', 'a']);
  });
  quirk('attributes-ignored', async (c) => {
    const u = await c.createUser('q', { displayName: 'D' });
    expect((await c.request('GET', `/Users/${u.id}?attributes=userName`)).body.displayName).toBe('D');
  });
  quirk('patch-active-ignored', async (c) => {
    const u = await c.createUser('q', { active: true });
    const res = await c.patch(`/Users/${u.id}`, { op: 'replace', path: 'active', value: false });
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(true);
  });
  quirk('string-booleans-rejected', async (c) => {
    const u = await c.createUser('q', { active: true });
    expect((await c.patch(`/Users/${u.id}`, { op: 'replace', path: 'active', value: 'False' })).status).toBe(
      400,
    );
  });
  quirk('capitalised-ops-rejected', async (c) => {
    const u = await c.createUser('q');
    expect((await c.patch(`/Users/${u.id}`, { op: 'Replace', path: 'title', value: 'x' })).status).toBe(400);
  });
  quirk('pathless-patch-ignored', async (c) => {
    const u = await c.createUser('q');
    const res = await c.patch(`/Users/${u.id}`, { op: 'replace', value: { title: 'x' } });
    expect(res.status).toBe(200);
    expect(res.body.title).toBeUndefined();
  });
  quirk('value-path-patch-rejected', async (c) => {
    const u = await c.createUser('q', { emails: [{ value: 'a@x', type: 'work' }] });
    const res = await c.patch(`/Users/${u.id}`, {
      op: 'replace',
      path: 'emails[type eq "work"].value',
      value: 'b@x',
    });
    expect(res.status).toBe(400);
    expect(res.body.scimType).toBe('invalidPath');
  });
  quirk('members-remove-ignored', async (c) => {
    const u = await c.createUser('q');
    const g = await c.createGroup('g', [u.id]);
    const res = await c.patch(`/Groups/${g.id}`, { op: 'remove', path: `members[value eq "${u.id}"]` });
    expect(res.body.members).toHaveLength(1);
  });
  quirk('remove-value-list-wipes-members', async (c) => {
    const [a, b] = [await c.createUser('a'), await c.createUser('b')];
    const g = await c.createGroup('g', [a.id, b.id]);
    const res = await c.patch(`/Groups/${g.id}`, { op: 'remove', path: 'members', value: [{ value: a.id }] });
    expect(res.body.members).toBeUndefined();
  });
  quirk('deleted-user-still-readable', async (c) => {
    const u = await c.createUser('q');
    expect((await c.request('DELETE', `/Users/${u.id}`)).status).toBe(204);
    expect((await c.request('GET', `/Users/${u.id}`)).status).toBe(200);
  });
  quirk('put-keeps-omitted', async (c) => {
    const u = await c.createUser('q', { title: 'Kept' });
    const res = await c.request('PUT', `/Users/${u.id}`, { schemas: [URN.user], userName: 'q' });
    expect(res.body.title).toBe('Kept');
  });
  quirk('id-mutable', async (c) => {
    const u = await c.createUser('q');
    const res = await c.request('PUT', `/Users/${u.id}`, {
      schemas: [URN.user],
      userName: 'q',
      id: 'client-chosen',
    });
    expect(res.body.id).toBe('client-chosen');
    expect((await c.request('GET', '/Users/client-chosen')).status).toBe(200);
  });
  quirk('if-match-ignored', async (c) => {
    const u = await c.createUser('q');
    const res = await c.request(
      'PUT',
      `/Users/${u.id}`,
      { schemas: [URN.user], userName: 'q' },
      { 'if-match': 'W/"stale"' },
    );
    expect(res.status).toBe(200);
  });
  quirk('if-none-match-ignored', async (c) => {
    const u = await c.createUser('q');
    expect(
      (await c.request('GET', `/Users/${u.id}`, undefined, { 'if-none-match': u.meta.version })).status,
    ).toBe(200);
  });
  quirk('bulk-ignores-fail-on-errors', async (c) => {
    const res = await c.request('POST', '/Bulk', {
      schemas: [URN.bulkRequest],
      failOnErrors: 1,
      Operations: [
        { method: 'POST', path: '/Users', bulkId: 'x', data: { schemas: [URN.user] } },
        { method: 'POST', path: '/Users', bulkId: 'y', data: { schemas: [URN.user], userName: 'y' } },
      ],
    });
    expect(res.body.Operations).toHaveLength(2);
  });
  quirk('bulk-status-object', async (c) => {
    const res = await c.request('POST', '/Bulk', {
      schemas: [URN.bulkRequest],
      Operations: [
        { method: 'POST', path: '/Users', bulkId: 'x', data: { schemas: [URN.user], userName: 'x' } },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.Operations[0].status).toEqual({ code: '201' });
  });
  quirk('search-endpoint-missing', async (c) => {
    await c.createUser('q');
    const body = {
      schemas: [URN.search],
      filter: 'userName eq "q"',
    };
    const res = await c.request('POST', '/Users/.search', body);
    expect(res.status).toBe(400);
    expect(res.body.schemas).toEqual([URN.error]);
    expect((await c.request('GET', `/Users${filter('userName eq "q"')}`)).body.totalResults).toBe(1);
  });
  quirk('filter-and-unsupported', async (c) => {
    await c.createUser('q', { active: true });
    const joined = await c.request('GET', `/Users${filter('userName eq "q" and active eq true')}`);
    expect(joined.status).toBe(400);
    expect(joined.body.scimType).toBe('invalidFilter');
    // "and" inside a quoted value is not the operator; or and single comparisons still work.
    expect(
      (await c.request('GET', `/Users${filter('userName eq "q and r" or userName eq "q"')}`)).body
        .totalResults,
    ).toBe(1);
  });
  quirk('message-schemas-listed', async (c) => {
    const res = await c.request('GET', '/Schemas');
    expect(res.body.Resources.map((s: Json) => s.id)).toContain(URN.list);
  });
  quirk('me-returns-404', async (c) => {
    expect((await c.request('GET', '/Me')).status).toBe(404);
  });
  quirk('filter-fails-on-missing-attribute', async (c) => {
    const full = await c.createUser('full');
    const byName = `/Users${filter('userName eq "full"')}`;
    expect((await c.request('GET', byName)).body.Resources.map((r: Json) => r.id)).toEqual([full.id]);
    await c.request('POST', '/Users', { schemas: [URN.user], userName: 'sparse' });
    expect((await c.request('GET', `/Users${filter('title eq "x"')}`)).status).toBe(400);
    expect((await c.request('GET', byName)).status).toBe(200);
  });
  quirk('content-type-ignored', async (c) => {
    const res = await c.request(
      'POST',
      '/Users',
      { schemas: [URN.user], userName: 'plain' },
      {
        'content-type': 'text/plain',
      },
    );
    expect(res.status).toBe(201);
  });
});

describe('quirks added for the documented IdP requests (issue 24)', () => {
  const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
  const memberIds = (g: Json): string[] => ((g.members ?? []) as Json[]).map((m) => String(m.value)).sort();
  quirk('patch-first-op-only', async (c) => {
    const u = await c.createUser('q');
    await c.patch(
      `/Users/${u.id}`,
      { op: 'replace', path: 'title', value: 'One' },
      { op: 'replace', path: 'displayName', value: 'Two' },
    );
    const after = (await c.request('GET', `/Users/${u.id}`)).body;
    expect(after.title).toBe('One');
    expect(after.displayName).toBeUndefined();
  });
  quirk('members-replace-merges', async (c) => {
    const a = await c.createUser('a');
    const b = await c.createUser('b');
    const g = await c.createGroup('g', [a.id]);
    expect(
      (await c.patch(`/Groups/${g.id}`, { op: 'replace', path: 'members', value: [{ value: b.id }] })).status,
    ).toBeLessThan(300);
    expect(memberIds((await c.request('GET', `/Groups/${g.id}`)).body)).toEqual([a.id, b.id].sort());
  });
  quirk('manager-string-rejected', async (c) => {
    const boss = await c.createUser('boss');
    const u = await c.createUser('q');
    const res = await c.patch(`/Users/${u.id}`, { op: 'Add', path: `${ENTERPRISE}:manager`, value: boss.id });
    expect(res.status).toBe(400);
  });
  quirk('add-single-valued-rejected', async (c) => {
    const u = await c.createUser('q', { title: 'Old' });
    expect((await c.patch(`/Users/${u.id}`, { op: 'add', path: 'title', value: 'New' })).status).toBe(400);
    expect(
      (await c.patch(`/Users/${u.id}`, { op: 'replace', path: 'title', value: 'New' })).status,
    ).toBeLessThan(300);
  });
  quirk('externalid-filter-unsupported', async (c) => {
    await c.createUser('q', { externalId: 'ext-1' });
    const res = await c.request('GET', `/Users${filter('externalId eq "ext-1"')}`);
    expect(res.status).toBe(400);
    expect(res.body.scimType).toBe('invalidFilter');
    expect((await c.request('GET', `/Users${filter('userName eq "q"')}`)).status).toBe(200);
  });
  quirk('put-active-ignored', async (c) => {
    const u = await c.createUser('q', { active: true });
    const put = await c.request('PUT', `/Users/${u.id}`, {
      schemas: [URN.user],
      userName: 'q',
      active: false,
    });
    expect(put.status).toBe(200);
    expect((await c.request('GET', `/Users/${u.id}`)).body.active).toBe(true);
  });
  quirk('group-externalid-required', async (c) => {
    expect((await c.request('POST', '/Groups', { schemas: [URN.group], displayName: 'g' })).status).toBe(400);
    const withExt = await c.request('POST', '/Groups', {
      schemas: [URN.group],
      displayName: 'h',
      externalId: 'x',
    });
    expect(withExt.status).toBe(201);
  });
  quirk('rate-limited-once', async (c) => {
    const first = await c.request('POST', '/Users', { schemas: [URN.user], userName: 'q' });
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('0');
    expect((await c.request('POST', '/Users', { schemas: [URN.user], userName: 'q' })).status).toBe(201);
  });
  quirk('paging-fields-strings', async (c) => {
    await c.createUser('q');
    const list = (await c.request('GET', '/Users')).body;
    expect(typeof list.totalResults).toBe('string');
    expect(typeof list.itemsPerPage).toBe('string');
  });
  quirk('content-type-text-plain', async (c) => {
    const res = await c.request('GET', '/Users');
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  });
});

describe('quirks added for blind spots', () => {
  quirk('items-per-page-echoes-count', async (c) => {
    await c.createUser('a');
    const res = await c.request('GET', '/Users?startIndex=1&count=5');
    expect(res.body.Resources).toHaveLength(1);
    expect(res.body.itemsPerPage).toBe(5);
  });
  quirk('scim-type-on-not-found', async (c) => {
    const res = await c.request('GET', '/Users/nope');
    expect(res.status).toBe(404);
    expect(res.body.scimType).toBe('invalidValue');
  });
  quirk('etag-unadvertised', async (c) => {
    expect((await c.request('GET', '/ServiceProviderConfig')).body.etag.supported).toBe(false);
    const u = await c.createUser('q');
    expect((await c.request('GET', `/Users/${u.id}`)).headers.get('etag')).not.toBeNull();
  });
  quirk('spc-auth-scheme-not-enabled', async (c) => {
    const spc = (await c.request('GET', '/ServiceProviderConfig')).body;
    expect(spc.authenticationSchemes[0]).toMatchObject({ type: 'httpbasic', primary: true });
    const challenge = (await c.request('GET', '/Users', undefined, { authorization: 'Bearer wrong' }))
      .headers;
    expect(challenge.get('www-authenticate')).not.toMatch(/basic/i);
  });
  quirk('spc-scim11-leftovers', async (c) => {
    const spc = (await c.request('GET', '/ServiceProviderConfig')).body;
    expect(spc.xmlDataFormat).toEqual({ supported: false });
    expect(spc.authenticationSchemes[0].specUrl).toBeDefined();
    expect(spc.authenticationSchemes[0].specUri).toBeUndefined();
  });
  quirk('unknown-id-write-500', async (c) => {
    expect((await c.request('DELETE', '/Users/nope')).status).toBe(500);
    expect(
      (await c.request('PATCH', '/Users/nope', ops({ op: 'replace', path: 'active', value: false }))).status,
    ).toBe(500);
    expect((await c.request('GET', '/Users/nope')).status).toBe(404);
  });
});

describe('cursor quirks (RFC 9865)', () => cursorQuirks(quirk));

test('every quirk in the catalogue has a test', () => {
  expect(Object.keys(QUIRKS).filter((name) => !tested.has(name))).toEqual([]);
});
