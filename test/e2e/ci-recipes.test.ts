/**
 * Runs the commands of docs/ci-recipes.md verbatim (`npx scimulator` is the built bin/scimulator.js)
 * against reference servers, so the recipes cannot drift from the CLI. Needs `npm run build` (dist/).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type RunningServer } from '../../reference-server/index.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/scimulator.js');
const built = existsSync(join(ROOT, 'dist/cli/index.js'));
const TOKEN = 'ci-recipe-token-1234';

/** The fenced blocks of the recipes page, in order, with their info string. */
async function blocks(): Promise<{ lang: string; text: string }[]> {
  const md = await readFile(join(ROOT, 'docs/ci-recipes.md'), 'utf8');
  return [...md.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({
    lang: m[1] ?? '',
    text: m[2] ?? '',
  }));
}

/** Runs a shell snippet with `npx scimulator` bound to this checkout's CLI. */
async function sh(script: string, cwd: string, env: Record<string, string>) {
  const prelude = `npx() { if [ "$1" = scimulator ]; then shift; node ${JSON.stringify(BIN)} "$@"; else command npx "$@"; fi; }\n`;
  return promisify(execFile)('bash', ['-c', prelude + script], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', ...env },
    timeout: 60_000,
  }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code?: number; stdout?: string; stderr?: string }) => ({
      code: e.code,
      stdout: e.stdout ?? '',
      stderr: e.stderr ?? '',
    }),
  );
}

let dir: string;
const servers: RunningServer[] = [];
async function server(quirks: string[] = []): Promise<string> {
  const s = await startServer({ flavor: 'rfc', port: 0, token: TOKEN, quirks, log: () => undefined });
  servers.push(s);
  return s.url;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scimulator-ci-'));
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await rm(dir, { recursive: true, force: true });
});

// dist/ comes from `npm run build` (in CI, `npm ci` builds it, so there a missing dist/ fails instead of skipping); without it these tests cannot run the CLI as CI would.
describe.skipIf(!built && !process.env.CI)('docs/ci-recipes.md', () => {
  test('GitHub Actions: the step writes JUnit and appends the markdown summary to $GITHUB_STEP_SUMMARY', async () => {
    const workflow = (await blocks()).find((b) => b.lang === 'yaml' && b.text.includes('runs-on'));
    const doc = parseYaml(workflow?.text ?? '') as {
      jobs: { scim: { steps: { name?: string; run?: string; with?: Record<string, string> }[] } };
    };
    const steps = doc.jobs.scim.steps;
    const step = steps.find((s) => s.name === 'SCIM conformance');
    const junitPath = steps.find((s) => s.name === 'Test report')?.with?.report_paths;
    expect(step?.run).toBeDefined();
    const cwd = await mkdtemp(join(dir, 'gh-'));
    const summary = join(cwd, 'step-summary.md');
    const r = await sh(step?.run ?? '', cwd, {
      SCIM_BASE_URL: await server(),
      SCIM_TOKEN: TOKEN,
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_ACTIONS: 'true',
    });
    expect(r.code, r.stderr).toBe(0);
    const md = await readFile(summary, 'utf8');
    expect(md).toMatch(/scimulator/i);
    expect(md).not.toContain(TOKEN);
    expect(existsSync(join(cwd, junitPath ?? 'missing'))).toBe(true);
  });

  test('GitLab CI: the script writes the JUnit artefact the job declares', async () => {
    const job = (await blocks()).find((b) => b.lang === 'yaml' && b.text.includes('artifacts:'));
    const doc = parseYaml(job?.text ?? '') as Record<
      string,
      { script: string[]; artifacts: { reports: { junit: string } } }
    >;
    const spec = doc['scim-conformance'];
    const command = spec?.script.find((line) => line.startsWith('npx scimulator'));
    const cwd = await mkdtemp(join(dir, 'gl-'));
    const r = await sh(command ?? 'false', cwd, {
      SCIM_BASE_URL: await server(['create-returns-200']),
      SCIM_TOKEN: TOKEN,
    });
    expect(r.code).toBe(1);
    const junit = await readFile(join(cwd, spec?.artifacts.reports.junit ?? 'missing'), 'utf8');
    expect(junit).toContain('<failure');
    expect(junit).toContain('users.post.returns-201');
  });

  test('shell gate: record a baseline, then 0 on known failures, 1 on a new one, 2 when unreachable', async () => {
    const sh_ = (await blocks()).filter((b) => b.lang === 'sh');
    const record = sh_.find((b) => b.text.includes('--update-baseline'))?.text ?? 'false';
    const gate = sh_.find((b) => b.text.includes('case "$status"'))?.text ?? 'false';
    const cwd = await mkdtemp(join(dir, 'gate-'));
    const quirky = await server(['create-returns-200']);
    const env = { SCIM_BASE_URL: quirky, SCIM_TOKEN: TOKEN };

    const recorded = await sh(record, cwd, env);
    expect(recorded.code, recorded.stderr).toBe(0);
    expect(existsSync(join(cwd, 'scim-baseline.json'))).toBe(true);

    const known = await sh(gate, cwd, env);
    expect(known.code, known.stderr).toBe(0);
    expect(known.stdout).toContain('SCIM gate: passed');

    const worse = await sh(gate, cwd, {
      ...env,
      SCIM_BASE_URL: await server(['create-returns-200', 'deleted-user-still-readable']),
    });
    expect(worse.code).toBe(1);
    expect(worse.stderr).toContain('SCIM gate: new failures');

    const down = await sh(gate, cwd, { ...env, SCIM_BASE_URL: 'http://127.0.0.1:9/scim/v2' });
    expect(down.code).toBe(2);
    expect(down.stderr).toContain('SCIM gate: scimulator could not run (exit 2)');
  });
});
