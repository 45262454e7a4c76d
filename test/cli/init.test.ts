/** `scimulator init`: writes the starter files, never overwrites, and the example check passes. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { parseRunConfig } from '../../engine/config/index.js';
import { cli, readReport, removeTempDirs, tempDir } from '../engine/loader/helpers.js';

// ts-node type-checks the user's TypeScript: seconds of CPU per file, more while other files run.
vi.setConfig({ testTimeout: 120_000 });

afterAll(removeTempDirs);

const FILES = [
  'scimulator.config.yaml',
  'scimulator/checks/example.check.ts',
  'scimulator/ci/github-actions.yml',
];

describe('scimulator init', () => {
  test('writes the config, the example check and the CI snippet; a second init skips them all', async () => {
    const dir = await tempDir();
    const first = await cli(['init', '--dir', dir]);
    expect(first.code, first.stderr).toBe(0);
    for (const f of FILES) expect(first.stdout).toContain(`wrote ${join(dir, f)}`);

    const ownConfig = '# mine\nfailOn: should\n';
    await writeFile(join(dir, 'scimulator.config.yaml'), ownConfig);
    const second = await cli(['init', '--dir', dir]);
    expect(second.code).toBe(0);
    for (const f of FILES) expect(second.stdout).toContain(`skipped ${join(dir, f)} (exists)`);
    expect(await readFile(join(dir, 'scimulator.config.yaml'), 'utf8')).toBe(ownConfig);
  });

  test('the config is valid and points at the checks folder; the CI snippet is YAML that runs scimulator', async () => {
    const dir = await tempDir();
    await cli(['init', '--dir', dir]);
    const configFile = join(dir, 'scimulator.config.yaml');
    const config = parseRunConfig(parseYaml(await readFile(configFile, 'utf8')), configFile);
    expect(config.checkFiles).toEqual([join(dir, 'scimulator/checks')]);
    // Relative to the config file's folder, as its comment says, not to the working folder.
    expect(config.out).toBe(join(dir, 'reports'));
    const ci = parseYaml(await readFile(join(dir, 'scimulator/ci/github-actions.yml'), 'utf8')) as {
      jobs: Record<string, { steps: Array<{ run?: string }> }>;
    };
    expect(JSON.stringify(ci.jobs)).toContain('npx scimulator run --config scimulator.config.yaml');
  });

  test('the example check passes with `scimulator run --checks scimulator/checks` (type-checked)', async () => {
    const dir = await tempDir();
    await cli(['init', '--dir', dir]);
    const out = join(dir, 'reports');
    const r = await cli([
      'run',
      '--checks',
      join(dir, 'scimulator/checks'),
      '--suite',
      'example',
      '--report',
      'json',
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/example\.check\.ts: 1 check in example \(type-checked/);
    const report = await readReport(out);
    expect(report.results).toEqual([
      expect.objectContaining({ id: 'example.users.read-back-username', suite: 'example', outcome: 'pass' }),
    ]);
    expect(report.results[0]?.exchanges.map((e) => e.request.method)).toEqual(['POST', 'GET']);
  });

  test('the written config runs the example check through `checkFiles`', async () => {
    const dir = await tempDir();
    await cli(['init', '--dir', dir]);
    const out = join(dir, 'out');
    const r = await cli([
      'run',
      '--config',
      join(dir, 'scimulator.config.yaml'),
      '--suite',
      'example',
      '--report',
      'json',
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect((await readReport(out)).results.map((x) => `${x.id} ${x.outcome}`)).toEqual([
      'example.users.read-back-username pass',
    ]);
  });
});
