/**
 * A benchmark target in its own process (forked by bench/run.mjs), so the load generator and the server
 * never share a CPU thread's event loop. `node server-child.mjs bare|rfc [seedUsers]`.
 * Messages to the parent: {type:'ready', url, token, startupMs, rss}; {type:'first-request', at} (wall clock,
 * ms since the epoch with sub-ms precision); replies to {type:'stats'} with {type:'stats', rss, heapUsed, requests, cpuMicros}.
 */
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const kind = process.argv[2] ?? 'rfc';
const seedUsers = Number(process.argv[3] ?? 0);
const token = 'bench-token';
const epochNow = () => performance.timeOrigin + performance.now();

/** The fixed JSON the bare server answers with: a realistic single-user body of the same size class. */
const BODY = Buffer.from(
  JSON.stringify({
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    id: '00000000-0000-4000-8000-000000000001',
    externalId: 'seed-000001',
    userName: 'seed.user000001@example.com',
    name: { givenName: 'Seed', familyName: 'User000001', formatted: 'Seed User000001' },
    displayName: 'Seed User000001',
    active: true,
    emails: [{ value: 'seed.user000001@example.com', type: 'work', primary: true }],
    meta: {
      resourceType: 'User',
      created: '2026-01-01T00:00:00.000Z',
      lastModified: '2026-01-01T00:00:00.000Z',
      version: 'W/"1"',
      location: 'http://127.0.0.1/scim/v2/Users/00000000-0000-4000-8000-000000000001',
    },
  }),
);

let requests = 0;
let server;
let url;
const t0 = performance.now();
if (kind === 'bare') {
  server = createServer((req, res) => {
    // Drain the request body, as any server must, then answer the fixed body.
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/scim+json', 'content-length': BODY.length });
      res.end(BODY);
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${server.address().port}/scim/v2`;
} else {
  // BENCH_ROOT points at another checkout's build (the default is this repository's dist/).
  const root = process.env.BENCH_ROOT
    ? pathToFileURL(`${process.env.BENCH_ROOT}/`)
    : new URL('../../', import.meta.url);
  const { startServer } = await import(new URL('dist/reference-server/index.js', root).href);
  const running = await startServer({
    flavor: 'rfc',
    host: '127.0.0.1',
    port: 0,
    token,
    ...(seedUsers > 0 ? { seedUsers } : {}),
  });
  server = running.server;
  url = running.url;
}
const startupMs = performance.now() - t0;
server.prependListener('request', () => {
  if (requests++ === 0) process.send?.({ type: 'first-request', at: epochNow() });
});

process.on('message', (msg) => {
  if (msg?.type === 'stats') {
    if (msg.gc && typeof globalThis.gc === 'function') globalThis.gc();
    const mem = process.memoryUsage();
    const cpu = process.cpuUsage();
    process.send?.({
      type: 'stats',
      rss: mem.rss,
      heapUsed: mem.heapUsed,
      requests,
      cpuMicros: cpu.user + cpu.system,
    });
  } else if (msg?.type === 'reset') {
    requests = 0;
    process.send?.({ type: 'reset' });
  } else if (msg?.type === 'stop') {
    server.close(() => process.exit(0));
    server.closeAllConnections?.();
  }
});
process.on('disconnect', () => process.exit(0));
process.send?.({ type: 'ready', url, token, startupMs, rss: process.memoryUsage().rss });
