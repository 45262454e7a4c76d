/**
 * The gitlab flavour: the GitLab.com group SCIM API (`/api/scim/v2/groups/:group/Users`) with its
 * deviations from RFC 7644, plus a read-only v4 members view.
 */
import { pathnameOf, type ScimRequest, type ScimResponse } from '../core/index.js';
import { requestLogFilter, type Flavour, type ServeOptions } from '../flavour.js';
import { gitlabError } from './errors.js';
import { renderError, renderRouteNotFound } from './render.js';
import { SCIM_MEDIA_TYPE } from '../../protocol/urns.js';
import { gitlabRoutes } from './routes/index.js';
import { buildWorld } from './world.js';

export { parseGitlabConfig } from './config.js';
export { sanitizeUsername } from './username.js';

/** Base path of a group's SCIM API; dots are escaped because GitLab would read them as a format suffix. */
function scimBasePath(groupPath: string): string {
  return `/api/scim/v2/groups/${encodeURIComponent(groupPath).replace(/\./g, '%2E')}`;
}

export function createGitlabFlavour(options: ServeOptions): Flavour {
  if (options.quirks !== undefined && options.quirks.length > 0) {
    throw new TypeError('quirks are not supported by the gitlab flavour yet');
  }
  if (options.data !== undefined) {
    throw new TypeError('data (a persistent store) is supported by the rfc flavour only');
  }
  const world = buildWorld(options);
  const ctx = { store: world.store, groupSamlEnabled: world.config.groupSamlEnabled };
  const log = options.log;
  const logs = requestLogFilter(options);
  // Transports stamp `receivedAt`; requests without it are timed from the handler.
  const started = new WeakMap<ScimRequest, number>();
  const mark = (req: ScimRequest): void => {
    if (logs && req.receivedAt === undefined && !started.has(req)) started.set(req, performance.now());
  };
  const logLine = (req: ScimRequest | undefined, res: ScimResponse): void => {
    if (!log || !logs || !req || !logs(res.status)) return;
    const now = performance.now();
    const ms = now - (req.receivedAt ?? started.get(req) ?? now);
    log(`${req.method} ${pathnameOf(req)} ${res.status} ${ms.toFixed(1)}ms`);
  };
  const routes = gitlabRoutes(ctx).map((route) => ({
    ...route,
    handler: (req: ScimRequest) => {
      mark(req);
      return route.handler(req);
    },
  }));
  return {
    name: 'gitlab',
    basePath: scimBasePath(world.firstGroup.path),
    banner: world.banner,
    listener: {
      routes,
      defaultContentType: SCIM_MEDIA_TYPE,
      renderError: (error, req) => {
        const res = renderError(error, req);
        // Body-size and body-timeout failures skip afterResponse, so they are logged here.
        if (error.status === 413 || error.status === 408) logLine(req, res);
        return res;
      },
      notFound: (req) => {
        mark(req);
        return renderRouteNotFound();
      },
      methodNotAllowed: (req, allow) => {
        mark(req);
        return gitlabError.methodNotAllowed(allow);
      },
      afterResponse: (req, res) => {
        logLine(req, res);
        return res;
      },
      onInternalError: (error) => {
        log?.(`internal error: ${error instanceof Error ? error.name : typeof error}`);
      },
    },
  };
}
