/**
 * Issue 22: an answer given before the body was read (413) reaches a client that is still streaming the
 * body, because the server keeps reading and discarding it before it closes (RFC 9112 §9.6). The server runs
 * in its own process, as in production: in one process the client reads the answer before the reset lands.
 */
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildRequest, rawRequest, type RawResponse } from './raw-http.js';
import type { ServedExchange } from '../../../reference-server/exchange-tap.js';
import { errorShapeProblem, serve, type Served } from './server-helpers.js';
import { ensureBuilt, spawnCli, type Spawned } from './spawn-helpers.js';
import { sendWholeBody, streamBody, trickle, type StreamOutcome } from './stream-client.js';

const MB = 1024 * 1024;
const TOKENS = { rfc: 'linger-token-5e1d', gitlab: 'glsoat-linger-token-77a0' } as const;

const spawned: Spawned[] = [];
const inProcess: Served[] = [];
afterAll(async () => {
  for (const s of spawned) {
    s.child.kill('SIGTERM');
    await s.exit;
  }
  for (const s of inProcess) await s.server.close();
});
beforeAll(() => ensureBuilt(), 240_000);

/** Server process id by port, for reading its memory. */
const memoryOf = new Map<string, number>();

async function spawnServe(flavour: 'rfc' | 'gitlab', extra: string[] = []): Promise<URL> {
  const s = spawnCli([
    'serve',
    '--flavor',
    flavour,
    '--port',
    '0',
    ...(flavour === 'rfc' ? ['--token', TOKENS.rfc] : ['--group', `demo:${TOKENS.gitlab}`]),
    ...extra,
  ]);
  spawned.push(s);
  const url = new URL(await s.listening());
  memoryOf.set(url.port, s.child.pid ?? 0);
  return url;
}

/** VmRSS and VmHWM (peak RSS) of the server process in MiB, from /proc; undefined off Linux. */
function memory(url: URL): { rss: number; peak: number } | undefined {
  if (process.platform !== 'linux') return undefined;
  const status = readFileSync(`/proc/${memoryOf.get(url.port)}/status`, 'utf8');
  const kib = (name: string): number => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

function asRaw(out: StreamOutcome): RawResponse {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(out.headers ?? {})) if (typeof v === 'string') headers[k] = v;
  let json: unknown;
  try {
    json = JSON.parse(out.body ?? '');
  } catch {
    json = undefined;
  }
  return { status: out.status ?? 0, headers, body: out.body ?? '', json };
}

/** GETs the server every 50 ms until stopped; reports every status and the slowest answer. */
function poll(url: URL, token: string): () => Promise<{ statuses: number[]; slowestMs: number }> {
  const statuses: number[] = [];
  let slowestMs = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const t0 = performance.now();
      const res = await rawRequest(
        Number(url.port),
        buildRequest('GET', `${url.pathname}/Users?count=1`, {
          headers: { authorization: `Bearer ${token}` },
        }),
      );
      slowestMs = Math.max(slowestMs, performance.now() - t0);
      statuses.push(res.status);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    return { statuses, slowestMs };
  };
}

function parseAnswer(answer: string): RawResponse {
  const split = answer.indexOf('\r\n\r\n');
  const head = answer.slice(0, Math.max(split, 0)).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of head.slice(1)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  const body = split < 0 ? '' : Buffer.from(answer.slice(split + 4), 'latin1').toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head[0] ?? '')?.[1] ?? 0), headers, body, json };
}

