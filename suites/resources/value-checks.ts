/** Syntax of returned values: integers, binaries, certificates, references, country codes (RFC 7643 §2.3, §4.1.2). */
import { checkRows, fail, isObject, pass, skip } from '../support/index.js';
import type { AnyCheck, Failure, HttpResult, JsonObject, Verdict } from '../support/index.js';
import { decodeBase64, derCertificateProblem, isAlpha2, isUriReference } from './encodings.js';
import { eachTypedValue, member, typeSchemas } from './kit.js';
import { firstOf, overSamples } from './judge.js';
import { rawNumbers } from './raw-numbers.js';
import { readable } from './samples.js';
import { fixture, followedRefs, withAddress, withCertificate, type Variant } from './scenarios.js';

const check = checkRows({
  level: 'MUST',
  suite: 'resources',
  rfc: 'RFC7643 4.1.2',
  scenario: fixture,
  requires: ['resourceType:User'],
});

/** Integer attributes of ListResponse (RFC 7644 §3.4.2) and ServiceProviderConfig (RFC 7643 §5), by pointer. */
const LIST_INTEGERS = ['/totalResults', '/startIndex', '/itemsPerPage'];
const SPC_INTEGERS = ['/bulk/maxOperations', '/bulk/maxPayloadSize', '/filter/maxResults'];

function integerTokens(
  res: HttpResult | undefined,
  label: string,
  pointers: (body: JsonObject) => string[],
): Failure | undefined {
  if (res?.status !== 200 && res?.status !== 201) return undefined;
  if (!isObject(res.json) || res.text === undefined) return undefined;
  const tokens = rawNumbers(res.text);
  if (!tokens) return undefined;
  const wanted = new Set(pointers(res.json));
  for (const [pointer, token] of tokens) {
    if (!wanted.has(pointer)) continue;
    if (!/^-?\d+$/.test(token)) {
      return fail('VALUE_MISMATCH', `${readable(label, pointer)} is written as ${token}, not as an integer`, {
        expected: 'digits only, no fraction or exponent',
        actual: token,
        pointer,
      });
    }
  }
  return undefined;
}

const integersHaveNoFraction = check({
  id: 'resources.integers.no-fraction-or-exponent',
  title: 'Integer values are written without a fraction or exponent',
  rfc: 'RFC7643 2.3.4',
  requirements: ['7643-2.3.4-a'],
  explanation:
    'RFC 7643 §2.3.4 says an integer MUST NOT contain fractional or exponent parts; strict JSON readers reject 10.0 for an int. Judged on the raw text of ListResponses, /ServiceProviderConfig and schema-typed integers.',
  assert: (f, ctx) => {
    const typed = (type: string) => (body: JsonObject) => {
      const rt = typeSchemas(ctx.target, type);
      const out: string[] = [];
      if (rt) eachTypedValue(ctx.target, rt, body, 'integer', (_d, _v, pointer) => out.push(pointer));
      return out;
    };
    const failure =
      integerTokens(f.spc, 'GET /ServiceProviderConfig', () => SPC_INTEGERS) ??
      integerTokens(f.userList, 'GET Users', () => LIST_INTEGERS) ??
      integerTokens(f.groupList, 'GET Groups', () => LIST_INTEGERS) ??
      integerTokens(f.userRead, 'GET User', typed('User')) ??
      integerTokens(f.groupRead, 'GET Group', typed('Group'));
    return (
      failure ??
      (f.userList.status === 200 || f.spc.status === 200
        ? pass()
        : skip('No list or configuration came back'))
    );
  },
});

/** The created-and-read representations of a variant, or a skip that says why there are none. */
function variantBodies(v: Variant, what: string): [string, JsonObject][] | ReturnType<typeof skip> {
  if (v.skipped || !v.post) return skip(v.skipped ?? 'The variant was not sent');
  if (v.post.response.status !== 201 || !isObject(v.post.response.json)) {
    return skip(`The target refused a User with ${what} (${v.post.response.status ?? 'no response'})`);
  }
  const out: [string, JsonObject][] = [['POST User', v.post.response.json]];
  if (v.read?.status === 200 && isObject(v.read.json)) out.push(['GET User', v.read.json]);
  return out;
}

