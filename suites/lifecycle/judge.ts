/**
 * How a lifecycle check turns what the replay recorded into a verdict, the way the profile's IdP
 * judges it. A failure on a step the profile marks as inferred ([I]) is reported as a skip that states
 * the failure: inferred behaviour is never the sole reason for an "incompatible" verdict.
 */
import {
  bodyObject,
  expectStatus,
  fail,
  failureIn,
  isFailure,
  isObject,
  isProfileData,
  pass,
  responded,
  skip,
  stepFor,
  URN,
} from '../support/index.js';
import type {
  AssertContext,
  Failure,
  HttpResult,
  JsonObject,
  ProfileData,
  StepAction,
  Verdict,
} from '../support/index.js';

export type Judgement = Failure | undefined | { skip: string };

/**
 * Runs `judge` for the profile's step `action` (the first of `actions` the profile sends).
 * Not a lifecycle profile, or a step the IdP does not send → skip with the reason.
 */
export function judgeStep(
  ctx: AssertContext,
  actions: StepAction | readonly StepAction[],
  judge: (profile: ProfileData) => Judgement,
): Verdict {
  const data = ctx.profile.data;
  if (!isProfileData(data)) return skip(`profile ${ctx.profile.name} describes no IdP lifecycle`);
  const list = typeof actions === 'string' ? [actions] : actions;
  const step = list.map((a) => stepFor(data, a)).find((s) => s !== undefined);
  if (!step)
    return skip(
      `${data.name} does not send ${list.join(' / ')} (not in its phases, or switched off by its features)`,
    );
  const outcome = judge(data);
  const cite = `${step.action} [${step.evidence}] ${step.source}`;
  if (outcome === undefined) return pass(`as ${data.name} judges it (${cite})`);
  if ('skip' in outcome) return skip(outcome.skip);
  if (step.evidence === 'I') {
    return skip(
      `not judged: ${cite} is inferred, so it cannot make ${data.name} incompatible; the target ${outcome.message}`,
    );
  }
  return { ...outcome, message: `${outcome.message} (${data.name}: ${cite})` };
}

/** Skip marker for a step whose prerequisite did not happen. */
export function prerequisite(what: string, checkId: string): { skip: string } {
  return { skip: `not sent: ${what} (see ${checkId})` };
}

function isListResponse(body: JsonObject): boolean {
  const schemas = body['schemas'];
  return (
    Array.isArray(schemas) &&
    schemas.some((s) => typeof s === 'string' && s.toLowerCase() === URN.listResponse.toLowerCase())
  );
}

/** The Resources of a 200 ListResponse, or why the answer is not one. */
export function listHits(res: HttpResult): JsonObject[] | Failure {
  const status = expectStatus(res, 200);
  if (status) return status;
  const body = bodyObject(res);
  if (isFailure(body)) return body;
  if (!isListResponse(body)) {
    return fail('VALUE_MISMATCH', 'the answer to a query is not a ListResponse', {
      expected: `schemas containing ${URN.listResponse}`,
      actual: body['schemas'],
      pointer: '/schemas',
    });
  }
  const resources = body['Resources'];
  if (resources === undefined || resources === null) return [];
  if (!Array.isArray(resources))
    return fail('VALUE_MISMATCH', 'Resources is not an array', { pointer: '/Resources' });
  return resources.filter(isObject);
}

/**
 * A query for something absent, answered as the profile's IdP accepts: one of its `zeroHitAccepted` statuses,
 * a 200 being an empty ListResponse.
 */
export function zeroHit(res: HttpResult, profile: ProfileData): Failure | undefined {
  const status = expectStatus(res, profile.responses.zeroHitAccepted);
  if (status) return status;
  if (res.status !== 200) return undefined;
  const hits = listHits(res);
  if (isFailure(hits)) return hits;
  const total = (res.json as JsonObject)['totalResults'];
  if (hits.length > 0 || (total !== undefined && total !== 0)) {
    return fail(
      'VALUE_MISMATCH',
      `the query for an absent resource found ${String(total ?? hits.length)} result(s)`,
      {
        expected: 0,
        actual: total ?? hits.length,
        pointer: '/totalResults',
      },
    );
  }
  return undefined;
}

