/**
 * Preflight: a few read-only requests before discovery decide whether a run can start at all. A wrong
 * set-up (nothing listening, DNS, TLS, a login page, a rejected credential, a base URL without its SCIM path)
 * stops the run with one coded HarnessError instead of a hundred failed checks.
 * @module
 */
import { HarnessError } from '../errors.js';
import type { HttpClient, HttpResult } from '../model/index.js';
import { isObject } from '../../protocol/json.js';
import { URN } from '../../protocol/urns.js';

interface PreflightOptions {
  /** The target's SCIM base URL (no trailing slash). */
  baseUrl: string;
  /** The Authorization scheme the run sends (`Bearer`), or undefined when it sends none. */
  authScheme?: string;
}

/** Where SCIM services usually live below a host (RFC 7644 §3.13 leaves the base path to the provider). */
const USUAL_BASE_PATHS = ['/scim/v2', '/scim', '/v2', '/api/scim/v2'] as const;

const TLS_CODES =
  /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS|ERR_SSL|SSL_|EPROTO|wrong version number/i;
const MAX_REDIRECTS = 5;

/** Turns an exchange that got no answer into the one sentence a user needs. */
function noAnswer(res: HttpResult, what: string, host: string): HarnessError {
  const error = res.exchange.error ?? { code: 'TARGET_UNREACHABLE', message: 'no response' };
  const detail = error.message;
  if (error.code === 'HARNESS_ABORTED') return new HarnessError('HARNESS_ABORTED', 'the run was aborted');
  if (TLS_CODES.test(detail))
    return new HarnessError(
      'TARGET_TLS_ERROR',
      `the TLS connection to ${host} failed (${detail.split(':')[0]}): if the target uses a private CA, trust it with NODE_EXTRA_CA_CERTS=/path/to/ca.pem; if it speaks plain HTTP, use an http:// URL`,
    );
  if (error.code === 'TARGET_TIMEOUT')
    return new HarnessError(
      'TARGET_TIMEOUT',
      `${host} accepted the connection but did not answer ${what} in time (${detail}); raise --timeout if it is just slow`,
    );
  if (/ECONNREFUSED/.test(detail))
    return new HarnessError(
      'TARGET_UNREACHABLE',
      `connection refused by ${host}: nothing listens there (check the host and port of --target)`,
    );
  if (/ENOTFOUND|EAI_AGAIN|EAI_NONAME/.test(detail))
    return new HarnessError(
      'TARGET_UNREACHABLE',
      `the host name of ${host} could not be resolved (DNS): check the spelling of --target`,
    );
  if (error.code === 'TARGET_RESET')
    return new HarnessError('TARGET_UNREACHABLE', `${host} closed the connection without answering ${what}`);
  if (error.code === 'TARGET_PROTOCOL_ERROR')
    return new HarnessError('TARGET_NOT_SCIM', `${host} did not answer ${what} with valid HTTP (${detail})`);
  return new HarnessError('TARGET_UNREACHABLE', `cannot reach ${host}: ${detail}`);
}

/** A JSON answer: a body that parses, or a JSON media type (a broken body is then the checks' verdict). */
function looksJson(res: HttpResult): boolean {
  return res.json !== undefined || /json/i.test(res.headers['content-type'] ?? '');
}

function describeNonJson(res: HttpResult): string {
  const type = res.headers['content-type']?.split(';')[0]?.trim() || 'no content type';
  const text = (res.text ?? '').trimStart().slice(0, 200).toLowerCase();
  if (type.includes('html') || text.startsWith('<!doctype html') || text.startsWith('<html'))
    return `an HTML page (${type}), not SCIM JSON: a login page or a proxy in front of the service?`;
  return `a ${type} body that is not JSON`;
}

/** Does `base` answer like a SCIM service (a ServiceProviderConfig or a ListResponse of Users)? */
async function answersScim(http: HttpClient, base: string): Promise<boolean> {
  const spc = await http.request({ method: 'GET', path: `${base}/ServiceProviderConfig` });
  if (spc.status === 200 && isObject(spc.json)) return true;
  const users = await http.request({ method: 'GET', path: `${base}/Users`, query: { count: 1 } });
  // A SCIM error body (RFC 7644 §3.12) on a 401 still tells a SCIM service from a generic 404 or login page.
  const schemas = isObject(users.json) && Array.isArray(users.json.schemas) ? users.json.schemas : [];
  if ((users.status === 401 || users.status === 403) && schemas.includes(URN.error)) return true;
  return (
    users.status === 200 &&
    isObject(users.json) &&
    (Array.isArray(users.json.Resources) || typeof users.json.totalResults === 'number')
  );
}

