import { compareForSort } from '../../attributes/index.js';
import { ScimError } from '../../core/index.js';
import {
  evaluateFilter,
  findIndexedEquality,
  parseFilter,
  validateFilter,
  type FilterNode,
} from '../../filter/index.js';
import type { AttributeDefinition, ResourceSchema } from '../../schema/index.js';
import { MAX_RESULTS } from '../constants.js';
import { URN } from '../../../protocol/urns.js';
import type { Resource, RfcContext } from '../context.js';
import { present, type ResourceKind } from '../resources/index.js';
import type { ListQuery } from './list-query.js';

interface Hit {
  kind: ResourceKind;
  resource: Resource;
}

const caseExactCache = new WeakMap<ResourceSchema, ResourceSchema>();

/** The same schema with every string case-exact: the whole of the `filter-case-sensitive` quirk. */
function caseExact(schema: ResourceSchema): ResourceSchema {
  let cached = caseExactCache.get(schema);
  if (!cached) {
    const mark = (d: AttributeDefinition): AttributeDefinition => ({
      ...d,
      caseExact: true,
      ...(d.subAttributes ? { subAttributes: d.subAttributes.map(mark) } : {}),
    });
    const mapSchema = (s: ResourceSchema['core']): ResourceSchema['core'] => ({
      ...s,
      attributes: s.attributes.map(mark),
    });
    cached = { core: mapSchema(schema.core), extensions: schema.extensions.map(mapSchema) };
    caseExactCache.set(schema, cached);
  }
  return cached;
}

/**
 * Parsed filters by text: clients repeat the same few filters, and a FilterNode is never mutated. Only
 * successful parses are kept, so every malformed filter is still refused the same way; bounded by clearing.
 */
const parsedFilters = new Map<string, FilterNode>();
const MAX_PARSED_FILTERS = 256;
/** Schemas a parsed filter has already been validated against. */
const validated = new WeakMap<FilterNode, WeakSet<ResourceSchema>>();

function validateOnce(node: FilterNode, schema: ResourceSchema): void {
  let schemas = validated.get(node);
  if (schemas?.has(schema)) return;
  validateFilter(node, schema);
  if (!schemas) validated.set(node, (schemas = new WeakSet()));
  schemas.add(schema);
}

function parse(ctx: RfcContext, text: string | undefined): FilterNode | undefined {
  if (text === undefined || ctx.quirks.has('filter-ignored')) return undefined;
  const cached = parsedFilters.get(text);
  if (cached) return cached;
  try {
    const node = parseFilter(text);
    if (parsedFilters.size >= MAX_PARSED_FILTERS) parsedFilters.clear();
    parsedFilters.set(text, node);
    return node;
  } catch (error) {
    if (ctx.quirks.has('malformed-filter-500')) throw ScimError.internal('Filter evaluation failed');
    throw error;
  }
}

/** Narrows candidates with an O(1) index when the filter pins an indexed attribute (RFC 7644 §3.4.2.2 `eq`). */
function candidates(kind: ResourceKind, node: FilterNode | undefined): Iterable<Resource> {
  const eq = node && findIndexedEquality(node);
  if (!eq) return kind.store.values();
  if (eq.attribute === 'id') {
    const found = kind.store.get(eq.value);
    return found ? [found] : [];
  }
  const index = kind.name === 'User' ? USER_INDEX[eq.attribute] : GROUP_INDEX[eq.attribute];
  return index === undefined ? kind.store.values() : kind.store.findBy(index, eq.value);
}

const USER_INDEX: Record<string, string> = {
  userName: 'userName',
  externalId: 'externalId',
  'emails.value': 'emails',
};
const GROUP_INDEX: Record<string, string> = { displayName: 'displayName', externalId: 'externalId' };

/** Whether a resource lacks a top-level attribute the filter names (for the missing-attribute quirk only). */
function lacksFiltered(node: FilterNode, resource: Resource): boolean {
  switch (node.kind) {
    case 'and':
    case 'or':
      return lacksFiltered(node.left, resource) || lacksFiltered(node.right, resource);
    case 'not':
      return lacksFiltered(node.filter, resource);
    default: {
      const name = node.path.attribute.toLowerCase();
      const key = Object.keys(resource).find((k) => k.toLowerCase() === name);
      return key === undefined || resource[key] === undefined || resource[key] === null;
    }
  }
}

/** Whether the filter names externalId anywhere (for the externalid-filter-unsupported quirk only). */
function namesExternalId(node: FilterNode): boolean {
  switch (node.kind) {
    case 'and':
    case 'or':
      return namesExternalId(node.left) || namesExternalId(node.right);
    case 'not':
      return namesExternalId(node.filter);
    default:
      return node.path.attribute.toLowerCase() === 'externalid';
  }
}

/** Cuts one page; startIndex < 1 is 1 and count < 0 is 0 (RFC 7644 §3.4.2.4, RFC 9865 §2), and no page exceeds maxResults. */
function window(ctx: RfcContext, query: ListQuery): { start: number; offset: number; count: number } {
  const start = Math.max(1, query.startIndex ?? 1);
  const offset = ctx.quirks.has('start-index-zero-based') ? start : start - 1;
  const ignored =
    query.cursor === undefined ? ctx.quirks.has('count-ignored') : ctx.quirks.has('cursor-count-ignored');
  const requested = ignored ? undefined : query.count;
  const count = Math.min(Math.max(0, requested ?? MAX_RESULTS), MAX_RESULTS);
  return { start, offset, count };
}

