import { afterEach, describe, expect, test } from 'vitest';
import { HttpTransport } from '../../../engine/transport/index.js';
import { closedPortUrl, sendJson, startTestServer, type TestServer } from '../helpers.js';

const TOKEN = 'tok-s3cr3t-value';
let server: TestServer | undefined;
let transport: HttpTransport | undefined;

afterEach(async () => {
  await transport?.close();
  await server?.close();
  transport = undefined;
  server = undefined;
});

describe('HttpTransport', () => {
  test('builds the URL, sends auth and SCIM media types, parses JSON and records timing', async () => {
    server = await startTestServer((_req, res) => sendJson(res, 200, { ok: true }));
    transport = new HttpTransport({ baseUrl: server.url + '/', token: TOKEN });
    const res = await transport.request({
      method: 'post',
      path: '/Users',
      query: { filter: 'userName eq "a b"', count: 2, skip: undefined },
      json: { userName: 'x' },
    });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ok: true });
    expect(res.jsonError).toBeUndefined();
    const seen = server.requests[0];
    expect(seen?.url).toBe('/scim/v2/Users?filter=userName%20eq%20%22a%20b%22&count=2');
    expect(seen?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(seen?.headers['content-type']).toBe('application/scim+json');
    expect(seen?.headers.accept).toBe('application/scim+json');
    expect(res.exchange.ms).toBeGreaterThan(0);
    expect(res.exchange.request.method).toBe('POST');
  });

  test('cuts long bodies in the recorded copy only, after redaction', async () => {
    const big = 'x'.repeat(200_000);
    server = await startTestServer((_req, res, body) => sendJson(res, 200, { size: body.length, big }));
    transport = new HttpTransport({ baseUrl: server.url, token: TOKEN });
    const res = await transport.request({ method: 'POST', path: '/Bulk', json: { password: 'p4ss', big } });
    expect((res.json as { size: number }).size).toBeGreaterThan(200_000);
    expect(res.text?.length).toBeGreaterThan(200_000);
    for (const body of [res.exchange.request.body, res.exchange.response?.body]) {
      expect(body?.length).toBeLessThan(70_000);
      expect(body).toMatch(/… \[cut: \d+ characters in all, the first 65536 kept\]$/);
    }
    expect(res.exchange.request.body).not.toContain('p4ss');
  });

  test('redacts the token, passwords and Authorization in the recorded copy only', async () => {
    server = await startTestServer((_req, res, body) =>
      sendJson(res, 201, { echo: JSON.parse(body) as unknown, note: `token was ${TOKEN}` }),
    );
    transport = new HttpTransport({ baseUrl: server.url, token: TOKEN });
    const res = await transport.request({
      method: 'POST',
      path: `/Users?probe=${TOKEN}`,
      json: {
        userName: 'a',
        password: 'hunter2-pass',
        Operations: [{ op: 'replace', path: 'password', value: 'other-pass' }],
      },
    });
    const recorded = JSON.stringify(res.exchange);
    expect(recorded).not.toContain(TOKEN);
    expect(recorded).not.toContain('hunter2-pass');
    expect(recorded).not.toContain('other-pass');
    expect(res.exchange.request.headers.authorization).toBe('Bearer [REDACTED]');
    expect(res.exchange.request.url).toContain('probe=[REDACTED]');
    // What the check sees is the real response.
    expect(res.text).toContain(TOKEN);
    // The server got the real values.
    expect(server.requests[0]?.body).toContain('hunter2-pass');
  });

  test('auth none sends no Authorization; an explicit token is redacted too', async () => {
    server = await startTestServer((_req, res) => sendJson(res, 401, {}));
    transport = new HttpTransport({ baseUrl: server.url, token: TOKEN });
    await transport.request({ method: 'GET', path: '/Users', auth: 'none' });
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
    const res = await transport.request({
      method: 'GET',
      path: '/Users',
      auth: { token: 'other-token-123' },
    });
    expect(server.requests[1]?.headers.authorization).toBe('Bearer other-token-123');
    expect(JSON.stringify(res.exchange)).not.toContain('other-token-123');
  });

  test('a non-JSON body gives jsonError and keeps the text', async () => {
    server = await startTestServer((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end('<html>oops</html>');
    });
    transport = new HttpTransport({ baseUrl: server.url });
    const res = await transport.request({ method: 'GET', path: '/Users' });
    expect(res.status).toBe(500);
    expect(res.json).toBeUndefined();
    expect(res.jsonError).toBeTypeOf('string');
    expect(res.text).toBe('<html>oops</html>');
  });

  test('does not follow redirects', async () => {
    server = await startTestServer((_req, res) => {
      res.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' });
      res.end();
    });
    transport = new HttpTransport({ baseUrl: server.url });
    const res = await transport.request({ method: 'GET', path: '/Users' });
    expect(res.status).toBe(302);
    expect(server.requests).toHaveLength(1);
  });

  test('a server that never answers → TARGET_TIMEOUT (not thrown)', async () => {
    server = await startTestServer(() => undefined);
    transport = new HttpTransport({ baseUrl: server.url, timeouts: { requestMs: 300 } });
    const res = await transport.request({ method: 'GET', path: '/Users' });
    expect(res.status).toBeUndefined();
    expect(res.exchange.error?.code).toBe('TARGET_TIMEOUT');
  });

  test('a body that stalls → TARGET_TIMEOUT', async () => {
    server = await startTestServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/scim+json' });
      res.write('{"a":');
    });
    transport = new HttpTransport({ baseUrl: server.url, timeouts: { bodyMs: 200, requestMs: 5_000 } });
    const res = await transport.request({ method: 'GET', path: '/Users' });
    expect(res.exchange.error?.code).toBe('TARGET_TIMEOUT');
  });

  test('a reset connection → TARGET_RESET', async () => {
    server = await startTestServer((req) => req.socket.destroy());
    transport = new HttpTransport({ baseUrl: server.url });
    const res = await transport.request({ method: 'GET', path: '/Users' });
    expect(res.exchange.error?.code).toBe('TARGET_RESET');
  });

  test('an oversize body → RESPONSE_TOO_LARGE, with or without Content-Length', async () => {
    const big = 'x'.repeat(64 * 1024);
    server = await startTestServer((req, res) => {
      if (req.url?.endsWith('/declared')) {
        res.writeHead(200, { 'content-length': big.length });
        res.end(big);
      } else {
        res.writeHead(200);
        for (let i = 0; i < 4; i++) res.write(big);
        res.end();
      }
    });
    transport = new HttpTransport({ baseUrl: server.url, maxResponseBytes: 16 * 1024 });
    const declared = await transport.request({ method: 'GET', path: '/declared' });
    expect(declared.exchange.error?.code).toBe('RESPONSE_TOO_LARGE');
    expect(declared.status).toBeUndefined();
    const chunked = await transport.request({ method: 'GET', path: '/chunked' });
    expect(chunked.exchange.error?.code).toBe('RESPONSE_TOO_LARGE');
  });

  test('connection refused → TARGET_UNREACHABLE', async () => {
    transport = new HttpTransport({ baseUrl: await closedPortUrl() });
    const res = await transport.request({ method: 'GET', path: '/ServiceProviderConfig' });
    expect(res.exchange.error?.code).toBe('TARGET_UNREACHABLE');
  });

  test('a malformed HTTP response → TARGET_PROTOCOL_ERROR', async () => {
    server = await startTestServer((req) => {
      req.socket.end('HTTP/1.1 abc nonsense\r\n\r\n');
    });
    transport = new HttpTransport({ baseUrl: server.url });
    const res = await transport.request({ method: 'GET', path: '/Users' });
    expect(res.exchange.error?.code).toBe('TARGET_PROTOCOL_ERROR');
  });
});

test('the run token is not sent to another origin', async () => {
  const other = await startTestServer((_req, res) => sendJson(res, 200, {}));
  server = await startTestServer((_req, res) => sendJson(res, 200, {}));
  transport = new HttpTransport({ baseUrl: server.url, token: TOKEN });
  try {
    await transport.request({ method: 'GET', path: `${other.url}/Users/1` });
    expect(other.requests[0]?.headers.authorization).toBeUndefined();
    await transport.request({ method: 'GET', path: `${server.url}/Users/1` });
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  } finally {
    await other.close();
  }
});
