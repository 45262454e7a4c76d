/** Issue 23, the edges a newcomer hits in the first hour: --out, did-you-mean, help, wording, list width. */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cli } from '../support/cli.js';
import { checkLines } from '../../cli/commands/list.js';
import { closest } from '../../engine/config/suggest.js';
import { prepareOutFolder } from '../../engine/config/index.js';
import { isHarnessError } from '../../engine/errors.js';
import { levelTag, plural } from '../../engine/reporters/text.js';
import { run } from '../../index.js';
import { sendJson, startTestServer, type TestServer } from '../engine/helpers.js';

let dir: string;
let target: TestServer;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scimulator-first-contact-'));
  // Any request at all would be a failure of the "validate before the first request" rule.
  target = await startTestServer((_req, res) => sendJson(res, 200, {}));
});
afterAll(async () => {
  await target.close();
  await rm(dir, { recursive: true, force: true });
});

describe('--out that cannot hold reports: exit 2 before the first request, one sentence, no stack', () => {
  const cases = [
    { name: 'a /proc path (recursive mkdir used to loop there)', out: () => '/proc/x' },
    { name: 'a /sys path', out: () => '/sys/x' },
    { name: 'a file', out: () => join(dir, 'a-file') },
    { name: 'a folder below a file', out: () => join(dir, 'a-file', 'x') },
  ];
  beforeAll(async () => {
    await writeFile(join(dir, 'a-file'), 'not a folder\n');
  });

  test.each(cases)('$name', async ({ out }) => {
    const before = target.requests.length;
    const r = await cli(['run', '--target', target.url, '--token', 't', '--report', 'json', '--out', out()]);
    expect(r.code).toBe(2);
    expect(r.ms).toBeLessThan(5_000);
    expect(target.requests.length).toBe(before);
    const lines = r.stderr.trim().split('\n');
    expect(lines.at(-1)).toMatch(/^scimulator: cannot write reports to --out .+: .+ \[USAGE\]$/);
    expect(r.stderr).not.toMatch(/HARNESS_BUG|\n\s+at /);
    expect(r.stdout).toBe('');
  });

  test('the sentence says why', async () => {
    expect((await cli(['run', '--report', 'json', '--out', join(dir, 'a-file')])).stderr).toContain(
      'it is a file, not a folder',
    );
    expect((await cli(['run', '--report', 'json', '--out', join(dir, 'a-file', 'x')])).stderr).toContain(
      `${join(dir, 'a-file')} is a file, not a folder`,
    );
  });

  test('--debug adds the stack trace', async () => {
    const r = await cli(['run', '--report', 'json', '--out', '/proc/x', '--debug']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\n\s+at /);
  });

  test('console alone writes no file, so --out is not checked', async () => {
    const r = await cli(['run', '--check', 'discovery.spc.returns-200', '--out', '/proc/x']);
    expect(r.code, r.stderr).toBe(0);
  });

  test('the library run() rejects such an out before any request, with USAGE', async () => {
    const before = target.requests.length;
    const error = await run({ target: target.url, reports: ['json'], out: '/proc/x' }).catch(
      (e: unknown) => e,
    );
    expect(isHarnessError(error) && error.code).toBe('USAGE');
    expect(target.requests.length).toBe(before);
  });

  test('a folder that can be created is created level by level and, when only checked, removed again', async () => {
    const deep = join(dir, 'new', 'deeper', 'reports');
    expect(await prepareOutFolder(deep, { keep: false })).toEqual([]);
    expect(await readdir(dir)).not.toContain('new');
    expect(await prepareOutFolder(deep)).toEqual([join(dir, 'new'), join(dir, 'new', 'deeper'), deep]);
    expect(await readdir(deep)).toEqual([]);
  });
});

