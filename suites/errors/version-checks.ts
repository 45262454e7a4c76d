/** A version segment in the URL (RFC 7644 §3.13): an unknown version is rejected, never served as v2. */
import { checkRows, defineScenario, fail, get, pass, responded, skip, usersAt } from '../support/index.js';
import type { AnyCheck, HttpResult } from '../support/index.js';

const V2 = /\/v2\/*$/i;

const unknownVersion = defineScenario<HttpResult | undefined>({
  id: 'errors.version.unknown',
  run: (ctx) => {
    const base = ctx.target.baseUrl;
    if (!V2.test(base)) return Promise.resolve(undefined);
    const path = `${base.replace(V2, '/v99')}${usersAt(ctx.target)}`;
    return get(ctx, path, { count: 1 });
  },
});

const check = checkRows({ suite: 'errors', rfc: 'RFC7644 3.13', scenario: unknownVersion });

export const versionChecks: AnyCheck[] = [
  check({
    id: 'errors.version.unknown-rejected',
    title: 'A request under an unknown version segment (/v99) is rejected with a 4xx',
    level: 'MUST',
    requirements: ['7644-3.13-b'],
    explanation:
      'RFC 7644 §3.13: when the URL names a version, the service provider MUST use that version or reject the request; answering /v99/Users as if it were /v2 misleads clients about the protocol they speak.',
    assert: (res) => {
      if (!res) return skip('The base URL has no /v2 version segment to vary');
      const missing = responded(res);
      if (missing) return missing;
      const status = res.status as number;
      return status >= 400 && status < 500
        ? pass()
        : fail('STATUS_MISMATCH', `GET under /v99 answered ${status} instead of rejecting the version`, {
            expected: '4xx (ideally 400 invalidVers)',
            actual: status,
          });
    },
  }),
];
