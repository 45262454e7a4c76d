import type { RequestListener } from 'node:http';
import { describe, expect, test } from 'vitest';
import { createInProcessTransport, run, type Report } from '../../../index.js';
import { createScimFetchHandler } from '../../../integrations/msw/index.js';
import { createFlavour, startServer } from '../../../reference-server/index.js';
import { createRequestListener } from '../../../reference-server/core/index.js';

const TOKEN = 'in-process-token-123';
const SEED = 4242;

function outcomes(report: Report): Record<string, string> {
  const map: Record<string, string> = {};
  for (const r of report.results)
    map[`${r.id} [${r.profile}]`] = r.code ? `${r.outcome} ${r.code}` : r.outcome;
  return map;
}

async function overHttp(quirks: string[]): Promise<Report> {
  const server = await startServer({ flavor: 'rfc', port: 0, token: TOKEN, quirks, log: () => undefined });
  try {
    return await run({ target: server.url, token: TOKEN, seed: SEED });
  } finally {
    await server.close();
  }
}

function listenerFor(quirks: string[]): RequestListener {
  return createRequestListener(createFlavour({ flavor: 'rfc', token: TOKEN, quirks }).listener);
}

describe.each([
  { name: 'the strict rfc flavour', quirks: [] as string[] },
  { name: 'a quirk', quirks: ['create-returns-200'] },
])('in-process runs against $name', ({ quirks }) => {
  let http: Report;

  test('a fetch handler gives the HTTP run’s outcome for every check', async () => {
    http = await overHttp(quirks);
    expect(http.results.length).toBeGreaterThan(50);
    const failed = http.results.filter((r) => r.outcome === 'fail').map((r) => r.id);
    if (quirks.length > 0) expect(failed).toContain('users.post.returns-201');
    else expect(failed).toEqual([]);
    const server = createScimFetchHandler({ token: TOKEN, quirks });
    const report = await run({ handler: server.fetch, target: server.baseUrl, token: TOKEN, seed: SEED });
    expect(report.target).toBe('https://scim.example.test/scim/v2');
    expect(outcomes(report)).toEqual(outcomes(http));
  });

  test('a Node request listener gives the HTTP run’s outcome for every check', async () => {
    const report = await run({ listener: listenerFor(quirks), token: TOKEN, seed: SEED });
    expect(report.target).toBe('http://localhost/scim/v2');
    expect(outcomes(report)).toEqual(outcomes(http));
  });
});

describe('the in-process transport records like the HTTP transport', () => {
  const spec = { method: 'GET', path: '/Users' } as const;

  test('redacts the token, times the exchange and parses JSON (fetch handler)', async () => {
    const transport = createInProcessTransport(
      { handler: (req) => Response.json({ auth: req.headers.get('authorization') }, { status: 200 }) },
      { baseUrl: 'http://app.test/scim', token: 'secret-token-1' },
    );
    const r = await transport.request(spec);
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ auth: 'Bearer secret-token-1' });
    expect(r.exchange.request.url).toBe('http://app.test/scim/Users');
    expect(r.exchange.request.headers.authorization).toBe('Bearer [REDACTED]');
    expect(r.exchange.response?.body).toBe('{"auth":"Bearer [REDACTED]"}');
    expect(r.exchange.ms).toBeGreaterThanOrEqual(0);
  });

  test('a listener that streams without content-length is read whole', async () => {
    const transport = createInProcessTransport(
      {
        listener: (_req, res) => {
          res.statusCode = 200;
          res.setHeader('content-type', 'application/scim+json');
          res.write('{"a":');
          setTimeout(() => res.end('1}'), 5);
        },
      },
      { baseUrl: 'http://app.test/scim' },
    );
    const r = await transport.request(spec);
    expect(r.json).toEqual({ a: 1 });
    expect(r.headers['content-type']).toBe('application/scim+json');
  });

  test('an explicitly chunked listener body is decoded', async () => {
    const transport = createInProcessTransport(
      {
        listener: (_req, res) => {
          res.writeHead(201, { 'transfer-encoding': 'chunked' });
          res.write('hello ');
          res.end('world');
        },
      },
      { baseUrl: 'http://app.test/scim' },
    );
    const r = await transport.request({ method: 'POST', path: '/Users', json: { x: 1 } });
    expect(r.status).toBe(201);
    expect(r.text).toBe('hello world');
  });

  test('the listener sees method, path, headers and body', async () => {
    let seen: unknown;
    const listener: RequestListener = (req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen = {
          method: req.method,
          url: req.url,
          host: req.headers.host,
          len: req.headers['content-length'],
          body,
        };
        res.writeHead(204).end();
      });
    };
    const transport = createInProcessTransport({ listener }, { baseUrl: 'http://app.test:8080/scim' });
    const r = await transport.request({ method: 'PATCH', path: '/Users/1', json: { op: 'x' } });
    expect(r.status).toBe(204);
    expect(seen).toEqual({
      method: 'PATCH',
      url: '/scim/Users/1',
      host: 'app.test:8080',
      len: '10',
      body: '{"op":"x"}',
    });
  });

  test.each([
    {
      name: 'a response above the size cap',
      target: { handler: () => new Response('x'.repeat(2048)) },
      code: 'RESPONSE_TOO_LARGE',
    },
    {
      name: 'a handler that never answers',
      target: { handler: () => new Promise<Response>(() => undefined) },
      code: 'TARGET_TIMEOUT',
    },
    {
      name: 'a listener that throws',
      target: {
        listener: () => {
          throw new Error('boom');
        },
      },
      code: 'TARGET_RESET',
    },
    {
      name: 'a listener that destroys the socket',
      target: { listener: ((req) => req.socket.destroy()) as RequestListener },
      code: 'TARGET_RESET',
    },
  ])('$name gives $code', async ({ target, code }) => {
    const transport = createInProcessTransport(target, {
      baseUrl: 'http://app.test/scim',
      maxResponseBytes: 1024,
      timeouts: { requestMs: 100 },
    });
    const r = await transport.request(spec);
    expect(r.exchange.error?.code).toBe(code);
    expect(r.status).toBeUndefined();
  });
});
