/** A write whose Content-Type is not JSON (RFC 7644 §3.8). */
import {
  checkRows,
  defineScenario,
  fail,
  get,
  isObject,
  newUserBody,
  pass,
  resourcePath,
  responded,
  send,
  usersAt,
} from '../support/index.js';
import type { AnyCheck, HttpResult, Verdict } from '../support/index.js';

interface PlainTextPost {
  userName: string;
  response: HttpResult;
  /** A userName lookup after the POST, when the target filters. */
  lookup: HttpResult | undefined;
}

/** POST /Users with a valid User body labelled text/plain. */
const plainTextPost = defineScenario<PlainTextPost>({
  id: 'users.post.text-plain',
  run: async (ctx) => {
    const body = newUserBody(ctx);
    const endpoint = usersAt(ctx.target);
    const response = await send(ctx, {
      method: 'POST',
      path: endpoint,
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify(body),
    });
    const id = isObject(response.json) ? response.json['id'] : undefined;
    if (typeof id === 'string' && response.status !== undefined && response.status < 300)
      ctx.ledger.track(resourcePath(endpoint, id));
    const userName = String(body['userName']);
    const lookup = ctx.target.capabilities.filter.supported
      ? await get(ctx, endpoint, { filter: `userName eq ${JSON.stringify(userName)}` })
      : undefined;
    return { userName, response, lookup };
  },
});

function storedBy(lookup: HttpResult | undefined): boolean {
  if (!lookup || lookup.status !== 200 || !isObject(lookup.json)) return false;
  const total = lookup.json['totalResults'];
  return typeof total === 'number' && total > 0;
}

const check = checkRows({ suite: 'users', scenario: plainTextPost });

const nonJsonRejected = check({
  id: 'users.post.non-json-content-type-rejected',
  title: 'A POST labelled text/plain is refused with 415 or 400 and stores nothing',
  rfc: 'RFC7644 3.8',
  requirements: ['7644-3.8-a'],
  level: 'SHOULD',
  explanation:
    'RFC 7644 §3.8 has clients send application/scim+json (or application/json); a server that parses any body as JSON hides client bugs and accepts what a proxy or browser form sent by mistake.',
  fix: 'Answer 415 Unsupported Media Type (or 400) when Content-Type is not application/scim+json or application/json.',
  assert: ({ response, lookup }): Verdict => {
    const missing = responded(response);
    if (missing) return missing;
    const status = response.status as number;
    if (status === 415 || status === 400) {
      return storedBy(lookup)
        ? fail('VALUE_MISMATCH', `The POST answered ${status}, yet the User was stored`, {
            expected: 'nothing stored',
            actual: 'found by userName',
            exchange: lookup?.exchange,
          })
        : pass();
    }
    return fail('STATUS_MISMATCH', `A text/plain POST answered ${status}, expected 415 or 400`, {
      expected: '415 or 400',
      actual: status,
      exchange: response.exchange,
    });
  },
});

export const mediaTypeChecks: readonly AnyCheck[] = [nonJsonRejected];
