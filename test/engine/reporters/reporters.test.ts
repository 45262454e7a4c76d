import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  createConsoleReporter,
  renderJunit,
  writeJsonReport,
  writeJunitReport,
  xmlSafe,
} from '../../../engine/reporters/index.js';
import { runChecks, type Report } from '../../../engine/runner/index.js';
import { fakeSuite, startFakeScim } from '../fake-scim.js';

let report: Report;
let dir: string;

beforeAll(async () => {
  const target = await startFakeScim();
  try {
    report = await runChecks({ target: target.url, token: 'reporter-token', suites: [fakeSuite], seed: 3 });
  } finally {
    await target.close();
  }
  dir = await mkdtemp(join(tmpdir(), 'scimulator-reporters-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('JSON reporter', () => {
  test('writes exactly the contract keys', async () => {
    const file = await writeJsonReport(report, dir);
    expect(file.endsWith('scimulator-report.json')).toBe(true);
    const json = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([
      'tool',
      'target',
      'startedAt',
      'durationMs',
      'seed',
      'summary',
      'verdicts',
      'causes',
      'results',
      'cleanup',
      'prefix',
    ]);
    // The two teapot checks failed on the same exchange: one cause with both.
    expect((json.causes as Array<{ id: string; failed: Array<{ id: string }> }>)[0]).toMatchObject({
      id: 'fake.teapot.status-200',
      profile: 'rfc',
      code: 'STATUS_MISMATCH',
      failed: [{ id: 'fake.teapot.status-200' }, { id: 'fake.teapot.should' }],
      blocked: [],
    });
    expect(json.tool).toEqual({ name: 'scimulator', version: expect.any(String) as unknown });
    expect(Object.keys(json.summary as object)).toEqual(['passed', 'failed', 'skipped', 'errored', 'causes']);
    const failed = (json.results as Array<Record<string, unknown>>).find((r) => r.outcome === 'fail');
    expect(failed).toBeDefined();
    for (const key of [
      'id',
      'title',
      'suite',
      'profile',
      'level',
      'rfc',
      'outcome',
      'code',
      'message',
      'expected',
      'actual',
      'fix',
      'decisive',
      'exchanges',
      'ms',
      'requests',
    ]) {
      expect(failed).toHaveProperty(key);
    }
    expect(failed?.requests).toEqual(expect.any(Number));
    const exchange = (failed?.exchanges as Array<Record<string, unknown>>)[0];
    expect(Object.keys(exchange ?? {})).toEqual(['request', 'response', 'ms']);
    expect(JSON.stringify(json)).not.toContain('reporter-token');
  });
});

describe('JUnit reporter', () => {
  test('is valid XML with one testcase per check and failure/skip/error elements', async () => {
    const file = await writeJunitReport(report, dir);
    const xml = await readFile(file, 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      isArray: (name) => name === 'testcase' || name === 'testsuite',
    }).parse(xml) as {
      testsuites: { testsuite: Array<{ name: string; testcase: Array<Record<string, unknown>> }> };
    };
    const suites = doc.testsuites.testsuite;
    expect(suites.map((s) => s.name)).toEqual(['fake']);
    const cases = suites[0]?.testcase ?? [];
    expect(cases).toHaveLength(report.results.length);
    const teapot = cases.find((c) => c.name === 'fake.teapot.status-200') as {
      classname: string;
      failure: { type: string; message: string; '#text': string };
    };
    expect(teapot.classname).toBe('fake');
    expect(teapot.failure.type).toBe('STATUS_MISMATCH');
    expect(teapot.failure['#text']).toContain('expected: 200');
    expect(teapot.failure['#text']).toContain('GET ');
    expect(cases.find((c) => c.name === 'fake.bulk.supported')).toHaveProperty('skipped');
    expect(cases.find((c) => c.name === 'fake.assert.throws')).toHaveProperty('error');
  });

  test('control characters never make the XML invalid', () => {
    const first = report.results[0];
    if (!first) throw new Error('no results');
    const nasty: Report = {
      ...report,
      results: [{ ...first, outcome: 'fail', code: 'X', message: 'bad \u0000\u001b byte & <tag> "q"' }],
    };
    const xml = renderJunit(nasty);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xmlSafe('a\u0001b')).toBe('a\uFFFDb');
  });
});

