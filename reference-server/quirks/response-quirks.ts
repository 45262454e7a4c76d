import { ScimError, pathnameOf, type ScimRequest, type ScimResponse } from '../core/index.js';
import { renderError } from '../rfc/http/render-error.js';
import type { TransformQuirk } from './quirk-definition.js';
import { isObject, type JsonObject } from '../../protocol/json.js';

function isError(res: ScimResponse): boolean {
  return res.status >= 400;
}

function withHeaders(res: ScimResponse, edit: (headers: Record<string, string>) => void): ScimResponse {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers ?? {})) headers[k.toLowerCase()] = v;
  edit(headers);
  return { ...res, headers };
}

function withBody(res: ScimResponse, edit: (body: JsonObject) => void): ScimResponse {
  if (!isObject(res.body)) return res;
  const body = structuredClone(res.body);
  edit(body);
  return { ...res, body };
}

function transform(
  description: string,
  fn: (req: ScimRequest, res: ScimResponse) => ScimResponse | Promise<ScimResponse>,
): TransformQuirk {
  return { description, flavour: 'rfc', kind: 'transform', transform: fn };
}

function isServiceProviderConfig(req: ScimRequest): boolean {
  return req.method === 'GET' && /\/ServiceProviderConfigs?$/i.test(req.url.pathname);
}

const STATIC_ETAG = 'W/"static"';

