/** GET /Me checks (RFC 7644 §3.11). */
import { checkRows, defineScenario, fail, get, pass } from '../support/index.js';
import type { AnyCheck, HttpResult } from '../support/index.js';

const SUITE = 'discovery';

export const me = defineScenario<HttpResult>({
  id: 'discovery.me.get',
  run: (ctx) => get(ctx, '/Me'),
});

/** The answers §3.11 allows: the resource itself, a 308 redirect to it, or 501 when /Me is not supported. */
const ME_STATUSES = [200, 308, 501];

const check = checkRows({ suite: SUITE, rfc: 'RFC7644 3.11', scenario: me });

export const meChecks: AnyCheck[] = [
  check({
    id: 'discovery.me.status-allowed',
    title: 'GET /Me answers 200, 308, or 501 when /Me is not supported',
    level: 'SHOULD',
    requirements: ['7644-3.11-a'],
    explanation:
      'RFC 7644 §3.11 says a service provider that does not support /Me SHOULD answer 501 Not Implemented; a 404 or 500 leaves clients unable to tell "unsupported" from "broken".',
    assert: (res) => {
      if (res.status === undefined) {
        return fail('NO_RESPONSE', `GET /Me got no response (${res.exchange.error?.code ?? 'unknown'})`);
      }
      return ME_STATUSES.includes(res.status)
        ? pass()
        : fail('STATUS_MISMATCH', `GET /Me answered ${res.status}`, {
            expected: ME_STATUSES,
            actual: res.status,
          });
    },
  }),
];
