/**
 * The package as a user gets it: `npm pack` (of the current dist/; run `npm run build` first), installed
 * from the tarball into a temporary ESM project, then used through its public entry points only.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, test } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const built =
  existsSync(join(ROOT, 'dist/index.js')) && existsSync(join(ROOT, 'dist/integrations/msw/index.js'));
const exec = promisify(execFile);

const SCRIPT = `
import { run, exitCodeFor } from 'scimulator';
import { createScimFetchHandler, createScimHandlers } from 'scimulator/msw';
import { startServer } from 'scimulator/reference-server';
import { setupServer } from 'msw/node';

const token = 'pack-token-1234';
const quirks = ['create-returns-200'];
const options = { token, seed: 11, checks: ['discovery.*', 'users.*'] };
const outcomes = (report) =>
  Object.fromEntries(report.results.map((r) => [r.id + ' [' + r.profile + ']', r.outcome + ' ' + (r.code ?? '')]));
const summary = (report) => ({ outcomes: outcomes(report), verdicts: report.verdicts, exit: exitCodeFor(report, 'must') });

// 1. In process, against the reference server as a fetch handler: no port.
const handler = createScimFetchHandler({ token, quirks });
const inProcess = await run({ handler: handler.fetch, target: handler.baseUrl, ...options });

// 2. msw: the handlers intercept global fetch; run() reaches them through a handler that fetches.
const msw = setupServer(...createScimHandlers({ baseUrl: 'https://scim.example.test/scim/v2', token, quirks }));
msw.listen({ onUnhandledRequest: 'error' });
const viaMsw = await run({ handler: (request) => fetch(request), target: 'https://scim.example.test/scim/v2', ...options });
const direct = await fetch('https://scim.example.test/scim/v2/ServiceProviderConfig', { headers: { authorization: 'Bearer ' + token } });
msw.close();

// 3. HTTP, against the reference server on a loopback port.
const server = await startServer({ flavor: 'rfc', port: 0, token, quirks, log: () => {} });
const overHttp = await run({ target: server.url, ...options });
await server.close();

console.log(JSON.stringify({
  inProcess: summary(inProcess),
  viaMsw: summary(viaMsw),
  overHttp: summary(overHttp),
  mswStatus: direct.status,
  vitestEntry: import.meta.resolve('scimulator/vitest'),
}));
`;

let dir: string | undefined;
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

// dist/ comes from `npm run build` (in CI, `npm ci` builds it, so there a missing dist/ fails instead of skipping); the tarball packs whatever is there.
test.skipIf(!built && !process.env.CI)(
  'npm pack → npm install → run() in process, via msw and over HTTP gives the same verdicts',
  async () => {
    dir = await mkdtemp(join(tmpdir(), 'scimulator-pack-'));
    const t0 = performance.now();
    const { stdout: packed } = await exec(
      'npm',
      ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir],
      { cwd: ROOT },
    );
    const tarball = join(dir, packed.trim().split('\n').at(-1) ?? '');
    const project = join(dir, 'project');
    await mkdir(project);
    await writeFile(
      join(project, 'package.json'),
      JSON.stringify({ name: 'user-project', private: true, type: 'module' }),
    );
    await exec(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--prefer-offline',
        '--ignore-scripts',
        '--loglevel=error',
        tarball,
      ],
      { cwd: project, timeout: 120_000 },
    );
    const installed = performance.now() - t0;
    expect(installed).toBeLessThan(90_000);

    // Every `exports` entry resolves to a file with its declarations.
    const pkg = JSON.parse(await readFile(join(project, 'node_modules/scimulator/package.json'), 'utf8')) as {
      exports: Record<string, { types?: string; import?: string } | string>;
    };
    for (const entry of ['.', './reference-server', './msw', './vitest']) {
      const target = pkg.exports[entry];
      expect(typeof target === 'object' && target.import && target.types, entry).toBeTruthy();
      if (typeof target !== 'object') continue;
      expect(
        existsSync(join(project, 'node_modules/scimulator', target.import ?? '')),
        `${entry} import`,
      ).toBe(true);
      expect(existsSync(join(project, 'node_modules/scimulator', target.types ?? '')), `${entry} types`).toBe(
        true,
      );
    }

    await writeFile(join(project, 'check.mjs'), SCRIPT);
    const { stdout } = await exec(process.execPath, ['check.mjs'], { cwd: project, timeout: 60_000 });
    const out = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<
      string,
      { outcomes: Record<string, string>; verdicts: unknown; exit: number }
    > & {
      mswStatus: number;
      vitestEntry: string;
    };
    expect(out.mswStatus).toBe(200);
    expect(out.vitestEntry).toMatch(/node_modules\/scimulator\/dist\/integrations\/vitest\/index\.js$/);
    expect(Object.keys(out.overHttp?.outcomes ?? {}).length).toBeGreaterThan(20);
    expect(out.overHttp?.outcomes['users.post.returns-201 [rfc]']).toBe('fail STATUS_MISMATCH');
    expect(out.overHttp?.exit).toBe(1);
    expect(out.inProcess).toEqual(out.overHttp);
    expect(out.viaMsw).toEqual(out.overHttp);
  },
  180_000,
);
