/** Judging SCIM Error bodies (RFC 7644 §3.12), shared by the errors and security suites. */
import {
  bodyObject,
  expectSchemasContain,
  fail,
  isFailure,
  notAnswered,
  scimContentType,
  skip,
  URN,
  verdict,
} from '../support/index.js';
import type { AssertContext, Guard, HttpResult, JsonObject, Verdict } from '../support/index.js';

/** Runs `judge` on a 4xx/5xx response; a success answer is some other check's failure, so this one skips. */
export function onError(
  res: HttpResult | undefined,
  statusCheckId: string,
  judge: (res: HttpResult) => Guard,
): Verdict {
  const unanswered = notAnswered(res, statusCheckId);
  if (unanswered || !res) return unanswered as Verdict;
  if ((res.status as number) < 400)
    return skip(`The server answered ${res.status}, not an error; judged by ${statusCheckId}`);
  return verdict(judge(res));
}

function errorObject(res: HttpResult, judge: (body: JsonObject) => Guard): Guard {
  const body = bodyObject(res);
  return isFailure(body) ? body : judge(body);
}

export const errorSchemas = (res: HttpResult): Guard =>
  errorObject(res, (body) => expectSchemasContain(body, URN.error));

/** Runs `judge` on the Error body's status (RFC 7644 §3.12: REQUIRED), or ATTRIBUTE_MISSING without one. */
function errorStatus(res: HttpResult, judge: (status: unknown) => Guard): Guard {
  return errorObject(res, (body) => {
    const status = body['status'];
    if (status !== undefined && status !== null) return judge(status);
    return fail('ATTRIBUTE_MISSING', 'The Error body has no status', {
      expected: String(res.status),
      pointer: '/status',
    });
  });
}

export function errorStatusIsString(res: HttpResult): Guard {
  return errorStatus(res, (status) => {
    if (typeof status !== 'string') {
      return fail('VALUE_MISMATCH', `Error status is a JSON ${typeof status}, not a string`, {
        expected: String(res.status),
        actual: status,
        pointer: '/status',
      });
    }
    return undefined;
  });
}

export function errorStatusMatchesHttp(res: HttpResult): Guard {
  return errorStatus(res, (status) => {
    // The type is errors.*.status-string's business: 404 and "404" both match the HTTP status here.
    if (String(status) === String(res.status)) return undefined;
    return fail(
      'VALUE_MISMATCH',
      `Error status ${JSON.stringify(status)} differs from the HTTP status ${res.status}`,
      {
        expected: String(res.status),
        actual: status,
        pointer: '/status',
      },
    );
  });
}

export function errorSchemaValid(res: HttpResult, ctx: AssertContext): Guard {
  return errorObject(res, (body) => ctx.validate(URN.error, body)[0]);
}

export function errorContentType(res: HttpResult): Guard {
  return scimContentType(res);
}

/** scimType equals `expected`; RFC 7644 §3.12 makes scimType OPTIONAL, so callers choose the level. */
export function errorScimType(res: HttpResult, expected: string): Guard {
  return errorObject(res, (body) => {
    const scimType = body['scimType'];
    if (scimType === undefined || scimType === null) {
      return fail('ATTRIBUTE_MISSING', `The Error body has no scimType, expected "${expected}"`, {
        expected,
        pointer: '/scimType',
      });
    }
    if (scimType === expected) return undefined;
    return fail('VALUE_MISMATCH', `scimType is ${JSON.stringify(scimType)}, expected "${expected}"`, {
      expected,
      actual: scimType,
      pointer: '/scimType',
    });
  });
}