describe.each(['rfc', 'gitlab'] as const)(
  '%s flavour: early refusals reach a streaming client',
  (flavour) => {
    const token = TOKENS[flavour];
    // One server per flavour, started by whichever test runs first.
    let started: Promise<URL> | undefined;
    let url: URL;
    const start = async (): Promise<URL> => (url = await (started ??= spawnServe(flavour)));
    const usersPath = (): string => `${url.pathname}/Users`;
    const authorization = { authorization: `Bearer ${token}` };

    test('20 streamed 50 MB POSTs each read a 413 error body while the server keeps answering', async () => {
      await start();
      const stop = poll(url, token);
      const t0 = performance.now();
      const outcomes: string[] = [];
      for (let i = 0; i < 20; i++) {
        // Half declare their length (refused before any byte is read), half are chunked (refused mid-stream).
        const out = await streamBody(Number(url.port), usersPath(), {
          total: 50 * MB,
          declared: i % 2 === 0,
          headers: authorization,
        });
        outcomes.push(String(out.status ?? out.error));
        expect(
          errorShapeProblem(flavour, asRaw(out)),
          `attempt ${i}: ${out.error ?? out.status}`,
        ).toBeUndefined();
      }
      const elapsed = performance.now() - t0;
      const { statuses, slowestMs } = await stop();
      expect(outcomes).toEqual(Array(20).fill('413'));
      expect(statuses.length).toBeGreaterThan(0);
      expect(new Set(statuses)).toEqual(new Set([200]));
      expect(slowestMs).toBeLessThan(2_000);
      expect(elapsed).toBeLessThan(15_000);
    }, 30_000);

    test('refusals given after the body was read (401, 415, 400) reach streaming clients too', async () => {
      await start();
      // GitLab parses the body before it checks the token, so its 401 needs valid JSON: that flavour skips it.
      const cases = [
        ...(flavour === 'rfc' ? [{ status: 401, headers: { authorization: 'Bearer wrong-token' } }] : []),
        { status: 415, headers: { ...authorization, 'content-type': 'text/plain' } },
        { status: 400, headers: authorization },
      ];
      for (const { status, headers } of cases) {
        for (let i = 0; i < 4; i++) {
          const out = await streamBody(Number(url.port), usersPath(), {
            total: 900 * 1024,
            declared: i % 2 === 0,
            headers,
          });
          expect(out.status ?? out.error, `${status} attempt ${i}`).toBe(status);
        }
      }
    });

    test('a client that sends all 50 MB before reading still gets the 413, and the discarded bytes cost no memory', async () => {
      await start();
      const before = memory(url);
      for (let i = 0; i < 5; i++) {
        const out = await sendWholeBody(
          Number(url.port),
          buildRequest('POST', usersPath(), {
            headers: {
              ...authorization,
              'content-type': 'application/scim+json',
              'content-length': String(50 * MB),
            },
          }),
          50 * MB,
        );
        // The server read every byte (no EPIPE/ECONNRESET on the way), then closed and the answer was there.
        expect(out.error, `attempt ${i}`).toBeUndefined();
        expect(out.sent).toBe(50 * MB);
        const res = parseAnswer(out.answer);
        expect(res.status).toBe(413);
        expect(res.headers.connection).toBe('close');
        expect(errorShapeProblem(flavour, res)).toBeUndefined();
      }
      const now = memory(url);
      if (before && now) {
        // 250 MB went through; a server that kept one body would have grown by 50 MB.
        expect(now.peak - before.rss, JSON.stringify({ before, now })).toBeLessThan(40);
      }
      const after = await rawRequest(
        Number(url.port),
        buildRequest('GET', `${usersPath()}?count=1`, { headers: authorization }),
      );
      expect(after.status).toBe(200);
    }, 30_000);
  },
);

test('rfc: a 50 MB Bulk request over maxPayloadSize reads its 413 every time', async () => {
  const url = await spawnServe('rfc');
  const outcomes: string[] = [];
  for (let i = 0; i < 10; i++) {
    const out = await streamBody(Number(url.port), `${url.pathname}/Bulk`, {
      total: 50 * MB,
      declared: i % 2 === 0,
      headers: { authorization: `Bearer ${TOKENS.rfc}` },
    });
    outcomes.push(String(out.status ?? out.error));
    expect(errorShapeProblem('rfc', asRaw(out))).toBeUndefined();
  }
  expect(outcomes).toEqual(Array(10).fill('413'));
}, 30_000);

