/**
 * The real executable (`bin/scimulator.js` → dist/, plain Node): user TypeScript is type-checked by
 * ts-node and bound to dist/, and load errors carry the line Node's source maps give.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { readReport, removeTempDirs, tempDir, writeFiles } from './helpers.js';

// ts-node type-checks the user's TypeScript: seconds of CPU per file, more while other files run.
vi.setConfig({ testTimeout: 120_000 });

const BIN = resolve('bin/scimulator.js');

// dist/ is compiled once for the whole run by vitest's global setup (test/support/build-dist.ts).
afterAll(removeTempDirs);

function scimulator(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('bin/scimulator.js with user TypeScript', () => {
  test('init, then run --checks scimulator/checks: the example check passes (type-checked)', async () => {
    const dir = await tempDir();
    expect(scimulator(['init'], dir).code).toBe(0);
    const r = scimulator(
      ['run', '--checks', 'scimulator/checks', '--suite', 'example', '--report', 'json', '--out', 'out'],
      dir,
    );
    expect(r.code, r.stderr).toBe(0);
    const timing =
      /loaded scimulator\/checks\/example\.check\.ts: 1 check in example \(type-checked in (\d+) ms, (\d+) ms\)/.exec(
        r.stderr,
      );
    expect(timing, r.stderr).not.toBeNull();
    console.log(
      `ts-node load of example.check.ts from dist/: ${timing?.[1]} ms compile, ${timing?.[2]} ms total`,
    );
    const report = await readReport(join(dir, 'out'));
    expect(report.results.map((x) => [x.id, x.suite, x.outcome])).toEqual([
      ['example.users.read-back-username', 'example', 'pass'],
    ]);
  });

  test('a type error and a throw on load → exit 2 with file, line and column', async () => {
    const dir = await tempDir();
    await writeFiles(dir, {
      'typed.check.ts':
        "import { defineSuite } from 'scimulator';\n\nexport default defineSuite({ name: 'x', title: 1, description: '', checks: [] });\n",
      'throws.check.ts':
        "import { defineSuite } from 'scimulator';\n\nthrow new Error('no config for acme');\nexport default defineSuite({ name: 'x', title: 'x', description: '', checks: [] });\n",
    });
    const typed = scimulator(['run', '--checks', 'typed.check.ts'], dir);
    expect(typed.code).toBe(2);
    expect(typed.stderr).toMatch(
      /^scimulator: typed\.check\.ts:3:41: TS2322: Type 'number' is not assignable to type 'string'\. \[CONFIG_INVALID\]$/m,
    );
    const thrown = scimulator(['run', '--checks', 'throws.check.ts'], dir);
    expect(thrown.code).toBe(2);
    expect(thrown.stderr).toContain(
      'scimulator: throws.check.ts:3:7: throws while loading: Error: no config for acme [CONFIG_INVALID]',
    );
  });
});
