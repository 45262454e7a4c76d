/**
 * Three Users and the cursor-paged queries over them (RFC 9865 §2–§4). Queries are scoped to the fixture by its
 * userName prefix where the target filters with sw, and ordered by userName where it sorts, so pages are known.
 * @module
 */
import {
  createTagged,
  declinedFilter,
  defineScenario,
  get,
  isObject,
  pause,
  q,
  send,
  URN,
  usersAt,
} from '../support/index.js';
import type { HttpResult, ScenarioContext } from '../support/index.js';

/** The fixture and how to query it; shared by the probe and the walk. */
export interface CursorFixture {
  ids: string[];
  names: Record<string, string>;
  /** Whether queries are scoped by filter, so the result is exactly the three fixture Users. */
  scoped: boolean;
  /** filter/sortBy every query repeats (RFC 9865 §2: all parameters but `cursor` stay the same). */
  base: Record<string, string>;
  endpoint: string;
}

/** The pages of one walk that follows nextCursor from an empty cursor. */
export interface Walk {
  pages: HttpResult[];
  /** True when the walk stopped at a page without nextCursor (false: page limit or an error page). */
  ended: boolean;
}

export interface CursorPages {
  fixture: CursorFixture;
  spc: HttpResult;
  /** Walks with count=1 and count=2. */
  byOne: Walk;
  byTwo: Walk;
  zero: HttpResult;
  negative: HttpResult;
  forged: HttpResult;
  /** The page previousCursor of the second count=1 page leads to (absent when there is none). */
  previous: HttpResult | undefined;
  search: HttpResult;
}

/** A cursor used well inside cursorTimeout, and one used after it (absent when not advertised or too long). */
interface CursorTimeout {
  seconds: number;
  within: HttpResult;
  /**
   * At most how old the `within` cursor was when the server read it: from sending the request that issued it
   * to the answer that used it. A busy harness can oversleep; beyond cursorTimeout the probe decides nothing.
   */
  withinAgeMs: number;
  after: HttpResult | undefined;
}

/** Longest cursorTimeout the suite waits out to see an expired cursor; longer ones skip that check. */
export const MAX_EXPIRY_WAIT_SECONDS = 10;
/** Longest wait, in seconds, before using a cursor that must still be valid. */
const MAX_WITHIN_WAIT_SECONDS = 5;
/** More pages than a walk over the fixture needs; a walk that reaches it has not ended. */
const MAX_PAGES = 6;

/** Creates tagged Users and the query that pages them: scoped by `userName sw` where the target filters with it. */
async function createFixture(
  ctx: ScenarioContext,
  label: string,
  who: readonly string[],
): Promise<CursorFixture> {
  const { tag, ids, names } = await createTagged(ctx, label, who);
  const endpoint = usersAt(ctx.target);
  const sort: Record<string, string> = ctx.target.capabilities.sort ? { sortBy: 'userName' } : {};
  let scoped = ctx.target.capabilities.filter.supported;
  if (scoped) {
    const probe = await get(ctx, endpoint, { filter: `userName sw ${q(tag)}`, count: 0 });
    // A server may decline sw with 400 invalidFilter (RFC 7644 §3.12 Table 9): page the collection unscoped.
    if (declinedFilter(probe)) scoped = false;
  }
  return {
    ids,
    names,
    scoped,
    base: { ...(scoped ? { filter: `userName sw ${q(tag)}` } : {}), ...sort },
    endpoint,
  };
}

// Its probe is scoped to its own Users (or only looks for a 400); the readers that page it are collection-read.
const fixture = defineScenario<CursorFixture>({
  id: 'pagination-cursor.fixture',
  run: (ctx) => createFixture(ctx, 'cursor', ['one', 'two', 'three']),
});

/** The first page of the fixture query with an empty cursor (RFC 9865 §2). */
export const firstCursorPage = (ctx: ScenarioContext, f: CursorFixture, count: number): Promise<HttpResult> =>
  get(ctx, f.endpoint, { ...f.base, cursor: '', count });

