/**
 * Helpers shared by the extended suites (filter, pagination, sorting, attributes, patch, put, groups, etag,
 * bulk, search): requests in the SCIM media type, tracked creates, and list-result comparisons.
 * @module
 */
import {
  fail,
  type Failure,
  type HttpResult,
  type RequestSpec,
  type ScenarioContext,
} from '../../engine/model/index.js';
import { postUser, newUserBody, type CreatedUser } from './users.js';
import { groupsAt, resourcePath } from './endpoints.js';
import { send } from './send.js';
import { requireFixture } from './fixtures.js';
import { isObject, type Guard, type JsonObject } from './guards.js';
import { listResources } from './lists.js';
import { URN } from './urns.js';

/** A created resource the scenario depends on: its path, id and what the server returned. */
export interface Created {
  id: string;
  path: string;
  sent: JsonObject;
  response: HttpResult;
  /** The response body (the server's view right after the create). */
  body: JsonObject;
}

/** POSTs a seeded User with `overrides` and tracks it; the scenario is blocked when the create does not work. */
export async function createUser(ctx: ScenarioContext, overrides: JsonObject = {}): Promise<Created> {
  const created: CreatedUser = await postUser(ctx, newUserBody(ctx, overrides));
  requireFixture('User', created);
  return {
    id: created.id as string,
    path: created.path as string,
    sent: created.sent,
    response: created.response,
    body: created.response.json as JsonObject,
  };
}

/** Users named `<tag>-<who><suffix>` under one fresh tag, so `userName sw <tag>` picks out exactly them. */
export async function createTagged(
  ctx: ScenarioContext,
  label: string,
  who: readonly string[],
  suffix = '',
): Promise<{ tag: string; users: Created[]; ids: string[]; names: Record<string, string> }> {
  const tag = ctx.data.unique(label);
  const users: Created[] = [];
  for (const w of who) users.push(await createUser(ctx, { userName: `${tag}-${w}${suffix}` }));
  const ids = users.map((u) => u.id);
  return { tag, users, ids, names: Object.fromEntries(ids.map((id, i) => [id, who[i] as string])) };
}

/** POSTs a Group and tracks whatever got created. */
export async function postGroup(
  ctx: ScenarioContext,
  body: JsonObject,
  query?: RequestSpec['query'],
): Promise<{ response: HttpResult; id: string | undefined; path: string | undefined }> {
  const endpoint = groupsAt(ctx.target);
  const response = await send(ctx, {
    method: 'POST',
    path: endpoint,
    json: body,
    ...(query ? { query } : {}),
  });
  const rawId = isObject(response.json) ? response.json['id'] : undefined;
  const id = typeof rawId === 'string' && rawId !== '' ? rawId : undefined;
  const path = id === undefined ? undefined : resourcePath(endpoint, id);
  if (path && response.status !== undefined && response.status < 300) ctx.ledger.track(path);
  return { response, id, path };
}

/** POSTs a seeded Group with `overrides`; the scenario is blocked when the create does not work. */
export async function createGroup(ctx: ScenarioContext, overrides: JsonObject = {}): Promise<Created> {
  const sent = ctx.data.group(overrides);
  const created = await postGroup(ctx, sent);
  requireFixture('Group', created);
  return {
    id: created.id as string,
    path: created.path as string,
    sent,
    response: created.response,
    body: created.response.json as JsonObject,
  };
}

export const memberRefs = (...ids: string[]): JsonObject[] => ids.map((value) => ({ value }));

/** A PatchOp message (RFC 7644 §3.5.2). */
export function patchOp(...operations: JsonObject[]): JsonObject {
  return { schemas: [URN.patchOp], Operations: operations };
}

export function patch(
  ctx: ScenarioContext,
  path: string,
  body: unknown,
  extra: Partial<RequestSpec> = {},
): Promise<HttpResult> {
  return send(ctx, { method: 'PATCH', path, json: body, ...extra });
}

/** Waits so that timestamps taken before and after differ, also on servers with one-second resolution. */
export async function tick(ctx: ScenarioContext, previous: unknown): Promise<void> {
  const coarse = typeof previous === 'string' && !/\.\d+/.test(previous);
  await pause(ctx, coarse ? 1_100 : 25);
}

