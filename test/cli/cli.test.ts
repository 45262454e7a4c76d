import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cli } from '../support/cli.js';
import { SUITES } from '../../suites/index.js';
import { closedPortUrl } from '../engine/helpers.js';
import { startFakeScim } from '../engine/fake-scim.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scimulator-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('scimulator (in process)', () => {
  test('--help lists the commands and exits 0', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/serve/);
    expect(r.stdout).toMatch(/run/);
    expect(r.stdout).toMatch(/list/);
  });

  test('--version prints the package version', async () => {
    const pkg = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
    const r = await cli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  test('no command, an unknown command or flag → exit 2', async () => {
    expect((await cli([])).code).toBe(2);
    expect((await cli(['frobnicate'])).code).toBe(2);
    const r = await cli(['run', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option/);
  });

  test('list suites / checks / profiles / quirks', async () => {
    const suites = await cli(['list', 'suites']);
    expect(suites.code).toBe(0);
    for (const s of SUITES) expect(suites.stdout).toContain(s.name);
    const checks = await cli(['list', 'checks']);
    expect(checks.code).toBe(0);
    const first = SUITES[0]?.checks[0];
    if (first)
      expect(checks.stdout).toMatch(new RegExp(`${first.id.replace(/\./g, '\\.')}\\s+${first.level}`));
    const profiles = (await cli(['list', 'profiles'])).stdout;
    expect(profiles).toMatch(/^rfc\s/m);
    expect(profiles).toMatch(/^entra-id\s/m);
    expect(profiles).toMatch(/^okta-aiw\s+variant of okta/m);
    expect(profiles).toMatch(
      /^google-workspace\s.*thin evidence: \d+ documented, \d+ observed, \d+ inferred$/m,
    );
    expect(profiles).toMatch(/^authentik\s.*solid evidence: /m);
    expect((await cli(['list', 'quirks'])).code).toBe(0);
    expect((await cli(['list', 'nonsense'])).code).toBe(2);
  });

  test('usage errors exit 2 with a clear message', async () => {
    const suite = await cli(['run', '--suite', 'no-such-suite']);
    expect(suite.code).toBe(2);
    expect(suite.stderr).toContain('unknown suite: no-such-suite');
    const check = await cli(['run', '--check', 'no.such.check']);
    expect(check.code).toBe(2);
    expect(check.stderr).toContain('no.such.check');
    const profile = await cli(['run', '--profile', 'nobody']);
    expect(profile.code).toBe(2);
    expect(profile.stderr).toContain('unknown profile "nobody"');
    expect((await cli(['run', '--fail-on', 'sometimes'])).code).toBe(2);
    expect((await cli(['run', '--seed', 'abc'])).code).toBe(2);
    const reporter = await cli(['run', '--report', 'console,pdf']);
    expect(reporter.code).toBe(2);
    expect(reporter.stderr).toContain('unknown reporter "pdf"');
    const baseline = await cli(['run', '--baseline', 'known.json']);
    expect(baseline.code).toBe(2);
    expect(baseline.stderr).toContain('cannot read baseline known.json');
    const config = await cli(['run', '--config', join(dir, 'missing.yaml')]);
    expect(config.code).toBe(2);
    expect(config.stderr).toContain('CONFIG_INVALID');
  });

  test('an unreachable target → exit 2 (TARGET_UNREACHABLE)', async () => {
    const r = await cli(['run', '--target', await closedPortUrl(), '--report', 'json', '--out', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('TARGET_UNREACHABLE');
  });

  test('the target and token come from the environment; json and junit land in --out', async () => {
    const target = await startFakeScim();
    try {
      const out = join(dir, 'env-run');
      const r = await cli(['run', '--report', 'json,junit', '--out', out, '--seed', '5'], {
        SCIM_BASE_URL: target.url,
        SCIM_TOKEN: 'env-token-value',
      });
      expect([0, 1]).toContain(r.code);
      expect(r.stdout).toBe('');
      expect(target.requests[0]?.headers.authorization).toBe('Bearer env-token-value');
      const report = JSON.parse(await readFile(join(out, 'scimulator-report.json'), 'utf8')) as {
        target: string;
        seed: number;
        results: unknown[];
      };
      expect(report.target).toBe(target.url);
      expect(report.seed).toBe(5);
      const xml = await readFile(join(out, 'scimulator-junit.xml'), 'utf8');
      expect(XMLValidator.validate(xml)).toBe(true);
      expect(xml.match(/<testcase /g)?.length ?? 0).toBe(report.results.length);
      expect(await readFile(join(out, 'scimulator-report.json'), 'utf8')).not.toContain('env-token-value');
    } finally {
      await target.close();
    }
  });

  test('a YAML config file supplies target and options; flags win over it', async () => {
    const target = await startFakeScim();
    try {
      const file = join(dir, 'scimulator.yaml');
      const { writeFile } = await import('node:fs/promises');
      await writeFile(
        file,
        `target: http://127.0.0.1:1/wrong\nreport: [json]\nout: ${join(dir, 'cfg')}\nseed: 9\nfailOn: never\n`,
      );
      const r = await cli(['run', '--config', file, '--target', target.url]);
      expect(r.code).toBe(0);
      const report = JSON.parse(await readFile(join(dir, 'cfg', 'scimulator-report.json'), 'utf8')) as {
        seed: number;
        target: string;
      };
      expect(report.seed).toBe(9);
      expect(report.target).toBe(target.url);
    } finally {
      await target.close();
    }
  });

  test('run without --target uses the embedded rfc reference server', async () => {
    const r = await cli(['run', '--report', 'json', '--out', join(dir, 'embedded')]);
    const report = JSON.parse(await readFile(join(dir, 'embedded', 'scimulator-report.json'), 'utf8')) as {
      target: string;
      summary: Record<string, number>;
    };
    expect(report.target).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(r.stderr).toContain('wrote');
    // The oracle: every RFC check passes against the reference server (exit 0).
    expect({ code: r.code, summary: report.summary }).toMatchObject({ code: 0 });
  });
});
