import { ScimError, TextCache } from '../../core/index.js';
import type { RfcContext } from '../context.js';
import { readProjection, type Projection } from '../http/index.js';
import { isObject } from '../../../protocol/json.js';
import { URN } from '../../../protocol/urns.js';

/** The query parameters of RFC 7644 §3.4.2, once validated. */
export interface ListQuery {
  filter?: string;
  sortBy?: string;
  descending: boolean;
  /** As the client sent it; clamping happens when the page is cut. */
  startIndex?: number;
  count?: number;
  /** RFC 9865 §2: present (possibly empty) asks for cursor paging; absent means index paging. */
  cursor?: string;
  projection: Projection;
}

function integer(name: string, value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\s*[+-]?\d{1,15}\s*$/.test(value)) return Number(value);
  throw ScimError.invalidValue(`"${name}" must be an integer (RFC 7644 §3.4.2.4)`);
}

function sortOrder(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  const order = typeof value === 'string' ? value.toLowerCase() : '';
  if (order !== 'ascending' && order !== 'descending') {
    throw ScimError.invalidValue('"sortOrder" must be "ascending" or "descending" (RFC 7644 §3.4.2.3)');
  }
  return order === 'descending';
}

function optionalString(name: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw ScimError.invalidValue(`"${name}" must be a string`);
  return value;
}

function list(name: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(',');
  if (typeof value === 'string') return value;
  throw ScimError.invalidValue(`"${name}" must be an array of attribute names`);
}

/** The `cursor` field of a query; the `cursor-ignored` quirk drops it, so the request pages by index. */
function cursorOf(ctx: RfcContext, value: string | undefined): { cursor?: string } {
  return value === undefined || ctx.quirks.has('cursor-ignored') ? {} : { cursor: value };
}

/** Reads a GET query; unknown parameters are ignored (RFC 7644 §3.4.2). */
export function queryFromSearchParams(ctx: RfcContext, params: URLSearchParams): ListQuery {
  const get = (name: string): string | undefined => params.get(name) ?? undefined;
  return {
    filter: get('filter'),
    sortBy: get('sortBy'),
    descending: sortOrder(get('sortOrder')),
    startIndex: integer('startIndex', get('startIndex')),
    count: integer('count', get('count')),
    ...cursorOf(ctx, get('cursor')),
    projection: readProjection(ctx, get('attributes'), get('excludedAttributes')),
  };
}

/** Queries read from a query string, per server (its quirks shape them); frozen, since requests share them. */
const readQueries = new WeakMap<RfcContext, TextCache<ListQuery>>();

/**
 * `queryFromSearchParams` by the query string's text: a pure result of the text for one server, so a repeated
 * query string is read once. `params` is only built on a miss; a query refused with an error is never kept.
 */
export function queryFromSearch(ctx: RfcContext, search: string, params: () => URLSearchParams): ListQuery {
  let cache = readQueries.get(ctx);
  if (cache === undefined) {
    cache = new TextCache<ListQuery>();
    readQueries.set(ctx, cache);
  }
  const known = cache.get(search);
  if (known !== undefined) return known;
  const query = queryFromSearchParams(ctx, params());
  Object.freeze(query.projection.attributes);
  Object.freeze(query.projection.excludedAttributes);
  Object.freeze(query.projection);
  return cache.set(search, Object.freeze(query));
}

/** Reads a SearchRequest body, the POST twin of the GET query (RFC 7644 §3.4.3). */
export function queryFromSearchRequest(ctx: RfcContext, body: unknown): ListQuery {
  if (!isObject(body) || !Array.isArray(body.schemas) || !body.schemas.includes(URN.searchRequest)) {
    throw ScimError.invalidSyntax(
      `A search body must carry schemas ["${URN.searchRequest}"] (RFC 7644 §3.4.3)`,
    );
  }
  return {
    filter: optionalString('filter', body.filter),
    sortBy: optionalString('sortBy', body.sortBy),
    descending: sortOrder(body.sortOrder),
    startIndex: integer('startIndex', body.startIndex),
    count: integer('count', body.count),
    // RFC 9865 §3: the SearchRequest body carries `cursor` as the query string would.
    ...(ctx.quirks.has('cursor-search-ignored') ? {} : cursorOf(ctx, optionalString('cursor', body.cursor))),
    projection: readProjection(
      ctx,
      list('attributes', body.attributes),
      list('excludedAttributes', body.excludedAttributes),
    ),
  };
}
