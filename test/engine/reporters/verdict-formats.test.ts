import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { defineCheck, defineScenario, defineSuite, expectHeader, verdict } from '../../../engine/index.js';
import type { HttpResult } from '../../../engine/model/index.js';
import { exitCodeFor, run, type RunOptions } from '../../../index.js';
import { createScimFetchHandler } from '../../../integrations/msw/index.js';

const TOKEN = 'verdict-formats-token';
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scimulator-verdicts-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function inProcess(quirks: string[] = []): Pick<RunOptions, 'handler' | 'target' | 'token'> {
  const server = createScimFetchHandler({ token: TOKEN, quirks });
  return { handler: server.fetch, target: server.baseUrl, token: TOKEN };
}

const ALL_FORMATS: RunOptions['reports'] = ['console', 'json', 'html', 'md', 'junit'];

async function runInto(name: string, options: RunOptions) {
  const out = join(dir, name);
  let console = '';
  const report = await run({
    ...options,
    reports: ALL_FORMATS,
    out,
    githubStepSummary: join(out, 'step-summary.md'),
    stdout: { write: (s: string) => (console += s) },
  });
  const read = (file: string) => readFile(join(out, file), 'utf8');
  return {
    report,
    console,
    json: JSON.parse(await read('scimulator-report.json')) as typeof report,
    html: await read('scimulator-report.html'),
    md: await read('scimulator-report.md'),
    junit: await read('scimulator-junit.xml'),
  };
}

describe('a verdict is given only when the profile’s own checks ran (issue 23)', () => {
  test('--profile entra-id --suite users: entra-id is not judged, in the library and every format', async () => {
    const r = await runInto('users-only', {
      ...inProcess(),
      profiles: ['entra-id'],
      suites: ['users'],
      seed: 5,
    });
    const reason = 'none of its own checks ran: filtered out by --suite/--check';
    expect(r.report.verdicts['entra-id']).toEqual({ judged: false, reason, compatible: false, failed: [] });
    expect(r.report.verdicts['rfc']).toMatchObject({ judged: true, compatible: true });
    expect(r.json.verdicts).toEqual(r.report.verdicts);
    expect(r.console).toMatch(
      new RegExp(`entra-id {2}not judged \\(${reason.replace(/[()/-]/g, '\\$&')}\\)`),
    );
    expect(r.console).toMatch(/ {2}rfc {7}compatible\n/);
    expect(r.console).not.toMatch(/entra-id\s+compatible/);
    expect(r.html).toContain(
      `<tr><td><b>entra-id</b></td><td><span class="badge unjudged">not judged</span></td><td class="num"></td><td class="ids"><span class="note">${reason}</span></td></tr>`,
    );
    expect(r.html).toContain('(1 not judged)');
    expect(r.md).toContain(`| entra-id | not judged (${reason}) | 0 |`);
    expect(r.md.split('\n')[0]).toBe('## scimulator: PASSED (compatible with rfc; 1 not judged)');
    // JUnit has no verdicts: its test cases are the checks that ran, none of them an entra-id flow.
    expect(r.junit).not.toContain('[entra-id]');
    expect(exitCodeFor(r.report, 'must')).toBe(0);
  });

  test('--suite lifecycle: the RFC is not judged, the IdP is', async () => {
    const report = await run({ ...inProcess(), profiles: ['okta'], checks: ['lifecycle.create.*'] });
    expect(report.verdicts['rfc']).toMatchObject({
      judged: false,
      reason: 'no RFC check ran: filtered out by --suite/--check',
    });
    expect(report.verdicts['okta']).toMatchObject({ judged: true, compatible: true });
  });

  test('a user-written SHOULD check gets its own `custom` verdict line and leaves the RFC verdict alone', async () => {
    const traced = defineSuite({
      name: 'acme',
      title: 'Acme house rules',
      description: 'our own checks',
      checks: [
        defineCheck<HttpResult>({
          id: 'acme.users.trace-header',
          title: 'Responses carry X-Trace-Id',
          suite: 'acme',
          rfc: 'Acme API guide',
          level: 'SHOULD',
          explanation: 'Our support needs a trace id.',
          scenario: defineScenario({
            id: 'acme.list',
            run: (ctx) => ctx.http.request({ method: 'GET', path: '/Users' }),
          }),
          assert: (res) => verdict(expectHeader(res, 'X-Trace-Id')),
        }),
      ],
    });
    const r = await runInto('custom', {
      ...inProcess(),
      profiles: ['rfc'],
      suites: ['discovery', traced],
      failOn: 'should',
    });
    expect(r.report.verdicts['custom']).toEqual({
      judged: true,
      compatible: false,
      failed: ['acme.users.trace-header'],
    });
    expect(r.report.verdicts['rfc']).toMatchObject({ judged: true, compatible: true });
    expect(r.console).toMatch(/ {2}rfc {5}compatible\n {2}custom {2}not compatible \(1 failed\)\n/);
    expect(r.md).toContain('| custom | not compatible | 1 |');
  });

  test('no profiles: rfc, entra-id, okta and onelogin are judged by default', async () => {
    const report = await run({ ...inProcess(), checks: ['discovery.spc.*', 'lifecycle.create.*'] });
    expect(Object.keys(report.verdicts)).toEqual(['rfc', 'entra-id', 'okta', 'onelogin']);
    for (const v of Object.values(report.verdicts))
      expect(v).toMatchObject({ judged: true, compatible: true });
  });
});

describe('the decisive exchange (issue 23)', () => {
  test('a check with several requests shows the one that failed, in the console and the HTML', async () => {
    const r = await runInto('decisive', {
      ...inProcess(['malformed-filter-500']),
      profiles: ['rfc'],
      checks: ['filter.malformed.never-5xx'],
    });
    const result = r.report.results[0];
    if (!result || result.decisive === undefined) throw new Error('no decisive exchange');
    expect(result.outcome).toBe('fail');
    expect(result.exchanges.length).toBeGreaterThan(1);
    const decisive = result.exchanges[result.decisive];
    if (!decisive) throw new Error('decisive out of range');
    // The message names the filter; the decisive exchange is the request that sent it, answered 500.
    const filter = /filter (".*?[^\\]") answered/.exec(result.message ?? '')?.[1];
    expect(filter).toBeDefined();
    expect(new URL(decisive.request.url).searchParams.get('filter')).toBe(JSON.parse(filter!) as string);
    expect(decisive.response?.status).toBe(500);
    expect(result.decisive).not.toBe(result.exchanges.length - 1);
    expect(result.fix).toBe('Answer 400 for this request (RFC7644 3.4.2.2).');
    expect(r.console).toContain(`    request:  ${decisive.request.method} ${decisive.request.url} → 500`);
    expect(r.console).toContain('    fix:      Answer 400 for this request (RFC7644 3.4.2.2).');
    // HTML: the decisive exchange is named in the result and marked (`*`) in its exchange list.
    const escaped = decisive.request.url.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
    expect(r.html).toContain(
      `Decided by exchange ${result.decisive + 1} of ${result.exchanges.length}: <code>GET ${escaped} → 500`,
    );
    const refs = /data-x="([^"]*)"/.exec(
      r.html.slice(r.html.indexOf('id="r-filter.malformed.never-5xx"')),
    )?.[1];
    expect(refs?.split(' ').findIndex((ref) => ref.endsWith('*'))).toBe(result.decisive);
    // Failures by cause open the page, before the verdicts.
    expect(r.html.indexOf('id="causes"')).toBeLessThan(r.html.indexOf('<h2>Verdicts</h2>'));
  });
});
