import type { Route } from '../../core/index.js';
import { BASE_PATH } from '../constants.js';
import { originOf, readJsonObject } from '../http/request.js';
import { queryFromSearchRequest } from '../list/list-query.js';
import { runQuery } from '../list/run-query.js';
import type { ResourceKind } from '../resources/resource-kind.js';
import type { RouteDeps } from './route-deps.js';

/** POST /.search at the root queries every resource type at once (RFC 7644 §3.4.2.1, §3.4.3). */
export function rootRoutes({ ctx, guard }: RouteDeps, kinds: readonly ResourceKind[]): Route[] {
  return [
    {
      method: 'POST',
      pattern: `${BASE_PATH}/.search`,
      handler: guard((req) => ({
        status: 200,
        body: runQuery(ctx, kinds, queryFromSearchRequest(ctx, readJsonObject(req)), originOf(req)),
      })),
    },
  ];
}