/** Waits `ms`, or less when the run is aborted. */
export function pause(ctx: ScenarioContext, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    ctx.signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

/** The Resources of a ListResponse body (absent = empty), or the failure. */
export function listItems(body: JsonObject): JsonObject[] | Failure {
  return listResources(body);
}

/**
 * VALUE_MISMATCH unless the returned ids are exactly `expected` (order ignored); `names` labels ids in messages.
 */
export function expectIdSet(
  ids: readonly string[],
  expected: readonly string[],
  names: Record<string, string> = {},
): Guard {
  const label = (id: string): string => names[id] ?? id;
  const missing = expected.filter((id) => !ids.includes(id));
  const extra = ids.filter((id) => !expected.includes(id));
  if (missing.length === 0 && extra.length === 0 && ids.length === expected.length) return undefined;
  return fail(
    'VALUE_MISMATCH',
    `The result should hold exactly [${expected.map(label).join(', ')}]` +
      (missing.length ? `; missing ${missing.map(label).join(', ')}` : '') +
      (extra.length
        ? `; unexpected ${extra.length} other resource(s) such as ${label(extra[0] as string)}`
        : '') +
      (missing.length === 0 && extra.length === 0 ? '; some resource is listed twice' : ''),
    { expected: expected.map(label), actual: ids.map(label), pointer: '/Resources' },
  );
}

/** The ids in the order returned, compared with `expected` order. */
export function expectIdOrder(
  ids: readonly string[],
  expected: readonly string[],
  names: Record<string, string> = {},
): Guard {
  if (ids.length === expected.length && ids.every((id, i) => id === expected[i])) return undefined;
  const label = (id: string): string => names[id] ?? id;
  return fail(
    'VALUE_MISMATCH',
    `Resources are ordered [${ids.map(label).join(', ')}], expected [${expected.map(label).join(', ')}]`,
    {
      expected: expected.map(label),
      actual: ids.map(label),
      pointer: '/Resources',
    },
  );
}

/** Case-insensitive read of a top-level or dotted attribute (RFC 7643 §2.1 names are case-insensitive). */
export function attr(body: unknown, path: string): unknown {
  let node: unknown = body;
  for (const part of path.split('.')) {
    if (!isObject(node)) return undefined;
    const key = Object.keys(node).find((k) => k.toLowerCase() === part.toLowerCase());
    node = key === undefined ? undefined : node[key];
  }
  return node;
}

/** Values of a multi-valued attribute as objects (absent, null and [] are all empty, RFC 7643 §2.5). */
export function multi(body: unknown, name: string): JsonObject[] {
  const value = attr(body, name);
  return Array.isArray(value) ? value.filter(isObject) : [];
}

export function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}

/** ATTRIBUTE_MISSING / VALUE_MISMATCH unless `path` holds `expected`. */
export function expectAttr(body: JsonObject, path: string, expected: unknown): Guard {
  const actual = attr(body, path);
  const pointer = '/' + path.replace(/\./g, '/');
  if (isAbsent(actual))
    return fail('ATTRIBUTE_MISSING', `${path} is absent, expected ${JSON.stringify(expected)}`, {
      expected,
      pointer,
    });
  if (JSON.stringify(actual) === JSON.stringify(expected)) return undefined;
  return fail(
    'VALUE_MISMATCH',
    `${path} is ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`,
    { expected, actual, pointer },
  );
}

/** ATTRIBUTE_UNEXPECTED unless `path` is unassigned. */
export function expectUnassigned(body: JsonObject, path: string): Guard {
  const actual = attr(body, path);
  if (isAbsent(actual)) return undefined;
  return fail('ATTRIBUTE_UNEXPECTED', `${path} is still ${JSON.stringify(actual)}, expected it unassigned`, {
    expected: 'absent',
    actual,
    pointer: '/' + path.replace(/\./g, '/'),
  });
}

/** `url` resolved against `base` (RFC 3986 §5), or undefined when it is no URL: a server's URIs are its data. */
export function resolveUrl(url: string, base: string | URL): URL | undefined {
  try {
    return new URL(url, base);
  } catch {
    return undefined;
  }
}

/** The path of a resource URL relative to the SCIM base URL, when its path lies below the base path. */
export function relativeTo(baseUrl: string, location: string): string | undefined {
  try {
    const base = new URL(baseUrl.replace(/\/+$/, '') + '/');
    const url = new URL(location, base);
    // Only the path is compared: behind proxies and load balancers the origin a server reports often differs.
    if (!url.pathname.startsWith(base.pathname)) return undefined;
    return '/' + url.pathname.slice(base.pathname.length);
  } catch {
    return undefined;
  }
}

/**
 * Whether the target declined a filter with 400 invalidFilter. RFC 7644 §3.12 Table 9 lets a server do so
 * when "the specified attribute and filter comparison combination is not supported": advertising
 * filter.supported does not promise every operator (many servers offer eq only).
 */
export function declinedFilter(res: HttpResult): boolean {
  return res.status === 400 && isObject(res.json) && res.json['scimType'] === 'invalidFilter';
}

/** `"…"` with JSON escaping, as a filter compValue (RFC 7644 §3.4.2.2). */
export const q = (value: string): string => JSON.stringify(value);
