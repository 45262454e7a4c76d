/**
 * The group SCIM endpoints (§1): list/filter, read, create, patch and delete Users. Each handler reads
 * params first (Grape parses bodies before endpoint filters), then runs the §2 pipeline.
 */
import { pathnameOf, type Route, type ScimRequest, type ScimResponse } from '../../core/index.js';
import { authenticateScim } from '../auth.js';
import { gitlabError } from '../errors.js';
import { searchIdentities } from '../filter.js';
import { readParams, type Params } from '../params.js';
import { patchUser } from '../patch.js';
import { deprovision } from '../deprovisioning.js';
import { provision } from '../provisioning.js';
import { json, noContent, renderList, renderRouteNotFound, renderUser } from '../render.js';
import { isBlank, toI } from '../ruby.js';
import type { Group, ScimIdentity } from '../store.js';
import type { GitlabContext } from './context.js';

const USERS_PATH = 'api/scim/v2/groups/:group/Users';
const DEFAULT_PER_PAGE = 20;
const MAX_PER_PAGE = 100;

type ScimHandler = (req: ScimRequest, params: Params, group: Group) => ScimResponse;

/** Grape reads a `.` in the group segment as a format suffix, so such paths never reach the SCIM API. */
function dottedGroup(req: ScimRequest): boolean {
  const path = pathnameOf(req);
  // Without a dot anywhere in the path there is none in the group segment.
  return path.includes('.') && (path.split('/').filter(Boolean)[4] ?? '').includes('.');
}

function scim(ctx: GitlabContext, handler: ScimHandler): (req: ScimRequest) => ScimResponse {
  return (req) => {
    if (dottedGroup(req)) return renderRouteNotFound();
    const params = readParams(req, req.params);
    const group = authenticateScim(req, params, ctx.store, ctx.groupSamlEnabled);
    return handler(req, params, group);
  };
}

function numberParam(value: unknown, name: string): string | number | undefined {
  if (value === undefined || value === null || typeof value === 'string' || typeof value === 'number')
    return value ?? undefined;
  throw gitlabError.badInput(`${name} must be a number`);
}

/** Kaminari `per_page`: to_i, non-positive means the default, capped at the maximum. */
function perPage(count: unknown): number {
  const n = toI(count);
  return n <= 0 ? DEFAULT_PER_PAGE : Math.min(n, MAX_PER_PAGE);
}

function findIdentity(ctx: GitlabContext, group: Group, id: string): ScimIdentity {
  const identity = ctx.store.identityByUid(group.id, id);
  if (!identity) throw gitlabError.notFound(`Resource ${id} not found`);
  return identity;
}

export function userRoutes(ctx: GitlabContext): Route[] {
  const { store } = ctx;
  return [
    {
      method: 'GET',
      pattern: USERS_PATH,
      handler: scim(ctx, (_req, params, group) => {
        const count = numberParam(params.count, 'count');
        const start = numberParam(params.startIndex, 'startIndex');
        const all = searchIdentities(store, group, params.filter);
        const size = perPage(count);
        const offset = Math.max(toI(start), 1) - 1;
        const startIndex = isBlank(start) ? 1 : (start as string | number);
        return json(200, renderList(store, all.slice(offset, offset + size), all.length, size, startIndex));
      }),
    },
    {
      method: 'POST',
      pattern: USERS_PATH,
      handler: scim(ctx, (_req, params, group) =>
        json(201, renderUser(store, provision(store, group, params))),
      ),
    },
    {
      method: 'GET',
      pattern: `${USERS_PATH}/:id*`,
      handler: scim(ctx, (req, _params, group) =>
        json(200, renderUser(store, findIdentity(ctx, group, req.params.id ?? ''))),
      ),
    },
    {
      method: 'PATCH',
      pattern: `${USERS_PATH}/:id*`,
      handler: scim(ctx, (req, params, group) => {
        patchUser(store, group, findIdentity(ctx, group, req.params.id ?? ''), params);
        return noContent();
      }),
    },
    {
      method: 'DELETE',
      pattern: `${USERS_PATH}/:id*`,
      handler: scim(ctx, (req, _params, group) => {
        const failure = deprovision(store, group, findIdentity(ctx, group, req.params.id ?? ''));
        if (failure !== undefined) throw gitlabError.rejected(failure);
        return noContent();
      }),
    },
  ];
}
