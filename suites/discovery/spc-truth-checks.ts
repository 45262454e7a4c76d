/**
 * Whether /ServiceProviderConfig tells the truth: its attribute names, the authentication schemes it names
 * against the ones a 401 offers, and `etag.supported` against the headers actually sent (RFC 7643 §5).
 * @module
 */
import {
  bodyObject,
  checkRows,
  defineScenario,
  fail,
  fetchedUser,
  inconclusive,
  isFailure,
  isObject,
  onBody,
  pass,
  skip,
} from '../support/index.js';
import type { AnyCheck, FetchedUser, HttpResult, JsonObject, Verdict } from '../support/index.js';
import { wrongToken } from '../security/scenarios.js';
import { serviceProviderConfig } from './scenarios.js';

const SUITE = 'discovery';
const STATUS_ID = 'discovery.spc.returns-200';

/** Attribute names RFC 7643 §5 gives the ServiceProviderConfig, plus RFC 9865's `pagination` and the common ones. */
const SPC_ATTRIBUTES = new Set(
  [
    'schemas',
    'id',
    'externalId',
    'meta',
    'documentationUri',
    'patch',
    'bulk',
    'filter',
    'changePassword',
    'sort',
    'etag',
    'authenticationSchemes',
    'pagination',
  ].map((n) => n.toLowerCase()),
);
/** Sub-attributes of authenticationSchemes (RFC 7643 §5; `primary` appears in its §8.5 example). */
const SCHEME_ATTRIBUTES = new Set(
  ['type', 'name', 'description', 'specUri', 'documentationUri', 'primary'].map((n) => n.toLowerCase()),
);
/** SCIM 1.1 names that SCIM 2.0 renamed or dropped; naming them makes the finding actionable. */
const SCIM11_NAMES: Record<string, string> = {
  specurl: 'specUri',
  documentationurl: 'documentationUri',
  xmldataformat: '(dropped in SCIM 2.0)',
};

function unknownNames(object: JsonObject, known: Set<string>, prefix: string): string[] {
  return Object.keys(object)
    .filter((key) => !known.has(key.toLowerCase()) && !key.toLowerCase().startsWith('urn:'))
    .map((key) => {
      const renamed = SCIM11_NAMES[key.toLowerCase()];
      return `${prefix}${key}${renamed ? ` (SCIM 1.1 name; SCIM 2.0: ${renamed})` : ''}`;
    });
}

const check = checkRows({ suite: SUITE, rfc: 'RFC7643 5' });

/** The auth-scheme name of RFC 7235 each RFC 7643 §5 `type` value is offered under in WWW-Authenticate. */
const CHALLENGE_OF: Record<string, string> = {
  oauthbearertoken: 'bearer',
  oauth2: 'bearer',
  oauth: 'oauth',
  httpbasic: 'basic',
  httpdigest: 'digest',
};

