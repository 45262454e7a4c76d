/**
 * Issue 22: when the target resets the connection instead of answering an oversized request, the 413 checks
 * cannot see whether it refused the request: they say the answer was lost in transit (inconclusive,
 * ANSWER_LOST), never pass and never a plain failure.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { CheckResult } from '../../../engine/index.js';
import type { ProxiedRequest } from '../../support/mutating-proxy.js';
import { startProxiedRfc, type ProxiedRfc } from './support/harness.js';

let proxied: ProxiedRfc;
beforeAll(async () => {
  proxied = await startProxiedRfc();
});
afterAll(async () => {
  await proxied.close();
});

const BULK_MAX_PAYLOAD = 1_048_576;
const bulkPost = (req: ProxiedRequest): boolean => req.method === 'POST' && /^\/Bulk$/i.test(req.path);
const byId = (results: CheckResult[]): Record<string, CheckResult | undefined> =>
  Object.fromEntries(results.map((r) => [r.id, r]));

test('a reset in place of the maxPayloadSize 413 is an answer lost in transit, not a pass or a failure', async () => {
  const r = byId(
    await proxied.runAll(['bulk.limits.*'], {
      reset: (req) => bulkPost(req) && Buffer.byteLength(req.body) > BULK_MAX_PAYLOAD,
    }),
  );
  for (const id of ['bulk.limits.max-payload-413', 'bulk.limits.max-payload-names-limit']) {
    expect(r[id], id).toMatchObject({ outcome: 'inconclusive', code: 'ANSWER_LOST' });
    expect(r[id]?.message, id).toMatch(/lost in transit.*reset the connection while POST .*\/Bulk/);
    expect(r[id]?.exchanges.at(-1)?.error?.code, id).toBe('TARGET_RESET');
  }
  // The maxOperations request was answered: its checks still judge the answer.
  expect(r['bulk.limits.max-operations-413']?.outcome).toBe('pass');
  expect(r['bulk.limits.max-operations-names-limit']?.outcome).toBe('pass');
});

test('a reset of a request that should succeed stays a NO_RESPONSE failure', async () => {
  const [result] = await proxied.runAll(['bulk.response.returns-200'], { reset: bulkPost });
  expect(result).toMatchObject({ outcome: 'fail', code: 'NO_RESPONSE' });
});
