/** One test per RFC 9865 cursor quirk, registered by quirks.test.ts so its catalogue test sees them. */
import { expect } from 'vitest';
import type { QuirkName } from '../../../reference-server/quirks/index.js';
import type { Client } from './helpers.js';
import { idsOf, page, search, sleep, threeUsers, walk } from './cursor-helpers.js';

type Register = (name: QuirkName, body: (c: Client) => Promise<void>, timeout?: number) => void;

export function cursorQuirks(quirk: Register): void {
  quirk('cursor-ignored', async (c) => {
    await threeUsers(c);
    const res = await page(c, '', 1);
    expect(res.body.nextCursor).toBeUndefined();
    expect(res.body.startIndex).toBe(1);
  });
  quirk('cursor-next-on-last-page', async (c) => {
    await threeUsers(c);
    const pages = await walk(c, 1);
    expect(pages).toHaveLength(4);
    expect(pages[2].nextCursor).toBeDefined();
    expect(pages[3].Resources).toEqual([]);
  });
  quirk('cursor-ends-early', async (c) => {
    const ids = await threeUsers(c);
    expect(idsOf(await walk(c, 1))).toEqual(ids.slice(0, 2));
  });
  quirk('cursor-previous-on-first-page', async (c) => {
    await threeUsers(c);
    expect((await page(c, '', 1)).body.previousCursor).toBeDefined();
  });
  quirk('cursor-duplicates', async (c) => {
    const [a, b, cc] = await threeUsers(c);
    expect(idsOf(await walk(c, 2))).toEqual([a, b, b, cc]);
  });
  quirk('cursor-previous-wrong', async (c) => {
    const [, b] = await threeUsers(c);
    const second = await page(c, (await page(c, '', 1)).body.nextCursor, 1);
    expect(idsOf([(await page(c, second.body.previousCursor, 1)).body])).toEqual([b]);
  });
  quirk('cursor-unsafe-characters', async (c) => {
    await threeUsers(c);
    expect((await page(c, '', 1)).body.nextCursor).toMatch(/[+/=]/);
  });
  quirk('cursor-invalid-accepted', async (c) => {
    const [a] = await threeUsers(c);
    const res = await page(c, 'never-issued', 1);
    expect(res.status).toBe(200);
    expect(idsOf([res.body])).toEqual([a]);
  });
  quirk('cursor-wrong-scimtype', async (c) => {
    await threeUsers(c);
    const res = await page(c, 'never-issued', 1);
    expect([res.status, res.body.scimType]).toEqual([400, 'invalidValue']);
  });
  quirk(
    'cursor-expired-500',
    async (c) => {
      await threeUsers(c);
      const next = (await page(c, '', 1)).body.nextCursor as string;
      await sleep(2_300);
      expect((await page(c, next, 1)).status).toBe(500);
    },
    10_000,
  );
  quirk(
    'cursor-timeout-shorter',
    async (c) => {
      await threeUsers(c);
      const next = (await page(c, '', 1)).body.nextCursor as string;
      await sleep(500);
      expect((await page(c, next, 1)).body.scimType).toBe('expiredCursor');
    },
    10_000,
  );
  quirk('cursor-count-ignored', async (c) => {
    await threeUsers(c);
    expect((await page(c, '', 1)).body.Resources).toHaveLength(3);
    expect((await c.request('GET', '/Users?count=1')).body.Resources).toHaveLength(1);
  });
  quirk('cursor-search-ignored', async (c) => {
    await threeUsers(c);
    const res = await search(c, { cursor: '', count: 1 });
    expect(res.body.nextCursor).toBeUndefined();
    expect(res.body.startIndex).toBe(1);
  });
  quirk('cursor-not-advertised', async (c) => {
    await threeUsers(c);
    expect((await c.request('GET', '/ServiceProviderConfig')).body.pagination).toBeUndefined();
    expect((await page(c, '', 1)).body.nextCursor).toBeDefined();
  });
  quirk('cursor-spc-incomplete', async (c) => {
    const { pagination } = (await c.request('GET', '/ServiceProviderConfig')).body;
    expect(pagination.index).toBeUndefined();
    expect(typeof pagination.cursorTimeout).toBe('string');
  });
}