describe('did you mean', () => {
  test('a mistyped profile, suite or check names the closest one', async () => {
    const profile = await cli(['run', '--profile', 'entra-di']);
    expect(profile.code).toBe(2);
    expect(profile.stderr).toContain('unknown profile "entra-di" (did you mean "entra-id"?)');
    const suite = await cli(['run', '--suite', 'usres']);
    expect(suite.code).toBe(2);
    expect(suite.stderr).toContain('unknown suite: usres (did you mean "users"?)');
    const check = await cli(['run', '--check', 'discovery.spc.returns-20']);
    expect(check.code).toBe(2);
    expect(check.stderr).toContain('(did you mean "discovery.spc.returns-200"?)');
    const pattern = await cli(['run', '--check', 'discovry.*']);
    expect(pattern.code).toBe(2);
    expect(pattern.stderr).toContain('(did you mean "discovery.*"?)');
  });

  test('nothing is suggested when nothing is close', async () => {
    expect(closest('zzzzzz', ['users', 'groups'])).toBeUndefined();
    const r = await cli(['run', '--profile', 'nobody']);
    expect(r.stderr).toContain('unknown profile "nobody"');
    expect(r.stderr).not.toContain('did you mean');
  });
});

describe('--help', () => {
  test.each(['run', 'serve', 'list', 'init', 'record', 'replay', 'profile-from', 'load'])(
    '%s --help shows an example',
    async (command) => {
      const r = await cli([command, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`Examples:\\n {2}\\$ scimulator ${command}`));
    },
  );

  test('run --help shows the defaults of --out, --timeout and --report', async () => {
    // Commander wraps descriptions to the terminal's width; compare the text, not the wrapping.
    const help = (await cli(['run', '--help'])).stdout.replace(/\s+/g, ' ');
    expect(help).toContain('--out <dir> folder for report files (default: reports');
    expect(help).toContain('--timeout <ms> per-request deadline in milliseconds (default: 10000');
    expect(help).toContain('--report <names> reporters: console,json,junit,html,md,har (default: "console")');
    expect(help).toContain('--fail-on <level> must | should | never (default: must)');
  });

  test('the top-level help has examples', async () => {
    expect((await cli(['--help'])).stdout).toContain('Examples:\n  $ scimulator run');
  });
});

describe('wording', () => {
  test('counts agree with their noun; a check without a section shows no dangling comma', () => {
    expect(plural(1, 'check')).toBe('1 check');
    expect(plural(2, 'check')).toBe('2 checks');
    expect(plural(0, 'resource')).toBe('0 resources');
    expect(levelTag({ level: 'SHOULD', rfc: '' })).toBe('[SHOULD]');
    expect(levelTag({ level: 'MUST', rfc: 'RFC7644 3.3' })).toBe('[MUST, RFC7644 3.3]');
  });

  test('a run of one check says "1 check"', async () => {
    const r = await cli(['run', '--check', 'discovery.spc.returns-200'], { NO_COLOR: '1' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\(seed \d+, 1 check\)/);
  });
});

describe('list checks', () => {
  test('every line fits 120 columns and starts an entry with its id', async () => {
    const r = await cli(['list', 'checks']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(120);
    expect(lines.filter((l) => !l.startsWith(' ')).length).toBeGreaterThan(300);
  });

  test('long titles wrap under their column; the reference follows the title', () => {
    const lines = checkLines(
      [
        { id: 'a.b', level: 'MUST', rfc: 'RFC7644 3.3', title: 'word '.repeat(30).trim() },
        { id: 'a.c', level: 'SHOULD', rfc: '', title: 'short' },
      ],
      60,
    );
    expect(lines.every((l) => l.length <= 60)).toBe(true);
    expect(lines[0]).toMatch(/^a\.b\s+MUST\s+word/);
    expect(lines[1]).toMatch(/^ {13}word/);
    expect(lines.at(-2)).toMatch(/\(RFC7644 3\.3\)$/);
    expect(lines.at(-1)).toBe('a.c  SHOULD  short');
  });
});
