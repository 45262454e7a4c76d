/** `bin/scimulator.js judge` as a real process: Ctrl-C stops it, then it writes the report and grades. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { failedIds, readJsonReport, twoDefectClient } from './judge-cli.js';

beforeAll(() => {
  // Emits even when another folder has type errors; only dist/ is needed.
  spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'ignore' });
}, 120_000);

test('SIGINT ends judging: the report is written and the exit code grades the client', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'scimulator-judge-spawn-'));
  try {
    const child = spawn(
      process.execPath,
      ['bin/scimulator.js', 'judge', '--report', 'json,console', '--out', dir],
      {
        env: { ...process.env, NO_COLOR: '1' },
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const until = Date.now() + 10_000;
    while (!/listening on /.test(out) && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
    const url = /listening on (\S+)/.exec(out)?.[1];
    const token = /bearer token: (\S+)/.exec(out)?.[1];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/scim\/v2$/);
    await twoDefectClient(url ?? '', token ?? '');
    // The judge logs an exchange once it is complete; interrupt only after both are in.
    while (!/#2 PATCH/.test(err) && Date.now() < until + 10_000) await new Promise((r) => setTimeout(r, 25));
    child.kill('SIGINT');
    expect(await exit).toBe(1);
    expect(err).toMatch(/SIGINT: judging 2 request\(s\)/);
    expect(failedIds(await readJsonReport(dir))).toEqual([
      'client.http.media-type',
      'client.patch.operations',
    ]);
    expect(out).toMatch(/client\.patch\.operations/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}, 30_000);
