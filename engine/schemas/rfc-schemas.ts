/**
 * JSON Schemas (draft-07) of every RFC 7643/7644 resource and message, keyed by the SCIM URN as `$id`.
 * They encode the RFC's REQUIRED attributes and types and stay open to extensions
 * (additionalProperties), because SCIM lets servers add schemas and attributes.
 * @module
 */
import { SCIM_TYPES } from './urns.js';
import { URN } from '../../protocol/urns.js';

export type JsonSchema = Record<string, unknown> & { $id?: string };

const str = { type: 'string' } as const;
const bool = { type: 'boolean' } as const;
const int = { type: 'integer' } as const;

/** `schemas` must be a non-empty array of URIs that contains `urn` (RFC 7643 §3). */
const schemasContaining = (urn: string) => ({
  type: 'array',
  items: { type: 'string', minLength: 1 },
  minItems: 1,
  contains: { const: urn },
});

const meta = {
  type: 'object',
  properties: {
    resourceType: str,
    created: { type: 'string', format: 'date-time' },
    lastModified: { type: 'string', format: 'date-time' },
    location: { type: 'string', format: 'uri' },
    version: str,
  },
};

/** A multi-valued attribute entry (RFC 7643 §2.4). */
const multiValued = (valueSchema: Record<string, unknown> = str) => ({
  type: 'array',
  items: {
    type: 'object',
    properties: { value: valueSchema, display: str, type: str, primary: bool, $ref: str },
  },
});

/** `required` inside if/then: strict ajv wants the property declared beside it. */
const requires = (...names: string[]) => ({
  type: 'object',
  required: names,
  properties: Object.fromEntries(names.map((n) => [n, {}])),
});

/** A resource or message schema: `$id` is its URN, and `schemas` must contain that URN (RFC 7643 §3). */
function scimSchema(
  urn: string,
  title: string,
  required: string[],
  properties: Record<string, unknown>,
  rest: Record<string, unknown> = {},
): JsonSchema {
  return {
    $id: urn,
    title,
    type: 'object',
    required: ['schemas', ...required],
    properties: { schemas: schemasContaining(urn), ...properties },
    ...rest,
  };
}

const resourceCommon = {
  id: { type: 'string', minLength: 1 },
  externalId: str,
  meta,
};

export const userSchema: JsonSchema = scimSchema(URN.user, 'User (RFC 7643 §4.1)', ['id', 'userName'], {
  ...resourceCommon,
  userName: { type: 'string', minLength: 1 },
  name: {
    type: 'object',
    properties: {
      formatted: str,
      familyName: str,
      givenName: str,
      middleName: str,
      honorificPrefix: str,
      honorificSuffix: str,
    },
  },
  displayName: str,
  nickName: str,
  profileUrl: str,
  title: str,
  userType: str,
  preferredLanguage: str,
  locale: str,
  timezone: str,
  active: bool,
  emails: multiValued(),
  phoneNumbers: multiValued(),
  ims: multiValued(),
  photos: multiValued(),
  addresses: {
    type: 'array',
    items: {
      type: 'object',
      properties: {
        formatted: str,
        streetAddress: str,
        locality: str,
        region: str,
        postalCode: str,
        country: str,
        type: str,
        primary: bool,
      },
    },
  },
  groups: multiValued(),
  entitlements: multiValued(),
  roles: multiValued(),
  x509Certificates: multiValued(),
  [URN.enterpriseUser]: { $ref: URN.enterpriseUser },
});

export const enterpriseUserSchema: JsonSchema = {
  $id: URN.enterpriseUser,
  title: 'Enterprise User extension (RFC 7643 §4.3)',
  type: 'object',
  properties: {
    employeeNumber: str,
    costCenter: str,
    organization: str,
    division: str,
    department: str,
    manager: {
      type: 'object',
      properties: { value: str, $ref: str, displayName: str },
    },
  },
};

