/**
 * The bytes on the wire and the request log, fixed: 24 raw exchanges per flavour (writes, reads, filters,
 * PATCHes that change something and nothing, errors of every layer) compared with a recording made before
 * the per-request speed-ups. Only what changes from run to run is masked: port, Date, ids, timestamps, timings.
 * `UPDATE_WIRE_GOLDEN=1` rewrites the recordings; do that only when a change of the wire is intended.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { afterAll, expect, test } from 'vitest';
import { startServer, type RunningServer } from '../../../reference-server/index.js';

const TOKEN = 'glsoat-wiregoldenwiregolden1';
const servers: RunningServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

/** Sends `text` on a fresh connection and resolves with everything the server wrote until it closed. */
function exchange(port: number, text: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let out = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (out += chunk));
    socket.on('close', () => resolve(out));
    socket.on('error', () => resolve(`${out}[error]`));
    socket.write(text);
  });
}

const mask = (text: string): string =>
  text
    .replace(/127\.0\.0\.1:\d+/g, 'HOST')
    .replace(/^Date: .*$/gim, 'Date: X')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'UUID')
    .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'TS')
    .replace(/ \d+\.\dms$/gm, ' Nms');

const USER = JSON.stringify({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  externalId: 'ext-1',
  userName: 'wire.one@example.com',
  name: { givenName: 'W', familyName: 'One', formatted: 'W One' },
  emails: [{ value: 'wire.one@example.com', type: 'work', primary: true }],
  active: true,
});
const patch = (path: string, value: unknown): string =>
  JSON.stringify({
    schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
    Operations: [{ op: 'replace', path, value }],
  });

async function record(flavor: 'gitlab' | 'rfc'): Promise<string> {
  const lines: string[] = [];
  const server = await startServer({
    flavor,
    port: 0,
    ...(flavor === 'gitlab' ? { groups: [`demo-group:${TOKEN}`] } : { token: TOKEN }),
    log: (line) => lines.push(line),
  });
  servers.push(server);
  const base = new URL(server.url).pathname;
  const head = `Host: 127.0.0.1:${server.port}\r\n`;
  const auth = `Authorization: Bearer ${TOKEN}\r\n`;
  const out: string[] = [];
  const send = async (method: string, path: string, body?: string, extra = auth): Promise<string> => {
    const framing =
      body === undefined
        ? ''
        : `Content-Type: application/scim+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n`;
    const reply = await exchange(
      server.port,
      `${method} ${base}${path} HTTP/1.1\r\n${head}${extra}${framing}Connection: close\r\n\r\n${body ?? ''}`,
    );
    out.push(`>>> ${method} ${mask(path)}\n${mask(reply)}`);
    return reply;
  };
  const id = encodeURIComponent(/"id":"([^"]+)"/.exec(await send('POST', '/Users', USER))?.[1] ?? 'none');
  const filter = `/Users?filter=${encodeURIComponent('userName eq "wire.one@example.com"')}`;
  await send('POST', '/Users', USER);
  await send('GET', `/Users/${id}`);
  await send('GET', `/Users/${id}?attributes=userName`);
  await send('GET', filter);
  await send('GET', filter);
  await send('GET', '/Users?filter=bad%zz');
  await send('GET', `/Users?filter=${encodeURIComponent('userName xx "a"')}`);
  await send('GET', '/Users?count=2&startIndex=1');
  await send('PATCH', `/Users/${id}`, patch('displayName', 'New'));
  await send('PATCH', `/Users/${id}`, patch('displayName', 'New'));
  await send('PATCH', `/Users/${id}`, patch('active', false));
  await send('PATCH', `/Users/${id}`, patch('nope[', 1));
  await send('GET', `/Users/${id}`, undefined, `${auth}If-None-Match: W/"3"\r\n`);
  await send('GET', '/Users/nothere');
  await send('DELETE', '/Users');
  await send('GET', '/Nope');
  await send('GET', `/Users/${id}`, undefined, 'Authorization: Bearer wrong\r\n');
  await send('GET', '/Users', undefined, `Authorization: Bearer ${TOKEN}x\r\n`);
  await send('GET', '/Users', undefined, '');
  await send('GET', '/Users');
  const text = 'hi';
  out.push(
    `>>> POST /Users as text/plain\n` +
      mask(
        await exchange(
          server.port,
          `POST ${base}/Users HTTP/1.1\r\n${head}${auth}Content-Type: text/plain\r\nContent-Length: ${text.length}\r\nConnection: close\r\n\r\n${text}`,
        ),
      ),
  );
  await send('POST', '/Users', '{"schemas":');
  await send('DELETE', `/Users/${id}`);
  return `${out.join('\n')}\n=== request log\n${mask(lines.join('\n'))}\n`;
}

for (const flavor of ['gitlab', 'rfc'] as const) {
  test(`${flavor}: 24 raw exchanges and the request log are byte for byte as recorded`, async () => {
    const file = new URL(`./wire-golden/${flavor}.txt`, import.meta.url);
    const got = await record(flavor);
    if (process.env.UPDATE_WIRE_GOLDEN === '1' || !existsSync(file)) writeFileSync(file, got);
    expect(got.split('\n>>> ')).toHaveLength(24);
    expect(got).toBe(readFileSync(file, 'utf8'));
  });
}
