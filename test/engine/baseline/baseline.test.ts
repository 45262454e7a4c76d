import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { main } from '../../../cli/index.js';
import {
  baselineFromResults,
  compareWithBaseline,
  knownFailureMatcher,
  parseBaseline,
  serialiseBaseline,
  type Baseline,
} from '../../../engine/baseline/index.js';
import type { CheckResult } from '../../../engine/model/index.js';
import { renderJunit } from '../../../engine/reporters/index.js';
import { exitCodeFor, summarise, type Report } from '../../../engine/runner/index.js';
import { startServer } from '../../../reference-server/index.js';

const TOKEN = 'glsoat-baselinetokenbaseline01';

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: { NO_COLOR: '1' },
  });
  return { code, stdout, stderr };
}

/** One run of the CLI against a fresh gitlab-flavour server (which fails many RFC checks by design). */
async function runAgainstGitlab(extra: string[]) {
  const server = await startServer({
    flavor: 'gitlab',
    host: '127.0.0.1',
    port: 0,
    groups: [`acme:${TOKEN}`],
    log: () => undefined,
  });
  try {
    return await cli(['run', '--target', server.url, '--token', TOKEN, '--seed', '5', ...extra]);
  } finally {
    await server.close();
  }
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scimulator-baseline-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const readReport = async (out: string): Promise<Report> =>
  JSON.parse(await readFile(join(out, 'scimulator-report.json'), 'utf8')) as Report;

describe('scimulator run --baseline against the gitlab flavour', () => {
  let file: string;
  let written: Baseline;

  beforeAll(async () => {
    file = join(dir, 'gitlab-baseline.yaml');
    const r = await runAgainstGitlab([
      '--baseline',
      file,
      '--update-baseline',
      '--report',
      'json',
      '--out',
      dir,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/wrote .*gitlab-baseline\.yaml \(\d+ known failures?\)/);
    written = parseBaseline(parseYaml(await readFile(file, 'utf8')), file);
  }, 60_000);

  test('--update-baseline writes every failure, sorted, and exits 0 although checks failed', async () => {
    const report = await readReport(dir);
    const failing = report.results.filter((r) => r.outcome === 'fail' || r.outcome === 'error');
    expect(failing.length).toBeGreaterThan(5);
    expect(written.known).toHaveLength(failing.length);
    const ids = written.known.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => a.localeCompare(b)));
    expect(await readFile(file, 'utf8')).toBe(serialiseBaseline(written, file));
  });

  test('a run with the baseline reports the failures as known and exits 0', async () => {
    const out = join(dir, 'known');
    const r = await runAgainstGitlab(['--baseline', file, '--report', 'console,json,junit', '--out', out]);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`0 failed, \\d+ skipped, 0 errored, ${written.known.length} known`));
    expect(r.stdout).toContain('(known failure, in the baseline)');
    const report = await readReport(out);
    expect(report.summary.known).toBe(written.known.length);
    expect(report.results.filter((x) => x.known)).toHaveLength(written.known.length);
    expect(report.baseline).toMatchObject({ known: written.known.length, fixed: [], changed: [] });
    const junit = await readFile(join(out, 'scimulator-junit.xml'), 'utf8');
    expect(junit).toContain('known failure: ');
    expect(junit).toMatch(/<testsuites [^>]*failures="0"/);
  });

  test('a failure missing from the baseline fails the run (exit 1)', async () => {
    const dropped = join(dir, 'dropped.yaml');
    await writeFile(dropped, serialiseBaseline({ version: 1, known: written.known.slice(1) }, dropped));
    const r = await runAgainstGitlab(['--baseline', dropped]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`1 failed`);
  });

  test('a listed failure whose code changed is still a failure (exit 1)', async () => {
    const changed = join(dir, 'changed.json');
    const [first, ...rest] = written.known;
    const entries = [{ ...first!, code: 'SOME_OTHER_CODE' }, ...rest];
    await writeFile(changed, serialiseBaseline({ version: 1, known: entries }, changed));
    const r = await runAgainstGitlab(['--baseline', changed]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`reason changed: the baseline says SOME_OTHER_CODE, now ${first!.code}`);
  });

  test('a listed check that passes is reported as fixed, and the run still exits 0', async () => {
    const report = await readReport(dir);
    const passing = report.results.find((x) => x.outcome === 'pass');
    expect(passing).toBeDefined();
    const withFixed = join(dir, 'with-fixed.yaml');
    const entry = { id: passing!.id, code: 'STATUS_MISMATCH', note: 'was broken in 1.2' };
    await writeFile(
      withFixed,
      serialiseBaseline({ version: 1, known: [...written.known, entry] }, withFixed),
    );
    const out = join(dir, 'fixed');
    const r = await runAgainstGitlab(['--baseline', withFixed, '--report', 'console,json', '--out', out]);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain(`${passing!.id} fixed: remove it from the baseline`);
    expect((await readReport(out)).baseline?.fixed).toEqual([entry]);

    // --update-baseline shrinks the file again and keeps the notes of entries still failing.
    const noted = join(dir, 'noted.yaml');
    const [first, ...rest] = written.known;
    await writeFile(
      noted,
      serialiseBaseline({ version: 1, known: [{ ...first!, note: 'ticket 42' }, ...rest, entry] }, noted),
    );
    expect((await runAgainstGitlab(['--baseline', noted, '--update-baseline'])).code).toBe(0);
    const rewritten = parseBaseline(parseYaml(await readFile(noted, 'utf8')), noted);
    expect(rewritten.known.map((e) => e.id)).not.toContain(passing!.id);
    expect(rewritten.known.find((e) => e.id === first!.id)?.note).toBe('ticket 42');
  });

  test('--update-baseline without --baseline, or a malformed baseline, is a usage error (exit 2)', async () => {
    expect((await cli(['run', '--update-baseline'])).stderr).toContain('--update-baseline needs --baseline');
    const bad = join(dir, 'bad.yaml');
    await writeFile(bad, 'known:\n  - id: x\n');
    const r = await cli(['run', '--baseline', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('known[0].code must be a non-empty string');
  });
});

