/**
 * The live progress line (issue 18): one line on a TTY's stderr, rewritten in place and cleared before the
 * summary; nothing when stderr is not a terminal or with --quiet; never in stdout or a report file.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, expect, test } from 'vitest';
import { main } from '../../cli/index.js';
import { createProgress } from '../../engine/reporters/index.js';
import type { CheckResult } from '../../engine/model/index.js';

const ERASE = '\r\x1b[2K';

/** A real stream that keeps what it is given; `isTTY` makes it look like a terminal. */
function sink(isTTY: boolean): Writable & { text: () => string; isTTY?: boolean; columns?: number } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      text += String(chunk);
      done();
    },
  }) as Writable & { text: () => string; isTTY?: boolean; columns?: number };
  if (isTTY) {
    stream.isTTY = true;
    stream.columns = 120;
  }
  stream.text = () => text;
  return stream;
}

let dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
  dirs = [];
});

function result(outcome: CheckResult['outcome']): CheckResult {
  return {
    id: 'x.y.z',
    title: 't',
    suite: 'x',
    profile: 'rfc',
    level: 'MUST',
    rfc: 'RFC7644 3.3',
    outcome,
    exchanges: [],
    ms: 1,
  } as CheckResult;
}

test('on a TTY the line counts checks and failures, redraws in place and is erased at the end', () => {
  const err = sink(true);
  let t = 0;
  const progress = createProgress({ stream: err, env: {}, now: () => t, tickMs: 60_000 });
  progress.start(3);
  progress.result(result('pass'));
  t = 65_000;
  progress.result(result('fail'));
  const out = sink(false);
  progress.around(out).write('a line of the console reporter\n');
  progress.stop();
  const text = err.text();
  expect(text).toContain(`${ERASE}1/3 checks, 0 failed, 0:00 elapsed`);
  expect(text).toContain(`${ERASE}2/3 checks, 1 failed, 1:05 elapsed`);
  expect(text.endsWith(ERASE)).toBe(true);
  expect(out.text()).toBe('a line of the console reporter\n');
  // Console output first erases the line, then it is drawn again.
  expect(text.split(ERASE).length).toBeGreaterThan(4);
});

test('not a TTY, or disabled: nothing is written', () => {
  for (const [stream, enabled] of [
    [sink(false), undefined],
    [sink(true), false],
  ] as const) {
    const progress = createProgress({ stream, env: {}, ...(enabled !== undefined ? { enabled } : {}) });
    progress.start(2);
    progress.result(result('fail'));
    progress.stop();
    expect(stream.text()).toBe('');
  }
});

async function runCli(args: string[], tty: boolean) {
  const stdout = sink(false);
  const stderr = sink(tty);
  const code = await main(['run', '--suite', 'discovery', '--profile', 'rfc', '--seed', '5', ...args], {
    stdout,
    stderr,
    env: {},
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

test('scimulator run on a TTY: the live line on stderr, cleared before the summary; stdout and the JSON report stay clean', async () => {
  const out = await mkdtemp(join(tmpdir(), 'scimulator-progress-'));
  dirs.push(out);
  const r = await runCli(['--report', 'console,json', '--out', out], true);
  expect(r.code, r.stdout + r.stderr).toBe(0);
  expect(r.stderr).toMatch(/\d+\/\d+ checks, 0 failed, 0:0\d elapsed/);
  // The last thing before `wrote …` erased the line.
  const lastErase = r.stderr.lastIndexOf(ERASE);
  expect(r.stderr.slice(lastErase + ERASE.length)).toMatch(/^wrote .*scimulator-report\.json\n$/);
  expect(r.stdout).not.toContain('\r');
  expect(r.stdout).toMatch(/passed, 0 failed/);
  const json = await readFile(join(out, 'scimulator-report.json'), 'utf8');
  expect(json).not.toContain('\r');
  expect(json).not.toContain(ERASE.slice(1));
}, 60_000);

test('not a TTY, or --quiet: no carriage return anywhere', async () => {
  const plain = await runCli([], false);
  expect(plain.code).toBe(0);
  expect(plain.stderr + plain.stdout).not.toContain('\r');
  const quiet = await runCli(['--quiet'], true);
  expect(quiet.code).toBe(0);
  expect(quiet.stderr + quiet.stdout).not.toContain('\r');
  expect(quiet.stdout).toMatch(/passed, 0 failed/);
}, 60_000);

test('--rate must be a positive number: exit 2 with one sentence', async () => {
  for (const bad of ['0', '-3', 'fast']) {
    const r = await runCli(['--rate', bad], false);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      `scimulator: --rate must be a number of requests per second above 0 (at most 1000000), got "${bad}" [USAGE]`,
    );
  }
});