/**
 * Judges each `[value, pointer]` that `valuesOf` finds in a variant's returned bodies (`at` names it for a
 * message): the first failure stands; no value at all is a skip (`none`), as the target need not keep it.
 */
function eachReturned(
  v: Variant,
  what: string,
  valuesOf: (body: JsonObject) => [unknown, string][],
  judge: (value: unknown, at: string, pointer: string) => Failure | undefined,
  none: string,
): Verdict {
  const bodies = variantBodies(v, what);
  if (!Array.isArray(bodies)) return bodies;
  let seen = 0;
  for (const [label, body] of bodies) {
    for (const [value, pointer] of valuesOf(body)) {
      seen++;
      const failure = judge(value, readable(label, pointer), pointer);
      if (failure) return failure;
    }
  }
  return seen > 0 ? pass() : skip(none);
}

const binaryIsBase64 = check({
  id: 'resources.binary.base64',
  title: 'Binary values come back base64-encoded',
  rfc: 'RFC7643 2.3.6',
  requirements: ['7643-2.3.6-a'],
  explanation:
    'RFC 7643 §2.3.6 says binary values MUST be base64 (padding optional; base64url only where the attribute definition says so). Judged on a User created with a certificate, when the schema defines x509Certificates.',
  scenario: withCertificate,
  assert: (v, ctx) => {
    const bodies = variantBodies(v, 'x509Certificates');
    if (!Array.isArray(bodies)) return bodies;
    const rt = typeSchemas(ctx.target, 'User');
    let seen = 0;
    const failure = firstOf((report) => {
      for (const [label, body] of bodies) {
        if (!rt) continue;
        eachTypedValue(ctx.target, rt, body, 'binary', (def, value, pointer) => {
          seen++;
          const urlSafe = typeof def.description === 'string' && /base64url/i.test(def.description);
          if (typeof value !== 'string' || decodeBase64(value, urlSafe) === undefined) {
            report(
              fail(
                'VALUE_MISMATCH',
                `${readable(label, pointer)} is not ${urlSafe ? 'base64url' : 'base64'}`,
                {
                  expected: urlSafe ? 'base64url' : 'base64 (RFC 4648 §4)',
                  actual: value,
                  pointer,
                },
              ),
            );
          }
        });
      }
    });
    return failure ?? (seen > 0 ? pass(`${seen} binary values judged`) : skip('No binary value came back'));
  },
});

function certificates(body: JsonObject): [unknown, string][] {
  const list = member(body, 'x509Certificates');
  if (!Array.isArray(list)) return [];
  return list.flatMap((item, i) =>
    isObject(item) ? [[member(item, 'value'), `/x509Certificates/${i}/value`] as [unknown, string]] : [],
  );
}

const certificateIsDer = check({
  id: 'resources.x509.single-der-certificate',
  title: 'Each x509Certificates value is one base64 DER certificate',
  requirements: ['7643-4.1.2-i'],
  explanation:
    'RFC 7643 §4.1.2 says each x509Certificates value MUST be a base64 DER-encoded certificate and MUST NOT hold more than one; relying parties load it as is. Needs x509Certificates in the User schema.',
  scenario: withCertificate,
  assert: (v) =>
    eachReturned(
      v,
      'x509Certificates',
      certificates,
      (value, at, pointer) => {
        const bytes = typeof value === 'string' ? decodeBase64(value) : undefined;
        const problem = bytes ? derCertificateProblem(bytes) : 'it is not a base64 string';
        return problem
          ? fail('VALUE_MISMATCH', `${at} is not one DER certificate: ${problem}`, {
              expected: 'base64 of one DER X.509 certificate',
              actual: typeof value === 'string' && value.length > 80 ? `${value.slice(0, 80)}…` : value,
              pointer,
            })
          : undefined;
      },
      'The User came back without x509Certificates',
    ),
});

/** The addresses[].country values given, with their pointers (a lone address object counts as one). */
function countries(body: JsonObject): [unknown, string][] {
  const list = member(body, 'addresses');
  const items = Array.isArray(list) ? list : isObject(list) ? [list] : [];
  return items.flatMap((item, i): [unknown, string][] => {
    const country = isObject(item) ? member(item, 'country') : undefined;
    return country === undefined || country === null ? [] : [[country, `/addresses/${i}/country`]];
  });
}

