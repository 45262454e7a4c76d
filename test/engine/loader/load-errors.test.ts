/**
 * User files that cannot be used stop the run with exit 2, naming the file, line and reason, before
 * any request reaches the target.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { cli, passingCheckTs, removeTempDirs, tempDir, writeFiles } from './helpers.js';

// ts-node type-checks the user's TypeScript: seconds of CPU per file, more while other files run.
vi.setConfig({ testTimeout: 120_000 });

let dir: string;
let server: Server;
let target: string;
let requests = 0;

beforeAll(async () => {
  dir = await tempDir();
  // A target that counts what reaches it: a rejected user file must not cost a single request.
  server = createServer((_req, res) => {
    requests += 1;
    res.writeHead(500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  target = `http://127.0.0.1:${(server.address() as AddressInfo).port}/scim/v2`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await removeTempDirs();
});

async function runAgainstCounter(...args: string[]) {
  requests = 0;
  const r = await cli([
    'run',
    '--target',
    target,
    '--token',
    't',
    '--report',
    'json',
    '--out',
    join(dir, 'out'),
    ...args,
  ]);
  return { ...r, requests };
}

describe('a user file that cannot be used', () => {
  test('a type error → exit 2 naming file, line and column; transpiled, the shape check still rejects it', async () => {
    // Line 18 gives `perProfile` a string, column 5.
    const source = passingCheckTs('acme.typed.level-is-wrong', "\n    perProfile: 'yes',");
    const { 'typed.check.ts': file } = await writeFiles(dir, { 'typed.check.ts': source });
    const r = await runAgainstCounter('--checks', file as string);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /typed\.check\.ts:18:5: TS2322: Type 'string' is not assignable to type 'boolean \| undefined'/,
    );
    expect(r.stderr).toMatch(/\[CONFIG_INVALID\]/);
    expect(r.requests).toBe(0);

    const out = join(dir, 'out-transpiled');
    const t = await cli([
      'run',
      '--checks',
      file as string,
      '--transpile-only',
      '--suite',
      'acme',
      '--report',
      'json',
      '--out',
      out,
    ]);
    // Transpiled, the string slips through to the shape check, which rejects it with the reason.
    expect(t.code).toBe(2);
    expect(t.stderr).toMatch(
      /typed\.check\.ts:\d+:\d+: check acme\.typed\.level-is-wrong: "perProfile" must be a boolean/,
    );
  });

  test('--transpile-only runs a file whose only problem is a type error', async () => {
    const source = passingCheckTs('acme.typed.unused-wrong-type').replace(
      'const spc = defineScenario({',
      "const unused: number = 'not a number';\nvoid unused;\nconst spc = defineScenario({",
    );
    const { 'loose.check.ts': file } = await writeFiles(dir, { 'loose.check.ts': source });
    const typed = await cli(['run', '--checks', file as string, '--suite', 'acme']);
    expect(typed.code).toBe(2);
    expect(typed.stderr).toMatch(/loose\.check\.ts:3:7: TS2322/);
    const out = join(dir, 'out-loose');
    const r = await cli([
      'run',
      '--checks',
      file as string,
      '--transpile-only',
      '--suite',
      'acme',
      '--report',
      'json',
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
  });

  test('a file that throws while loading → exit 2 with the file', async () => {
    const { 'throws.check.ts': file } = await writeFiles(dir, {
      'throws.check.ts':
        "import { defineSuite } from 'scimulator';\n\nthrow new Error('no config for acme');\nexport default defineSuite({ name: 'x', title: 'x', description: 'x', checks: [] });\n",
    });
    const r = await runAgainstCounter('--checks', file as string);
    expect(r.code).toBe(2);
    // In process, vitest's module runner owns the stack positions; spawn.test.ts checks the line (3:7).
    expect(r.stderr).toMatch(/throws\.check\.ts(:\d+:\d+)?: throws while loading: Error: no config for acme/);
    expect(r.requests).toBe(0);
  });

  test('a malformed check (JavaScript) → exit 2 with each reason', async () => {
    const { 'bad.check.mjs': file } = await writeFiles(dir, {
      'bad.check.mjs': `export default [
  { id: 'NotAnId', title: 'x', rfc: '', level: 'OFTEN', explanation: 'x', scenario: { id: 's' } },
];
`,
    });
    const r = await runAgainstCounter('--checks', file as string);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'bad.check.mjs:2:9: check NotAnId: id "NotAnId" is not of the form area.operation.assertion',
    );
    expect(r.stderr).toContain('"level" must be MUST, SHOULD or MAY, got "OFTEN"');
    expect(r.stderr).toContain('"assert" must be a function');
    expect(r.stderr).toContain('"scenario.run" must be a function');
    expect(r.requests).toBe(0);
  });

  test('an id that a built-in check already has → exit 2', async () => {
    const { 'dup.check.ts': file } = await writeFiles(dir, {
      'dup.check.ts': passingCheckTs('users.post.returns-201'),
    });
    const r = await runAgainstCounter('--checks', file as string, '--transpile-only');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /dup\.check\.ts:\d+:\d+: check users\.post\.returns-201: the id is already used by a built-in check/,
    );
  });

  test('a file without checks, a folder without check files, a YAML file → exit 2 with the reason', async () => {
    const { 'empty.check.ts': file, 'helpers.ts': helper } = await writeFiles(dir, {
      'empty.check.ts': 'export const answer = 42;\n',
      'helpers.ts': 'export const x = 1;\n',
    });
    const empty = await cli(['run', '--checks', file as string, '--transpile-only']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/empty\.check\.ts: exports no checks/);
    const folder = await tempDir();
    await writeFiles(folder, { 'helpers.ts': 'export const x = 1;\n' });
    const none = await cli(['run', '--checks', folder]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/has no \*\.check\.ts or \*\.suite\.ts files/);
    const yaml = await cli(['run', '--checks', helper!.replace(/\.ts$/, '.yaml')]);
    expect(yaml.stderr).toMatch(/no such file or folder/);
    const { 'p.yaml': y } = await writeFiles(dir, { 'p.yaml': 'name: x\n' });
    const data = await cli(['run', '--checks', y as string]);
    expect(data.code).toBe(2);
    expect(data.stderr).toMatch(/JSON and YAML files hold profiles: use --profile/);
  });

  test('a TypeScript profile that is not a valid profile → exit 2 naming the file and the field', async () => {
    const { 'broken-idp.ts': file } = await writeFiles(dir, {
      'broken-idp.ts': `import { defineProfile } from 'scimulator';

export default defineProfile({
  name: 'broken-idp',
  variantOf: 'okta',
  patch: { opCase: 'upper' as 'lower' },
});
`,
    });
    const r = await runAgainstCounter('--profile', file as string);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken-idp\.ts:6:\d+: invalid profile: .*\/patch\/opCase/);
    expect(r.requests).toBe(0);
  });
});
