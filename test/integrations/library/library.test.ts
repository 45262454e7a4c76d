import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { exitCodeFor, isHarnessError, run, type RunOptions } from '../../../index.js';
import { createScimFetchHandler } from '../../../integrations/msw/index.js';

const TOKEN = 'library-token-1234';
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scimulator-library-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function inProcess(quirks: string[] = []): Pick<RunOptions, 'handler' | 'target' | 'token'> {
  const server = createScimFetchHandler({ token: TOKEN, quirks });
  return { handler: server.fetch, target: server.baseUrl, token: TOKEN };
}

test('reports + out write the report files; md also goes to the GitHub step summary', async () => {
  const out = join(dir, 'out');
  const summary = join(dir, 'summary.md');
  let streamed = '';
  const report = await run({
    ...inProcess(),
    checks: ['discovery.*'],
    seed: 3,
    reports: ['console', 'json', 'junit', 'md'],
    out,
    githubStepSummary: summary,
    stdout: { write: (s: string) => (streamed += s) },
    verbose: true,
  });
  expect(report.seed).toBe(3);
  expect(report.results.length).toBeGreaterThan(0);
  expect(exitCodeFor(report, 'must')).toBe(0);
  const json = JSON.parse(await readFile(join(out, 'scimulator-report.json'), 'utf8')) as { seed: number };
  expect(json.seed).toBe(3);
  expect(existsSync(join(out, 'scimulator-junit.xml'))).toBe(true);
  expect(await readFile(summary, 'utf8')).toBe(await readFile(join(out, 'scimulator-report.md'), 'utf8'));
  expect(streamed).toContain('discovery.');
});

test('suites by name, checks as patterns, profiles by name: the union runs, per profile', async () => {
  const report = await run({
    ...inProcess(['create-returns-200']),
    suites: ['discovery'],
    checks: ['users.post.returns-201'],
    profiles: ['rfc', 'entra-id'],
  });
  const suites = new Set(report.results.map((r) => r.suite));
  expect([...suites].sort()).toEqual(['discovery', 'users']);
  expect(report.results.find((r) => r.id === 'users.post.returns-201')?.outcome).toBe('fail');
  expect(Object.keys(report.verdicts).sort()).toEqual(['entra-id', 'rfc']);
  expect(report.verdicts.rfc?.compatible).toBe(false);
});

test.each([
  { options: { suites: ['nope'] }, says: 'unknown suite: nope' },
  { options: { checks: ['nope.*'] }, says: 'nope' },
  { options: { reports: ['pdf'] as unknown as RunOptions['reports'] }, says: 'unknown reporter "pdf"' },
  { options: { profiles: ['nobody'] }, says: 'unknown profile "nobody"' },
  { options: { listener: () => undefined }, says: 'at most one of handler, listener and container' },
  { options: { target: 'ftp://x', handler: undefined }, says: 'target must be an http(s) URL' },
])('a run that cannot start rejects with a HarnessError: $says', async ({ options, says }) => {
  const err = await run({ ...inProcess(), ...options } as RunOptions).catch((e: unknown) => e);
  expect(isHarnessError(err)).toBe(true);
  expect((err as Error).message).toContain(says);
});
