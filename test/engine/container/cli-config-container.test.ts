import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cli } from '../../support/cli.js';
import { dockerAvailable, isHarnessError, run } from '../../../index.js';

/** Runs `fn` with `dir` as the working directory (config auto-discovery looks there). */
async function inDir<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const before = process.cwd();
  process.chdir(dir);
  try {
    return await fn();
  } finally {
    process.chdir(before);
  }
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scimulator-config-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('config file', () => {
  test.each([
    { doc: { failOn: 'always' }, pointer: '/failOn', says: 'fail-on must be must, should or never' },
    { doc: { tagret: 'http://x' }, pointer: '/tagret', says: 'unknown key(s) tagret' },
    {
      doc: { report: ['json', 'pdf'] },
      pointer: '/report/1',
      says: 'not a reporter (available: console, json, junit, html, md, har), got "pdf"',
    },
    { doc: { seed: -1 }, pointer: '/seed', says: 'seed must be an integer between 0 and 4294967295' },
    { doc: { target: 'ftp://x' }, pointer: '/target', says: 'target must be an http(s) URL' },
    { doc: ['a'], pointer: '(root)', says: 'expected a mapping' },
  ])('$pointer: exit 2 naming the file and the JSON pointer', async ({ doc, pointer, says }) => {
    const file = join(dir, 'bad.json');
    await writeFile(file, JSON.stringify(doc));
    const r = await cli(['run', '--config', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}: ${pointer}: `);
    expect(r.stderr).toContain(says);
    expect(r.stderr).toContain('[CONFIG_INVALID]');
  });

  test('scimulator.config.yaml in the working directory is found without --config', async () => {
    const work = await mkdtemp(join(dir, 'auto-'));
    await writeFile(
      join(work, 'scimulator.config.yaml'),
      '$schema: ./scimulator.config.schema.json\nchecks: [discovery.*]\nreport: json\nout: out\nseed: 5\n',
    );
    const r = await inDir(work, () => cli(['run']));
    expect(r.stderr).toContain('using ');
    expect(r.code).toBe(0);
    const report = JSON.parse(await readFile(join(work, 'out', 'scimulator-report.json'), 'utf8')) as {
      seed: number;
      results: { id: string }[];
    };
    expect(report.seed).toBe(5);
    expect(report.results.every((x) => x.id.startsWith('discovery.'))).toBe(true);
  });

  test('two config files in the working directory are ambiguous (exit 2)', async () => {
    const work = await mkdtemp(join(dir, 'two-'));
    await writeFile(join(work, 'scimulator.config.json'), '{}');
    await writeFile(join(work, 'scimulator.config.yml'), '{}');
    const r = await inDir(work, () => cli(['run']));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('more than one config file');
  });

  test('a token in the file works but is discouraged on stderr', async () => {
    const file = join(dir, 'token.yaml');
    await writeFile(file, 'token: file-token-123\nchecks: [discovery.spc.*]\nreport: []\n');
    const r = await cli(['run', '--config', file]);
    expect(r.stderr).toContain('holds a token; prefer SCIM_TOKEN');
  });
});

describe('container targets', async () => {
  const docker = await dockerAvailable();

  // The development machine has no Docker engine; where one exists, the last test runs instead.
  test.skipIf(docker.available)('without a container engine: exit 2 with a clear message', async () => {
    const r = await cli([
      'run',
      '--target-image',
      'nginx:alpine',
      '--target-port',
      '80',
      '--check',
      'discovery.*',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot start nginx:alpine: no container engine is reachable');
    expect(r.stderr).toContain('start Docker or set DOCKER_HOST');
    expect(r.stderr).toContain('[NOT_AVAILABLE]');
    const err = await run({ container: { image: 'nginx:alpine', port: 80 } }).catch((e: unknown) => e);
    expect(isHarnessError(err) && err.code).toBe('NOT_AVAILABLE');
  });

  test.each([
    { argv: ['--target-image', 'x'], says: '--target-image needs --target-port' },
    {
      argv: ['--target-image', 'x', '--target-port', '80', '--target', 'http://x'],
      says: 'either --target or --target-image',
    },
    { argv: ['--target-port', '80'], says: 'need --target-image' },
    { argv: ['--target-image', 'x', '--target-port', 'http'], says: '--target-port must be an integer' },
    { argv: ['--target-image', 'x', '--target-port', '80', '--target-env', 'NOEQUALS'], says: 'KEY=VALUE' },
  ])('usage: $says', async ({ argv, says }) => {
    const r = await cli(['run', ...argv]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(says);
  });

  // Needs a Docker engine (none on the development machine): nginx is no SCIM server, so the run
  // reaches it, fails its checks (exit 1, not 2) and stops the container.
  test.skipIf(!docker.available)(
    'starts the image, runs against it and stops it',
    async () => {
      const r = await cli([
        'run',
        '--target-image',
        'nginx:alpine',
        '--target-port',
        '80',
        '--check',
        'discovery.*',
        '--report',
        'console',
      ]);
      expect(r.code).toBe(1);
    },
    180_000,
  );
});