export const groupSchema: JsonSchema = scimSchema(URN.group, 'Group (RFC 7643 §4.2)', ['id', 'displayName'], {
  ...resourceCommon,
  displayName: { type: 'string', minLength: 1 },
  members: {
    type: 'array',
    items: {
      type: 'object',
      required: ['value'],
      properties: { value: { type: 'string', minLength: 1 }, $ref: str, display: str, type: str },
    },
  },
});

export const listResponseSchema: JsonSchema = scimSchema(
  URN.listResponse,
  'ListResponse (RFC 7644 §3.4.2)',
  ['totalResults'],
  {
    totalResults: { type: 'integer', minimum: 0 },
    Resources: { type: 'array', items: { type: 'object' } },
    startIndex: { type: 'integer', minimum: 1 },
    itemsPerPage: { type: 'integer', minimum: 0 },
  },
  {
    // "Resources ... REQUIRED if totalResults is non-zero."
    if: {
      type: 'object',
      properties: { totalResults: { type: 'integer', exclusiveMinimum: 0 } },
      required: ['totalResults'],
    },
    then: requires('Resources'),
  },
);

export const errorSchema: JsonSchema = scimSchema(URN.error, 'Error (RFC 7644 §3.12)', ['status'], {
  // The HTTP status code as a STRING ("400"), not a number.
  status: { type: 'string', pattern: '^[1-5][0-9][0-9]$' },
  scimType: { type: 'string', enum: [...SCIM_TYPES] },
  detail: str,
});

const patchOperation = {
  type: 'object',
  required: ['op'],
  properties: {
    op: { type: 'string', enum: ['add', 'remove', 'replace'] },
    path: { type: 'string', minLength: 1 },
    value: {},
  },
  allOf: [
    // "remove": path is REQUIRED (RFC 7644 §3.5.2.2); "add": value is REQUIRED (§3.5.2.1).
    { if: { type: 'object', properties: { op: { const: 'remove' } } }, then: requires('path') },
    { if: { type: 'object', properties: { op: { const: 'add' } } }, then: requires('value') },
  ],
};

export const patchOpSchema: JsonSchema = scimSchema(
  URN.patchOp,
  'PatchOp (RFC 7644 §3.5.2)',
  ['Operations'],
  {
    Operations: { type: 'array', minItems: 1, items: patchOperation },
  },
);

export const searchRequestSchema: JsonSchema = scimSchema(
  URN.searchRequest,
  'SearchRequest (RFC 7644 §3.4.3)',
  [],
  {
    attributes: { type: 'array', items: str },
    excludedAttributes: { type: 'array', items: str },
    filter: str,
    sortBy: str,
    sortOrder: { type: 'string', enum: ['ascending', 'descending'] },
    startIndex: int,
    count: { type: 'integer', minimum: 0 },
  },
);

const bulkMethod = { type: 'string', enum: ['POST', 'PUT', 'PATCH', 'DELETE'] };

export const bulkRequestSchema: JsonSchema = scimSchema(
  URN.bulkRequest,
  'BulkRequest (RFC 7644 §3.7)',
  ['Operations'],
  {
    failOnErrors: { type: 'integer', minimum: 1 },
    Operations: {
      type: 'array',
      items: {
        type: 'object',
        required: ['method', 'path'],
        properties: { method: bulkMethod, bulkId: str, version: str, path: str, data: {} },
        allOf: [
          { if: { type: 'object', properties: { method: { const: 'POST' } } }, then: requires('bulkId') },
        ],
      },
    },
  },
);

export const bulkResponseSchema: JsonSchema = scimSchema(
  URN.bulkResponse,
  'BulkResponse (RFC 7644 §3.7)',
  ['Operations'],
  {
    Operations: {
      type: 'array',
      items: {
        type: 'object',
        required: ['method', 'status'],
        properties: {
          method: bulkMethod,
          bulkId: str,
          version: str,
          location: str,
          // The RFC's examples carry the status as a string ("201"); integers are tolerated.
          status: {
            anyOf: [
              { type: 'string', pattern: '^[1-5][0-9][0-9]$' },
              { type: 'integer', minimum: 100, maximum: 599 },
            ],
          },
          response: {},
        },
      },
    },
  },
);

