import { ScimError, type Route } from '../../core/index.js';
import { BASE_PATH, BULK_MAX_OPERATIONS, BULK_MAX_PAYLOAD } from '../constants.js';
import { URN } from '../../../protocol/urns.js';
import { BulkRun, readOperation } from '../bulk/index.js';
import { originOf, readJsonObject } from '../http/index.js';
import type { ResourceKind } from '../resources/index.js';
import type { RouteDeps } from './route-deps.js';

/** POST /Bulk (RFC 7644 §3.7): limits enforced with 413, operations processed in order with bulkId resolution. */
export function bulkRoutes({ ctx, guard }: RouteDeps, kinds: Record<string, ResourceKind>): Route[] {
  return [
    {
      method: 'POST',
      pattern: `${BASE_PATH}/Bulk`,
      handler: guard((req) => {
        if (req.rawBody.length > BULK_MAX_PAYLOAD) {
          throw ScimError.tooMany(
            `Bulk payload of ${req.rawBody.length} bytes exceeds maxPayloadSize ${BULK_MAX_PAYLOAD} (RFC 7644 §3.7.4)`,
            413,
          );
        }
        const body = readJsonObject(req);
        if (!Array.isArray(body.schemas) || !body.schemas.includes(URN.bulkRequest)) {
          throw ScimError.invalidSyntax(
            `A Bulk body must carry schemas ["${URN.bulkRequest}"] (RFC 7644 §3.7)`,
          );
        }
        if (!Array.isArray(body.Operations))
          throw ScimError.invalidSyntax('A BulkRequest needs an "Operations" array');
        if (body.Operations.length > BULK_MAX_OPERATIONS) {
          throw ScimError.tooMany(
            `Bulk request has ${body.Operations.length} operations, above maxOperations ${BULK_MAX_OPERATIONS} (RFC 7644 §3.7.4)`,
            413,
          );
        }
        const failOnErrors = body.failOnErrors;
        if (failOnErrors !== undefined && (!Number.isInteger(failOnErrors) || (failOnErrors as number) < 1)) {
          throw ScimError.invalidValue('"failOnErrors" must be a positive integer (RFC 7644 §3.7)');
        }
        const limit = ctx.quirks.has('bulk-ignores-fail-on-errors')
          ? undefined
          : (failOnErrors as number | undefined);
        const ops = (body.Operations as unknown[]).map(readOperation);
        const run = new BulkRun(ctx, kinds, ops, originOf(req) + BASE_PATH, limit);
        for (let i = 0; i < ops.length && !run.stopped; i++) run.run(i);
        return { status: 200, body: { schemas: [URN.bulkResponse], Operations: run.results } };
      }),
    },
  ];
}
