/** engine/loader directly: suite naming, collisions with built-ins and between user files. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadCheckFiles, suiteNameFromFile, UserFileError } from '../../../engine/loader/index.js';
import { SUITES } from '../../../suites/index.js';
import { passingCheckTs, removeTempDirs, tempDir, writeFiles } from './helpers.js';

let dir: string;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(removeTempDirs);

const load = (paths: string[]) => loadCheckFiles(paths, { transpileOnly: true, builtIn: SUITES });

describe('loadCheckFiles', () => {
  test.each([
    ['acme.check.ts', 'acme'],
    ['Acme Widgets.checks.mjs', 'acme-widgets'],
    ['idp.suite.js', 'idp'],
    ['plain.ts', 'plain'],
  ])('%s without a suite → suite %s', (file, suite) => {
    expect(suiteNameFromFile(`/x/${file}`)).toBe(suite);
  });

  test("a suite's name wins over its checks' suite fields; helpers and scenarios are ignored", async () => {
    const { 'widgets.suite.ts': file } = await writeFiles(dir, {
      'widgets.suite.ts': `import { defineScenario, defineSuite, expectStatus, verdict } from 'scimulator';
export const helper = (n: number) => n + 1;
export const spc = defineScenario({ id: 'widgets.spc', run: (ctx) => ctx.http.request({ method: 'GET', path: '/ServiceProviderConfig' }) });
export default defineSuite({
  name: 'widgets',
  title: 'Widgets',
  description: 'd',
  checks: [{ id: 'widgets.spc.ok', title: 't', suite: 'other', rfc: '', level: 'MAY', explanation: 'e', scenario: spc, assert: (r) => verdict(expectStatus(r, 200)) }],
});
`,
    });
    const loaded = await load([file as string]);
    expect(loaded.suites.map((s) => [s.name, s.title, s.checks.map((c) => `${c.id}:${c.suite}`)])).toEqual([
      ['widgets', 'Widgets', ['widgets.spc.ok:widgets']],
    ]);
    expect(loaded.files[0]).toMatchObject({ checks: 1, suites: ['widgets'], typeChecked: false });
  });

  test('the same id in two user files → UserFileError naming the second file', async () => {
    const files = await writeFiles(dir, {
      'one.check.ts': passingCheckTs('acme.same.id'),
      'two.check.ts': passingCheckTs('acme.same.id').replace(
        "id: 'acme.same.id.scenario'",
        "id: 'acme.other.scenario'",
      ),
    });
    const err = await load([files['one.check.ts'] as string, files['two.check.ts'] as string]).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UserFileError);
    expect((err as UserFileError).file).toBe(files['two.check.ts']);
    expect((err as UserFileError).message).toMatch(
      /two\.check\.ts:\d+:\d+: check acme\.same\.id: the id is already used by a check in one\.check\.ts/,
    );
  });

  test('loose checks of two files with the same suite field form one suite', async () => {
    const files = await writeFiles(dir, {
      'left.check.ts': passingCheckTs('acme.left.ok'),
      'right.check.ts': passingCheckTs('acme.right.ok'),
    });
    const loaded = await load([files['left.check.ts'] as string, files['right.check.ts'] as string]);
    expect(loaded.suites.map((s) => [s.name, s.checks.map((c) => c.id)])).toEqual([
      ['acme', ['acme.left.ok', 'acme.right.ok']],
    ]);
  });

  test('a scenario id of a built-in scenario, a built-in suite name → UserFileError', async () => {
    const builtInScenario = SUITES[0]?.checks[0]?.scenario.id as string;
    const files = await writeFiles(dir, {
      'scen.check.ts': passingCheckTs('acme.scen.clash').replace(
        "'acme.scen.clash.scenario'",
        `'${builtInScenario}'`,
      ),
      'suite.check.ts': passingCheckTs('acme.suite.clash').replace(
        "suite: 'acme'",
        `suite: '${SUITES[0]?.name}'`,
      ),
    });
    await expect(load([files['scen.check.ts'] as string])).rejects.toThrow(
      `scenario id "${builtInScenario}" is already used by a built-in scenario`,
    );
    await expect(load([files['suite.check.ts'] as string])).rejects.toThrow(
      `suite "${SUITES[0]?.name}" is already used by a built-in suite; user checks live in their own suites`,
    );
  });

  test('a .mjs without a scimulator import is imported in place; a default export of the wrong kind is rejected', async () => {
    const files = await writeFiles(dir, {
      'raw.check.mjs': `export const c = { id: 'raw.spc.ok', title: 't', rfc: '', level: 'MAY', explanation: 'e',
  scenario: { id: 'raw.spc', run: async () => 1 }, assert: () => ({ kind: 'pass' }) };
`,
      'wrong.check.mjs': 'export default 42;\n',
    });
    const loaded = await load([files['raw.check.mjs'] as string]);
    expect(loaded.suites.map((s) => [s.name, s.checks.length])).toEqual([['raw', 1]]);
    await expect(load([files['wrong.check.mjs'] as string])).rejects.toThrow(
      'wrong.check.mjs:1:1: the default export is neither a suite (defineSuite), a check (defineCheck) nor a list of checks',
    );
  });
});
