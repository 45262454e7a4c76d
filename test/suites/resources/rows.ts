/** One deviation per resources check, and the failure code the check must report against it. */
import {
  GROUP_BY_ID,
  RESOURCE_TYPES,
  USERS,
  USER_BY_ID,
  combine,
  either,
  list,
  on,
  refuse,
  rewriteJson,
  rewriteQuery,
  rewriteText,
  type Json,
} from './support/breakers.js';

export type { BreakageRow } from '../../support/check-harness.js';
import type { Breakage } from '../../support/mutating-proxy.js';

/** Remembers the keys a create sent as null and returns them as "" in every User answer after that. */
function nullEchoedAsEmptyString(): Breakage {
  const nulls = new Set<string>();
  const echo = rewriteJson(userWrite, (b) => {
    for (const key of nulls) if (b[key] === undefined || b[key] === null) b[key] = '';
  });
  return {
    request(req) {
      if (!postUser(req)) return undefined;
      try {
        const sent = JSON.parse(req.body) as Json;
        for (const [key, value] of Object.entries(sent)) if (value === null) nulls.add(key);
      } catch {
        // Not JSON: nothing to remember.
      }
      return undefined;
    },
    ...(echo.mutate ? { mutate: echo.mutate } : {}),
  };
}
import type { BreakageRow } from '../../support/check-harness.js';

const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const getUser = on('GET', USER_BY_ID);
const getGroup = on('GET', GROUP_BY_ID);
const postUser = on('POST', USERS);
const userWrite = either(getUser, postUser);
const firstOf = (body: Json, attr: string): Json => list(body[attr])[0] ?? {};
const PEM_AS_BASE64 = Buffer.from('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n').toString(
  'base64',
);

