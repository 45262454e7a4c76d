/** `serve --record` sees the head the client got, whatever form the listener hands it to node:http in. */
import { afterAll, expect, test } from 'vitest';
import { startServer, type RunningServer } from '../../../reference-server/index.js';
import type { ServedExchange } from '../../../reference-server/exchange-tap.js';

const servers: RunningServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

test('recorded response headers are the ones on the wire, for answers and errors', async () => {
  const exchanges: ServedExchange[] = [];
  const server = await startServer({
    flavor: 'rfc',
    port: 0,
    token: 'tap-token',
    onExchange: (e) => exchanges.push(e),
  });
  servers.push(server);
  const sent = [
    await fetch(`${server.url}/Users`, {
      method: 'POST',
      headers: { authorization: 'Bearer tap-token', 'content-type': 'application/scim+json' },
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'tap@example.com',
      }),
    }),
    await fetch(`${server.url}/Users/missing`, { headers: { authorization: 'Bearer tap-token' } }),
  ];
  const wire = await Promise.all(
    sent.map(async (res) => {
      await res.text();
      const headers: Record<string, string> = {};
      for (const name of ['etag', 'location', 'content-type', 'content-length']) {
        const value = res.headers.get(name);
        if (value !== null) headers[name] = value;
      }
      return headers;
    }),
  );
  await expect.poll(() => exchanges.length).toBe(2);
  expect(wire[0]).toHaveProperty('etag');
  exchanges.forEach((exchange, i) => expect(exchange.responseHeaders).toMatchObject(wire[i] as object));
});
