import { afterAll, beforeAll, expect, test } from 'vitest';
import { URN, expectError, startRfc, type Client } from './helpers.js';

let c: Client;
beforeAll(async () => {
  c = await startRfc();
});
afterAll(() => c.close());

test('If-None-Match with the current ETag answers 304 with no body; a stale one answers 200', async () => {
  const u = await c.createUser('etag-get');
  const hit = await c.request('GET', `/Users/${u.id}`, undefined, { 'if-none-match': u.meta.version });
  expect(hit.status).toBe(304);
  expect(hit.text).toBe('');
  expect(hit.headers.get('etag')).toBe(u.meta.version);
  const miss = await c.request('GET', `/Users/${u.id}`, undefined, { 'if-none-match': 'W/"stale"' });
  expect(miss.status).toBe(200);
});

test('If-Match mismatch on PUT, PATCH and DELETE is 412 and changes nothing', async () => {
  const u = await c.createUser('etag-write', { title: 'A' });
  const stale = { 'if-match': 'W/"stale"' };
  expectError(
    await c.request('PUT', `/Users/${u.id}`, { schemas: [URN.user], userName: 'etag-write' }, stale),
    412,
  );
  expectError(
    await c.request(
      'PATCH',
      `/Users/${u.id}`,
      { schemas: [URN.patch], Operations: [{ op: 'replace', path: 'title', value: 'B' }] },
      stale,
    ),
    412,
  );
  expectError(await c.request('DELETE', `/Users/${u.id}`, undefined, stale), 412);
  expect((await c.request('GET', `/Users/${u.id}`)).body).toEqual(u);
});

test('If-Match with the current ETag (or *) succeeds, and every change yields a new ETag', async () => {
  const u = await c.createUser('etag-ok');
  const put = await c.request(
    'PUT',
    `/Users/${u.id}`,
    { schemas: [URN.user], userName: 'etag-ok', title: 'X' },
    { 'if-match': u.meta.version },
  );
  expect(put.status).toBe(200);
  expect(put.headers.get('etag')).not.toBe(u.meta.version);
  const patch = await c.request(
    'PATCH',
    `/Users/${u.id}`,
    { schemas: [URN.patch], Operations: [{ op: 'replace', path: 'title', value: 'Y' }] },
    { 'if-match': put.headers.get('etag') ?? '' },
  );
  expect(patch.status).toBe(200);
  expect(patch.headers.get('etag')).not.toBe(put.headers.get('etag'));
  expect((await c.request('DELETE', `/Users/${u.id}`, undefined, { 'if-match': '*' })).status).toBe(204);
});
