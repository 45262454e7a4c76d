/**
 * A reverse proxy on 127.0.0.1 that holds every answer for `delayMs` before passing it on: a target
 * `delayMs` away, for measuring how a run behaves over real latency. The Host header is kept, so the
 * server behind builds its Location and meta.location URLs for the proxy's address.
 */
import { createServer } from 'node:http';
import { Pool } from 'undici';

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
]);

const endToEnd = (headers) =>
  Object.fromEntries(Object.entries(headers).filter(([k, v]) => !HOP_BY_HOP.has(k) && v !== undefined));

/** Starts the proxy in front of `upstream` (an origin); resolves with its origin, counters and `close()`. */
export async function startDelayProxy(upstream, delayMs) {
  const pool = new Pool(upstream, { connections: 64 });
  let requests = 0;
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      requests++;
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      let answer;
      try {
        const up = await pool.request({
          method: req.method,
          path: req.url,
          headers: endToEnd(req.headers),
          body,
        });
        answer = {
          status: up.statusCode,
          headers: endToEnd(up.headers),
          body: Buffer.from(await up.body.arrayBuffer()),
        };
      } catch (err) {
        answer = { status: 502, headers: { 'content-type': 'text/plain' }, body: Buffer.from(String(err)) };
      }
      setTimeout(() => {
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body);
      }, delayMs);
    });
  });
  server.keepAliveTimeout = 10_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    requests: () => requests,
    async close() {
      await new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections();
      });
      await pool.close();
    },
  };
}
