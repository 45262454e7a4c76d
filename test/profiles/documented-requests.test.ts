/**
 * Issue 24: the requests Entra, Okta and OneLogin document beyond the basic cycle go on the wire, and a
 * reference server broken for exactly one of them makes that IdP's verdict "not compatible".
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CheckResult, Report } from '../../engine/index.js';
import { decisiveChecks, describeVerdictEvidence, verdictEvidence } from '../../engine/runner/index.js';
import { readFileSync } from 'node:fs';
import { IDP_SUITES } from '../../suites/index.js';
import { checkEvidenceTag } from '../../suites/lifecycle/index.js';
import { resolveProfile } from '../../profiles/index.js';
import type { RunningServer } from '../../reference-server/index.js';
import { failedOf, profilesNamed, replay, startRfc, TOKEN } from './helpers.js';

function requests(report: Report, profile: string) {
  return report.results
    .filter((r) => r.profile === profile)
    .flatMap((r) => r.exchanges.map((e) => e.request));
}

function bodies(report: Report, profile: string, method: string): unknown[] {
  return requests(report, profile)
    .filter((r) => r.method === method && r.body !== undefined)
    .map((r) => JSON.parse(r.body as string) as unknown);
}

describe('on the rfc flavour', () => {
  let server: RunningServer;
  let report: Report;
  beforeAll(async () => {
    server = await startRfc();
    report = await replay(
      server.url,
      TOKEN,
      profilesNamed(['okta', 'entra-id', 'onelogin', 'onelogin-suspend']),
      {
        seed: 41,
      },
    );
  });
  afterAll(async () => {
    await server.close();
  });

  test('every profile stays compatible and nothing is left behind', () => {
    for (const name of ['okta', 'entra-id', 'onelogin', 'onelogin-suspend'])
      expect(report.verdicts[name]?.compatible, `${name}: ${failedOf(report, name).join('; ')}`).toBe(true);
    expect(report.cleanup).toEqual([]);
  });

  test('okta sends a remove + add membership PATCH, a replace of members and a count=100 import', () => {
    const patches = bodies(report, 'okta', 'PATCH') as Array<{ Operations: Array<Record<string, unknown>> }>;
    expect(
      patches.some(
        (b) =>
          b.Operations.length === 2 &&
          b.Operations[0]?.['op'] === 'remove' &&
          /^members\[value eq ".+"\]$/.test(String(b.Operations[0]?.['path'])) &&
          b.Operations[1]?.['op'] === 'add' &&
          b.Operations[1]?.['path'] === 'members',
      ),
    ).toBe(true);
    expect(
      patches.some((b) => b.Operations.some((o) => o['op'] === 'replace' && o['path'] === 'members')),
    ).toBe(true);
    const urls = requests(report, 'okta').map((r) => `${r.method} ${r.url}`);
    expect(urls.some((u) => /^GET .*\/Users\?startIndex=1&count=100$/.test(u))).toBe(true);
    const groupPosts = bodies(report, 'okta', 'POST').filter((b) =>
      Array.isArray((b as Record<string, unknown>)['members']),
    ) as Array<Record<string, unknown>>;
    expect(groupPosts.length).toBeGreaterThan(0);
    for (const post of groupPosts) expect(post).not.toHaveProperty('externalId');
  });

  test('entra-id reads an existing group without members, sets manager, uses Add and matches on externalId', () => {
    const urls = requests(report, 'entra-id').map((r) => `${r.method} ${r.url}`);
    expect(urls.some((u) => /^GET .*\/Groups\/[^?]+\?excludedAttributes=members$/.test(u))).toBe(true);
    expect(
      urls.some((u) => /^GET .*\/Groups\?excludedAttributes=members&filter=displayName\+eq\+/.test(u)),
    ).toBe(true);
    expect(urls.some((u) => /^GET .*\/Users\?filter=externalId\+eq\+%22.+%22$/.test(u))).toBe(true);
    const ops = (
      bodies(report, 'entra-id', 'PATCH') as Array<{ Operations: Array<Record<string, unknown>> }>
    ).flatMap((b) => b.Operations);
    expect(
      ops.some(
        (o) =>
          o['op'] === 'Add' &&
          o['path'] === 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager' &&
          typeof o['value'] === 'string',
      ),
    ).toBe(true);
    expect(
      ops.some(
        (o) => o['op'] === 'Add' && o['path'] !== 'members' && !String(o['path']).endsWith(':manager'),
      ),
    ).toBe(true);
  });

  test('each verdict says how much of it rests on documented steps', () => {
    const okta = report.verdicts['okta']?.evidence;
    expect(okta?.documented).toBeGreaterThanOrEqual(20);
    expect(okta?.inferred).toBeGreaterThanOrEqual(1);
    expect(describeVerdictEvidence(okta ?? { documented: 0, observed: 0, inferred: 0 })).toMatch(
      /^\d+ documented checks, .*\d+ inferred not decisive$/,
    );
  });

  test('the User-Agent is the one each IdP documents, and none of ours where it is undocumented', () => {
    for (const r of requests(report, 'okta')) expect(r.headers['user-agent']).toBe('Okta SCIM Client 1.0.0');
    for (const name of ['entra-id', 'onelogin'])
      for (const r of requests(report, name)) expect(r.headers['user-agent']).toBeUndefined();
  });

  test('onelogin-suspend disables with a PUT of active false', () => {
    const puts = bodies(report, 'onelogin-suspend', 'PUT') as Array<Record<string, unknown>>;
    expect(puts.some((b) => b['active'] === false)).toBe(true);
  });
});

describe.each([
  // 1. Okta's mixed membership PATCH and full push [D O1].
  { quirk: 'patch-first-op-only', profile: 'okta', failed: ['lifecycle.groups.sync-members.applied'] },
  { quirk: 'members-replace-merges', profile: 'okta', failed: ['lifecycle.groups.push-members.applied'] },
  // 2. Entra reads existing groups with excludedAttributes=members [D S1, S6].
  { quirk: 'attributes-ignored', profile: 'entra-id', failed: ['lifecycle.groups.read-without-members'] },
  // 3. Entra sets the manager with Add and a plain id [D S3; O S10].
  { quirk: 'manager-string-rejected', profile: 'entra-id', failed: ['lifecycle.manager.accepted'] },
  // 4. Entra's Add on single-valued attributes for a matched user [D S2, S3].
  {
    quirk: 'add-single-valued-rejected',
    profile: 'entra-id',
    failed: ['lifecycle.update-existing.accepted'],
  },
  // 5. Okta's import needs integer paging fields [D O1, O4].
  { quirk: 'paging-fields-strings', profile: 'okta', failed: ['lifecycle.import.pages'] },
  // 6. OneLogin's Patch Group is documented (L1, L3): a server that drops removals fails it.
  {
    quirk: 'members-remove-ignored',
    profile: 'onelogin',
    failed: ['lifecycle.groups.remove-member.applied'],
  },
  // 7. Entra's matching on externalId [D S4].
  {
    quirk: 'externalid-filter-unsupported',
    profile: 'entra-id',
    failed: ['lifecycle.create.match-alternate-empty'],
  },
  // 8. Okta's attribute update by PATCH [D O9].
  { quirk: 'pathless-patch-ignored', profile: 'okta', failed: ['lifecycle.update.patch-applied'] },
  // 9. OneLogin's Suspend (PUT active false) and its application/json responses [D L1].
  { quirk: 'put-active-ignored', profile: 'onelogin-suspend', failed: ['lifecycle.deactivate.applied'] },
  { quirk: 'content-type-text-plain', profile: 'onelogin', failed: ['lifecycle.create.media-type'] },
  // 10. Okta's group POST carries no externalId [D O1].
  { quirk: 'group-externalid-required', profile: 'okta', failed: ['lifecycle.groups.create-201'] },
])('$profile on quirk $quirk', ({ quirk, profile, failed }) => {
  test(`fails ${failed.join(', ')}`, async () => {
    const server = await startRfc([quirk]);
    try {
      const report = await replay(server.url, TOKEN, profilesNamed([profile]), { seed: 43 });
      expect(report.verdicts[profile]?.compatible).toBe(false);
      expect(failedOf(report, profile).map((f) => f.split(':')[0])).toEqual(expect.arrayContaining(failed));
    } finally {
      await server.close();
    }
  });
});

test('a verdict resting on inferred steps only has no decisive check', () => {
  const result = (outcome: CheckResult['outcome'], message: string) =>
    ({
      id: 'x',
      title: 'x',
      suite: 'lifecycle',
      profile: 'thin',
      level: 'MUST',
      rfc: '',
      outcome,
      message,
      exchanges: [],
      ms: 0,
    }) as CheckResult;
  const evidence = verdictEvidence([
    result('pass', 'as thin judges it (create-user [I] T1)'),
    result(
      'skip',
      'not judged: deactivate-user [I] T1 is inferred, so it cannot make thin incompatible; the target …',
    ),
    result('skip', 'thin does not send delete-user (not in its phases, or switched off by its features)'),
  ]);
  expect(evidence['thin']).toEqual({ documented: 0, observed: 0, inferred: 2 });
  expect(decisiveChecks(evidence['thin'] ?? { documented: 1, observed: 0, inferred: 0 })).toBe(0);
});

test('a server that answers 429 once per write is not failed for it: each IdP retries as its profile says', async () => {
  const server = await startRfc(['rate-limited-once']);
  try {
    const names = ['okta', 'entra-id', 'onelogin'];
    // The quirk refuses every other write server-wide, so only a sequential run meets it the same way each time.
    const report = await replay(server.url, TOKEN, profilesNamed(names), { seed: 47, concurrency: 1 });
    for (const name of names)
      expect(report.verdicts[name]?.compatible, `${name}: ${failedOf(report, name).join('; ')}`).toBe(true);
    const statuses = report.results.flatMap((r) => r.exchanges.map((e) => e.response?.status));
    expect(statuses).toContain(429);
  } finally {
    await server.close();
  }
});

test('every docs/idp source of a lifecycle check names a heading of that page', () => {
  const checks = IDP_SUITES.flatMap((suite) => suite.checks).filter((c) => c.suite === 'lifecycle');
  expect(checks.length).toBeGreaterThan(40);
  for (const check of checks) {
    const cites = [...(check.source ?? []).join(' ').matchAll(/docs\/idp\/([a-z-]+)\.md#([a-z-]+)/g)];
    expect(cites.length, check.id).toBeGreaterThan(0);
    for (const [, page, anchor] of cites) {
      const headings = readFileSync(`docs/idp/${page}.md`, 'utf8')
        .split('\n')
        .filter((line) => line.startsWith('#'))
        .map((line) =>
          line
            .replace(/^#+\s*/, '')
            .toLowerCase()
            .replace(/[^a-z0-9 -]/g, '')
            .replace(/ /g, '-'),
        );
      expect(headings, `${check.id} cites ${page}.md#${anchor}`).toContain(anchor);
    }
  }
});

test('the evidence tag of each check under a profile is the tag of the step it judges', () => {
  const onelogin = resolveProfile('onelogin');
  expect(checkEvidenceTag('lifecycle.groups.remove-member.applied', onelogin)).toBe('documented (L1, L3)');
  expect(checkEvidenceTag('lifecycle.groups.sync-members.applied', onelogin)).toBe('not sent');
  expect(checkEvidenceTag('lifecycle.create.match-precise', onelogin)).toBe('inferred (L1)');
  expect(checkEvidenceTag('users.create.201', onelogin)).toBeUndefined();
});
