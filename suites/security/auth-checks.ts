/** Authentication failures (RFC 7644 §2, §3.12). */
import {
  checkRows,
  fail,
  failureIn,
  headerValue,
  onResponse,
  responded,
  statusVerdict,
  verdict,
} from '../support/index.js';
import type { AnyCheck, HttpResult, Verdict } from '../support/index.js';
import { errorSchemas, errorStatusIsString, onError } from '../errors/error-body.js';
import { noToken, wrongToken } from './scenarios.js';

const AUTH = { suite: 'security', rfc: 'RFC7644 3.12' } as const;
const check = checkRows({ ...AUTH, scenario: wrongToken });
/** The checks on the request sent without credentials. */
const noTokenCheck = checkRows({ ...AUTH, scenario: noToken });
const NO_TOKEN_STATUS_ID = 'security.no-token.returns-401';
const WRONG_TOKEN_STATUS_ID = 'security.wrong-token.returns-401';

/** WWW-Authenticate on a 401 only (RFC 7644 §2); other statuses belong to the returns-401 checks. */
function challenges(res: HttpResult, statusCheckId: string): Verdict {
  return onResponse(res, 401, statusCheckId, (answered) =>
    failureIn(headerValue(answered, 'www-authenticate')),
  );
}

const noTokenReturns401 = noTokenCheck({
  id: NO_TOKEN_STATUS_ID,
  title: 'GET /Users without credentials answers 401',
  requirements: ['7644-3.12-d', '7644-2.2-a'],
  level: 'SHOULD',
  explanation:
    'RFC 7644 §3.12 Table 8 gives 401 for missing authorization (the table carries no keyword, hence SHOULD); a server that answers 200 hands its directory to anyone.',
  assert: (res) => statusVerdict(res, 401),
});

const wrongTokenReturns401 = check({
  id: WRONG_TOKEN_STATUS_ID,
  title: 'GET /Users with an unknown bearer token answers 401',
  requirements: ['7644-3.12-d'],
  level: 'SHOULD',
  explanation:
    'RFC 7644 §3.12 Table 8 gives 401 for invalid authorization; a server that accepts any token is open to everyone. The table carries no keyword, hence SHOULD.',
  assert: ({ response }) => statusVerdict(response, 401),
});

const noTokenWwwAuthenticate = noTokenCheck({
  id: 'security.no-token.www-authenticate',
  title: 'A 401 without credentials carries WWW-Authenticate',
  rfc: 'RFC7644 2',
  requirements: ['7644-2-a'],
  level: 'MUST',
  explanation:
    'RFC 7644 §2 says the service provider SHALL indicate its authentication schemes in WWW-Authenticate (RFC 7235 §4.1), which HTTP also requires on every 401.',
  assert: (res) => challenges(res, NO_TOKEN_STATUS_ID),
});

const wrongTokenWwwAuthenticate = check({
  id: 'security.wrong-token.www-authenticate',
  title: 'A 401 for a bad token carries WWW-Authenticate',
  rfc: 'RFC7644 2',
  requirements: ['7644-2-a'],
  level: 'MUST',
  explanation:
    'RFC 7644 §2 says the service provider SHALL indicate its authentication schemes in WWW-Authenticate; RFC 6750 §3 adds error="invalid_token" for a bad bearer token.',
  assert: ({ response }) => challenges(response, WRONG_TOKEN_STATUS_ID),
});

const noTokenErrorBody = noTokenCheck({
  id: 'security.no-token.error-schemas',
  title: 'The 401 carries a SCIM Error body',
  requirements: ['7644-3.12-a'],
  level: 'MUST',
  explanation:
    'RFC 7644 §3.12 says errors come with a JSON body using the Error schema URI; authentication failures are often answered by a gateway with something else.',
  assert: (res) => onError(res, NO_TOKEN_STATUS_ID, errorSchemas),
});

const wrongTokenStatusString = check({
  id: 'security.wrong-token.status-string',
  title: 'The 401 Error status is the string "401"',
  requirements: ['7644-3.12-b'],
  level: 'MUST',
  explanation:
    'RFC 7644 §3.12 makes status a REQUIRED JSON string; Okta\'s own test expects "status":"401" on a bad token.',
  assert: ({ response }) => onError(response, WRONG_TOKEN_STATUS_ID, errorStatusIsString),
});

const wrongTokenNotEchoed = check({
  id: 'security.wrong-token.not-echoed',
  title: 'The rejected token is not echoed in the response',
  rfc: 'RFC7644 7.4',
  level: 'SHOULD',
  explanation:
    'Bearer tokens are credentials (RFC 7644 §7.4, RFC 6750 §5); echoing a presented token into bodies or headers leaks it into logs and proxies. No row of the RFC states this as a keyword, hence SHOULD.',
  assert: ({ response, token }) => {
    const missing = responded(response);
    if (missing) return missing;
    const header = Object.entries(response.headers).find(([, v]) => v.includes(token));
    if (header) {
      return fail('HEADER_MISMATCH', `The ${header[0]} header echoes the presented token`, {
        expected: 'no header containing the token',
        actual: header[0],
      });
    }
    if ((response.text ?? '').includes(token)) {
      return fail('VALUE_MISMATCH', 'The response body echoes the presented token', {
        expected: 'a body without the token',
        actual: '(the token, redacted)',
      });
    }
    return verdict(undefined);
  },
});

export const authChecks: AnyCheck[] = [
  noTokenReturns401,
  wrongTokenReturns401,
  noTokenWwwAuthenticate,
  wrongTokenWwwAuthenticate,
  noTokenErrorBody,
  wrongTokenStatusString,
  wrongTokenNotEchoed,
];
