import { ScimError, type Route } from '../../core/index.js';
import { BASE_PATH } from '../constants.js';
import type { RouteDeps } from './route-deps.js';

/** /Me needs a token bound to a User, which a shared bearer token is not: 501 as RFC 7644 §3.11 asks. */
export function meRoutes({ ctx, guard }: RouteDeps): Route[] {
  const handler = guard(() => {
    if (ctx.quirks.has('me-returns-404')) throw ScimError.notFound('Resource /Me not found');
    throw ScimError.notImplemented(
      '/Me is not supported: the bearer token is not bound to a User (RFC 7644 §3.11)',
    );
  });
  return ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((method) => ({
    method,
    pattern: `${BASE_PATH}/Me`,
    handler,
  }));
}
