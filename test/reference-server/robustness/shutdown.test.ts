/** Graceful shutdown of `scimulator serve` on SIGTERM: requests in flight finish with 2xx, then exit 0. */
import { describe, expect, test } from 'vitest';
import { buildRequest, rawRequest } from './raw-http.js';
import { ensureBuilt, spawnCli } from './spawn-helpers.js';

const TOKEN = 'shutdown-token';

// Each test spawns its own server on port 0 and mostly waits on it: they run at the same time.
describe.concurrent('serve on SIGTERM', () => {
  test('rfc with slow-responses: the in-flight request completes 200 and the process exits 0', async () => {
    await ensureBuilt();
    const serve = spawnCli([
      'serve',
      '--flavor',
      'rfc',
      '--port',
      '0',
      '--token',
      TOKEN,
      '--quirk',
      'slow-responses',
    ]);
    const url = new URL(await serve.listening());
    const started = Date.now();
    const inFlight = rawRequest(
      Number(url.port),
      buildRequest('GET', `${url.pathname}/ServiceProviderConfig`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      }),
      // Like curl, the client keeps its side open while it waits for the answer.
      { timeoutMs: 10_000, keepOpen: true },
    );
    await new Promise((r) => setTimeout(r, 300));
    serve.child.kill('SIGTERM');
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(await serve.exit).toBe(0);
    expect(serve.stderr()).toMatch(/SIGTERM: closing/);
  }, 60_000);

  test.each(['rfc', 'gitlab'] as const)(
    '%s: a create whose body is still arriving completes 201 after SIGTERM',
    async (flavour) => {
      await ensureBuilt();
      const args = flavour === 'rfc' ? ['--token', TOKEN] : ['--group', `demo:${TOKEN}`];
      const serve = spawnCli(['serve', '--flavor', flavour, '--port', '0', ...args]);
      const url = new URL(await serve.listening());
      const body = JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        externalId: 'late-1',
        userName: 'late.arrival',
        emails: [{ value: 'late@example.com', primary: true }],
        name: { formatted: 'Late Arrival' },
      });
      const head = buildRequest('POST', `${url.pathname}/Users`, {
        headers: {
          authorization: `Bearer ${TOKEN}`,
          'content-type': 'application/scim+json',
          'content-length': String(body.length),
        },
      });
      const inFlight = rawRequest(Number(url.port), head, {
        pieces: [head, Buffer.from(body.slice(0, 10)), Buffer.from(body.slice(10))],
        gapMs: 400,
        timeoutMs: 10_000,
        keepOpen: true,
      });
      await new Promise((r) => setTimeout(r, 200));
      serve.child.kill('SIGTERM');
      const res = await inFlight;
      expect(res.status).toBe(201);
      expect(await serve.exit).toBe(0);
    },
    60_000,
  );
});
