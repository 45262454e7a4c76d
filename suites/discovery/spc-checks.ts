/** /ServiceProviderConfig checks (RFC 7644 §4, RFC 7643 §5). */
import {
  checkRows,
  expectSchemasContain,
  fail,
  isObject,
  onBody,
  statusVerdict,
  URN,
} from '../support/index.js';
import type { AnyCheck, Guard, HttpResult, JsonObject, Verdict } from '../support/index.js';
import { servedAsScim } from './content-type.js';
import { serviceProviderConfig } from './scenarios.js';

const SUITE = 'discovery';
const STATUS_ID = 'discovery.spc.returns-200';

const check = checkRows({ level: 'MUST', suite: SUITE, rfc: 'RFC7643 5', scenario: serviceProviderConfig });
const servedAs = checkRows({ suite: SUITE, scenario: serviceProviderConfig, ...servedAsScim(STATUS_ID) });

type Kind = 'boolean' | 'integer';

function expectMember(body: JsonObject, member: string, fields: Record<string, Kind>): Guard {
  const complex = body[member];
  if (complex === undefined || complex === null) {
    return fail('ATTRIBUTE_MISSING', `The configuration has no ${member}`, { pointer: `/${member}` });
  }
  if (!isObject(complex)) {
    return fail('VALUE_MISMATCH', `${member} is not a complex attribute`, {
      expected: 'a JSON object',
      actual: complex,
      pointer: `/${member}`,
    });
  }
  for (const [field, kind] of Object.entries(fields)) {
    const value = complex[field];
    const pointer = `/${member}/${field}`;
    if (value === undefined || value === null) {
      return fail('ATTRIBUTE_MISSING', `The configuration has no ${member}.${field}`, {
        expected: kind,
        pointer,
      });
    }
    const ok = kind === 'boolean' ? typeof value === 'boolean' : Number.isInteger(value);
    if (!ok) {
      return fail('VALUE_MISMATCH', `${member}.${field} is not a JSON ${kind}`, {
        expected: kind,
        actual: value,
        pointer,
      });
    }
  }
  return undefined;
}

/** Judges one REQUIRED member of /ServiceProviderConfig and the types of its fields (RFC 7643 §5). */
const member =
  (name: string, fields: Record<string, Kind>) =>
  (res: HttpResult): Verdict =>
    onBody(res, 200, STATUS_ID, (body) => expectMember(body, name, fields));

export const spcMemberChecks: AnyCheck[] = [
  check({
    id: 'discovery.spc.patch-member',
    title: '/ServiceProviderConfig has patch.supported (boolean)',
    requirements: ['7643-5-b'],
    explanation:
      'RFC 7643 §5 marks patch.supported (boolean) REQUIRED; clients gate features on these flags, so a missing or mistyped one breaks capability detection.',
    assert: member('patch', { supported: 'boolean' }),
  }),
  check({
    id: 'discovery.spc.bulk-member',
    title:
      '/ServiceProviderConfig has bulk.supported (boolean), bulk.maxOperations (integer), bulk.maxPayloadSize (integer)',
    requirements: ['7643-5-c'],
    explanation:
      'RFC 7643 §5 marks bulk.supported (boolean), bulk.maxOperations (integer), bulk.maxPayloadSize (integer) REQUIRED; clients gate features on these flags, so a missing or mistyped one breaks capability detection.',
    assert: member('bulk', { supported: 'boolean', maxOperations: 'integer', maxPayloadSize: 'integer' }),
  }),
  check({
    id: 'discovery.spc.filter-member',
    title: '/ServiceProviderConfig has filter.supported (boolean), filter.maxResults (integer)',
    requirements: ['7643-5-d'],
    explanation:
      'RFC 7643 §5 marks filter.supported (boolean), filter.maxResults (integer) REQUIRED; clients gate features on these flags, so a missing or mistyped one breaks capability detection.',
    assert: member('filter', { supported: 'boolean', maxResults: 'integer' }),
  }),
  check({
    id: 'discovery.spc.change-password-member',
    title: '/ServiceProviderConfig has changePassword.supported (boolean)',
    requirements: ['7643-5-e'],
    explanation:
      'RFC 7643 §5 marks changePassword.supported (boolean) REQUIRED; clients gate features on these flags, so a missing or mistyped one breaks capability detection.',
    assert: member('changePassword', { supported: 'boolean' }),
  }),
  check({
    id: 'discovery.spc.sort-member',
    title: '/ServiceProviderConfig has sort.supported (boolean)',
    requirements: ['7643-5-f'],
    explanation:
      'RFC 7643 §5 marks sort.supported (boolean) REQUIRED; clients gate features on these flags, so a missing or mistyped one breaks capability detection.',
    assert: member('sort', { supported: 'boolean' }),
  }),
  check({
    id: 'discovery.spc.etag-member',
    title: '/ServiceProviderConfig has etag.supported (boolean)',
    requirements: ['7643-5-g'],
    explanation:
      'RFC 7643 §5 marks etag.supported (boolean) REQUIRED; clients gate features on these flags, so a missing or mistyped one breaks capability detection.',
    assert: member('etag', { supported: 'boolean' }),
  }),
];

