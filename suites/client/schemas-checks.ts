/** `schemas` on what a client sends: resources (RFC 7643 §3) and the protocol messages (RFC 7644 §3.1). */
import { schemasOf } from '../support/index.js';
import type { ClientCheck, ClientRequest, Level } from '../support/index.js';
import { judgeEachBody } from './bodies.js';
import { MESSAGE_URN } from './urns.js';

function messageSchemasCheck(spec: {
  id: string;
  fix: string;
  title: string;
  level: Level;
  rfc: string;
  requirements: string[];
  explanation: string;
  urn: string;
  relevant: (r: ClientRequest) => boolean;
  none: string;
}): ClientCheck {
  return {
    id: spec.id,
    fix: spec.fix,
    title: spec.title,
    level: spec.level,
    rfc: spec.rfc,
    requirements: spec.requirements,
    explanation: spec.explanation,
    assert: (session) =>
      judgeEachBody(
        session.requests.filter(spec.relevant),
        (body) => {
          const schemas = schemasOf(body);
          if (!schemas) return 'the body has no schemas array';
          return schemas.includes(spec.urn) ? undefined : `schemas is ${JSON.stringify(body.schemas)}`;
        },
        { code: 'CLIENT_SCHEMAS', none: spec.none, expected: `schemas contains ${spec.urn}` },
      ),
  };
}

export const patchSchemas = messageSchemasCheck({
  id: 'client.patch.schemas',
  fix: 'Send schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"] in every PATCH body.',
  title: 'A PATCH body carries the PatchOp schema URI',
  level: 'MUST',
  rfc: 'RFC7644 3.5.2',
  requirements: ['7644-3.5.2-c'],
  explanation: 'RFC 7644 §3.5.2: the body of each PATCH request MUST contain `schemas` with the PatchOp URI.',
  urn: MESSAGE_URN.patchOp,
  relevant: (r) => r.method === 'PATCH',
  none: 'the client sent no PATCH',
});

export const searchSchemas = messageSchemasCheck({
  id: 'client.search.schemas',
  fix: 'Send schemas: ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"] in every .search body.',
  title: 'A POST .search body carries the SearchRequest schema URI',
  level: 'MUST',
  rfc: 'RFC7644 3.4.3',
  requirements: ['7644-3.4.3-c'],
  explanation: 'RFC 7644 §3.4.3: a query by POST MUST use the SearchRequest schema URI.',
  urn: MESSAGE_URN.searchRequest,
  relevant: (r) => r.method === 'POST' && r.kind === 'search',
  none: 'the client sent no POST .search',
});

export const bulkSchemas = messageSchemasCheck({
  id: 'client.bulk.schemas',
  fix: 'Send schemas: ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"] in every Bulk body.',
  title: 'A Bulk body carries the BulkRequest schema URI',
  level: 'SHOULD',
  rfc: 'RFC7644 3.7',
  requirements: ['7644-3.7-b'],
  explanation:
    'RFC 7644 §3.7 defines the BulkRequest URI for requests by example and definition, without a client ' +
    'keyword, so SHOULD; servers commonly answer 400 without it.',
  urn: MESSAGE_URN.bulkRequest,
  relevant: (r) => r.method === 'POST' && r.kind === 'bulk',
  none: 'the client sent no Bulk request',
});

export const resourceSchemas: ClientCheck = {
  id: 'client.resource.schemas',
  fix: "Put the resource type's schema URI (and any extension URIs used) in schemas.",
  title: 'A created or replaced resource carries its resource type schema URI',
  level: 'SHOULD',
  rfc: 'RFC7643 3',
  explanation:
    'RFC 7643 §3 marks `schemas` REQUIRED on a representation and RFC 7644 §3.3 shows it on create; RFC 7644 ' +
    'states no client keyword for it, so SHOULD.',
  assert: (session, ctx) =>
    judgeEachBody(
      session.requests.filter(
        (r) =>
          (r.method === 'POST' && r.kind === 'collection') || (r.method === 'PUT' && r.kind === 'resource'),
      ),
      (body, r) => {
        const schemas = schemasOf(body);
        if (!schemas) return 'the body has no schemas array';
        const type = Object.values(ctx.capabilities.resourceTypes).find((t) =>
          t.endpoint.toLowerCase().endsWith((r.endpoint ?? '').toLowerCase()),
        );
        if (!type?.schema) return undefined;
        return schemas.includes(type.schema.toLowerCase())
          ? undefined
          : `schemas ${JSON.stringify(body.schemas)} lacks ${type.schema}`;
      },
      {
        code: 'CLIENT_SCHEMAS',
        none: 'the client created or replaced no resource',
        expected: 'schemas contains the resource type schema URI',
      },
    ),
};
