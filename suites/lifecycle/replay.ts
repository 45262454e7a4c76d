/**
 * The requests of a lifecycle replay, rendered in the running profile's dialect by engine/profile.
 * IdPs address `/Users` and `/Groups` directly (they never read /ResourceTypes), so the paths are fixed.
 */
import {
  eqFilter,
  forgetDeleted,
  groupMatchQuery,
  isObject,
  isProfileData,
  plainQuery,
  profileHeaders,
  renderUser,
  userMatchQuery,
  withRawQuery,
} from '../support/index.js';
import type { HttpResult, ProfileData, ScenarioContext, SourceUser } from '../support/index.js';

export const USERS = '/Users';
export const GROUPS = '/Groups';

/** The running profile's data; scenarios only run for lifecycle profiles (checks skip the others). */
export function profileOf(ctx: ScenarioContext): ProfileData {
  const data = ctx.profile.data;
  if (!isProfileData(data)) throw new TypeError(`profile ${ctx.profile.name} has no lifecycle data`);
  return data;
}

export interface SendSpec {
  method: string;
  path: string;
  rawQuery?: string;
  json?: unknown;
}

/** Seconds to wait before the IdP's next attempt: Retry-After (RFC 9110 §10.2.3, delay-seconds) capped, else none. */
function retryDelay(res: HttpResult, retry: NonNullable<ProfileData['retry']>): number {
  const header = res.headers['retry-after'];
  const seconds = header !== undefined && /^\d+$/.test(header.trim()) ? Number(header) : 0;
  return retry.retryAfter ? Math.min(seconds, retry.maxWaitSeconds) : 0;
}

/**
 * One request with the profile's headers and query encoding, retried as the profile's IdP retries it
 * (e.g. 429 with Retry-After): a refusal the IdP would retry is only final after its last attempt.
 */
export async function send(ctx: ScenarioContext, profile: ProfileData, spec: SendSpec): Promise<HttpResult> {
  const base = {
    method: spec.method,
    path: spec.path,
    headers: profileHeaders(profile.headers, spec.json !== undefined),
    ...(spec.json !== undefined ? { json: spec.json } : {}),
    // An IdP that gives up on a 429 is judged as it would fare; one that retries may be paced and retried.
    retryRateLimited: profile.retry?.statuses.includes(429) === true,
  };
  const request = withRawQuery(base, spec.rawQuery);
  const retry = profile.retry;
  let res = await ctx.http.request(request);
  for (let attempt = 1; retry && attempt < retry.attempts; attempt++) {
    if (res.status === undefined || !retry.statuses.includes(res.status)) break;
    const wait = retryDelay(res, retry);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait * 1000));
    res = await ctx.http.request(request);
  }
  return res;
}

export function idOf(res: HttpResult | undefined): string | undefined {
  const id = res && isObject(res.json) ? res.json['id'] : undefined;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

export function itemPath(endpoint: string, id: string): string {
  return `${endpoint}/${encodeURIComponent(id)}`;
}

export function matchUser(ctx: ScenarioContext, profile: ProfileData, value: string): Promise<HttpResult> {
  return send(ctx, profile, {
    method: 'GET',
    path: USERS,
    rawQuery: userMatchQuery(eqFilter(profile.user.matching, value), profile.query),
  });
}

/** A GET of /Groups filtered on displayName, its query rendered with `query` (the profile's, or a variant). */
function queryGroup(
  ctx: ScenarioContext,
  profile: ProfileData,
  displayName: string,
  query: ProfileData['query'],
): Promise<HttpResult> {
  const rawQuery = groupMatchQuery(eqFilter('displayName', displayName), query);
  return send(ctx, profile, { method: 'GET', path: GROUPS, rawQuery });
}

export function matchGroup(
  ctx: ScenarioContext,
  profile: ProfileData,
  displayName: string,
): Promise<HttpResult> {
  return queryGroup(ctx, profile, displayName, profile.query);
}

/** A read of an existing group by filter, with the profile's group-read parameters (Entra: excludedAttributes=members). */
export function readGroupByFilter(
  ctx: ScenarioContext,
  profile: ProfileData,
  displayName: string,
): Promise<HttpResult> {
  const read = profile.query.groupReadQuery;
  return queryGroup(ctx, profile, displayName, {
    ...profile.query,
    ...(read !== undefined ? { groupMatchPrefix: read } : {}),
  });
}

/** A read of one group by id with the profile's group-read parameters. */
export function readGroupById(ctx: ScenarioContext, profile: ProfileData, path: string): Promise<HttpResult> {
  const params = profile.query.groupReadQuery;
  return send(ctx, profile, {
    method: 'GET',
    path,
    ...(params !== undefined ? { rawQuery: plainQuery(params, profile.query) } : {}),
  });
}

/** A user query on any attribute, in the profile's encoding (`attr eq "value"` plus the match extras). */
export function queryUserBy(
  ctx: ScenarioContext,
  profile: ProfileData,
  attribute: string,
  value: string,
): Promise<HttpResult> {
  return send(ctx, profile, {
    method: 'GET',
    path: USERS,
    rawQuery: userMatchQuery(eqFilter(attribute, value), profile.query),
  });
}

export function listProbe(
  ctx: ScenarioContext,
  profile: ProfileData,
  endpoint: string,
  params: string | undefined,
): Promise<HttpResult> {
  return send(ctx, profile, {
    method: 'GET',
    path: endpoint,
    ...(params !== undefined ? { rawQuery: plainQuery(params, profile.query) } : {}),
  });
}

export function getResource(ctx: ScenarioContext, profile: ProfileData, path: string): Promise<HttpResult> {
  return send(ctx, profile, { method: 'GET', path });
}

/** POSTs and tracks whatever the server created (any 2xx with an id). */
export async function post(
  ctx: ScenarioContext,
  profile: ProfileData,
  endpoint: string,
  body: unknown,
): Promise<{ response: HttpResult; id: string | undefined; path: string | undefined }> {
  const response = await send(ctx, profile, { method: 'POST', path: endpoint, json: body });
  const id = idOf(response);
  const path = id === undefined ? undefined : itemPath(endpoint, id);
  if (path && response.status !== undefined && response.status >= 200 && response.status < 300)
    ctx.ledger.track(path);
  return { response, id, path };
}

export function postUser(ctx: ScenarioContext, profile: ProfileData, source: SourceUser) {
  const password = profile.user.sendPassword ? `Pw-${ctx.data.unique('pw')}-9aZ!` : undefined;
  return post(ctx, profile, USERS, renderUser(source, profile.user, password));
}

export function put(
  ctx: ScenarioContext,
  profile: ProfileData,
  path: string,
  body: unknown,
): Promise<HttpResult> {
  return send(ctx, profile, {
    method: 'PUT',
    path,
    json: body,
    ...(profile.query.bareQuestionMarkOnPut ? { rawQuery: '' } : {}),
  });
}

export function patch(
  ctx: ScenarioContext,
  profile: ProfileData,
  path: string,
  body: unknown,
): Promise<HttpResult> {
  return send(ctx, profile, { method: 'PATCH', path, json: body });
}

/** DELETEs and forgets the path in the ledger when the server says it is gone. */
export async function remove(ctx: ScenarioContext, profile: ProfileData, path: string): Promise<HttpResult> {
  const res = await send(ctx, profile, { method: 'DELETE', path });
  forgetDeleted(ctx, res, path);
  return res;
}
