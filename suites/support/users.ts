/**
 * User scenarios several suites assert on; the runner runs each once per run (memoised by `ctx.use`).
 */
import { defineScenario, type HttpResult, type ScenarioContext } from '../../engine/index.js';
import { resourcePath, usersAt } from './endpoints.js';
import { get } from './send.js';
import { isObject } from './guards.js';
import { SCIM_HEADERS, SCIM_MEDIA_TYPE, URN } from './urns.js';
import { fitUserBody } from './declared.js';

export interface CreatedUser {
  /** The body that was POSTed. */
  sent: Record<string, unknown>;
  response: HttpResult;
  /** The id the server assigned, when the response carried one. */
  id: string | undefined;
  /** Resource path relative to the base URL, when an id came back. */
  path: string | undefined;
}

/** A fresh, valid User body from the seeded generator, with the core schema URN always present. */
export function newUserBody(
  ctx: ScenarioContext,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  // Only what the check set on purpose is sent whatever the target declares; generated attributes must fit.
  const user = fitUserBody(ctx.target, ctx.data.user(overrides), Object.keys(overrides));
  const schemas = Array.isArray(user['schemas']) ? user['schemas'] : [URN.user];
  return { ...user, schemas };
}

/** POSTs a User and tracks whatever the server created, whatever status it answered with. */
export async function postUser(ctx: ScenarioContext, body: Record<string, unknown>): Promise<CreatedUser> {
  const endpoint = usersAt(ctx.target);
  const response = await ctx.http.request({
    method: 'POST',
    path: endpoint,
    headers: { ...SCIM_HEADERS, 'content-type': SCIM_MEDIA_TYPE },
    json: body,
  });
  const rawId = isObject(response.json) ? response.json['id'] : undefined;
  const id = typeof rawId === 'string' && rawId !== '' ? rawId : undefined;
  const path = id === undefined ? undefined : resourcePath(endpoint, id);
  if (path && response.status !== undefined && response.status < 300) ctx.ledger.track(path);
  return { sent: body, response, id, path };
}

/** POST /Users with a valid minimal-plus User (RFC 7644 §3.3). */
export const createdUser = defineScenario<CreatedUser>({
  id: 'shared.user.create',
  createsOnly: true,
  run: (ctx) => postUser(ctx, newUserBody(ctx)),
});

export interface FetchedUser {
  created: CreatedUser;
  /** Undefined when the create gave no id to fetch. */
  response: HttpResult | undefined;
}

/** GET of the user `createdUser` made (RFC 7644 §3.4.1). */
export const fetchedUser = defineScenario<FetchedUser>({
  id: 'shared.user.get',
  run: async (ctx) => {
    const created = await ctx.use(createdUser);
    return { created, response: created.path ? await get(ctx, created.path) : undefined };
  },
});

export interface UnknownUser {
  id: string;
  response: HttpResult;
}

/** GET of a User id that was never issued (RFC 7644 §3.4.1, §3.12). */
export const unknownUser = defineScenario<UnknownUser>({
  id: 'shared.user.get-unknown',
  run: async (ctx) => {
    const id = ctx.data.unique('missing');
    return { id, response: await get(ctx, resourcePath(usersAt(ctx.target), id)) };
  },
});
