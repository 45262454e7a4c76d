/**
 * `scimulator run` against the gitlab flavour: GitLab's RFC deviations are reported as failures, the run
 * exits 1, no check errors (a deviating target is never the harness's crash), and the JUnit file is valid.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { main } from '../../cli/index.js';
import type { Report } from '../../engine/index.js';
import { startServer, type RunningServer } from '../../reference-server/index.js';

const TOKEN = 'glsoat-cli-gitlab-target';
let server: RunningServer;
let dir: string;

beforeAll(async () => {
  server = await startServer({ flavor: 'gitlab', port: 0, groups: [`demo-group:${TOKEN}`] });
  dir = await mkdtemp(join(tmpdir(), 'scimulator-gitlab-target-'));
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: {},
  });
  return { code, stdout, stderr };
}

test('run --target <gitlab flavour> reports GitLab’s RFC deviations, exits 1, and errors nothing', async () => {
  const out = join(dir, 'rfc-view');
  const r = await cli([
    'run',
    '--target',
    server.url,
    '--token',
    TOKEN,
    '--report',
    'json,junit',
    '--out',
    out,
  ]);
  expect(r.code, r.stderr).toBe(1);
  const report = JSON.parse(await readFile(join(out, 'scimulator-report.json'), 'utf8')) as Report;
  expect(report.summary.errored).toBe(0);
  const failed = new Map(report.results.filter((x) => x.outcome === 'fail').map((x) => [x.id, x.code]));
  // status as a JSON number, no discovery endpoints, PATCH answered 204 without a body, no PUT.
  expect(failed.get('errors.not-found.status-string')).toBe('VALUE_MISMATCH');
  expect(failed.get('discovery.spc.returns-200')).toBe('STATUS_MISMATCH');
  expect(failed.get('patch.attributes.returns-200')).toBe('STATUS_MISMATCH');
  expect(failed.get('put.replace.returns-200')).toBe('STATUS_MISMATCH');
  expect(report.verdicts['rfc']?.compatible).toBe(false);
  const junit = await readFile(join(out, 'scimulator-junit.xml'), 'utf8');
  expect(XMLValidator.validate(junit)).toBe(true);
  expect(junit).toContain('name="errors.not-found.status-string"');
});

test('with --profile gitlab and the GitLab mappings, the IdP verdicts are compatible while the RFC view is not', async () => {
  const out = join(dir, 'idp-view');
  const profiles = 'gitlab,entra-id-gitlab,entra-id-2020-gitlab,okta-gitlab';
  const r = await cli([
    'run',
    '--target',
    server.url,
    '--token',
    TOKEN,
    '--profile',
    profiles,
    '--report',
    'json',
    '--out',
    out,
  ]);
  expect(r.code).toBe(1);
  const report = JSON.parse(await readFile(join(out, 'scimulator-report.json'), 'utf8')) as Report;
  expect(report.summary.errored).toBe(0);
  for (const name of profiles.split(',')) {
    expect(report.verdicts[name], `${name}: ${report.verdicts[name]?.failed.join(', ')}`).toMatchObject({
      judged: true,
      compatible: true,
      failed: [],
    });
  }
  expect(report.verdicts['rfc']?.compatible).toBe(false);
});
