/** /ServiceProviderConfig checks (RFC 7644 §4, RFC 7643 §5). */
import { defineCheck, fail, type AnyCheck } from '../../engine/index.js';
import { expectSchemasContain, isObject, type Guard, type JsonObject } from '../support/guards.js';
import { URN } from '../support/urns.js';
import { onBody, onResponse, scimContentType, statusVerdict } from '../support/verdicts.js';
import { serviceProviderConfig } from './scenarios.js';

const SUITE = 'discovery';
const STATUS_ID = 'discovery.spc.returns-200';

export const spcReturns200 = defineCheck({
  id: STATUS_ID,
  title: 'GET /ServiceProviderConfig answers 200',
  suite: SUITE,
  rfc: 'RFC7644 4',
  requirements: ['7644-4-a'],
  level: 'MUST',
  explanation:
    'RFC 7644 §4 says an HTTP GET to /ServiceProviderConfig SHALL return the configuration; IdPs read it to decide whether to use PATCH, filters and ETags.',
  scenario: serviceProviderConfig,
  assert: (res) => statusVerdict(res, 200),
});

export const spcContentType = defineCheck({
  id: 'discovery.spc.content-type',
  title: '/ServiceProviderConfig is served as application/scim+json',
  suite: SUITE,
  rfc: 'RFC7644 3.8',
  requirements: ['7644-3.8-b'],
  level: 'MUST',
  explanation:
    'The request sends Accept: application/scim+json, which RFC 7644 §3.8 says service providers MUST support; strict clients reject other media types.',
  scenario: serviceProviderConfig,
  assert: (res) => onResponse(res, 200, STATUS_ID, scimContentType),
});

export const spcSchemasUrn = defineCheck({
  id: 'discovery.spc.schemas-urn',
  title: '/ServiceProviderConfig declares the ServiceProviderConfig schema',
  suite: SUITE,
  rfc: 'RFC7643 5',
  requirements: ['7644-4-a', '7643-5-a'],
  level: 'MUST',
  explanation:
    'RFC 7643 §5 identifies the configuration by the ServiceProviderConfig schema URI, and every SCIM resource MUST list its schemas (RFC 7643 §3).',
  scenario: serviceProviderConfig,
  assert: (res) =>
    onBody(res, 200, STATUS_ID, (body) => expectSchemasContain(body, URN.serviceProviderConfig)),
});

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

function memberCheck(
  id: string,
  member: string,
  fields: Record<string, Kind>,
  requirement: string,
): AnyCheck {
  const described = Object.entries(fields)
    .map(([f, k]) => `${member}.${f} (${k})`)
    .join(', ');
  return defineCheck({
    id,
    title: `/ServiceProviderConfig has ${described}`,
    suite: SUITE,
    rfc: 'RFC7643 5',
    requirements: [requirement],
    level: 'MUST',
    explanation: `RFC 7643 §5 marks ${described} REQUIRED; clients gate features on these flags, so a missing or mistyped one breaks capability detection.`,
    scenario: serviceProviderConfig,
    assert: (res) => onBody(res, 200, STATUS_ID, (body) => expectMember(body, member, fields)),
  });
}

export const spcMemberChecks: AnyCheck[] = [
  memberCheck('discovery.spc.patch-member', 'patch', { supported: 'boolean' }, '7643-5-b'),
  memberCheck(
    'discovery.spc.bulk-member',
    'bulk',
    { supported: 'boolean', maxOperations: 'integer', maxPayloadSize: 'integer' },
    '7643-5-c',
  ),
  memberCheck(
    'discovery.spc.filter-member',
    'filter',
    { supported: 'boolean', maxResults: 'integer' },
    '7643-5-d',
  ),
  memberCheck('discovery.spc.change-password-member', 'changePassword', { supported: 'boolean' }, '7643-5-e'),
  memberCheck('discovery.spc.sort-member', 'sort', { supported: 'boolean' }, '7643-5-f'),
  memberCheck('discovery.spc.etag-member', 'etag', { supported: 'boolean' }, '7643-5-g'),
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

export const spcAuthenticationSchemes = defineCheck({
  id: 'discovery.spc.authentication-schemes-member',
  title: '/ServiceProviderConfig lists authenticationSchemes with type, name and description',
  suite: SUITE,
  rfc: 'RFC7643 5',
  requirements: ['7643-5-h'],
  level: 'MUST',
  explanation:
    'RFC 7643 §5 makes authenticationSchemes REQUIRED, each entry with type, name and description; it is how a client learns which credentials to send.',
  scenario: serviceProviderConfig,
  assert: (res) => onBody(res, 200, STATUS_ID, expectAuthenticationSchemes),
});

export const spcSchemaValid = defineCheck({
  id: 'discovery.spc.schema-valid',
  title: '/ServiceProviderConfig is valid against the ServiceProviderConfig schema',
  suite: SUITE,
  rfc: 'RFC7643 5',
  requirements: ['7643-5-a', '7643-5-b', '7643-5-c', '7643-5-d', '7643-5-h'],
  level: 'MUST',
  explanation:
    'RFC 7643 §5 fixes the attributes and their types; a configuration that does not validate (e.g. "true" as a string) is misread by typed clients.',
  scenario: serviceProviderConfig,
  assert: (res, ctx) =>
    onBody(res, 200, STATUS_ID, (body) => ctx.validate(URN.serviceProviderConfig, body)[0]),
});

export const spcChecks: AnyCheck[] = [
  spcReturns200,
  spcContentType,
  spcSchemasUrn,
  ...spcMemberChecks,
  spcAuthenticationSchemes,
  spcSchemaValid,
];
