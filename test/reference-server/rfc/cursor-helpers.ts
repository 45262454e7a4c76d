/** Small helpers for the RFC 9865 cursor tests of the rfc flavour. */
import { URN, type Answer, type Client, type Json } from './helpers.js';

/** Three Users whose userNames share `prefix`, so a `sw` filter scopes a listing to them. */
export async function threeUsers(c: Client, prefix = 'cur'): Promise<string[]> {
  const ids: string[] = [];
  for (const n of ['a', 'b', 'c']) ids.push((await c.createUser(`${prefix}-${n}@example.com`)).id as string);
  return ids;
}

const scope = (prefix: string): string =>
  `filter=${encodeURIComponent(`userName sw "${prefix}"`)}&sortBy=userName`;

/** GET /Users with a cursor (possibly empty) and a count, scoped to `prefix`. */
export function page(c: Client, cursor: string, count: number, prefix = 'cur'): Promise<Answer> {
  return c.request('GET', `/Users?${scope(prefix)}&cursor=${encodeURIComponent(cursor)}&count=${count}`);
}

/** Follows nextCursor from an empty cursor; at most `max` pages. */
export async function walk(c: Client, count: number, max = 6, prefix = 'cur'): Promise<Json[]> {
  const pages: Json[] = [];
  let cursor = '';
  while (pages.length < max) {
    const res = await page(c, cursor, count, prefix);
    pages.push(res.body);
    if (res.status !== 200 || typeof res.body.nextCursor !== 'string') break;
    cursor = res.body.nextCursor as string;
  }
  return pages;
}

export const idsOf = (pages: Json[]): string[] =>
  pages.flatMap((p) => (p.Resources ?? []).map((r: Json) => r.id));

export function search(c: Client, body: Record<string, unknown>, prefix = 'cur'): Promise<Answer> {
  return c.request('POST', '/Users/.search', {
    schemas: [URN.search],
    filter: `userName sw "${prefix}"`,
    sortBy: 'userName',
    ...body,
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