const countryIsAlpha2 = check({
  id: 'resources.addresses.country-alpha-2',
  title: 'addresses.country comes back as the ISO 3166-1 alpha-2 code that was sent',
  requirements: ['7643-4.1.2-e'],
  explanation:
    'RFC 7643 §4.1.2 says addresses.country, when specified, MUST be in ISO 3166-1 alpha-2 format ("DE"); a server that expands it to "Germany" breaks every client reading it. Needs addresses.country in the User schema.',
  scenario: withAddress,
  assert: (v) =>
    eachReturned(
      v,
      'an address',
      countries,
      (country, at, pointer) =>
        isAlpha2(country) && country === 'DE'
          ? undefined
          : fail('VALUE_MISMATCH', `${at} is ${JSON.stringify(country)}, sent "DE"`, {
              expected: 'DE',
              actual: country,
              pointer,
            }),
      'The User came back without addresses.country',
    ),
});

const referencesAreUris = check({
  id: 'resources.references.uri',
  title: 'Reference values ($ref, meta.location, reference-typed attributes) are URIs',
  rfc: 'RFC7643 2.3.7',
  requirements: ['7643-2.3.7-a'],
  explanation:
    'RFC 7643 §2.3.7 says a reference value MUST be an absolute or relative URI (RFC 3986); clients follow and compare them as such.',
  assert: (f, ctx) =>
    overSamples(f, (sample) =>
      firstOf((report) => {
        const check = (value: unknown, pointer: string): void => {
          if (value === null || value === undefined) return;
          if (typeof value !== 'string' || !isUriReference(value)) {
            report(
              fail('VALUE_MISMATCH', `${readable(sample.label, pointer)} is not a URI reference`, {
                expected: 'an absolute or relative URI (RFC 3986)',
                actual: value,
                pointer,
              }),
            );
          }
        };
        const meta = sample.body['meta'];
        if (isObject(meta)) check(member(meta, 'location'), '/meta/location');
        const rt = typeSchemas(ctx.target, sample.type);
        if (rt)
          eachTypedValue(ctx.target, rt, sample.body, 'reference', (_d, value, pointer) =>
            check(value, pointer),
          );
      }),
    ),
});

const referencesResolve = check({
  id: 'resources.references.resolve',
  title: 'GET on a member or group $ref returns the resource it names',
  rfc: 'RFC7643 2.3.7',
  requirements: ['7643-2.3.7-c', '7643-2.3.7-b'],
  requires: ['resourceType:User', 'resourceType:Group'],
  explanation:
    "RFC 7643 §2.3.7 says a reference MUST be HTTP-addressable: GET on it returns the target resource (relative ones resolved against the base URI). Only references on the target's origin are followed.",
  scenario: followedRefs,
  assert: (refs) => {
    if (refs.length === 0) return skip('No member or group came back with a $ref');
    let followed = 0;
    for (const r of refs) {
      if (!r.response) continue;
      followed++;
      if (r.response.status !== 200) {
        return fail('STATUS_MISMATCH', `GET ${r.ref} (${r.at}) answered ${r.response.status ?? 'nothing'}`, {
          expected: 200,
          actual: r.response.status,
        });
      }
      const id = isObject(r.response.json) ? r.response.json['id'] : undefined;
      if (r.expectedId !== undefined && id !== r.expectedId) {
        return fail(
          'VALUE_MISMATCH',
          `GET ${r.ref} (${r.at}) returned id ${JSON.stringify(id)}, not ${r.expectedId}`,
          {
            expected: r.expectedId,
            actual: id,
          },
        );
      }
    }
    return followed > 0
      ? pass(`${followed} references followed`)
      : skip(`No reference was followed: ${refs[0]?.skipped ?? ''}`);
  },
});

export const valueChecks: AnyCheck[] = [
  integersHaveNoFraction,
  binaryIsBase64,
  certificateIsDer,
  countryIsAlpha2,
  referencesAreUris,
  referencesResolve,
];
