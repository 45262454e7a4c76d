import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { run } from '../../../index.js';
import { createScimFetchHandler } from '../../../integrations/msw/index.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const VITEST = join(ROOT, 'node_modules/vitest/vitest.mjs');
const OPTIONS = { token: 'vitest-token-1234', seed: 9, checks: ['discovery.*', 'users.post.*'] };
const QUIRKS = ['create-returns-200'];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scimulator-vitest-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface JsonReport {
  testResults: {
    assertionResults: { title: string; fullName: string; status: string; failureMessages: string[] }[];
  }[];
}

test('defineConformanceTests registers one vitest test per check, failing with code and request line', async () => {
  await writeFile(
    join(dir, 'conformance.test.ts'),
    [
      `import { defineConformanceTests } from ${JSON.stringify(join(ROOT, 'integrations/vitest/index.ts'))};`,
      `import { createScimFetchHandler } from ${JSON.stringify(join(ROOT, 'integrations/msw/index.ts'))};`,
      `const server = createScimFetchHandler({ token: ${JSON.stringify(OPTIONS.token)}, quirks: ${JSON.stringify(QUIRKS)} });`,
      `defineConformanceTests({ name: 'reference server', handler: server.fetch, target: server.baseUrl, ...${JSON.stringify(OPTIONS)} });`,
      '',
    ].join('\n'),
  );
  const out = join(dir, 'vitest.json');
  const child = await promisify(execFile)(
    process.execPath,
    [VITEST, 'run', '--root', dir, '--reporter=json', `--outputFile=${out}`],
    { cwd: dir, env: { ...process.env, CI: '1', NO_COLOR: '1' }, timeout: 60_000 },
  ).then(
    (ok) => ({ code: 0, ...ok }),
    (err: { code?: number; stdout?: string; stderr?: string }) => err,
  );
  // The quirk makes a MUST check fail, so the child run fails.
  expect(child.code, child.stderr).toBe(1);
  const json = JSON.parse(await readFile(out, 'utf8')) as JsonReport;
  const tests = json.testResults.flatMap((f) => f.assertionResults);

  const server = createScimFetchHandler({ token: OPTIONS.token, quirks: QUIRKS });
  const expected = await run({ handler: server.fetch, target: server.baseUrl, ...OPTIONS });
  expect(tests).toHaveLength(expected.results.length);
  for (const result of expected.results) {
    const t = tests.find((x) => x.title === result.id || x.title.startsWith(`${result.id} — `));
    expect(t, result.id).toBeDefined();
    expect(t?.fullName.startsWith('reference server ')).toBe(true);
    if (result.outcome === 'pass') expect(t?.status).toBe('passed');
    else if (result.outcome === 'skip') {
      expect(['skipped', 'pending']).toContain(t?.status);
      expect(t?.title).toContain('skipped:');
    } else if (result.level === 'MUST') {
      expect(t?.status).toBe('failed');
      const message = t?.failureMessages.join('\n') ?? '';
      expect(message).toContain(`${result.code}:`);
      expect(message).toMatch(
        /request: (GET|POST|PUT|PATCH|DELETE) https:\/\/scim\.example\.test\/scim\/v2\/\S* → \d{3}/,
      );
    } else {
      expect(['skipped', 'pending']).toContain(t?.status);
      expect(t?.title).toContain('below failOn "must"');
    }
  }
  expect(tests.some((t) => t.title === 'users.post.returns-201' && t.status === 'failed')).toBe(true);
  expect(tests.some((t) => t.status === 'passed')).toBe(true);
});