function expectAuthenticationSchemes(body: JsonObject): Guard {
  const schemes = body['authenticationSchemes'];
  if (schemes === undefined || schemes === null) {
    return fail('ATTRIBUTE_MISSING', 'The configuration has no authenticationSchemes', {
      pointer: '/authenticationSchemes',
    });
  }
  if (!Array.isArray(schemes)) {
    return fail('VALUE_MISMATCH', 'authenticationSchemes is not an array', {
      expected: 'an array',
      actual: schemes,
      pointer: '/authenticationSchemes',
    });
  }
  for (const [index, scheme] of schemes.entries()) {
    for (const field of ['type', 'name', 'description']) {
      const value: unknown = isObject(scheme) ? scheme[field] : undefined;
      if (typeof value !== 'string' || value === '') {
        return fail('ATTRIBUTE_MISSING', `authenticationSchemes[${index}] has no ${field} string`, {
          pointer: `/authenticationSchemes/${index}/${field}`,
          actual: value,
        });
      }
    }
  }
  return undefined;
}

export const spcChecks: AnyCheck[] = [
  check({
    id: STATUS_ID,
    title: 'GET /ServiceProviderConfig answers 200',
    rfc: 'RFC7644 4',
    requirements: ['7644-4-a'],
    explanation:
      'RFC 7644 §4 says an HTTP GET to /ServiceProviderConfig SHALL return the configuration; IdPs read it to decide whether to use PATCH, filters and ETags.',
    assert: (res) => statusVerdict(res, 200),
  }),
  servedAs({
    id: 'discovery.spc.content-type',
    title: '/ServiceProviderConfig is served as application/scim+json',
    explanation:
      'The request sends Accept: application/scim+json, which RFC 7644 §3.8 says service providers MUST support; strict clients reject other media types.',
  }),
  check({
    id: 'discovery.spc.schemas-urn',
    title: '/ServiceProviderConfig declares the ServiceProviderConfig schema',
    requirements: ['7644-4-a', '7643-5-a'],
    explanation:
      'RFC 7643 §5 identifies the configuration by the ServiceProviderConfig schema URI, and every SCIM resource MUST list its schemas (RFC 7643 §3).',
    assert: (res) =>
      onBody(res, 200, STATUS_ID, (body) => expectSchemasContain(body, URN.serviceProviderConfig)),
  }),
  ...spcMemberChecks,
  check({
    id: 'discovery.spc.authentication-schemes-member',
    title: '/ServiceProviderConfig lists authenticationSchemes with type, name and description',
    requirements: ['7643-5-h'],
    explanation:
      'RFC 7643 §5 makes authenticationSchemes REQUIRED, each entry with type, name and description; it is how a client learns which credentials to send.',
    assert: (res) => onBody(res, 200, STATUS_ID, expectAuthenticationSchemes),
  }),
  check({
    id: 'discovery.spc.schema-valid',
    title: '/ServiceProviderConfig is valid against the ServiceProviderConfig schema',
    requirements: ['7643-5-a', '7643-5-b', '7643-5-c', '7643-5-d', '7643-5-h'],
    explanation:
      'RFC 7643 §5 fixes the attributes and their types; a configuration that does not validate (e.g. "true" as a string) is misread by typed clients.',
    assert: (res, ctx) =>
      onBody(res, 200, STATUS_ID, (body) => ctx.validate(URN.serviceProviderConfig, body)[0]),
  }),
];
