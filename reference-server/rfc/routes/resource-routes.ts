import { ScimError, searchOf, type Route, type ScimRequest, type ScimResponse } from '../../core/index.js';
import { BASE_PATH } from '../constants.js';
import type { Resource } from '../context.js';
import { etagListMatches } from '../etag.js';
import { readProjection, type Projection, header, originOf, readJsonObject } from '../http/index.js';
import { queryFromSearch, queryFromSearchRequest, runQuery } from '../list/index.js';
import {
  present,
  type ResourceKind,
  createResource,
  deleteResource,
  getOrThrow,
  patchResource,
  replaceResource,
} from '../resources/index.js';
import type { RouteDeps } from './route-deps.js';

function id(req: ScimRequest): string {
  return req.params.id ?? '';
}

/** Routes of one resource endpoint (RFC 7644 §3.2): CRUD, list, `.search`, ETags. */
export function resourceRoutes({ ctx, guard }: RouteDeps, kind: ResourceKind): Route[] {
  const base = `${BASE_PATH}/${kind.endpoint}`;

  // Without a query string there is nothing to read, so no URLSearchParams is built.
  const projectionOf = (req: ScimRequest): Projection =>
    searchOf(req) === ''
      ? readProjection(ctx, undefined, undefined)
      : readProjection(
          ctx,
          req.query.get('attributes') ?? undefined,
          req.query.get('excludedAttributes') ?? undefined,
        );

  /** A single-resource answer carries its ETag and location (RFC 7644 §3.3, §3.14). */
  const single = (
    req: ScimRequest,
    resource: Resource,
    status: number,
    projection: Projection,
  ): ScimResponse => {
    const meta = resource.meta as Resource;
    return {
      status,
      headers: {
        etag: meta.version as string,
        location: `${originOf(req)}${base}/${String(resource.id)}`,
      },
      body: present(ctx, kind, resource, originOf(req), projection),
    };
  };

  return [
    {
      method: 'GET',
      pattern: base,
      handler: guard((req) => ({
        status: 200,
        body: runQuery(
          ctx,
          [kind],
          queryFromSearch(ctx, searchOf(req), () => req.query),
          originOf(req),
        ),
      })),
    },
    {
      method: 'POST',
      pattern: `${base}/.search`,
      handler: guard((req) => ({
        status: 200,
        body: runQuery(ctx, [kind], queryFromSearchRequest(ctx, readJsonObject(req)), originOf(req)),
      })),
    },
    {
      method: 'POST',
      pattern: base,
      handler: guard((req) => {
        const projection = projectionOf(req);
        return single(req, createResource(ctx, kind, readJsonObject(req, ctx.quirks)), 201, projection);
      }),
    },
    {
      method: 'GET',
      pattern: `${base}/:id`,
      handler: guard((req) => {
        const projection = projectionOf(req);
        const found =
          kind.store.get(id(req)) ?? (kind.name === 'User' ? ctx.tombstones?.get(id(req)) : undefined);
        if (!found) throw ScimError.notFound(`${kind.name} ${id(req)} not found`);
        const version = (found.meta as Resource).version as string;
        // A client holding the current version gets 304 with no body (RFC 7644 §3.14).
        if (
          !ctx.quirks.has('if-none-match-ignored') &&
          etagListMatches(header(req, 'if-none-match'), version)
        ) {
          return { status: 304, headers: { etag: version } };
        }
        return single(req, found, 200, projection);
      }),
    },
    {
      method: 'PUT',
      pattern: `${base}/:id`,
      handler: guard((req) => {
        const projection = projectionOf(req);
        getOrThrow(kind, id(req));
        const body = readJsonObject(req, ctx.quirks);
        return single(
          req,
          replaceResource(ctx, kind, id(req), body, header(req, 'if-match')),
          200,
          projection,
        );
      }),
    },
    {
      method: 'PATCH',
      pattern: `${base}/:id`,
      handler: guard((req) => {
        const projection = projectionOf(req);
        getOrThrow(kind, id(req));
        const body = readJsonObject(req, ctx.quirks);
        // 200 with the resource rather than 204, which RFC 7644 §3.5.2 requires anyway when `attributes` is given.
        return single(req, patchResource(ctx, kind, id(req), body, header(req, 'if-match')), 200, projection);
      }),
    },
    {
      method: 'DELETE',
      pattern: `${base}/:id`,
      handler: guard((req) => {
        deleteResource(ctx, kind, id(req), header(req, 'if-match'));
        return { status: 204 };
      }),
    },
  ];
}
