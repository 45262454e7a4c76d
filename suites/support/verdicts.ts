/** Turns guards into verdicts, with the prerequisite rule every suite follows. */
import { about, expectContentType, pass, skip, type HttpResult, type Verdict } from '../../engine/index.js';
import { bodyObject, expectStatus, isFailure, responded, type Guard, type JsonObject } from './guards.js';
import { discoveryItems } from './lists.js';
import { SCIM_MEDIA_TYPE } from './urns.js';

export function verdict(failure: Guard): Verdict {
  return failure ?? pass();
}

/** The verdict of a judge of `res`: a failure names `res` as its decisive exchange unless it names another. */
export function verdictOn(res: HttpResult, failure: Guard): Verdict {
  return about(res, failure) ?? pass();
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
  if (!res) return skip(`The prerequisite request was not sent; see ${statusCheckId}`);
  const missing = responded(res);
  if (missing) return missing;
  const wanted = typeof okStatus === 'number' ? [okStatus] : okStatus;
  if (!wanted.includes(res.status as number)) {
    return skip(`The response status was ${res.status}, judged by ${statusCheckId}`);
  }
  const body = bodyObject(res);
  if (isFailure(body)) return body;
  return verdictOn(res, judge(body));
}

/** Same as onBody, for checks about headers rather than the body. */
export function onResponse(
  res: HttpResult | undefined,
  okStatus: number | readonly number[],
  statusCheckId: string,
  judge: (res: HttpResult) => Guard,
): Verdict {
  if (!res) return skip(`The prerequisite request was not sent; see ${statusCheckId}`);
  const missing = responded(res);
  if (missing) return missing;
  const wanted = typeof okStatus === 'number' ? [okStatus] : okStatus;
  if (!wanted.includes(res.status as number)) {
    return skip(`The response status was ${res.status}, judged by ${statusCheckId}`);
  }
  return verdictOn(res, judge(res));
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
