/**
 * `scimulator run --checks FILE --profile FILE.ts` against the embedded reference server: user checks
 * (TypeScript and JavaScript) and a TypeScript profile appear in the JSON report like built-in ones.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { cli, readReport, removeTempDirs, tempDir, writeFiles } from './helpers.js';

// ts-node type-checks the user's TypeScript: seconds of CPU per file, more while other files run.
vi.setConfig({ testTimeout: 120_000 });

const ACME_CHECKS = `import {
  defineCheck,
  defineScenario,
  expectHeader,
  expectStatus,
  fail,
  pass,
  verdict,
  type ProfileData,
} from 'scimulator';

const listed = defineScenario({
  id: 'acme.users.list',
  run: (ctx) => ctx.http.request({ method: 'GET', path: '/Users', query: { count: 1 } }),
});

export const listAnswers200 = defineCheck({
  id: 'acme.users.list-answers-200',
  title: 'GET /Users answers 200',
  suite: 'acme',
  rfc: 'RFC7644 3.4.2',
  level: 'MUST',
  explanation: 'Our IdP lists users before it provisions.',
  scenario: listed,
  assert: (res) => verdict(expectStatus(res, 200)),
});

// Fails against the reference server, which sends no such header.
export const traceHeader = defineCheck({
  id: 'acme.users.trace-header',
  title: 'Responses carry X-Acme-Trace-Id',
  suite: 'acme',
  rfc: '',
  level: 'MUST',
  profiles: ['acme-idp'],
  explanation: 'Our support desk needs the trace id of every answer.',
  scenario: listed,
  assert: (res) => verdict(expectHeader(res, 'x-acme-trace-id')),
});

export const dialect = defineCheck({
  id: 'acme.profile.user-agent',
  title: 'The acme-idp profile speaks with its own User-Agent',
  suite: 'acme',
  rfc: '',
  level: 'SHOULD',
  perProfile: true,
  profiles: ['acme-idp'],
  explanation: 'The TypeScript profile is resolved against okta and handed to checks.',
  scenario: defineScenario({
    id: 'acme.profile.seen',
    run: async (ctx) => ({ name: ctx.profile.name, data: ctx.profile.data as unknown as ProfileData }),
  }),
  assert: ({ name, data }) =>
    name === 'acme-idp' && data.headers.userAgent === 'AcmeIdP/2.1' && data.patch.opCase === 'lower'
      ? pass()
      : fail('VALUE_MISMATCH', 'unexpected profile ' + name, { actual: data.headers }),
});
`;

const ACME_PROFILE = `import { defineProfile } from 'scimulator';

export default defineProfile({
  name: 'acme-idp',
  variantOf: 'okta',
  title: 'Acme IdP (Okta-based)',
  headers: { userAgent: 'AcmeIdP/2.1' },
});
`;

// JavaScript, no suite field: its suite is named after the file.
const EXTRA_CHECKS = `import { defineCheck, expectStatus, verdict } from 'scimulator';

export default defineCheck({
  id: 'extra.groups.list-answers-200',
  title: 'GET /Groups answers 200',
  rfc: 'RFC7644 3.4.2',
  level: 'SHOULD',
  explanation: 'Group push starts with a list.',
  scenario: { id: 'extra.groups.list', run: (ctx) => ctx.http.request({ method: 'GET', path: '/Groups' }) },
  assert: (res) => verdict(expectStatus(res, 200)),
});
`;

let dir: string;
let files: Record<string, string>;
beforeAll(async () => {
  dir = await tempDir();
  files = await writeFiles(dir, {
    'acme.check.ts': ACME_CHECKS,
    'acme-idp.ts': ACME_PROFILE,
    'extra.check.mjs': EXTRA_CHECKS,
  });
});
afterAll(removeTempDirs);

describe('user checks and profiles in a report', () => {
  test('pass, fail (HEADER_MISSING) and a per-profile check appear under their own suites', async () => {
    const out = join(dir, 'out');
    const r = await cli([
      'run',
      '--checks',
      files['acme.check.ts'] as string,
      '--checks',
      files['extra.check.mjs'] as string,
      '--profile',
      files['acme-idp.ts'] as string,
      '--suite',
      'acme,extra',
      '--report',
      'json',
      '--out',
      out,
    ]);
    expect(r.stderr).toMatch(/loaded .*acme\.check\.ts: 3 checks in acme \(type-checked in \d+ ms, \d+ ms\)/);
    expect(r.code, r.stderr).toBe(1);
    const report = await readReport(out);
    const byId = new Map(report.results.map((x) => [`${x.id}@${x.profile}`, x]));
    expect(byId.get('acme.users.list-answers-200@rfc')).toMatchObject({
      suite: 'acme',
      outcome: 'pass',
      level: 'MUST',
    });
    expect(byId.get('acme.users.trace-header@rfc')).toMatchObject({
      suite: 'acme',
      outcome: 'fail',
      code: 'HEADER_MISSING',
    });
    expect(byId.get('acme.profile.user-agent@acme-idp')).toMatchObject({ suite: 'acme', outcome: 'pass' });
    expect(byId.get('extra.groups.list-answers-200@rfc')).toMatchObject({ suite: 'extra', outcome: 'pass' });
    expect(report.results).toHaveLength(4);
    expect(report.verdicts['acme-idp']).toEqual({
      judged: true,
      compatible: false,
      failed: ['acme.users.trace-header'],
    });
    // User checks have their own verdict; with only user suites selected, the RFC is not judged at all.
    expect(report.verdicts['custom']).toMatchObject({ judged: true, compatible: false });
    expect(report.verdicts['rfc']).toMatchObject({ judged: false, compatible: false });
  });

  test('--check selects user check ids like built-in ones; --transpile-only skips type checking', async () => {
    const out = join(dir, 'out-selected');
    const r = await cli([
      'run',
      '--checks',
      files['acme.check.ts'] as string,
      '--check',
      'acme.users.list-answers-200',
      '--transpile-only',
      '--report',
      'json',
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/acme\.check\.ts: 3 checks in acme \(transpiled in \d+ ms/);
    const report = await readReport(out);
    expect(report.results.map((x) => x.id)).toEqual(['acme.users.list-answers-200']);
  });
});
