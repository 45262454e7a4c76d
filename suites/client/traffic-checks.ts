/** How a client behaves over a sequence of requests: throttling, retries after errors and conflicts. */
import { judgeEach } from '../support/index.js';
import type { ClientCheck, ClientRequest, ClientSession } from '../support/index.js';

/** Clock and timer slack between the answer leaving and the next request arriving. */
const TOLERANCE_MS = 100;
/** An identical request re-sent sooner than this after an error is hammering. */
const MIN_RETRY_GAP_MS = 1000;

/** Retry-After as milliseconds after the answer (RFC 9110 §10.2.3: delay-seconds or an HTTP-date). */
function retryAfterMs(r: ClientRequest): number | undefined {
  const value = r.exchange.response.headers['retry-after']?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - r.end);
}

/** Requests that arrived after `r` was answered (only those could react to it), in arrival order. */
function after(session: ClientSession, r: ClientRequest): ClientRequest[] {
  return session.requests.filter((n) => n.seq !== r.seq && n.at >= r.end).sort((a, b) => a.at - b.at);
}

const sameRequest = (a: ClientRequest, b: ClientRequest) =>
  a.method === b.method &&
  a.path === b.path &&
  a.rawQuery === b.rawQuery &&
  (a.body ?? '') === (b.body ?? '');

export const retryAfter: ClientCheck = {
  id: 'client.throttle.retry-after',
  fix: 'After a 429, wait at least the Retry-After delay before the next request.',
  title: 'After a 429 with Retry-After, the client waits that long before its next request',
  level: 'SHOULD',
  rfc: 'RFC6585 4',
  explanation:
    'RFC 6585 §4 and RFC 9110 §10.2.3: Retry-After says how long the client ought to wait; a client that ' +
    'ignores it prolongs the throttling. RFC 7644 is silent, so SHOULD.',
  assert: (session) =>
    judgeEach(
      session.requests.filter((r) => r.status === 429),
      (r) => {
        const delay = retryAfterMs(r);
        if (delay === undefined) return { skip: 'the 429 carried no usable Retry-After' };
        const next = after(session, r)[0];
        if (!next) return { skip: 'no request followed the 429' };
        const waited = next.at - r.end;
        return waited + TOLERANCE_MS < delay
          ? `request #${next.seq} came ${waited} ms after the 429; Retry-After asked for ${delay} ms`
          : undefined;
      },
      {
        code: 'CLIENT_IGNORED_RETRY_AFTER',
        none: 'the client received no 429',
        expected: 'no request before Retry-After has passed',
      },
    ),
};

export const noHammering: ClientCheck = {
  id: 'client.errors.no-hammering',
  fix: 'Back off before retrying a failed request, and do not retry 4xx answers unchanged.',
  title: 'The client does not re-send a failed request unchanged within a second',
  level: 'SHOULD',
  rfc: 'RFC7644 3.12',
  explanation:
    'An error answer (RFC 7644 §3.12) does not change when the same request is repeated at once; a client ' +
    'that loops on it loads the server and its own queue. 429 and 409 are judged by their own checks. SHOULD.',
  assert: (session) =>
    judgeEach(
      session.requests.filter((r) => r.status >= 400 && r.status !== 429 && r.status !== 409),
      (r) => {
        const again = after(session, r).find((n) => sameRequest(n, r) && n.at - r.end < MIN_RETRY_GAP_MS);
        return again
          ? `request #${again.seq} repeated it ${again.at - r.end} ms after its ${r.status}`
          : undefined;
      },
      {
        code: 'CLIENT_HAMMERING',
        none: 'the client received no error answer',
        expected: 'no identical retry within 1 s of an error',
      },
    ),
};

export const lookupAfterConflict: ClientCheck = {
  id: 'client.create.lookup-after-conflict',
  fix: 'After a 409 on create, query the resource (filter on userName or externalId) and update it.',
  title: 'After a 409 on create, the client looks the resource up instead of re-sending the create',
  level: 'SHOULD',
  rfc: 'RFC7644 3.3',
  requirements: ['7644-3.3-h'],
  explanation:
    'RFC 7644 §3.3: a create that conflicts answers 409 uniqueness; the same create will conflict again. ' +
    'IdPs recover by querying the resource (filter or GET) and updating it. SHOULD: behaviour, not a keyword.',
  assert: (session) =>
    judgeEach(
      session.requests.filter((r) => r.method === 'POST' && r.kind === 'collection' && r.status === 409),
      (r) => {
        for (const n of after(session, r)) {
          const lookup =
            (n.method === 'GET' && n.endpoint === r.endpoint) || (n.method === 'POST' && n.kind === 'search');
          if (lookup) return undefined;
          if (sameRequest(n, r))
            return `request #${n.seq} re-sent the create without looking the resource up`;
        }
        return undefined;
      },
      {
        code: 'CLIENT_BLIND_RETRY',
        none: 'no create of the client answered 409',
        expected: 'a query (GET or .search) before any new create',
      },
    ),
};

const SECRET_PARAMS = /^(access_token|bearer_token|token|api_key|apikey|password|secret|client_secret)$/i;

export const noCredentialsInUrl: ClientCheck = {
  id: 'client.auth.no-credentials-in-url',
  fix: 'Send the token in the Authorization header, never in the query string.',
  title: 'Credentials travel in the Authorization header, never in the URL',
  level: 'SHOULD',
  rfc: 'RFC7644 7.5.2',
  explanation:
    'URLs end up in logs and proxies (RFC 7644 §7.5.2); RFC 6750 §2.3 says bearer tokens SHOULD NOT be sent ' +
    'as a query parameter. Judged: token- or password-named query parameters and the Authorization credential.',
  assert: (session) =>
    judgeEach(
      session.requests,
      (r) => {
        const named = [...r.query.keys()].filter((k) => SECRET_PARAMS.test(k));
        if (named.length > 0) return `the URL carries ${named.join(', ')}`;
        const auth = /^\s*\S+\s+(\S{4,})\s*$/.exec(r.exchange.request.headers['authorization'] ?? '')?.[1];
        const url = `${r.path}?${r.rawQuery ?? ''}`;
        if (auth && (url.includes(auth) || url.includes(encodeURIComponent(auth))))
          return 'the URL carries the Authorization credential';
        return undefined;
      },
      {
        code: 'CLIENT_CREDENTIALS_IN_URL',
        none: 'the client sent no request',
        expected: 'credentials only in the Authorization header',
      },
    ),
};
