import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { main } from '../../../cli/index.js';
import { createServeRecorder, recordCommand } from '../../../cli/commands/record.js';
import {
  loadRecording,
  recordingProblems,
  RecordingWriter,
  replayRecording,
  startRecordingProxy,
  type Recording,
  type ReplayResult,
} from '../../../engine/recording/index.js';
import { HttpTransport } from '../../../engine/transport/index.js';
import { startServer, type RunningServer } from '../../../reference-server/index.js';
import { driveEntra, startRfc, TOKEN } from './helpers.js';

let dir: string;
let entraFile: string;
let entra: Recording;

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: {},
  });
  return { code, stdout, stderr };
}

/** Records `drive` through the proxy in front of a fresh rfc server. */
async function recordThroughProxy(file: string, drive: (base: string) => Promise<void>): Promise<Recording> {
  const upstream = await startRfc();
  const writer = new RecordingWriter(file, { source: { kind: 'proxy', upstream: upstream.url } });
  await writer.start();
  const proxy = await startRecordingProxy({ upstream: upstream.url, onExchange: (e) => writer.append(e) });
  try {
    await drive(proxy.url);
  } finally {
    await proxy.close();
    await upstream.close();
  }
  return writer.close();
}

async function replayAgainst(recording: Recording, server: RunningServer): Promise<ReplayResult> {
  const transport = new HttpTransport({ baseUrl: server.url, token: TOKEN });
  try {
    return await replayRecording(recording, { client: transport });
  } finally {
    await transport.close();
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scimulator-recording-'));
  entraFile = join(dir, 'entra.json');
  entra = await recordThroughProxy(entraFile, driveEntra);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('the proxy records every exchange, query bytes exact and paths relative to the SCIM base', async () => {
  const onDisk = JSON.parse(await readFile(entraFile, 'utf8')) as Recording;
  expect(recordingProblems(onDisk)).toEqual([]);
  expect(onDisk.exchanges).toHaveLength(8);
  expect(onDisk.source).toMatchObject({ kind: 'proxy' });
  const [probe, , post, patch] = onDisk.exchanges;
  expect(probe?.request).toMatchObject({
    method: 'GET',
    path: '/Users',
    query: 'filter=userName+eq+%2247d2c1a0-0bd5-4c0c-9a8b-1a2b3c4d5e6f%22',
  });
  expect(probe?.response.status).toBe(200);
  expect(post?.response.status).toBe(201);
  expect(post?.request.headers['content-type']).toBe('application/scim+json; charset=utf-8');
  expect(patch?.request.path).toMatch(/^\/Users\/[^/]+$/);
  expect(onDisk.exchanges.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
});

test('secrets never reach the recording file', async () => {
  const text = await readFile(entraFile, 'utf8');
  expect(text).not.toContain(TOKEN);
  expect(entra.exchanges[0]?.request.headers.authorization).toBe('Bearer [REDACTED]');
});

test('token query parameters and passwords are redacted', async () => {
  const file = join(dir, 'secret-query.json');
  const recording = await recordThroughProxy(file, async (base) => {
    await fetch(`${base}/Users?access_token=${TOKEN}-q&count=1`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    await fetch(`${base}/Users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'p',
        password: 'Sup3r-Secret!',
      }),
    });
  });
  const text = await readFile(file, 'utf8');
  expect(text).not.toContain(TOKEN);
  expect(text).not.toContain('Sup3r-Secret!');
  expect(recording.exchanges[0]?.request.query).toBe('access_token=[REDACTED]&count=1');
});

test('replaying against a fresh reference server finds no differences', async () => {
  const fresh = await startRfc();
  try {
    const result = await replayAgainst(entra, fresh);
    expect(result.steps.flatMap((s) => s.differences.map((d) => ({ seq: s.seq, ...d })))).toEqual([]);
    expect(result.differing).toBe(0);
    expect(Object.keys(result.ids)).toHaveLength(1);
    expect(result.cleanup).toEqual([]);
  } finally {
    await fresh.close();
  }
});

test('a server that rejects "False" is reported at the step, field and values that differ', async () => {
  const quirky = await startRfc(['string-booleans-rejected']);
  try {
    const result = await replayAgainst(entra, quirky);
    const step6 = result.steps.find((s) => s.seq === 6);
    expect(step6?.differences).toContainEqual({
      field: 'status',
      kind: 'status',
      recorded: 200,
      actual: 400,
    });
    const step7 = result.steps.find((s) => s.seq === 7);
    expect(step7?.differences).toContainEqual({
      field: 'body.Resources[0].active',
      kind: 'value',
      recorded: false,
      actual: true,
    });
    expect(result.steps.filter((s) => s.seq < 6).every((s) => s.differences.length === 0)).toBe(true);
  } finally {
    await quirky.close();
  }
});

test('capitalised ops rejected and a JSON content type are reported too', async () => {
  const quirky = await startRfc(['capitalised-ops-rejected', 'content-type-json']);
  try {
    const result = await replayAgainst(entra, quirky);
    expect(result.steps.find((s) => s.seq === 4)?.differences).toContainEqual({
      field: 'status',
      kind: 'status',
      recorded: 200,
      actual: 400,
    });
    expect(result.steps.find((s) => s.seq === 1)?.differences).toContainEqual({
      field: 'headers.content-type',
      kind: 'header',
      recorded: 'application/scim+json',
      actual: expect.stringContaining('application/json') as unknown,
    });
  } finally {
    await quirky.close();
  }
});

test('replay deletes what it created and left behind, and nothing else', async () => {
  const target = await startRfc([], { seedUsers: 2 });
  try {
    const truncated: Recording = { ...entra, exchanges: entra.exchanges.slice(0, 5) };
    const result = await replayAgainst(truncated, target);
    expect(result.cleanup).toHaveLength(1);
    expect(result.cleanup[0]?.status).toBe(204);
    const list = (await (
      await fetch(`${target.url}/Users`, { headers: { authorization: `Bearer ${TOKEN}` } })
    ).json()) as { totalResults: number };
    expect(list.totalResults).toBe(2);
  } finally {
    await target.close();
  }
});

test('replay CLI: exit 0 without differences, 1 with, 2 on bad input; json report', async () => {
  const fresh = await startRfc();
  const quirky = await startRfc(['string-booleans-rejected']);
  try {
    const ok = await cli(['replay', entraFile, '--target', fresh.url, '--token', TOKEN]);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/no differences/);
    const out = join(dir, 'reports');
    const bad = await cli([
      'replay',
      entraFile,
      '--target',
      quirky.url,
      '--token',
      TOKEN,
      '--report',
      'console,json',
      '--out',
      out,
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/DIFF #6 PATCH \/Users\/\S+ → 400 \(recorded 200\)/);
    expect(bad.stdout).toMatch(/status: recorded 200, actual 400/);
    const report = JSON.parse(await readFile(join(out, 'scimulator-replay.json'), 'utf8')) as ReplayResult;
    expect(report.differing).toBeGreaterThan(0);
    expect((await cli(['replay', join(dir, 'missing.json')])).code).toBe(2);
    await writeFile(join(dir, 'junk.json'), '{"format":"nope"}');
    expect((await cli(['replay', join(dir, 'junk.json'), '--target', fresh.url])).code).toBe(2);
  } finally {
    await fresh.close();
    await quirky.close();
  }
});

test('replay without --target uses a fresh embedded reference server', async () => {
  const r = await cli(['replay', entraFile]);
  expect(r.code).toBe(0);
});

test('an unreachable upstream is answered 502 with a clear body, and recorded', async () => {
  const file = join(dir, 'down.json');
  const gone = await startRfc();
  const url = gone.url;
  await gone.close();
  const writer = new RecordingWriter(file, { source: { kind: 'proxy', upstream: url } });
  const proxy = await startRecordingProxy({ upstream: url, onExchange: (e) => writer.append(e) });
  const res = await fetch(`${proxy.url}/Users`);
  expect(res.status).toBe(502);
  expect(await res.text()).toMatch(/could not be reached/);
  await proxy.close();
  const recording = await writer.close();
  expect(recording.exchanges[0]?.response.status).toBe(502);
  expect(recording.exchanges[0]?.error?.code).toBe('TARGET_UNREACHABLE');
});

test('record command prints the proxy base URL and writes the file at close', async () => {
  const upstream = await startRfc();
  const file = join(dir, 'cmd.json');
  let stdout = '';
  let stop!: () => void;
  const stopped = new Promise<string>((resolve) => (stop = () => resolve('SIGINT')));
  const io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => true }, env: {} };
  const running = recordCommand(
    { upstream: upstream.url, port: '0', host: '127.0.0.1', out: file },
    io,
    () => stopped,
  );
  try {
    await expect.poll(() => /listening on (\S+)/.exec(stdout)?.[1]).toBeDefined();
    const base = /listening on (\S+)/.exec(stdout)?.[1] ?? '';
    expect(new URL(base).pathname).toBe('/scim/v2');
    await driveEntra(base);
    // Flushed on each exchange: the file is complete before the proxy closes.
    await expect.poll(async () => (await loadRecording(file)).exchanges.length).toBe(8);
    stop();
    expect(await running).toBe(0);
  } finally {
    await upstream.close();
  }
});

test('serve --record records the same session as the proxy', async () => {
  const file = join(dir, 'served.json');
  const recorder = createServeRecorder(file, [TOKEN]);
  const server = await startServer({ flavor: 'rfc', port: 0, token: TOKEN, onExchange: recorder.onExchange });
  try {
    await recorder.start(server.url);
    await driveEntra(server.url);
  } finally {
    await server.close();
  }
  expect(await recorder.close()).toBe(8);
  const text = await readFile(file, 'utf8');
  expect(text).not.toContain(TOKEN);
  const served = await loadRecording(file);
  expect(served.source.kind).toBe('server');
  const outline = (r: Recording) =>
    r.exchanges.map((e) => [
      e.request.method,
      e.request.path.replace(/[^/]{20,}/, '{id}'),
      e.request.query,
      e.response.status,
    ]);
  expect(outline(served)).toEqual(outline(entra));
  // Equivalent: replaying it against a fresh server shows no difference either.
  const fresh = await startRfc();
  try {
    expect((await replayAgainst(served, fresh)).differing).toBe(0);
  } finally {
    await fresh.close();
  }
});
