/**
 * Secrets never reach an artefact: a CLI run with every reporter against a server with a distinctive token;
 * the passwords the generator sent are read off the wire, then every report file, stdout and stderr are grepped.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { startServer, type RunningServer } from '../../../reference-server/index.js';

const TOKEN = 'tok-REPORTLEAK-9f8e7d6c5b4a';
const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of closers) await c();
});

/** Collects every string value of a `password` key, at any depth, case-insensitively. */
function passwordsIn(value: unknown, out: Set<string>): void {
  if (Array.isArray(value)) for (const v of value) passwordsIn(v, out);
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      // Replayed recordings (Okta's, with the default profiles) carry the redaction marker itself, not a secret.
      if (/password/i.test(k) && typeof v === 'string' && v !== '[REDACTED]') out.add(v);
      passwordsIn(v, out);
    }
  }
}

test('no token or generated password in any report, stdout or stderr', async () => {
  const server: RunningServer = await startServer({ flavor: 'rfc', port: 0, token: TOKEN });
  closers.push(() => server.close());
  const passwords = new Set<string>();
  const proxy: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      try {
        passwordsIn(JSON.parse(body.toString('utf8')), passwords);
      } catch {
        // not JSON
      }
      const up = request(
        { host: '127.0.0.1', port: server.port, method: req.method, path: req.url, headers: req.headers },
        (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
        },
      );
      up.on('error', () => res.destroy());
      up.end(body);
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => proxy.close(() => resolve())));
  const target = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/scim/v2`;

  const out = await mkdtemp(join(tmpdir(), 'scimulator-secrets-'));
  closers.push(() => rm(out, { recursive: true, force: true }));
  const { main } = await import('../../../cli/index.js');
  let stdout = '';
  let stderr = '';
  const code = await main(
    [
      'run',
      '--target',
      target,
      '--token',
      TOKEN,
      '--report',
      'console,json,junit,html,md,har',
      '--out',
      out,
      '--seed',
      '11',
    ],
    {
      stdout: { write: (s: string) => ((stdout += s), true) },
      stderr: { write: (s: string) => ((stderr += s), true) },
      env: {},
    },
  );
  expect(code, stderr.slice(-500)).toBe(0);
  expect(passwords.size, 'the run sent at least one password').toBeGreaterThan(0);

  const files = await readdir(out);
  expect(files.length).toBeGreaterThanOrEqual(5);
  const artefacts: Array<[string, string]> = [
    ['stdout', stdout],
    ['stderr', stderr],
    ...(await Promise.all(
      files.map(async (f): Promise<[string, string]> => [f, await readFile(join(out, f), 'utf8')]),
    )),
  ];
  const hits: string[] = [];
  for (const [name, text] of artefacts) {
    for (const secret of [TOKEN, ...passwords]) {
      for (const form of new Set([
        secret,
        encodeURIComponent(secret),
        JSON.stringify(secret).slice(1, -1),
        Buffer.from(secret).toString('base64'),
      ])) {
        if (text.includes(form)) hits.push(`${name} contains ${form}`);
      }
    }
  }
  console.log(
    `[reliability] secrets: ${artefacts.length} artefacts (${files.join(', ')}) grepped for the token and ${passwords.size} passwords: ${hits.length} hits`,
  );
  expect(hits).toEqual([]);
}, 180_000);