/** The first usual SCIM base below the given URL or its origin that answers like SCIM, if any. */
async function findScimBase(http: HttpClient, baseUrl: string): Promise<string | undefined> {
  const origin = new URL(baseUrl).origin;
  const candidates = [
    ...USUAL_BASE_PATHS.map((p) => `${baseUrl}${p}`),
    ...USUAL_BASE_PATHS.map((p) => `${origin}${p}`),
  ].filter((c, i, all) => c !== baseUrl && all.indexOf(c) === i);
  for (const candidate of candidates) {
    if (await answersScim(http, candidate)) return candidate;
  }
  return undefined;
}

/** Follows redirects by hand (the transport never does) to name where they lead, or a loop. */
async function describeRedirect(http: HttpClient, first: HttpResult, from: string): Promise<string> {
  const seen = new Set<string>([from]);
  let res = first;
  let at = from;
  for (let hop = 0; hop < MAX_REDIRECTS; hop++) {
    const location = res.headers['location'];
    if (!location) return `${from} answered ${res.status} without a Location header`;
    const next = new URL(location, at).href;
    if (seen.has(next)) return `${from} redirects in a loop (back to ${next})`;
    seen.add(next);
    at = next;
    res = await http.request({ method: 'GET', path: next });
    if (res.status === undefined || res.status < 300 || res.status >= 400)
      return `${from} redirects to ${next}; SCIM clients do not follow redirects, so use the final URL as --target`;
  }
  return `${from} redirects more than ${MAX_REDIRECTS} times (a redirect loop?)`;
}

/**
 * Decides whether a run can start; throws a HarnessError (TARGET_UNREACHABLE, TARGET_TIMEOUT,
 * TARGET_TLS_ERROR, TARGET_AUTH_REJECTED, TARGET_NOT_SCIM) with one plain sentence when it cannot.
 */
export async function preflight(http: HttpClient, options: PreflightOptions): Promise<void> {
  const base = options.baseUrl.replace(/\/+$/, '');
  const host = new URL(base).host;
  // /Users needs authentication on every real service, while /ServiceProviderConfig may be public (RFC 7644 §4).
  const what = 'GET /Users';
  const res = await http.request({ method: 'GET', path: '/Users', query: { count: 1 } });
  if (res.status === undefined) throw noAnswer(res, what, host);
  const status = res.status;
  if (status === 401 || status === 403) {
    const sent = options.authScheme
      ? `the ${options.authScheme} token that was sent`
      : 'a request without credentials (no token was given: use --token or SCIM_TOKEN)';
    throw new HarnessError(
      'TARGET_AUTH_REJECTED',
      `${host} rejected the credential: ${what} answered ${status} to ${sent}`,
    );
  }
  if (status >= 300 && status < 400)
    throw new HarnessError('TARGET_NOT_SCIM', await describeRedirect(http, res, `${base}/Users`));
  if (status === 404) {
    // A service without Users may still be SCIM: a usable /ServiceProviderConfig settles it.
    const spc = await http.request({ method: 'GET', path: '/ServiceProviderConfig' });
    if (spc.status === 200 && isObject(spc.json)) return;
    const found = await findScimBase(http, base);
    throw new HarnessError(
      'TARGET_NOT_SCIM',
      found
        ? `no SCIM service at ${base} (${what} answered 404), but ${found} answers like one: use --target ${found}`
        : `no SCIM service at ${base}: ${what} answered 404, and none of ${USUAL_BASE_PATHS.join(', ')} below it or its origin answered like SCIM (check the base URL)`,
    );
  }
  const html = /html/i.test(res.headers['content-type'] ?? '') || /^\s*</.test(res.text ?? '');
  if (!looksJson(res) && ((status >= 200 && status < 300) || (html && status !== 429)))
    throw new HarnessError(
      'TARGET_NOT_SCIM',
      `${base} answered ${what} with ${status} and ${describeNonJson(res)}`,
    );
  // Anything else (400, 429, 5xx, a JSON 2xx) is a verdict for the checks, not a set-up problem.
}
