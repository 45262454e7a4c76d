import { searchOf, type Route } from '../../core/index.js';
import { BASE_PATH } from '../constants.js';
import { originOf, readJsonObject } from '../http/index.js';
import { queryFromSearch, queryFromSearchRequest, runQuery } from '../list/index.js';
import type { ResourceKind } from '../resources/index.js';
import type { RouteDeps } from './route-deps.js';

/** GET on the base URL and POST /.search query every resource type at once (RFC 7644 §3.4.2.1, §3.4.3). */
export function rootRoutes({ ctx, guard }: RouteDeps, kinds: readonly ResourceKind[]): Route[] {
  return [
    {
      method: 'GET',
      pattern: BASE_PATH,
      handler: guard((req) => ({
        status: 200,
        body: runQuery(
          ctx,
          kinds,
          queryFromSearch(ctx, searchOf(req), () => req.query),
          originOf(req),
        ),
      })),
    },
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