describe('console reporter', () => {
  test('verbose: prints a live line per check, the suite table, verdicts and failures; no colour when not a TTY', () => {
    let text = '';
    const stream = { write: (s: string) => (text += s), isTTY: false };
    const reporter = createConsoleReporter({ stream, env: {}, verbose: true });
    reporter.start({
      target: report.target,
      seed: report.seed,
      planned: report.results.length,
      version: '0.0.0',
    });
    for (const r of report.results) reporter.result(r);
    reporter.end(report, 'must');
    expect(text).toContain('✓ fake.create.returns-201');
    expect(text).toContain('✗ fake.teapot.status-200 MUST STATUS_MISMATCH');
    expect(text).toContain('- fake.bulk.supported skipped: ServiceProviderConfig.bulk.supported is false');
    expect(text).toContain('! fake.assert.throws HARNESS_BUG');
    expect(text).toMatch(/fake\s+3\s+3\s+2\s+2/);
    expect(text).toContain('rfc  not compatible');
    expect(text).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/scim\/v2\/Teapot → 418/);
    // eslint-disable-next-line no-control-regex -- looking for ANSI escapes.
    expect(text).not.toMatch(/\u001b\[/);
  });

  test('default: failures grouped by cause first (decisive request, fix), one summary line, then the verdicts', () => {
    let text = '';
    const reporter = createConsoleReporter({ stream: { write: (s: string) => (text += s) }, env: {} });
    reporter.start({
      target: report.target,
      seed: report.seed,
      planned: report.results.length,
      version: '0',
    });
    for (const r of report.results) reporter.result(r);
    reporter.end(report, 'must');
    // No line per passing or skipped check, no suite table.
    expect(text).not.toContain('✓ fake.create.returns-201');
    expect(text).not.toContain('skipped: ServiceProviderConfig');
    expect(text).not.toMatch(/^suite\s+passed/m);
    // Two checks judged the very same exchange with the same code: one cause, the second listed under it.
    expect(text).toContain('Failures: 5 failed check(s), 4 cause(s)');
    const cause = text.slice(text.indexOf('✗ fake.teapot.status-200 [MUST'));
    expect(cause).toMatch(
      /^✗ fake\.teapot\.status-200 \[MUST, RFC7644 3\.3\]\n {4}STATUS_MISMATCH: .*\n {4}expected: 200\n {4}actual: {3}418\n {4}request: {2}GET http:\/\/127\.0\.0\.1:\d+\/scim\/v2\/Teapot → 418 .*\n {4}fix: {6}Answer 200 for this request \(RFC7644 3\.3\)\.\n {2}✗ fake\.teapot\.should \[SHOULD\] same request, same STATUS_MISMATCH\n/,
    );
    // Failures come before the summary line, and the verdicts end the output.
    const summaryAt = text.indexOf('3 passed, 3 failed, 2 skipped, 2 errored (5 failures, 4 causes)');
    expect(summaryAt).toBeGreaterThan(text.indexOf('Failures:'));
    expect(text.slice(summaryAt)).toMatch(/Verdicts\n {2}rfc {2}not compatible \(4 failed\)\n$/);
  });

  test('on a TTY outside CI: one status line redrawn in place, failures still printed as lines', () => {
    let text = '';
    const stream = { write: (s: string) => (text += s), isTTY: true, columns: 80 };
    const reporter = createConsoleReporter({ stream, env: { NO_COLOR: '1' } });
    reporter.start({
      target: report.target,
      seed: report.seed,
      planned: report.results.length,
      version: '0',
    });
    for (const r of report.results) reporter.result(r);
    reporter.end(report, 'must');
    const n = report.results.length;
    expect(text).toContain(`\r\u001b[2K[${n}/${n}] 3 passed, 3 failed, 2 skipped, 2 errored`);
    expect(text).not.toContain('✓ fake.create.returns-201');
    expect(text).toContain('✗ fake.teapot.status-200 MUST STATUS_MISMATCH');
    // Every status line is erased before the next printed line, and none is left at the end.
    expect(text).not.toMatch(/\[\d+\/\d+\][^\r]*\n/);
    expect(text.endsWith('\n')).toBe(true);
  });

  test('in CI the console stays plain lines even on a TTY', () => {
    let text = '';
    const reporter = createConsoleReporter({
      stream: { write: (s: string) => (text += s), isTTY: true },
      env: { CI: 'true', NO_COLOR: '1' },
      verbose: true,
    });
    for (const r of report.results) reporter.result(r);
    expect(text).not.toContain('\r');
    expect(text).toContain('✓ fake.create.returns-201');
  });

  test('FORCE_COLOR turns colours on, NO_COLOR wins', () => {
    let coloured = '';
    createConsoleReporter({
      stream: { write: (s: string) => (coloured += s) },
      env: { FORCE_COLOR: '1' },
      verbose: true,
    }).result(report.results[0]!);
    // eslint-disable-next-line no-control-regex -- looking for ANSI escapes.
    expect(coloured).toMatch(/\u001b\[/);
    let plain = '';
    createConsoleReporter({
      stream: { write: (s: string) => (plain += s), isTTY: true },
      env: { NO_COLOR: '1', FORCE_COLOR: '1' },
      progress: false,
      verbose: true,
    }).result(report.results[0]!);
    // eslint-disable-next-line no-control-regex -- looking for ANSI escapes.
    expect(plain).not.toMatch(/\u001b\[/);
  });
});