export const ROWS: BreakageRow[] = [
  {
    checkId: 'resources.names.attribute-grammar',
    breakage: 'a User is returned with the key "first name"',
    proxy: rewriteJson(getUser, (b) => void (b['first name'] = 'x')),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'resources.multi-valued.arrays',
    breakage: 'emails is returned as a bare object',
    proxy: rewriteJson(getUser, (b) => void (b['emails'] = firstOf(b, 'emails'))),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'resources.complex.no-nested-complex',
    breakage: 'name.givenName is returned as an object',
    proxy: rewriteJson(getUser, (b) => {
      const name = b['name'] as Json;
      name['givenName'] = { value: name['givenName'] };
    }),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'resources.multi-valued.predefined-sub-attributes',
    breakage: 'emails[0].primary is the string "true"',
    proxy: rewriteJson(getUser, (b) => void (firstOf(b, 'emails')['primary'] = 'true')),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'resources.common.id-and-meta',
    breakage: 'a Group is returned without meta',
    proxy: rewriteJson(getGroup, (b) => void delete b['meta']),
    expectedCode: 'ATTRIBUTE_MISSING',
  },
  {
    checkId: 'resources.ids.no-bulk-id',
    breakage: 'a User id contains "bulkId"',
    proxy: rewriteJson(getUser, (b) => void (b['id'] = `bulkId-${String(b['id'])}`)),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'resources.ids.unique-across-types',
    breakage: "a Group carries its member User's id",
    proxy: rewriteJson(getGroup, (b) => void (b['id'] = firstOf(b, 'members')['value'])),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'resources.schemas.no-duplicates',
    breakage: 'a User lists its core schema twice',
    proxy: rewriteJson(getUser, (b) => void (b['schemas'] = [...list(b['schemas']), CORE_USER])),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'resources.schemas.declared-by-resource-type',
    breakage: 'a User lists an undeclared extension URI',
    proxy: rewriteJson(
      getUser,
      (b) =>
        void (b['schemas'] = [...list(b['schemas']), 'urn:example:scim:schemas:extension:acme:2.0:User']),
    ),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'resources.schemas.base-schema',
    breakage: 'a User lists only its extension schema',
    proxy: rewriteJson(getUser, (b) => void (b['schemas'] = [ENTERPRISE])),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'resources.extension.under-urn',
    breakage: 'extension attributes are returned at the top level',
    proxy: rewriteJson(getUser, (b) => {
      Object.assign(b, b[ENTERPRISE] as Json);
      delete b[ENTERPRISE];
    }),
    expectedCode: 'ATTRIBUTE_UNEXPECTED',
  },
  {
    checkId: 'resources.schemas.order-irrelevant',
    breakage: 'a create whose schemas does not start with the core URI is refused',
    proxy: refuse(
      (req) =>
        postUser(req) && !/^\{"schemas":\["urn:ietf:params:scim:schemas:core:2\.0:User"/.test(req.body),
    ),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'resources.extension.required-present',
    breakage: '/ResourceTypes marks the enterprise extension required, yet Users come back without it',
    proxy: combine(
      rewriteJson(on('GET', RESOURCE_TYPES), (b) => {
        for (const rt of list(b['Resources']))
          for (const e of list(rt['schemaExtensions'])) e['required'] = true;
      }),
      rewriteJson(userWrite, (b) => {
        delete b[ENTERPRISE];
        b['schemas'] = [CORE_USER];
      }),
    ),
    expectedCode: 'ATTRIBUTE_MISSING',
  },
  {
    checkId: 'resources.integers.no-fraction-or-exponent',
    breakage: 'totalResults is written as 1.0',
    proxy: rewriteText(on('GET', USERS), (t) => t.replace(/"totalResults":(\d+)/, '"totalResults":$1.0')),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'resources.binary.base64',
    breakage: 'x509Certificates.value is returned with non-base64 characters',
    proxy: rewriteJson(userWrite, (b) => {
      const cert = firstOf(b, 'x509Certificates');
      if (typeof cert['value'] === 'string') cert['value'] = `*${cert['value']}*`;
    }),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'resources.x509.single-der-certificate',
    breakage: 'x509Certificates.value is base64 of PEM text, not DER',
    proxy: rewriteJson(userWrite, (b) => {
      const cert = firstOf(b, 'x509Certificates');
      if (typeof cert['value'] === 'string') cert['value'] = PEM_AS_BASE64;
    }),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'resources.addresses.country-alpha-2',
    breakage: 'addresses.country comes back as "Germany"',
    proxy: rewriteJson(userWrite, (b) => {
      const address = firstOf(b, 'addresses');
      if (address['country'] !== undefined) address['country'] = 'Germany';
    }),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'resources.references.uri',
    breakage: 'members[0].$ref contains spaces',
    proxy: rewriteJson(
      getGroup,
      (b) => void (firstOf(b, 'members')['$ref'] = 'http://example.com/Users/not a uri'),
    ),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'resources.references.resolve',
    breakage: 'members[0].$ref points to an id that does not exist',
    proxy: rewriteJson(getGroup, (b) => {
      const m = firstOf(b, 'members');
      m['$ref'] = String(m['$ref']).replace(/[^/]+$/, 'no-such-user');
    }),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'resources.order.schemas-last',
    breakage: 'a create whose body does not start with "schemas" is refused',
    proxy: refuse((req) => postUser(req) && !req.body.startsWith('{"schemas"')),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'resources.external-id.not-invented',
    breakage: 'the server fills externalId when the client sent none',
    proxy: rewriteJson(either(postUser, getUser), (b) => void (b['externalId'] ??= `sp-${String(b['id'])}`)),
    expectedCode: 'ATTRIBUTE_UNEXPECTED',
  },
  {
    checkId: 'resources.unassigned.null-and-empty',
    breakage: 'a create carrying null is refused',
    proxy: refuse((req) => postUser(req) && req.body.includes(':null'), 400, 'invalidValue'),
    expectedCode: 'STATUS_MISMATCH',
  },
  {
    checkId: 'resources.unassigned.null-not-empty-string',
    breakage: 'a string attribute sent as null is stored and returned as ""',
    proxy: nullEchoedAsEmptyString(),
    expectedCode: 'VALUE_MISMATCH',
  },
  {
    checkId: 'resources.primary.absent-means-false',
    breakage: 'emails[primary eq true] also matches emails without primary',
    proxy: rewriteQuery(on('GET', USERS), 'filter', (f) => f.replace(' and emails[primary eq true]', '')),
    expectedCode: 'VALUE_MISMATCH',
  },
];
