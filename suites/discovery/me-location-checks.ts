/** GET /Me answered directly (RFC 7644 §3.11): the Location header names the aliased resource. */
import {
  bodyObject,
  checkRows,
  fail,
  headerValue,
  isFailure,
  pass,
  resolveUrl,
  responded,
  skip,
} from '../support/index.js';
import type { AnyCheck } from '../support/index.js';
import { me } from './me-checks.js';

const check = checkRows({ suite: 'discovery', rfc: 'RFC7644 3.11', scenario: me });

export const meLocationChecks: AnyCheck[] = [
  check({
    id: 'discovery.me.location-names-resource',
    title: 'A 200 answer to GET /Me carries a Location of the aliased resource',
    level: 'MUST',
    requirements: ['7644-3.11-c'],
    explanation:
      'RFC 7644 §3.11: when /Me is processed directly, the response MUST carry a Location header with the permanent URL of the aliased resource (e.g. /Users/{id}), not /Me.',
    assert: (res) => {
      const missing = responded(res);
      if (missing) return missing;
      if (res.status !== 200) return skip(`GET /Me answered ${res.status}, not processed directly`);
      const location = headerValue(res, 'location');
      if (isFailure(location)) return location;
      const body = bodyObject(res);
      if (isFailure(body)) return body;
      const id = typeof body['id'] === 'string' ? body['id'] : '';
      const path = resolveUrl(location, res.exchange.request.url)?.pathname.replace(/\/+$/, '');
      const wanted = `/${encodeURIComponent(id)}`;
      if (id !== '' && path !== undefined && !/\/Me$/i.test(path) && path.endsWith(wanted)) return pass();
      return fail('VALUE_MISMATCH', `Location ${location} is not the permanent URL of resource ${id}`, {
        expected: `…/<endpoint>${wanted}`,
        actual: location,
      });
    },
  }),
];