describe.each(['rfc', 'gitlab'] as const)('%s flavour: lingering is bounded', (flavour) => {
  const head = (path: string, token: string): Buffer =>
    buildRequest('POST', path, {
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/scim+json',
        'content-length': String(64 * MB),
      },
    });

  test('a client that trickles an endless body gets its 413 and is cut off once lingerMs has passed', async () => {
    const s = await serve(flavour, { lingerMs: 300 });
    inProcess.push(s);
    const out = await trickle(s.server.port, head(`${s.base}/Users`, s.token), 20, 5_000);
    expect(parseAnswer(out.answer).status).toBe(413);
    expect(out.answeredMs).toBeDefined();
    expect(out.closedMs, 'the server never closed').toBeDefined();
    const lingered = (out.closedMs ?? 0) - (out.answeredMs ?? 0);
    expect(lingered).toBeGreaterThanOrEqual(250);
    expect(lingered).toBeLessThan(1_300);
  });

  test('Expect: 100-continue with a body declared over the cap gets the 413 at once, never 100 Continue', async () => {
    const s = await serve(flavour);
    inProcess.push(s);
    const request = buildRequest('POST', `${s.base}/Users`, {
      headers: {
        authorization: `Bearer ${s.token}`,
        expect: '100-continue',
        'content-length': String(64 * MB),
      },
    });
    const first = await new Promise<string>((resolve) => {
      const socket = connect(s.server.port, '127.0.0.1', () => socket.write(request));
      socket.once('data', (chunk: Buffer) => {
        socket.destroy();
        resolve(chunk.toString('latin1'));
      });
      socket.on('error', () => resolve(''));
    });
    expect(first).toMatch(/^HTTP\/1\.1 413 /);
  });

  test('serve --linger-ms and --linger-bytes bound the time and the bytes discarded', async () => {
    const url = await spawnServe(flavour, ['--linger-ms', '400', '--linger-bytes', String(MB)]);
    const token = TOKENS[flavour];
    const slow = await trickle(Number(url.port), head(`${url.pathname}/Users`, token), 20, 5_000);
    expect(parseAnswer(slow.answer).status).toBe(413);
    const lingered = (slow.closedMs ?? Infinity) - (slow.answeredMs ?? 0);
    expect(lingered).toBeGreaterThanOrEqual(350);
    expect(lingered).toBeLessThan(1_400);
    // A fast sender is cut off soon after 1 MiB was discarded, long before its 50 MB are through.
    const fast = await sendWholeBody(
      Number(url.port),
      buildRequest('POST', `${url.pathname}/Users`, {
        headers: { authorization: `Bearer ${token}`, 'content-length': String(50 * MB) },
      }),
      50 * MB,
    );
    expect(fast.error).toBeDefined();
    expect(fast.sent).toBeLessThan(20 * MB);
  }, 20_000);
});

test('serve --record keeps at most the body cap of a refused body, not the discarded bytes', async () => {
  const recorded: ServedExchange[] = [];
  const s = await serve('rfc', { onExchange: (e) => recorded.push(e) });
  inProcess.push(s);
  const out = await sendWholeBody(
    s.server.port,
    buildRequest('POST', `${s.base}/Users`, {
      headers: { authorization: `Bearer ${s.token}`, 'content-length': String(50 * MB) },
    }),
    50 * MB,
  );
  expect(parseAnswer(out.answer).status).toBe(413);
  await expect.poll(() => recorded.length).toBe(1);
  expect(recorded[0]?.status).toBe(413);
  expect(recorded[0]?.requestBody?.length).toBe(4 * MB);
});

test('a bad linger bound is a start-up error naming the option, never a running server', async () => {
  await expect(serve('rfc', { lingerMs: -1 })).rejects.toThrow(/lingerMs must be a non-negative integer/);
  await expect(serve('gitlab', { lingerBytes: 1.5 })).rejects.toThrow(/lingerBytes/);
  const cli = spawnCli(['serve', '--flavor', 'rfc', '--port', '0', '--linger-ms', 'soon']);
  expect(await cli.exit).toBe(2);
  expect(cli.stderr()).toMatch(/--linger-ms/);
  expect(cli.stderr()).not.toMatch(/\n\s+at /);
});
