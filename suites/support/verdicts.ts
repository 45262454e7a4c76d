/** Turns guards into verdicts, with the prerequisite rule every suite follows. */
import {
  about,
  expectContentType,
  pass,
  skip,
  verdict,
  type HttpResult,
  type Verdict,
} from '../../engine/index.js';
import { bodyObject, expectStatus, isFailure, responded, type Guard, type JsonObject } from './guards.js';
import { discoveryItems, listIds } from './lists.js';
import { SCIM_MEDIA_TYPE } from './urns.js';

/** The verdict of a judge of `res`: a failure names `res` as its decisive exchange unless it names another. */
export function verdictOn(res: HttpResult, failure: Guard): Verdict {
  return about(res, failure) ?? pass();
}

/**
 * Judges the body of a response that must have answered `status`: a wrong status, or a body that is not a JSON
 * object, is the failure itself; otherwise `judge` decides, about `res`.
 */
export function bodyVerdict(
  res: HttpResult,
  status: number | readonly number[],
  judge: (body: JsonObject) => Guard | Verdict,
): Verdict {
  const wrong = expectStatus(res, status);
  if (wrong) return wrong;
  const body = bodyObject(res);
  if (isFailure(body)) return body;
  return settle(res, judge(body));
}

/** Judges a ListResponse that must have answered 200 (RFC 7644 §3.4.2): the ids it lists and its body. */
export function listVerdict(
  res: HttpResult,
  judge: (ids: string[], body: JsonObject) => Guard | Verdict,
): Verdict {
  return bodyVerdict(res, 200, (body) => {
    const ids = listIds(res);
    return isFailure(ids) ? ids : judge(ids, body);
  });
}

/** A judge's answer as a verdict: nothing is a pass, a failure names `res` unless it names another exchange. */
export function settle(res: HttpResult, judged: Guard | Verdict): Verdict {
  if (judged === undefined) return pass();
  return judged.kind === 'fail' ? about(res, judged) : judged;
}

/**
 * Judges the body of a response only when it answered with the status another check already asserts;
 * otherwise the check is skipped, so one broken status does not cascade into a dozen failures.
 */
export function onBody(
  res: HttpResult | undefined,
  okStatus: number | readonly number[],
  statusCheckId: string,
  judge: (body: JsonObject) => Guard,
): Verdict {
  return onResponse(res, okStatus, statusCheckId, (answered) => {
    const body = bodyObject(answered);
    return isFailure(body) ? body : judge(body);
  });
}

/** Same as onBody, for checks about headers rather than the body. */
export function onResponse(
  res: HttpResult | undefined,
  okStatus: number | readonly number[],
  statusCheckId: string,
  judge: (res: HttpResult) => Guard,
): Verdict {
  const unanswered = notAnswered(res, statusCheckId);
  if (unanswered || !res) return unanswered as Verdict;
  const wanted = typeof okStatus === 'number' ? [okStatus] : okStatus;
  if (!wanted.includes(res.status as number)) {
    return skip(`The response status was ${res.status}, judged by ${statusCheckId}`);
  }
  return verdictOn(res, judge(res));
}

/**
 * Why a prerequisite response cannot be judged: it was not sent (skip, `statusCheckId` says why) or got no
 * answer (NO_RESPONSE); undefined when there is an answer to judge.
 */
export function notAnswered(res: HttpResult | undefined, statusCheckId: string): Verdict | undefined {
  if (!res) return skip(`The prerequisite request was not sent; see ${statusCheckId}`);
  return responded(res);
}

export function statusVerdict(res: HttpResult | undefined, expected: number | readonly number[]): Verdict {
  if (!res) return skip('The prerequisite request was not sent');
  return verdict(expectStatus(res, expected));
}

export function scimContentType(res: HttpResult): Guard {
  return expectContentType(res, SCIM_MEDIA_TYPE);
}

/**
 * Judges the items of a discovery list answered 200; a missing answer fails, any other status is left to
 * the suite's status check (`statusCheckId`), so one wrong status gives one failure.
 */
export function onDiscoveryItems(
  res: HttpResult,
  statusCheckId: string,
  allowBareArray: boolean,
  judge: (items: JsonObject[]) => Guard,
): Verdict {
  const missing = responded(res);
  if (missing) return missing;
  if (res.status !== 200) return skip(`The response status was ${res.status}, judged by ${statusCheckId}`);
  const items = discoveryItems(res, allowBareArray);
  if (isFailure(items)) return about(res, items);
  return verdictOn(res, judge(items));
}
