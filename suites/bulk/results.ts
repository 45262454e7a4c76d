/**
 * Sending BulkRequests and reading BulkResponse results (RFC 7644 §3.7.3), and the root checks every other
 * Bulk check builds on.
 * @module
 */
import { fail, isObject, relativeTo, send, URN } from '../support/index.js';
import type { Failure, HttpResult, JsonObject, ScenarioContext } from '../support/index.js';

/** The check every Bulk check builds on: the BulkRequest is processed and answered 200. */
export const BULK_RETURNS_200 = 'bulk.response.returns-200';
/** The check every judgement of a result's `status` builds on: each status is a status code. */
export const BULK_STATUS_SHAPE = 'bulk.response.status-is-code';

export function operations(res: HttpResult): JsonObject[] {
  return isObject(res.json) && Array.isArray(res.json['Operations'])
    ? res.json['Operations'].filter(isObject)
    : [];
}

/** A result status as the RFC writes it: a string of three digits, or (tolerated) an integer. */
export function isStatusCode(status: unknown): boolean {
  return (
    (typeof status === 'string' && /^[1-5][0-9]{2}$/.test(status)) ||
    (typeof status === 'number' && Number.isInteger(status) && status >= 100 && status <= 599)
  );
}

/**
 * The failure (`code`) naming the first result whose status `ok` refuses, pointing at that status (RFC 7644
 * §3.7.3); undefined when every status passes. Checks differ only in what they accept and how they say it.
 */
export function badResultStatus(
  ops: JsonObject[],
  ok: (status: unknown) => boolean,
  refusal: { code: string; expected: unknown; message: (index: number, status: unknown) => string },
): Failure | undefined {
  const bad = ops.findIndex((o) => !ok(o['status']));
  if (bad < 0) return undefined;
  const status = ops[bad]?.['status'];
  return fail(refusal.code, refusal.message(bad, status), {
    expected: refusal.expected,
    actual: status,
    pointer: `/Operations/${bad}/status`,
  });
}

/**
 * The status of a result read leniently ({"code": "201"} too), only to decide what the run created and must
 * delete: cleanup must not depend on the shape that bulk.response.status-is-code judges.
 */
export function createdStatus(op: JsonObject): boolean {
  const raw = isObject(op['status']) ? op['status']['code'] : op['status'];
  return String(raw).startsWith('2');
}

/** The BulkRequest message of `ops` (RFC 7644 §3.7), with failOnErrors when given. */
export function bulkRequest(ops: unknown[], failOnErrors?: number): JsonObject {
  return {
    schemas: [URN.bulkRequest],
    ...(failOnErrors === undefined ? {} : { failOnErrors }),
    Operations: ops,
  };
}

/**
 * POSTs a BulkRequest (or, for limit checks, the `raw` body as it is) and tracks every resource a result says
 * was created.
 */
export async function postBulk(
  ctx: ScenarioContext,
  body: JsonObject | { raw: string },
): Promise<HttpResult> {
  const res = await send(
    ctx,
    typeof body['raw'] === 'string'
      ? {
          method: 'POST',
          path: '/Bulk',
          body: body['raw'],
          headers: { 'content-type': 'application/scim+json' },
        }
      : { method: 'POST', path: '/Bulk', json: body },
  );
  for (const op of operations(res)) {
    const location = typeof op['location'] === 'string' ? op['location'] : undefined;
    const path = location ? relativeTo(ctx.target.baseUrl, location) : undefined;
    if (path && String(op['method']).toUpperCase() === 'POST' && createdStatus(op)) ctx.ledger.track(path);
  }
  return res;
}
