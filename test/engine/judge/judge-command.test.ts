/** `scimulator judge`: exit codes, the report, stop conditions, proxy mode and usage errors (real HTTP). */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer } from '../../../reference-server/index.js';
import { failedIds, readJsonReport, runJudge, twoDefectClient } from './judge-cli.js';
import { runScriptedClient } from './scripted-client.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scimulator-judge-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('scimulator judge', () => {
  test('a well-behaved client is judged with exit 0', async () => {
    const out = join(dir, 'good');
    const run = await runJudge(
      ['--idle', '3', '--as', 'okta', '--report', 'console,json', '--out', out],
      (url, token) => runScriptedClient(url, token),
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/bearer token: scim-/);
    const report = await readJsonReport(out);
    expect(failedIds(report)).toEqual([]);
    expect(report.summary.passed).toBeGreaterThan(20);
    expect(report.verdicts.okta?.compatible).toBe(true);
    expect(run.stderr).toMatch(/idle for 3 s: judging \d+ request\(s\)/);
  }, 30_000);

  test('empty Operations and a text/plain body: exit 1, and the report names exactly those two requirements', async () => {
    const out = join(dir, 'bad');
    const run = await runJudge(
      ['--requests', '2', '--report', 'json,junit,md,html', '--out', out],
      twoDefectClient,
    );
    expect(run.code).toBe(1);
    const report = await readJsonReport(out);
    expect(failedIds(report)).toEqual(['client.http.media-type', 'client.patch.operations']);
    expect(report.verdicts.rfc?.failed.sort()).toEqual(['client.http.media-type', 'client.patch.operations']);
    const patch = report.results.find((r) => r.id === 'client.patch.operations');
    expect(patch?.level).toBe('MUST');
    expect(patch?.exchanges[0]?.request.method).toBe('PATCH');
    expect(JSON.stringify(report)).not.toContain(run.token);
    expect(run.stderr).toMatch(/2 request\(s\) received/);
    // The other reporters take the same report.
    const junit = await readFile(join(out, 'scimulator-junit.xml'), 'utf8');
    expect(junit).toMatch(/client\.patch\.operations/);
    expect(await readFile(join(out, 'scimulator-report.md'), 'utf8')).toMatch(/CLIENT_MEDIA_TYPE/);
    expect(await readFile(join(out, 'scimulator-report.html'), 'utf8')).toMatch(/client\.http\.media-type/);
  }, 30_000);

  test('--fail-on must lets the SHOULD failure through but not the MUST one; never always exits 0', async () => {
    const must = await runJudge(
      ['--requests', '2', '--fail-on', 'must', '--report', 'json', '--out', join(dir, 'm')],
      twoDefectClient,
    );
    expect(must.code).toBe(1);
    const never = await runJudge(
      ['--requests', '2', '--fail-on', 'never', '--report', 'json', '--out', join(dir, 'n')],
      twoDefectClient,
    );
    expect(never.code).toBe(0);
  }, 30_000);

  test('--upstream: the same grading while forwarding to a real server', async () => {
    const upstream = await startServer({ flavor: 'rfc', port: 0, token: 'upstream-token-123' });
    try {
      const out = join(dir, 'proxy');
      const run = await runJudge(
        [
          '--upstream',
          upstream.url,
          '--token',
          'upstream-token-123',
          '--requests',
          '2',
          '--report',
          'json',
          '--out',
          out,
        ],
        (url) => twoDefectClient(url, 'upstream-token-123'),
      );
      expect(run.code).toBe(1);
      const report = await readJsonReport(out);
      expect(failedIds(report)).toEqual(['client.http.media-type', 'client.patch.operations']);
      // The create really reached the upstream.
      expect(
        report.results.find((r) => r.id === 'client.resource.schemas')?.exchanges[0]?.response?.status,
      ).toBe(201);
    } finally {
      await upstream.close();
    }
  }, 30_000);

  test.each([
    [['--requests', '0'], /--requests/],
    [['--idle', 'soon'], /--idle/],
    [['--rate-limit', 'lots'], /--rate-limit/],
    [['--fail-on', 'sometimes'], /fail-on/],
    [['--as', 'no-such-idp'], /no-such-idp/],
    [['--report', 'pdf'], /unknown reporter/],
    [['--upstream', 'not a url'], /--upstream/],
    [['--upstream', 'http://127.0.0.1:9/scim', '--quirk', 'no-auth'], /drop --quirk/],
  ])('usage error %j → exit 2 with one sentence', async (argv, message) => {
    const run = await runJudge(argv, () => Promise.reject(new Error('must not be called')));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