/** The match query before a create found nothing (zeroHit); a query never sent names `checkId` as the cause. */
export function matchedNothing(
  res: HttpResult | undefined,
  profile: ProfileData,
  what: string,
  checkId: string,
): Judgement {
  return res ? zeroHit(res, profile) : prerequisite(what, checkId);
}

/** The answer's status is one of `accepted`. */
export function statusIn(
  res: HttpResult | undefined,
  accepted: readonly number[],
  what: string,
  checkId: string,
): Judgement {
  if (!res) return prerequisite(what, checkId);
  return expectStatus(res, accepted);
}

/** Every pointer in `required` is present (and not null) in `body`. */
export function requiredFields(body: JsonObject, required: readonly string[]): Failure | undefined {
  for (const pointer of required) {
    let node: unknown = body;
    for (const token of pointer.slice(1).split('/')) {
      if (Array.isArray(node)) node = node[Number(token)];
      else if (isObject(node)) {
        const key = Object.keys(node).find((k) => k.toLowerCase() === token.toLowerCase());
        node = key === undefined ? undefined : node[key];
      } else node = undefined;
    }
    if (node === undefined || node === null) {
      return fail('ATTRIBUTE_MISSING', `the returned user has no ${pointer.slice(1).replace(/\//g, '.')}`, {
        expected: 'present',
        pointer,
      });
    }
  }
  return undefined;
}

/** The JSON object body of a response that answered one of `okStatus`; otherwise a skip naming the status check. */
export function bodyWhen(
  res: HttpResult | undefined,
  okStatus: readonly number[],
  statusCheckId: string,
): JsonObject | Failure | { skip: string } {
  if (!res) return prerequisite('the request', statusCheckId);
  const missing = responded(res);
  if (missing) return missing;
  if (!okStatus.includes(res.status as number))
    return { skip: `the status was ${res.status}, judged by ${statusCheckId}` };
  return bodyObject(res);
}

/** Runs `judge` on the body of `res` when bodyWhen finds one; its skip or failure otherwise stands, unjudged. */
export function onBodyWhen(
  res: HttpResult | undefined,
  okStatus: readonly number[],
  statusCheckId: string,
  judge: (body: JsonObject) => Judgement,
): Judgement {
  const body = bodyWhen(res, okStatus, statusCheckId);
  return isSkip(body) || isFailure(body) ? body : judge(body);
}

export function isSkip(value: unknown): value is { skip: string } {
  return isObject(value) && typeof value['skip'] === 'string';
}

/** A connection-test probe: a filter for something absent finds nothing as the IdP accepts, a plain list is a ListResponse. */
export function probeAnswered(res: HttpResult | undefined, profile: ProfileData, checkId: string): Judgement {
  if (!res) return prerequisite('the probe', checkId);
  if (res.exchange.request.url.includes('filter=')) return zeroHit(res, profile);
  return failureIn(listHits(res));
}

/** RFC 7644 §3.4.2: totalResults, startIndex and itemsPerPage are integers. */
export function integerPaging(body: JsonObject): Failure | undefined {
  for (const key of ['totalResults', 'startIndex', 'itemsPerPage']) {
    if (!Number.isInteger(body[key])) {
      return fail('VALUE_MISMATCH', `${key} is ${JSON.stringify(body[key])}, not an integer`, {
        expected: 'an integer',
        actual: body[key],
        pointer: `/${key}`,
      });
    }
  }
  return undefined;
}

/** Exactly one hit, and it is `id`. */
export function oneHit(res: HttpResult, id: string | undefined, what: string): Failure | undefined {
  const hits = listHits(res);
  if (isFailure(hits)) return hits;
  if (hits.length !== 1 || hits[0]?.['id'] !== id) {
    return fail('VALUE_MISMATCH', `${what} found ${hits.length} user(s), expected exactly the one`, {
      expected: id,
      actual: hits.map((h) => h['id']),
      pointer: '/Resources',
    });
  }
  return undefined;
}