/** Deviations that are pure rewrites of a correct response, so the handler never knows about them. */
export const RESPONSE_QUIRKS = {
  'create-returns-200': transform(
    'POST that creates a resource answers 200 instead of 201 Created (RFC 7644 §3.3).',
    (req, res) => (req.method === 'POST' && res.status === 201 ? { ...res, status: 200 } : res),
  ),
  'no-location-header': transform(
    'Responses omit the Location header, also on create (RFC 7644 §3.3).',
    (_req, res) => withHeaders(res, (h) => delete h.location),
  ),
  'no-etag-header': transform(
    'Responses omit the ETag header although ETags are advertised (RFC 7644 §3.14).',
    (_req, res) => withHeaders(res, (h) => delete h.etag),
  ),
  'etag-static': transform(
    'ETag and meta.version never change when the resource changes (RFC 7644 §3.14).',
    (_req, res) => {
      const tagged = withHeaders(res, (h) => {
        if (h.etag !== undefined) h.etag = STATIC_ETAG;
      });
      return withBody(tagged, (body) => {
        if (isObject(body.meta) && body.meta.version !== undefined) body.meta.version = STATIC_ETAG;
      });
    },
  ),
  'numeric-error-status': transform(
    'Error bodies carry `status` as a JSON number instead of a string (RFC 7644 §3.12).',
    (_req, res) => (isError(res) ? withBody(res, (body) => (body.status = Number(body.status))) : res),
  ),
  'error-content-type-json': transform(
    'Error responses are labelled application/json instead of application/scim+json (RFC 7644 §3.8).',
    (_req, res) => (isError(res) ? withHeaders(res, (h) => (h['content-type'] = 'application/json')) : res),
  ),
  'content-type-json': transform(
    'Every response is labelled application/json instead of application/scim+json (RFC 7644 §3.8).',
    (_req, res) =>
      res.body !== undefined ? withHeaders(res, (h) => (h['content-type'] = 'application/json')) : res,
  ),
  'html-404': transform(
    '404 answers are an HTML page instead of a SCIM Error body (RFC 7644 §3.12).',
    (_req, res) =>
      res.status === 404
        ? {
            status: 404,
            headers: { 'content-type': 'text/html; charset=utf-8' },
            raw: '<!doctype html><html><body><h1>404 Not Found</h1></body></html>',
          }
        : res,
  ),
  'no-www-authenticate': transform(
    '401 answers omit the WWW-Authenticate header (RFC 7644 §2).',
    (_req, res) => (res.status === 401 ? withHeaders(res, (h) => delete h['www-authenticate']) : res),
  ),
  'uniqueness-returns-400': transform(
    'Uniqueness conflicts answer 400 instead of 409 Conflict (RFC 7644 §3.3).',
    (_req, res) =>
      res.status === 409 ? withBody({ ...res, status: 400 }, (body) => (body.status = '400')) : res,
  ),
  'totalresults-missing': transform(
    'List responses omit the REQUIRED totalResults (RFC 7644 §3.4.2).',
    (_req, res) =>
      withBody(res, (body) => {
        if (Array.isArray(body.Resources) || 'itemsPerPage' in body) delete body.totalResults;
      }),
  ),
  'delete-returns-200-body': transform(
    'DELETE answers 200 with a JSON body instead of 204 No Content (RFC 7644 §3.6).',
    (req, res) =>
      req.method === 'DELETE' && res.status === 204
        ? {
            status: 200,
            headers: { 'content-type': 'application/json' },
            body: { id: req.params.id ?? null, deleted: true },
          }
        : res,
  ),
  'patch-returns-204': transform(
    'PATCH answers 204 without a body, even when `attributes` was requested (RFC 7644 §3.5.2).',
    (req, res) =>
      req.method === 'PATCH' && res.status === 200 ? { status: 204, headers: res.headers ?? {} } : res,
  ),
  'empty-filter-404': transform(
    'A filtered GET that matches nothing answers 404 instead of an empty ListResponse, which breaks Entra ID and Okta user matching (RFC 7644 §3.4.2).',
    (req, res) =>
      req.method === 'GET' &&
      req.query.has('filter') &&
      res.status === 200 &&
      isObject(res.body) &&
      res.body.totalResults === 0
        ? renderError(ScimError.notFound('no resource matches the filter'))
        : res,
  ),
  'name-givenname-omitted': transform(
    'User representations omit name.givenName although it was stored, which breaks Okta and OneLogin profile sync (RFC 7643 §4.1.1).',
    (_req, res) => {
      const strip = (resource: unknown): void => {
        if (isObject(resource) && isObject(resource.name)) delete resource.name.givenName;
      };
      return withBody(res, (body) => {
        strip(body);
        if (Array.isArray(body.Resources)) body.Resources.forEach(strip);
      });
    },
  ),
  'filter-and-unsupported': transform(
    'Filters joined with `and` answer 400 invalidFilter: only single comparisons, `or` and `not` are understood (RFC 7644 §3.4.2.2 Table 4).',
    (req, res) => {
      const filter = req.query.get('filter');
      // Quoted values are blanked first, so "and" inside a compared string is not taken for the operator.
      return req.method === 'GET' && filter && /\band\b/i.test(filter.replace(/"(?:[^"\\]|\\.)*"/g, '""'))
        ? renderError(ScimError.invalidFilter('the "and" operator is not supported'))
        : res;
    },
  ),
  'bulk-status-object': transform(
    'BulkResponse results carry `status` as an object ({"code": "201"}) instead of the status code string (RFC 7644 §3.7.3).',
    (req, res) =>
      req.method === 'POST' && /\/Bulk$/.test(pathnameOf(req)) && res.status === 200
        ? withBody(res, (body) => {
            if (!Array.isArray(body.Operations)) return;
            for (const op of body.Operations)
              if (isObject(op) && op.status !== undefined) op.status = { code: op.status };
          })
        : res,
  ),
  'search-endpoint-missing': transform(
    'POST …/.search is not routed: the body is read as a create and refused with 400 (RFC 7644 §3.4.3).',
    (req, res) =>
      req.method === 'POST' && /\/\.search$/.test(pathnameOf(req))
        ? renderError(ScimError.invalidValue('userName is required'))
        : res,
  ),
  'items-per-page-echoes-count': transform(
    'The itemsPerPage value repeats the requested count instead of the number of resources on the page, so a partial last page misreports its size (RFC 7644 §3.4.2.4).',
    (req, res) => {
      const count = Number(req.query.get('count'));
      return req.query.has('count') && Number.isInteger(count) && count > 0
        ? withBody(res, (body) => {
            if (Array.isArray(body.Resources)) body.itemsPerPage = count;
          })
        : res;
    },
  ),
  'scim-type-on-not-found': transform(
    '404 error bodies carry a scimType, which RFC 7644 §3.12 defines for 400 (and 409, 413) errors only.',
    (_req, res) => (res.status === 404 ? withBody(res, (body) => (body.scimType = 'invalidValue')) : res),
  ),
  'etag-unadvertised': transform(
    'ServiceProviderConfig says etag.supported is false while every resource is still served with an ETag header (RFC 7644 §3.14, RFC 7643 §5).',
    (req, res) =>
      isServiceProviderConfig(req)
        ? withBody(res, (body) => {
            if (isObject(body.etag)) body.etag.supported = false;
          })
        : res,
  ),
  'spc-auth-scheme-not-enabled': transform(
    'ServiceProviderConfig lists HTTP Basic as the primary authentication scheme although only bearer tokens are accepted (RFC 7643 §5).',
    (req, res) =>
      isServiceProviderConfig(req)
        ? withBody(res, (body) => {
            const schemes = Array.isArray(body.authenticationSchemes) ? body.authenticationSchemes : [];
            body.authenticationSchemes = [
              { type: 'httpbasic', name: 'HTTP Basic', description: 'user name and password', primary: true },
              ...schemes.map((s: unknown) => (isObject(s) ? { ...s, primary: false } : s)),
            ];
          })
        : res,
  ),
  'spc-scim11-leftovers': transform(
    'ServiceProviderConfig keeps SCIM 1.1 attribute names (specUrl, documentationUrl, xmlDataFormat) instead of the SCIM 2.0 ones (RFC 7643 §5).',
    (req, res) =>
      isServiceProviderConfig(req)
        ? withBody(res, (body) => {
            body.xmlDataFormat = { supported: false };
            if (Array.isArray(body.authenticationSchemes))
              for (const s of body.authenticationSchemes) {
                if (!isObject(s)) continue;
                s.specUrl = s.specUri ?? 'https://www.rfc-editor.org/info/rfc6750';
                delete s.specUri;
                s.documentationUrl = s.documentationUri ?? 'https://example.com/help';
                delete s.documentationUri;
              }
          })
        : res,
  ),
  'unknown-id-write-500': transform(
    'PATCH and DELETE of an id that does not exist answer 500 instead of 404 (RFC 7644 §3.12).',
    (req, res) =>
      (req.method === 'PATCH' || req.method === 'DELETE') && res.status === 404
        ? renderError(ScimError.internal('Cannot read properties of undefined'))
        : res,
  ),
  'paging-fields-strings': transform(
    'ListResponse totalResults, startIndex and itemsPerPage are JSON strings instead of integers (RFC 7644 §3.4.2), breaking Okta imports.',
    (_req, res) =>
      withBody(res, (body) => {
        if (!Array.isArray(body.Resources)) return;
        for (const key of ['totalResults', 'startIndex', 'itemsPerPage'])
          if (typeof body[key] === 'number') body[key] = String(body[key]);
      }),
  ),
  'content-type-text-plain': transform(
    'Responses with a body are labelled text/plain instead of application/scim+json (RFC 7644 §3.8), which OneLogin does not read.',
    (_req, res) =>
      res.body !== undefined
        ? withHeaders(res, (h) => (h['content-type'] = 'text/plain; charset=utf-8'))
        : res,
  ),
  'slow-responses': transform(
    'Every response is delayed by one second, to exercise client timeouts.',
    async (_req, res) => {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      return res;
    },
  ),
} satisfies Record<string, TransformQuirk>;