const result = (over: Partial<CheckResult>): CheckResult => ({
  id: 'a.check',
  title: 't',
  suite: 'a',
  profile: 'rfc',
  level: 'MUST',
  rfc: 'RFC7644 3.3',
  outcome: 'fail',
  code: 'STATUS_MISMATCH',
  exchanges: [],
  ms: 1,
  ...over,
});

test('matching is by check id, profile and code; fixed, changed and not-run entries are told apart', () => {
  const baseline = parseBaseline(
    {
      known: [
        { id: 'a.check', code: 'STATUS_MISMATCH' },
        { id: 'a.flow', profile: 'okta', code: 'VALUE_MISMATCH' },
        { id: 'a.passes', code: 'STATUS_MISMATCH' },
        { id: 'a.changed', code: 'STATUS_MISMATCH' },
        { id: 'a.gone', code: 'STATUS_MISMATCH' },
      ],
    },
    'inline',
  );
  const isKnown = knownFailureMatcher(baseline);
  const results = [
    result({}),
    result({ id: 'a.flow', profile: 'okta', code: 'VALUE_MISMATCH' }),
    result({ id: 'a.flow', profile: 'entra-id', code: 'VALUE_MISMATCH' }),
    result({ id: 'a.passes', outcome: 'pass', code: undefined }),
    result({ id: 'a.changed', code: 'HEADER_MISSING' }),
  ];
  expect(results.map(isKnown)).toEqual([true, true, false, false, false]);
  for (const r of results) if (isKnown(r)) r.known = true;
  expect(summarise(results, true)).toEqual({
    passed: 1,
    failed: 2,
    skipped: 0,
    errored: 0,
    causes: 2,
    known: 2,
  });
  expect(summarise(results)).toEqual({ passed: 1, failed: 4, skipped: 0, errored: 0, causes: 2 });
  expect(exitCodeFor({ results: results.filter((r) => r.known) }, 'must')).toBe(0);
  expect(exitCodeFor({ results }, 'must')).toBe(1);
  const outcome = compareWithBaseline(results, baseline, 'inline');
  expect(outcome.known).toBe(2);
  expect(outcome.fixed.map((e) => e.id)).toEqual(['a.passes']);
  expect(outcome.changed).toEqual([
    { entry: { id: 'a.changed', code: 'STATUS_MISMATCH' }, code: 'HEADER_MISSING' },
  ]);
  expect(outcome.notRun.map((e) => e.id)).toEqual(['a.gone']);
  expect(baselineFromResults(results).known.map((e) => `${e.id}@${e.profile ?? 'rfc'}`)).toEqual([
    'a.check@rfc',
    'a.flow@okta',
    'a.flow@entra-id',
    'a.changed@rfc',
  ]);
});

test('the baseline file is rejected loudly when malformed, and written sorted and stable', () => {
  expect(() => parseBaseline([], 'f')).toThrow(/mapping/);
  expect(() => parseBaseline({ known: [{ id: 'a', code: 'X', why: 1 }] }, 'f')).toThrow(
    /unknown key\(s\) why/,
  );
  expect(() =>
    parseBaseline(
      {
        known: [
          { id: 'a', code: 'X' },
          { id: 'a', code: 'Y' },
        ],
      },
      'f',
    ),
  ).toThrow(/listed twice/);
  expect(() => parseBaseline({ version: 2, known: [] }, 'f')).toThrow(/version 2/);
  const b: Baseline = {
    version: 1,
    known: [
      { code: 'X', id: 'b' },
      { id: 'a', profile: 'okta', code: 'Y' },
      { id: 'a', code: 'Z' },
    ],
  };
  expect(serialiseBaseline(b, 'x.yaml')).toBe(
    'version: 1\nknown:\n  - id: a\n    code: Z\n  - id: a\n    profile: okta\n    code: Y\n  - id: b\n    code: X\n',
  );
  expect(JSON.parse(serialiseBaseline(b, 'x.json'))).toEqual(
    parseBaseline(parseYaml(serialiseBaseline(b, 'x.yaml')), 'x'),
  );
});

test('JUnit shows a known failure as skipped with its reason, not as a failure', () => {
  const results = [
    result({ known: true, message: 'expected 201, got 200' }),
    result({ id: 'b', outcome: 'pass' }),
  ];
  const xml = renderJunit({
    tool: { name: 'scimulator', version: '0' },
    target: 'http://x',
    startedAt: new Date(0).toISOString(),
    durationMs: 1,
    seed: 1,
    summary: summarise(results, true),
    verdicts: {},
    results,
    cleanup: [],
  });
  expect(xml).toContain('<skipped message="known failure: STATUS_MISMATCH expected 201, got 200"');
  expect(xml).not.toContain('<failure');
  expect(xml).toMatch(/<testsuites [^>]*failures="0"[^>]*skipped="1"/);
});
