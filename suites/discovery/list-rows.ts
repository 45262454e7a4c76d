/** The set-up the two discovery lists (/ResourceTypes, /Schemas) share (RFC 7644 §4). */
import { checkRows, onDiscoveryItems } from '../support/index.js';
import type { Guard, HttpResult, JsonObject, Scenario, Verdict } from '../support/index.js';
import { servedAsScim } from './content-type.js';

/**
 * A discovery list's row builders and the judge of its items, all keyed on `statusId`, the check that its GET
 * answered 200, so one wrong status is one finding; `allowBareArray` tolerates a plain JSON array.
 */
export function listRows(scenario: Scenario<HttpResult>, statusId: string, allowBareArray: boolean) {
  return {
    check: checkRows({ suite: 'discovery', scenario }),
    servedAs: checkRows({ suite: 'discovery', scenario, ...servedAsScim(statusId) }),
    onItems: (res: HttpResult, judge: (items: JsonObject[]) => Guard): Verdict =>
      onDiscoveryItems(res, statusId, allowBareArray, judge),
  };
}
