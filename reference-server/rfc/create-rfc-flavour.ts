import { randomBytes } from 'node:crypto';
import {
  ScimError,
  TextCache,
  pathnameOf,
  searchOf,
  type Handler,
  type ScimRequest,
  type ScimResponse,
} from '../core/index.js';
import { requestLogFilter, type Flavour, type ServeOptions } from '../flavour.js';
import { createQuirkSet } from '../quirks/index.js';
import { GROUP_RESOURCE, USER_RESOURCE } from '../schema/index.js';
import { BASE_PATH, MAX_BODY_BYTES } from './constants.js';
import { SCIM_MEDIA_TYPE } from '../../protocol/urns.js';
import { createContext } from './context.js';
import { createAuthenticator, renderError, assertQueryEncoding } from './http/index.js';
import type { ResourceKind } from './resources/index.js';
import { bulkRoutes, discoveryRoutes, meRoutes, resourceRoutes, rootRoutes } from './routes/index.js';
import { seedUsers } from './seed.js';
import { persistContext } from './persist.js';

const SECRET_PARAM = /token|password|secret|auth|key/i;

/** Log forms of query strings already seen: a pure function of the text, and clients repeat their queries. */
const loggedQueries = new TextCache<string>();

/** The query string for the request log, with the values of secret-looking parameters and filters redacted. */
function loggableQuery(search: string): string {
  if (search === '') return '';
  return loggedQueries.get(search) ?? loggedQueries.set(search, redactQuery(search));
}

function redactQuery(search: string): string {
  const parts: string[] = [];
  for (const part of search.slice(1).split('&')) {
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    let decoded = name;
    try {
      decoded = decodeURIComponent(name);
    } catch {
      // Logged as sent; the request itself is refused with 400.
    }
    // A filter can compare a password (`password eq "…"`), so filters with a secret-looking name are redacted too.
    const value = eq < 0 ? '' : part.slice(eq + 1);
    const secret =
      SECRET_PARAM.test(decoded) || (/^filter$/i.test(decoded) && SECRET_PARAM.test(safeDecode(value)));
    parts.push(secret && eq >= 0 ? `${name}=[REDACTED]` : part);
  }
  return `?${parts.join('&')}`;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

function checkOptions(options: ServeOptions): void {
  const seed = options.seedUsers;
  if (seed !== undefined && (!Number.isInteger(seed) || seed < 0)) {
    throw new TypeError(`seedUsers must be a non-negative integer, got ${String(seed)}`);
  }
  const timeout = options.cursorTimeout;
  if (timeout !== undefined && (!Number.isInteger(timeout) || timeout < 1)) {
    throw new TypeError(`cursorTimeout must be a positive integer of seconds, got ${String(timeout)}`);
  }
  if (options.token !== undefined && !/^\S+$/.test(options.token)) {
    throw new TypeError('token must be a non-empty string without whitespace');
  }
}

/** The strict RFC 7643/7644 service provider: the harness's oracle, with named quirks to break it on purpose. */
export function createRfcFlavour(options: ServeOptions): Flavour {
  checkOptions(options);
  const quirks = createQuirkSet(options.quirks ?? []);
  const ctx = createContext(quirks, options.cursorTimeout);
  if (options.seedUsers) seedUsers(ctx, options.seedUsers);
  // Seeds first, then the journal on top: a restarted server sees the seeds as the journal left them.
  const persisted = options.data === undefined ? undefined : persistContext(ctx, options.data);
  const generated = options.token === undefined;
  const token = options.token ?? `scim-${randomBytes(24).toString('base64url')}`;
  const authenticate = createAuthenticator(token, quirks);

  const logs = requestLogFilter(options);
  // Request timing exists only for the request log; transports stamp `receivedAt`, others are timed here.
  const started = new WeakMap<ScimRequest, number>();
  const touch = (req: ScimRequest): void => {
    if (logs && req.receivedAt === undefined && !started.has(req)) started.set(req, performance.now());
  };
  // rate-limited-once: every other write is refused with 429, so a client that retries gets through.
  let writes = 0;
  const guard =
    (handler: Handler): Handler =>
    (req) => {
      touch(req);
      assertQueryEncoding(req);
      authenticate(req);
      if (quirks.has('rate-limited-once') && req.method !== 'GET' && writes++ % 2 === 0)
        throw new ScimError({ status: 429, detail: 'Too many requests', headers: { 'retry-after': '0' } });
      return handler(req);
    };

  const users: ResourceKind = {
    name: 'User',
    endpoint: 'Users',
    schema: USER_RESOURCE,
    store: ctx.users,
    unique: { attribute: 'userName', index: 'userName' },
  };
  const groups: ResourceKind = {
    name: 'Group',
    endpoint: 'Groups',
    schema: GROUP_RESOURCE,
    store: ctx.groups,
    unique: { attribute: 'displayName', index: 'displayName' },
  };
  const deps = { ctx, guard };
  const routes = [
    ...rootRoutes(deps, [users, groups]),
    ...resourceRoutes(deps, users),
    ...resourceRoutes(deps, groups),
    ...bulkRoutes(deps, { Users: users, Groups: groups }),
    ...discoveryRoutes(deps),
    ...meRoutes(deps),
  ];

  const log = options.log;
  const finish = (req: ScimRequest, out: ScimResponse): ScimResponse => {
    if (log && logs?.(out.status)) {
      const t0 = req.receivedAt ?? started.get(req);
      const ms = t0 === undefined ? 0 : performance.now() - t0;
      // Path, query and status only: the Authorization header never reaches the log, nor a token or
      // password a misconfigured client put in the query string.
      log(`${req.method} ${pathnameOf(req)}${loggableQuery(searchOf(req))} ${out.status} ${ms.toFixed(1)}ms`);
    }
    return out;
  };
  // Synchronous unless a response quirk transforms the answer.
  const afterResponse = (req: ScimRequest, res: ScimResponse): ScimResponse | Promise<ScimResponse> =>
    quirks.hasTransforms ? quirks.transform(req, res).then((out) => finish(req, out)) : finish(req, res);

  return {
    name: 'rfc',
    basePath: BASE_PATH,
    banner: [
      ...(generated ? [`bearer token: ${token}`] : []),
      ...(persisted
        ? [
            `data file ${options.data}: ${persisted.replayed} changes replayed${persisted.recovered ? ', a torn last record dropped' : ''}`,
          ]
        : []),
    ],
    ...(persisted ? { close: () => persisted.close() } : {}),
    listener: {
      routes,
      renderError: (error) => renderError(error),
      notFound: (req) => {
        touch(req);
        return renderError(ScimError.notFound(`No endpoint at ${req.url.pathname}`));
      },
      methodNotAllowed: (req, allow) => {
        touch(req);
        return ScimError.methodNotAllowed(
          `Method ${req.method} is not allowed on ${req.url.pathname}`,
          allow,
        );
      },
      maxBodyBytes: MAX_BODY_BYTES,
      afterResponse,
      onInternalError: (error) =>
        log?.(`internal error: ${error instanceof Error ? error.message : String(error)}`),
      defaultContentType: SCIM_MEDIA_TYPE,
    },
  };
}