/** Auth-scheme names of a WWW-Authenticate value (RFC 7235 §4.1), lower-cased. */
function challengeSchemes(header: string): Set<string> {
  const names = new Set<string>();
  // A challenge starts each comma-separated part whose first token is not followed by "=" (an auth-param).
  for (const part of header.split(',')) {
    const match = /^\s*([A-Za-z0-9!#$%&'*+.^_`|~-]+)(?:\s+|$)(?!=)/.exec(part);
    if (match?.[1] && !part.trim().startsWith(`${match[1]}=`)) names.add(match[1].toLowerCase());
  }
  return names;
}

const schemesAndChallenge = defineScenario<{ spc: HttpResult; challenge: HttpResult }>({
  id: 'discovery.spc.schemes-and-challenge',
  run: async (ctx) => ({
    spc: await ctx.use(serviceProviderConfig),
    challenge: (await ctx.use(wrongToken)).response,
  }),
});

export const spcTruthChecks: readonly AnyCheck[] = [
  check({
    id: 'discovery.spc.known-attributes',
    title: '/ServiceProviderConfig uses only the attribute names of its schema',
    level: 'SHOULD',
    requirements: ['7643-5-a'],
    fix: 'Rename or drop the listed attributes so the document uses the RFC 7643 §5 names (extensions go under their schema URN).',
    explanation:
      'RFC 7643 §5 defines the ServiceProviderConfig attributes; a SCIM 1.1 leftover such as specUrl or xmlDataFormat, or a misspelt name, is invisible to clients that read the SCIM 2.0 names.',
    scenario: serviceProviderConfig,
    assert: (res) =>
      onBody(res, 200, STATUS_ID, (body) => {
        const unknown = unknownNames(body, SPC_ATTRIBUTES, '');
        const schemes = Array.isArray(body['authenticationSchemes']) ? body['authenticationSchemes'] : [];
        schemes.forEach((scheme, i) => {
          if (isObject(scheme))
            unknown.push(...unknownNames(scheme, SCHEME_ATTRIBUTES, `authenticationSchemes[${i}].`));
        });
        return unknown.length === 0
          ? undefined
          : fail('VALUE_MISMATCH', `Attributes outside RFC 7643 §5: ${unknown.join(', ')}`, {
              expected: 'only ServiceProviderConfig attributes',
              actual: unknown,
            });
      }),
  }),
  check({
    id: 'discovery.spc.authentication-schemes-offered',
    title: 'Every authentication scheme /ServiceProviderConfig names is offered by a 401',
    level: 'SHOULD',
    requirements: ['7643-5-a', '7644-2-a'],
    fix: 'List in authenticationSchemes only the schemes the endpoint accepts, matching the challenges its 401 sends.',
    explanation:
      'RFC 7643 §5 says authenticationSchemes lists the schemes the service provider supports, and RFC 7644 §2 says a 401 names them in WWW-Authenticate; a listed scheme the server never offers sends IdP administrators down the wrong set-up.',
    scenario: schemesAndChallenge,
    assert: ({ spc, challenge }): Verdict => {
      if (spc.status !== 200)
        return skip(`The ServiceProviderConfig answered ${spc.status}; judged by ${STATUS_ID}`);
      const body = bodyObject(spc);
      if (isFailure(body))
        return skip(`The ServiceProviderConfig is not a JSON object; judged by ${STATUS_ID}`);
      if (challenge.status !== 401)
        return skip(
          `A bad token answered ${challenge.status}, not 401; judged by security.wrong-token.returns-401`,
        );
      const header = challenge.headers['www-authenticate'];
      if (header === undefined || header.trim() === '')
        return inconclusive('The 401 carries no WWW-Authenticate header to compare with', challenge.exchange);
      const offered = challengeSchemes(header);
      const schemes = Array.isArray(body['authenticationSchemes']) ? body['authenticationSchemes'] : [];
      const missing: string[] = [];
      for (const scheme of schemes) {
        if (!isObject(scheme) || typeof scheme['type'] !== 'string') continue;
        const challengeName = CHALLENGE_OF[scheme['type'].toLowerCase()];
        if (challengeName !== undefined && !offered.has(challengeName)) missing.push(scheme['type']);
      }
      if (missing.length === 0) return pass();
      return fail('VALUE_MISMATCH', `Listed but not offered in WWW-Authenticate: ${missing.join(', ')}`, {
        expected: `challenges for ${missing.join(', ')}`,
        actual: header,
        exchange: challenge.exchange,
      });
    },
  }),
  check({
    id: 'discovery.spc.etag-matches-headers',
    title: 'With etag.supported false, resources carry no ETag header',
    level: 'SHOULD',
    rfc: 'RFC7644 3.14',
    requirements: ['7644-3.14-a', '7643-5-a'],
    fix: 'Either advertise etag.supported true (and honour If-Match/If-None-Match) or stop sending ETag headers.',
    explanation:
      'RFC 7644 §3.14 has ServiceProviderConfig advertise ETag support; a server that sends ETags while saying it has none leaves clients unable to know whether If-Match is honoured.',
    scenario: fetchedUser,
    assert: ({ response }: FetchedUser, ctx): Verdict => {
      if (ctx.target.capabilities.etag) return skip('ETags are advertised; the etag suite judges them');
      if (!ctx.target.capabilities.discovered) return skip('No ServiceProviderConfig to compare with');
      if (!response || response.status !== 200)
        return skip('The fixture User could not be read; judged by users.get.returns-200');
      const etag = response.headers['etag'];
      return etag === undefined
        ? pass()
        : fail('HEADER_MISMATCH', 'An ETag header is sent while etag.supported is false', {
            expected: 'no ETag header',
            actual: etag,
            exchange: response.exchange,
          });
    },
  }),
];
