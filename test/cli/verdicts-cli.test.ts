import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cli } from '../support/cli.js';
import type { Report } from '../../engine/runner/index.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scimulator-cli-verdicts-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('scimulator run: verdicts, --strict, --verbose', () => {
  test('without --profile the RFC and the three IdPs are judged; --profile rfc judges the RFC alone', async () => {
    const checks = ['--check', 'discovery.spc.*', '--check', 'lifecycle.create.*'];
    const all = await cli(['run', ...checks]);
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(
      /Verdicts\n {2}rfc {7}compatible\n {2}entra-id {2}compatible( —[^\n]*)?\n {2}okta {6}compatible( —[^\n]*)?\n {2}onelogin {2}compatible( —[^\n]*)?\n/,
    );
    // Failures first, then one summary line: no line per passing check.
    expect(all.stdout).not.toContain('✓');
    const rfc = await cli(['run', '--profile', 'rfc', ...checks]);
    expect(rfc.code).toBe(0);
    expect(rfc.stdout).toMatch(/Verdicts\n {2}rfc {2}compatible\n$/);
  });

  test('--profile entra-id --suite users prints "not judged", never "compatible", for entra-id', async () => {
    const r = await cli(['run', '--profile', 'entra-id', '--check', 'users.post.*']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'entra-id  not judged (none of its own checks ran: filtered out by --suite/--check)',
    );
  });

  test('--verbose lists every check and the suite table', async () => {
    const r = await cli(['run', '--profile', 'rfc', '--check', 'discovery.spc.*', '--verbose']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✓ discovery\.spc\.\S+ \d+ms/);
    expect(r.stdout).toMatch(/^suite\s+passed\s+failed\s+skipped\s+errored$/m);
  });

  test('--strict and the config key `strict` both reach the report', async () => {
    const out = join(dir, 'strict-flag');
    const flag = await cli([
      'run',
      '--profile',
      'rfc',
      '--check',
      'discovery.spc.*',
      '--strict',
      '--report',
      'json',
      '--out',
      out,
    ]);
    expect(flag.code).toBe(0);
    const report = JSON.parse(await readFile(join(out, 'scimulator-report.json'), 'utf8')) as Report;
    expect(report.strict).toBe(true);
    const config = join(dir, 'scimulator.config.yaml');
    const out2 = join(dir, 'strict-config');
    await writeFile(
      config,
      `strict: true\nprofiles: rfc\nchecks: discovery.spc.*\nreport: json\nout: ${out2}\n`,
    );
    expect((await cli(['run', '--config', config])).code).toBe(0);
    const fromFile = JSON.parse(await readFile(join(out2, 'scimulator-report.json'), 'utf8')) as Report;
    expect(fromFile.strict).toBe(true);
    await writeFile(config, 'strict: yes please\n');
    const bad = await cli(['run', '--config', config]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('strict');
  });
});
