import { afterAll, beforeAll, expect, test } from 'vitest';
import { startServer } from '../../../reference-server/index.js';
import { startRfc, type Client } from './helpers.js';
import { idsOf, page, search, sleep, threeUsers, walk } from './cursor-helpers.js';

let c: Client;
let ids: string[];

beforeAll(async () => {
  c = await startRfc();
  ids = await threeUsers(c);
});

afterAll(async () => {
  await c.close();
});

test('ServiceProviderConfig advertises both methods, index by default, and the cursor timeout (RFC 9865 §4)', async () => {
  const { pagination } = (await c.request('GET', '/ServiceProviderConfig')).body;
  expect(pagination).toEqual({
    cursor: true,
    index: true,
    defaultPaginationMethod: 'index',
    defaultPageSize: 200,
    maxPageSize: 200,
    cursorTimeout: 2,
  });
});

test('following nextCursor visits every result once; the first page has no previousCursor, the last no nextCursor', async () => {
  const pages = await walk(c, 1);
  expect(idsOf(pages)).toEqual(ids);
  expect(pages[0].previousCursor).toBeUndefined();
  expect(pages[0].startIndex).toBeUndefined();
  expect(pages[1].previousCursor).toMatch(/^[A-Za-z0-9_-]+$/);
  expect(pages[2].nextCursor).toBeUndefined();
  expect(pages.every((p) => p.totalResults === 3)).toBe(true);
  expect(idsOf(await walk(c, 2))).toEqual(ids);
});

test('previousCursor leads to the previous page', async () => {
  const first = await page(c, '', 1);
  const second = await page(c, first.body.nextCursor, 1);
  expect(idsOf([(await page(c, second.body.previousCursor, 1)).body])).toEqual(ids.slice(0, 1));
});

test('count 0 and negative count return no resources but the total (RFC 9865 §2)', async () => {
  for (const count of [0, -3]) {
    const res = await page(c, '', count);
    expect([res.status, res.body.Resources, res.body.totalResults, res.body.nextCursor]).toEqual([
      200,
      [],
      3,
      undefined,
    ]);
  }
});

test('an unknown cursor, or one issued for another query, is 400 invalidCursor (RFC 9865 §2.1)', async () => {
  const bad = await page(c, 'never-issued', 1);
  expect([bad.status, bad.body.scimType]).toEqual([400, 'invalidCursor']);
  const next = (await page(c, '', 1)).body.nextCursor as string;
  const foreign = await c.request('GET', `/Users?cursor=${next}&count=1`);
  expect([foreign.status, foreign.body.scimType]).toEqual([400, 'invalidCursor']);
});

test('cursor and startIndex together are 400 invalidValue; startIndex alone still pages by index', async () => {
  const both = await c.request('GET', '/Users?cursor=&startIndex=2');
  expect([both.status, both.body.scimType]).toEqual([400, 'invalidValue']);
  const indexed = await c.request('GET', '/Users?startIndex=2&count=1&sortBy=userName');
  expect([indexed.body.startIndex, indexed.body.nextCursor, idsOf([indexed.body])]).toEqual([
    2,
    undefined,
    [ids[1]],
  ]);
});

test('POST /.search pages by the cursor in its body (RFC 9865 §3)', async () => {
  const first = await search(c, { cursor: '', count: 2 });
  expect(idsOf([first.body])).toEqual(ids.slice(0, 2));
  const second = await search(c, { cursor: first.body.nextCursor, count: 2 });
  expect([idsOf([second.body]), second.body.nextCursor]).toEqual([ids.slice(2), undefined]);
});

test('a cursor used after cursorTimeout is 400 expiredCursor, and valid before it', async () => {
  const early = (await page(c, '', 1)).body.nextCursor as string;
  const late = (await page(c, '', 1)).body.nextCursor as string;
  await sleep(900);
  expect((await page(c, early, 1)).status).toBe(200);
  await sleep(1_400);
  const expired = await page(c, late, 1);
  expect([expired.status, expired.body.scimType]).toEqual([400, 'expiredCursor']);
}, 10_000);

test('cursorTimeout is configurable and validated', async () => {
  const long = await startRfc({ cursorTimeout: 60 });
  try {
    expect((await long.request('GET', '/ServiceProviderConfig')).body.pagination.cursorTimeout).toBe(60);
  } finally {
    await long.close();
  }
  await expect(startServer({ flavor: 'rfc', port: 0, token: 't', cursorTimeout: 0 })).rejects.toThrow(
    /cursorTimeout must be a positive integer/,
  );
});
