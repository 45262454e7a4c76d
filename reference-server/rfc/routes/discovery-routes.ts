import { ScimError, type Route, type ScimRequest } from '../../core/index.js';
import {
  ENTERPRISE_USER_SCHEMA,
  GROUP_SCHEMA,
  USER_SCHEMA,
  type SchemaDefinition,
} from '../../schema/index.js';
import { BASE_PATH, BULK_MAX_OPERATIONS, BULK_MAX_PAYLOAD, MAX_RESULTS } from '../constants.js';
import { URN } from '../../../protocol/urns.js';
import type { Resource, RfcContext } from '../context.js';
import { originOf } from '../http/index.js';
import type { RouteDeps } from './route-deps.js';

const STARTED = new Date().toISOString();

/** Message schemas exist only for the `message-schemas-listed` quirk; RFC 7644 §3.1 keeps them off /Schemas. */
const MESSAGE_SCHEMAS: SchemaDefinition[] = [URN.listResponse, URN.error, URN.patchOp].map((id) => ({
  id,
  name: id.slice(id.lastIndexOf(':') + 1),
  description: 'Protocol message',
  attributes: [],
}));

/** The RFC 9865 §4 `pagination` attribute: both methods, index by default (§2.4), and the cursor lifetime. */
function pagination(ctx: RfcContext): Resource | undefined {
  if (ctx.quirks.has('cursor-not-advertised')) return undefined;
  const common = { defaultPaginationMethod: 'index', defaultPageSize: MAX_RESULTS, maxPageSize: MAX_RESULTS };
  return ctx.quirks.has('cursor-spc-incomplete')
    ? { cursor: true, ...common, cursorTimeout: `${ctx.cursorTimeout}s` }
    : { cursor: true, index: true, ...common, cursorTimeout: ctx.cursorTimeout };
}

function serviceProviderConfig(ctx: RfcContext, base: string): Resource {
  const paging = pagination(ctx);
  return {
    schemas: [URN.serviceProviderConfig],
    documentationUri: 'https://datatracker.ietf.org/doc/html/rfc7644',
    patch: { supported: true },
    bulk: { supported: true, maxOperations: BULK_MAX_OPERATIONS, maxPayloadSize: BULK_MAX_PAYLOAD },
    filter: { supported: true, maxResults: MAX_RESULTS },
    changePassword: { supported: true },
    sort: { supported: true },
    etag: { supported: true },
    ...(paging ? { pagination: paging } : {}),
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description: 'Authentication with a bearer token in the Authorization header (RFC 6750).',
        specUri: 'https://www.rfc-editor.org/info/rfc6750',
        primary: true,
      },
    ],
    meta: {
      resourceType: 'ServiceProviderConfig',
      location: `${base}/ServiceProviderConfig`,
      created: STARTED,
      lastModified: STARTED,
    },
  };
}

function resourceTypes(base: string): Resource[] {
  const meta = (name: string): Resource => ({
    resourceType: 'ResourceType',
    location: `${base}/ResourceTypes/${name}`,
  });
  return [
    {
      schemas: [URN.resourceType],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'User Account',
      schema: URN.user,
      schemaExtensions: [{ schema: URN.enterpriseUser, required: false }],
      meta: meta('User'),
    },
    {
      schemas: [URN.resourceType],
      id: 'Group',
      name: 'Group',
      endpoint: '/Groups',
      description: 'Group',
      schema: URN.group,
      meta: meta('Group'),
    },
  ];
}

function schemaResource(schema: SchemaDefinition, base: string): Resource {
  return {
    schemas: [URN.schema],
    ...schema,
    meta: { resourceType: 'Schema', location: `${base}/Schemas/${schema.id}` },
  };
}

function listOf(resources: Resource[]): Resource {
  return {
    schemas: [URN.listResponse],
    totalResults: resources.length,
    itemsPerPage: resources.length,
    startIndex: 1,
    Resources: resources,
  };
}

/** RFC 7644 §4: filters on discovery endpoints SHOULD be refused with 403; other query parameters are ignored. */
function refuseFilter(req: ScimRequest): void {
  if (req.query.has('filter'))
    throw ScimError.forbidden('Filtering is not supported on discovery endpoints (RFC 7644 §4)');
}

/** ServiceProviderConfig, ResourceTypes and Schemas, all read-only and all behind authentication (RFC 7644 §4). */
export function discoveryRoutes({ ctx, guard }: RouteDeps): Route[] {
  const base = (req: ScimRequest): string => originOf(req) + BASE_PATH;
  const schemas = (): SchemaDefinition[] => [
    USER_SCHEMA,
    ENTERPRISE_USER_SCHEMA,
    GROUP_SCHEMA,
    ...(ctx.quirks.has('message-schemas-listed') ? MESSAGE_SCHEMAS : []),
  ];
  return [
    {
      method: 'GET',
      pattern: `${BASE_PATH}/ServiceProviderConfig`,
      handler: guard((req) => {
        refuseFilter(req);
        return { status: 200, body: serviceProviderConfig(ctx, base(req)) };
      }),
    },
    {
      method: 'GET',
      pattern: `${BASE_PATH}/ResourceTypes`,
      handler: guard((req) => {
        refuseFilter(req);
        return { status: 200, body: listOf(resourceTypes(base(req))) };
      }),
    },
    {
      method: 'GET',
      pattern: `${BASE_PATH}/ResourceTypes/:name`,
      handler: guard((req) => {
        const name = (req.params.name ?? '').toLowerCase();
        const found = resourceTypes(base(req)).find((rt) => String(rt.name).toLowerCase() === name);
        if (!found) throw ScimError.notFound(`Resource type ${req.params.name ?? ''} not found`);
        return { status: 200, body: found };
      }),
    },
    {
      method: 'GET',
      pattern: `${BASE_PATH}/Schemas`,
      handler: guard((req) => {
        refuseFilter(req);
        return { status: 200, body: listOf(schemas().map((s) => schemaResource(s, base(req)))) };
      }),
    },
    {
      method: 'GET',
      pattern: `${BASE_PATH}/Schemas/:id`,
      handler: guard((req) => {
        // Schema URNs are case-insensitive (RFC 7644 §3.10).
        const wanted = (req.params.id ?? '').toLowerCase();
        const found = schemas().find((s) => s.id.toLowerCase() === wanted);
        if (!found) throw ScimError.notFound(`Schema ${req.params.id ?? ''} not found`);
        return { status: 200, body: schemaResource(found, base(req)) };
      }),
    },
  ];
}
