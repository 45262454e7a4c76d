/**
 * The end-of-run cleanup deletes several resources at a time, yet never a User before every Group is gone:
 * a group may contain users created before it, and a member deleted first may linger in the group.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { CreationTracker } from '../../../engine/runner/creation-tracker.js';
import { cleanUpRun } from '../../../engine/runner/sweep.js';
import { HttpTransport } from '../../../engine/transport/http-transport.js';
import { sendJson, startTestServer, type TestServer } from '../helpers.js';

const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const PREFIX = 'scimtest-abc123';

interface Event {
  kind: 'start' | 'end';
  path: string;
}

/** Stores Users and Groups; each DELETE takes 20 ms so that concurrent deletes overlap. */
async function storingServer(): Promise<TestServer & { events: Event[]; maxInFlight: () => number }> {
  const stored = new Map<string, string>();
  const events: Event[] = [];
  let next = 1;
  let inFlight = 0;
  let max = 0;
  const server = await startTestServer(async (req, res, body) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname.replace(/^\/scim\/v2/, '');
    const collection = /^\/(Users|Groups)$/.exec(path);
    if (collection && req.method === 'POST') {
      const parsed = JSON.parse(body) as { userName?: string; displayName?: string };
      const id = String(next++);
      stored.set(`${path}/${id}`, parsed.userName ?? parsed.displayName ?? '');
      return sendJson(res, 201, { id, ...parsed });
    }
    if (collection && req.method === 'GET')
      return sendJson(res, 200, { schemas: [LIST], totalResults: 0, Resources: [] });
    if (req.method === 'DELETE' && stored.has(path)) {
      events.push({ kind: 'start', path });
      max = Math.max(max, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 20));
      stored.delete(path);
      inFlight--;
      events.push({ kind: 'end', path });
      res.writeHead(204);
      return res.end();
    }
    if (req.method === 'GET' && stored.has(path)) return sendJson(res, 200, { id: path.split('/').pop() });
    return sendJson(res, 404, { status: '404' });
  });
  return { ...server, events, maxInFlight: () => max };
}

let server: Awaited<ReturnType<typeof storingServer>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Creates users and groups interleaved (each group after the users it would contain), then cleans up. */
async function createThenClean(concurrency: number) {
  server = await storingServer();
  const tracker = new CreationTracker(server.url);
  tracker.setEndpoints({ User: { endpoint: '/Users' }, Group: { endpoint: '/Groups' } });
  const transport = new HttpTransport({ baseUrl: server.url, onExchange: (e) => tracker.observe(e) });
  try {
    for (let i = 0; i < 12; i++) {
      await transport.request({
        method: 'POST',
        path: '/Users',
        body: JSON.stringify({ userName: `${PREFIX}-u${i}@x.example` }),
      });
      if (i % 3 === 2)
        await transport.request({
          method: 'POST',
          path: '/Groups',
          body: JSON.stringify({ displayName: `${PREFIX}-g${i}` }),
        });
    }
    const result = await cleanUpRun({
      http: transport,
      baseUrl: server.url,
      prefix: PREFIX,
      ledgerPaths: [],
      tracker,
      concurrency,
    });
    return { result, events: server.events, max: server.maxInFlight() };
  } finally {
    await transport.close();
  }
}

describe('cleanUpRun', () => {
  test('deletes up to `concurrency` at a time, every Group gone before the first User DELETE', async () => {
    const { result, events, max } = await createThenClean(4);
    expect(result.issues).toEqual([]);
    expect(result.deleted).toBe(16);
    const firstUser = events.findIndex((e) => e.kind === 'start' && e.path.startsWith('/Users/'));
    const lastGroup = events.findLastIndex((e) => e.kind === 'end' && e.path.startsWith('/Groups/'));
    expect(lastGroup).toBeGreaterThanOrEqual(0);
    expect(firstUser).toBeGreaterThan(lastGroup);
    expect(max).toBeGreaterThan(1);
    expect(max).toBeLessThanOrEqual(4);
  });

  test('at concurrency 1, one delete after another: Groups newest first, then Users newest first', async () => {
    const { result, events, max } = await createThenClean(1);
    expect(result.issues).toEqual([]);
    expect(max).toBe(1);
    const order = events.filter((e) => e.kind === 'start').map((e) => e.path);
    const ids = (prefix: string) =>
      order.filter((p) => p.startsWith(prefix)).map((p) => Number(p.split('/')[2]));
    expect(order.slice(0, 4).every((p) => p.startsWith('/Groups/'))).toBe(true);
    for (const list of [ids('/Groups/'), ids('/Users/')])
      expect(list).toEqual([...list].sort((a, b) => b - a));
  });
});