const supported = { type: 'object', required: ['supported'], properties: { supported: bool } };

export const serviceProviderConfigSchema: JsonSchema = scimSchema(
  URN.serviceProviderConfig,
  'ServiceProviderConfig (RFC 7643 §5)',
  ['patch', 'bulk', 'filter', 'changePassword', 'sort', 'etag', 'authenticationSchemes'],
  {
    documentationUri: str,
    patch: supported,
    bulk: {
      type: 'object',
      required: ['supported', 'maxOperations', 'maxPayloadSize'],
      properties: {
        supported: bool,
        maxOperations: { type: 'integer', minimum: 0 },
        maxPayloadSize: { type: 'integer', minimum: 0 },
      },
    },
    filter: {
      type: 'object',
      required: ['supported', 'maxResults'],
      properties: { supported: bool, maxResults: { type: 'integer', minimum: 0 } },
    },
    changePassword: supported,
    sort: supported,
    etag: supported,
    authenticationSchemes: {
      type: 'array',
      items: {
        type: 'object',
        required: ['type', 'name', 'description'],
        properties: {
          type: str,
          name: str,
          description: str,
          specUri: str,
          documentationUri: str,
          primary: bool,
        },
      },
    },
    meta,
  },
);

export const resourceTypeSchema: JsonSchema = scimSchema(
  URN.resourceType,
  'ResourceType (RFC 7643 §6)',
  ['name', 'endpoint', 'schema'],
  {
    id: str,
    name: { type: 'string', minLength: 1 },
    description: str,
    endpoint: { type: 'string', minLength: 1 },
    schema: { type: 'string', minLength: 1 },
    schemaExtensions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['schema', 'required'],
        properties: { schema: { type: 'string', minLength: 1 }, required: bool },
      },
    },
    meta,
  },
);

export const schemaSchema: JsonSchema = {
  $id: URN.schema,
  title: 'Schema definition (RFC 7643 §7)',
  type: 'object',
  required: ['id', 'attributes'],
  definitions: {
    attribute: {
      type: 'object',
      required: ['name', 'type'],
      properties: {
        name: { type: 'string', minLength: 1 },
        type: {
          type: 'string',
          enum: ['string', 'boolean', 'decimal', 'integer', 'dateTime', 'reference', 'complex', 'binary'],
        },
        subAttributes: { type: 'array', items: { $ref: '#/definitions/attribute' } },
        multiValued: bool,
        description: str,
        required: bool,
        canonicalValues: { type: 'array' },
        caseExact: bool,
        mutability: { type: 'string', enum: ['readOnly', 'readWrite', 'immutable', 'writeOnly'] },
        returned: { type: 'string', enum: ['always', 'never', 'default', 'request'] },
        uniqueness: { type: 'string', enum: ['none', 'server', 'global'] },
        referenceTypes: { type: 'array', items: str },
      },
    },
  },
  properties: {
    schemas: { type: 'array', items: str },
    id: { type: 'string', minLength: 1 },
    name: str,
    description: str,
    attributes: { type: 'array', items: { $ref: '#/definitions/attribute' } },
    meta,
  },
};

/** Every shipped schema; the validator compiles them once. */
export const RFC_SCHEMAS: readonly JsonSchema[] = [
  userSchema,
  enterpriseUserSchema,
  groupSchema,
  listResponseSchema,
  errorSchema,
  patchOpSchema,
  searchRequestSchema,
  bulkRequestSchema,
  bulkResponseSchema,
  serviceProviderConfigSchema,
  resourceTypeSchema,
  schemaSchema,
];