/** What a cursor is bound to: the endpoint and every parameter but `count` (RFC 9865 §2). */
function cursorKey(kinds: readonly ResourceKind[], query: ListQuery): string {
  return JSON.stringify([kinds.map((k) => k.name), query.filter, query.sortBy, query.descending]);
}

/** The offset a cursor query starts at; cursor and startIndex together name two methods at once (RFC 9865 §2.4). */
function cursorOffset(
  ctx: RfcContext,
  kinds: readonly ResourceKind[],
  query: ListQuery,
  cursor: string,
): number {
  if (query.startIndex !== undefined)
    throw ScimError.invalidValue('Send either "cursor" or "startIndex", not both (RFC 9865 §2.4)');
  return ctx.cursors.resolve(cursor, cursorKey(kinds, query));
}

/** The ListResponse of a cursor page: nextCursor unless it is the last, previousCursor unless it is the first (RFC 9865 §2). */
function cursorPage(
  ctx: RfcContext,
  kinds: readonly ResourceKind[],
  query: ListQuery,
  page: { offset: number; count: number; returned: number; total: number },
): Resource {
  const key = cursorKey(kinds, query);
  const { offset, count, returned, total } = page;
  const end = offset + returned;
  const out: Resource = { schemas: [URN.listResponse], totalResults: total, itemsPerPage: returned };
  if (offset > 0 || ctx.quirks.has('cursor-previous-on-first-page')) {
    const back = ctx.quirks.has('cursor-previous-wrong') ? offset : Math.max(0, offset - count);
    out.previousCursor = ctx.cursors.issue(key, back);
  }
  const remaining = ctx.quirks.has('cursor-ends-early') ? total - count : total;
  const more = end < remaining || (ctx.quirks.has('cursor-next-on-last-page') && returned > 0);
  if (count > 0 && more) {
    const next = ctx.quirks.has('cursor-duplicates') ? Math.max(offset + 1, end - 1) : end;
    out.nextCursor = ctx.cursors.issue(key, next);
  }
  return out;
}

/** Answers a query over one or more resource types as a ListResponse (RFC 7644 §3.4.2, §3.4.2.1 for the root). */
export function runQuery(
  ctx: RfcContext,
  kinds: readonly ResourceKind[],
  query: ListQuery,
  origin: string,
): Resource {
  if (query.filter === undefined && ctx.quirks.has('unfiltered-list-refused')) {
    throw ScimError.invalidFilter('a filter is required to list resources');
  }
  const node = parse(ctx, query.filter);
  const schemaFor = (kind: ResourceKind): ResourceSchema =>
    ctx.quirks.has('filter-case-sensitive') ? caseExact(kind.schema) : kind.schema;
  if (node && ctx.quirks.has('externalid-filter-unsupported') && namesExternalId(node))
    throw ScimError.invalidFilter('filtering on externalId is not supported');
  if (node) for (const kind of kinds) validateOnce(node, schemaFor(kind));
  if (node && ctx.quirks.has('filter-fails-on-missing-attribute'))
    for (const kind of kinds)
      for (const resource of kind.store.values())
        if (lacksFiltered(node, resource))
          throw ScimError.invalidFilter('Cannot convert undefined or null to object');
  const sortBy = query.sortBy !== undefined && !ctx.quirks.has('sort-ignored') ? query.sortBy : undefined;
  const cursor = query.cursor;
  const indexed = window(ctx, query);
  const { start, count } = indexed;
  const offset = cursor === undefined ? indexed.offset : cursorOffset(ctx, kinds, query, cursor);

  let total: number;
  let page: Hit[];
  if (!node && sortBy === undefined) {
    // Unfiltered, unsorted pages stream from the store instead of copying every record.
    total = kinds.reduce((n, k) => n + k.store.size, 0);
    page = [];
    let skipped = 0;
    outer: for (const kind of kinds) {
      for (const resource of kind.store.values()) {
        if (page.length >= count) break outer;
        if (skipped++ < offset) continue;
        page.push({ kind, resource });
      }
    }
  } else if (sortBy === undefined) {
    // Filtered but unsorted: count every match, keep only the page's (no copy of the matching set).
    total = 0;
    page = [];
    for (const kind of kinds) {
      const schema = schemaFor(kind);
      for (const resource of candidates(kind, node)) {
        if (node && !evaluateFilter(node, resource, schema)) continue;
        if (total++ >= offset && page.length < count) page.push({ kind, resource });
      }
    }
  } else {
    const hits: Hit[] = [];
    for (const kind of kinds) {
      const schema = schemaFor(kind);
      for (const resource of candidates(kind, node)) {
        if (!node || evaluateFilter(node, resource, schema)) hits.push({ kind, resource });
      }
    }
    if (sortBy !== undefined) {
      const sign = query.descending ? -1 : 1;
      hits.sort((a, b) => sign * compareForSort(a.resource, b.resource, sortBy, a.kind.schema));
    }
    total = hits.length;
    page = hits.slice(offset, offset + count);
  }
  const resources = page.map((hit) => present(ctx, hit.kind, hit.resource, origin, query.projection));
  if (cursor !== undefined) {
    const body = cursorPage(ctx, kinds, query, { offset, count, returned: page.length, total });
    return { ...body, Resources: resources };
  }
  return {
    schemas: [URN.listResponse],
    totalResults: total,
    itemsPerPage: page.length,
    startIndex: start,
    Resources: resources,
  };
}