/** A ListResponse's nextCursor or previousCursor when it is a string. */
export function cursorOf(
  res: HttpResult | undefined,
  name: 'nextCursor' | 'previousCursor',
): string | undefined {
  const body = res?.json;
  const value = isObject(body) ? body[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}

async function walk(ctx: ScenarioContext, f: CursorFixture, count: number): Promise<Walk> {
  const pages = [await firstCursorPage(ctx, f, count)];
  while (pages.length < MAX_PAGES) {
    const last = pages[pages.length - 1];
    if (last?.status !== 200) return { pages, ended: false };
    const next = cursorOf(last, 'nextCursor');
    if (next === undefined) return { pages, ended: true };
    pages.push(await get(ctx, f.endpoint, { ...f.base, cursor: next, count }));
  }
  return { pages, ended: false };
}

/** A cursor issued first, for the expiry probe; its age then covers the wait for the in-time probe. */
interface AgedCursor {
  cursor: string | undefined;
  issued: number;
}

/** Issues the cursor the expiry probe uses, when the target advertises a cursorTimeout the suite waits out. */
async function agedCursor(ctx: ScenarioContext, f: CursorFixture): Promise<AgedCursor | undefined> {
  const seconds = ctx.target.capabilities.pagination?.cursorTimeout;
  if (seconds === undefined || seconds > MAX_EXPIRY_WAIT_SECONDS) return undefined;
  const cursor = cursorOf(await firstCursorPage(ctx, f, 1), 'nextCursor');
  // Taken once the answer is in, so the cursor is at least as old as the wait counts.
  return { cursor, issued: Date.now() };
}

/**
 * Uses one fresh cursor a quarter into cursorTimeout and `aged` (issued before it) just after it (RFC 9865 §4):
 * the expiry wait counts from when `aged` was issued.
 */
async function timeouts(
  ctx: ScenarioContext,
  f: CursorFixture,
  aged: AgedCursor | undefined,
): Promise<CursorTimeout | undefined> {
  const seconds = ctx.target.capabilities.pagination?.cursorTimeout;
  if (seconds === undefined) return undefined;
  const first = await firstCursorPage(ctx, f, 1);
  // When the request left (its duration back from its answer): time spent queued before it does not age it.
  const issuedFrom = Date.now() - first.exchange.ms;
  const early = cursorOf(first, 'nextCursor');
  if (early === undefined || (seconds <= MAX_EXPIRY_WAIT_SECONDS && aged?.cursor === undefined))
    return undefined;
  // A quarter of the timeout leaves room for a slow target; a cursor gone by then expired far too early.
  await pause(ctx, Math.min(seconds / 4, MAX_WITHIN_WAIT_SECONDS) * 1000);
  const within = await get(ctx, f.endpoint, { ...f.base, cursor: early, count: 1 });
  const withinAgeMs = Date.now() - issuedFrom;
  if (seconds > MAX_EXPIRY_WAIT_SECONDS || aged?.cursor === undefined)
    return { seconds, within, withinAgeMs, after: undefined };
  await pause(ctx, Math.max(0, seconds + 1 - (Date.now() - aged.issued) / 1000) * 1000);
  const after = await get(ctx, f.endpoint, { ...f.base, cursor: aged.cursor, count: 1 });
  return { seconds, within, withinAgeMs, after };
}

/** Only what tells whether the target honours `cursor`: used by the check that runs without the capability. */
export const cursorProbe = defineScenario<{ fixture: CursorFixture; spc: HttpResult; first: HttpResult }>({
  id: 'pagination-cursor.probe',
  // Reads the fixture's pages (and /ServiceProviderConfig) once the fixture exists.
  scope: 'collection-read',
  fixtures: [fixture],
  run: async (ctx) => {
    const f = await ctx.use(fixture);
    const spc = await send(ctx, { method: 'GET', path: '/ServiceProviderConfig' });
    return { fixture: f, spc, first: await firstCursorPage(ctx, f, 1) };
  },
});

export const cursorPages = defineScenario<CursorPages>({
  id: 'pagination-cursor.pages',
  scope: 'collection-read',
  fixtures: [fixture],
  requires: ['cursor'],
  run: async (ctx) => {
    const f = await ctx.use(fixture);
    const { spc } = await ctx.use(cursorProbe);
    const byOne = await walk(ctx, f, 1);
    const byTwo = await walk(ctx, f, 2);
    const back = cursorOf(byOne.pages[1], 'previousCursor');
    // A value of unreserved characters no server issued: RFC 9865 §5.2 has forged cursors refused.
    const forgedCursor = ctx.data.unique('forged');
    // Once the walks are done, the remaining probes are reads that need no other answer: side by side.
    const [zero, negative, forged, search, previous] = await ctx.all([
      () => firstCursorPage(ctx, f, 0),
      () => firstCursorPage(ctx, f, -1),
      () => get(ctx, f.endpoint, { ...f.base, cursor: forgedCursor, count: 1 }),
      () =>
        send(ctx, {
          method: 'POST',
          path: `${f.endpoint}/.search`,
          json: { schemas: [URN.searchRequest], ...f.base, cursor: '', count: 1 },
        }),
      ...(back === undefined ? [] : [() => get(ctx, f.endpoint, { ...f.base, cursor: back, count: 1 })]),
    ]);
    return {
      fixture: f,
      spc,
      byOne,
      byTwo,
      zero: zero!,
      negative: negative!,
      forged: forged!,
      previous,
      search: search!,
    };
  },
});

/**
 * cursorTimeout over a fixture of its own (RFC 9865 §4): only whether a cursor still works, or is refused, after
 * a wait — not what a page holds — so it runs beside other checks and its seconds of waiting overlap their work.
 * Two Users make sure a first page of one has a nextCursor even when the query cannot be scoped by filter.
 */
export const cursorExpiry = defineScenario<{ timeout: CursorTimeout | undefined }>({
  id: 'pagination-cursor.expiry',
  requires: ['cursor'],
  waits: true,
  run: async (ctx) => {
    const f = await createFixture(ctx, 'cursor-expiry', ['one', 'two']);
    // From here on only reads of its own two Users and waits: collection-wide checks may run beside it.
    ctx.settled();
    const aged = await agedCursor(ctx, f);
    return { timeout: await timeouts(ctx, f, aged) };
  },
});
