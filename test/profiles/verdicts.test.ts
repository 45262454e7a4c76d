/**
 * Verdicts of the shipped profiles against the reference servers: the rfc flavour, the gitlab flavour,
 * and servers broken in one IdP-relevant way (a named quirk, or the mutating proxy).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadProfileFile, loadProfiles } from '../../profiles/index.js';
import { type RunningServer } from '../../reference-server/index.js';
import { startMutatingProxy, type MutatingProxy } from '../support/mutating-proxy.js';
import { failedOf, GITLAB_TOKEN, profilesNamed, replay, startGitlab, startRfc, TOKEN } from './helpers.js';

describe('against the rfc flavour', () => {
  test('every shipped profile is compatible', async () => {
    const server = await startRfc();
    try {
      const profiles = loadProfiles();
      const report = await replay(server.url, TOKEN, profiles);
      for (const { name } of profiles) {
        expect(report.verdicts[name]?.compatible, `${name}: ${failedOf(report, name).join('; ')}`).toBe(true);
      }
      // Every lifecycle check was exercised by some profile.
      const passed = new Set(report.results.filter((r) => r.outcome === 'pass').map((r) => r.id));
      expect([...new Set(report.results.map((r) => r.id))].filter((id) => !passed.has(id))).toEqual([]);
      // The wire shows each IdP's encoder byte for byte.
      const urls = (profile: string, method: string) =>
        report.results
          .filter((r) => r.profile === profile)
          .flatMap((r) => r.exchanges)
          .filter((e) => e.request.method === method)
          .map((e) => e.request.url);
      expect(
        urls('entra-id', 'GET').some((u) =>
          /\/Users\?filter=userName\+eq\+%22[^"]+%40example\.com%22$/.test(u),
        ),
      ).toBe(true);
      expect(
        urls('okta', 'GET').some((u) => /\?filter=userName%20eq%20%22.+%22&startIndex=1&count=100$/.test(u)),
      ).toBe(true);
      expect(urls('onelogin', 'GET').some((u) => /\?filter=userName\+eq\+%22.+%22&$/.test(u))).toBe(true);
      const puts = urls('onelogin', 'PUT');
      expect(puts.length > 0 && puts.every((u) => u.endsWith('?'))).toBe(true);
      // The issue 20 profiles: Google's count=1 probe, PingFederate's unfiltered group list, no lookup
      // before authentik's POST, authentik's own header set on every request.
      expect(urls('google-workspace', 'GET').some((u) => u.endsWith('/Users?count=1'))).toBe(true);
      expect(urls('pingfederate', 'GET').some((u) => u.endsWith('/Groups'))).toBe(true);
      expect(urls('authentik', 'GET').some((u) => u.includes('filter='))).toBe(true); // the duplicate lookup only
      expect(urls('authentik', 'PATCH').length).toBeGreaterThan(0);
      const authentikRequests = report.results
        .filter((r) => r.profile === 'authentik')
        .flatMap((r) => r.exchanges.map((e) => e.request.headers));
      expect(authentikRequests.length).toBeGreaterThan(0);
      for (const headers of authentikRequests) {
        expect(headers['accept']).toBe('application/scim+json');
        expect(headers['user-agent']).toMatch(/^authentik@/);
      }
      expect(report.cleanup).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

describe('against the gitlab flavour', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startGitlab();
  });
  afterAll(async () => {
    await server.close();
  });

  test('Entra ID (GitLab mapping) and Okta (GitLab app) are compatible, and GitLab passes its own suite', async () => {
    const profiles = profilesNamed(['entra-id-gitlab', 'entra-id-2020-gitlab', 'okta-gitlab']);
    const report = await replay(server.url, GITLAB_TOKEN, profiles, { gitlab: true });
    for (const { name } of profiles) {
      expect(report.verdicts[name]?.compatible, `${name}: ${failedOf(report, name).join('; ')}`).toBe(true);
    }
    expect(report.verdicts['gitlab']).toEqual({ judged: true, compatible: true, failed: [] });
    const gitlabResults = report.results.filter((r) => r.suite === 'gitlab');
    expect(gitlabResults.every((r) => r.outcome === 'pass')).toBe(true);
    // GitLab's deviations still show, at SHOULD level: no 409 for a duplicate, ignored attribute updates.
    const should = report.results.filter((r) => r.outcome === 'fail').map((r) => `${r.profile} ${r.id}`);
    expect(should).toContain('entra-id-gitlab lifecycle.duplicate.conflict-409');
    expect(should).toContain('entra-id-gitlab lifecycle.update.persisted');
    expect(should).toContain('okta-gitlab lifecycle.connection.paging-integers');
  });

  test('profiles that need PUT or /Groups are incompatible with GitLab, for that reason', async () => {
    const report = await replay(server.url, GITLAB_TOKEN, profilesNamed(['okta', 'entra-id']), { seed: 12 });
    expect(report.verdicts['okta']?.failed).toEqual(expect.arrayContaining(['lifecycle.update.accepted']));
    expect(report.verdicts['entra-id']?.failed).toEqual(
      expect.arrayContaining(['lifecycle.groups.create-201']),
    );
  });
});

describe('the gitlab suite against the rfc flavour', () => {
  test('fails the GitLab-specific behaviour and skips the members view', async () => {
    const server = await startRfc();
    try {
      const report = await replay(server.url, TOKEN, [], { gitlab: true });
      const outcome = (id: string) => report.results.find((r) => r.id === id)?.outcome;
      for (const id of [
        'gitlab.post.id-is-external-id',
        'gitlab.user.no-external-id',
        'gitlab.errors.numeric-status',
        'gitlab.filter.ne-unsupported',
        'gitlab.post.idempotent',
        'gitlab.list.items-per-page-requested',
        'gitlab.put.not-allowed',
        'gitlab.post.missing-username-412',
        'gitlab.patch.returns-204',
        'gitlab.delete.deactivates',
      ]) {
        expect(outcome(id), id).toBe('fail');
      }
      expect(outcome('gitlab.patch.deprovisions')).toBe('pass');
      const members = report.results.find((r) => r.id === 'gitlab.members.provisioned-is-member');
      expect(members?.outcome).toBe('skip');
      expect(members?.message).toContain('not a GitLab group SCIM URL');
      expect(report.verdicts['gitlab']?.compatible).toBe(false);
      // GitLab's failures do not count against the RFC, which no check of this run judged.
      expect(report.verdicts['rfc']).toMatchObject({ judged: false, failed: [] });
    } finally {
      await server.close();
    }
  });
});

describe('misbehaving servers flip verdicts for the right reason', () => {
  test('string booleans rejected: Entra (legacy) cannot disable users, Okta still works', async () => {
    const server = await startRfc(['string-booleans-rejected']);
    try {
      const report = await replay(server.url, TOKEN, profilesNamed(['entra-id', 'okta']));
      expect(report.verdicts['entra-id']?.failed).toEqual(
        expect.arrayContaining(['lifecycle.deactivate.accepted', 'lifecycle.reactivate.accepted']),
      );
      expect(report.verdicts['okta']?.compatible, failedOf(report, 'okta').join('; ')).toBe(true);
    } finally {
      await server.close();
    }
  });

  test('path-less PATCH ignored: Okta deactivation does not take, Entra (legacy) is unaffected', async () => {
    const server = await startRfc(['pathless-patch-ignored']);
    try {
      const report = await replay(server.url, TOKEN, profilesNamed(['okta', 'entra-id-gitlab']));
      expect(report.verdicts['okta']?.failed).toEqual(
        expect.arrayContaining(['lifecycle.deactivate.applied']),
      );
      expect(
        report.verdicts['entra-id-gitlab']?.compatible,
        failedOf(report, 'entra-id-gitlab').join('; '),
      ).toBe(true);
    } finally {
      await server.close();
    }
  });

  test('Remove + members + value list wipes the group: caught by the Entra legacy dialect only', async () => {
    // entra-id's group POST also carries the ADSCIM URN this strict server refuses (RFC_STRICTNESS);
    // a custom variant without it reaches the member removal.
    const dir = mkdtempSync(join(tmpdir(), 'scimulator-profile-'));
    const file = join(dir, 'entra-core-groups.yaml');
    writeFileSync(
      file,
      'name: entra-core-groups\nvariantOf: entra-id\ntitle: Entra, core group URN only\ngroup:\n  schemas: [urn:ietf:params:scim:schemas:core:2.0:Group]\n',
    );
    const entra = loadProfileFile(file);
    const clean = await startRfc();
    const broken = await startRfc(['remove-value-list-wipes-members']);
    try {
      const ok = await replay(clean.url, TOKEN, [entra]);
      expect(ok.verdicts['entra-core-groups']?.compatible, failedOf(ok, 'entra-core-groups').join('; ')).toBe(
        true,
      );
      const report = await replay(broken.url, TOKEN, [entra, ...profilesNamed(['okta'])]);
      expect(report.verdicts['entra-core-groups']?.failed).toEqual([
        'lifecycle.groups.remove-member.others-kept',
      ]);
      expect(report.verdicts['okta']?.compatible, failedOf(report, 'okta').join('; ')).toBe(true);
    } finally {
      await clean.close();
      await broken.close();
    }
  });

  describe('through the mutating proxy', () => {
    let server: RunningServer;
    let proxy: MutatingProxy;
    beforeAll(async () => {
      server = await startRfc();
      proxy = await startMutatingProxy(server.url);
    });
    afterAll(async () => {
      await proxy.close();
      await server.close();
    });

    test('404 for a filter that finds nothing breaks Entra Test Connection, not Okta or OneLogin', async () => {
      proxy.setBreakage({
        mutate: (req, res) => {
          if (req.method !== 'GET' || !req.query.has('filter') || !/"totalResults":0\b/.test(res.body))
            return undefined;
          const body = JSON.stringify({
            schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
            status: '404',
            detail: 'no match',
          });
          return { status: 404, headers: { 'content-type': 'application/scim+json' }, body };
        },
      });
      try {
        const report = await replay(
          proxy.url,
          TOKEN,
          profilesNamed(['entra-id-gitlab', 'okta', 'onelogin']),
          { seed: 21 },
        );
        expect(report.verdicts['entra-id-gitlab']?.failed).toEqual(
          expect.arrayContaining(['lifecycle.connection.user-probe', 'lifecycle.create.match-empty']),
        );
        expect(report.verdicts['okta']?.compatible, failedOf(report, 'okta').join('; ')).toBe(true);
        expect(report.verdicts['onelogin']?.compatible, failedOf(report, 'onelogin').join('; ')).toBe(true);
      } finally {
        proxy.setBreakage(undefined);
      }
    });

    test('users without name.givenName break Okta and OneLogin, not Entra', async () => {
      const strip = (node: unknown): void => {
        if (Array.isArray(node)) node.forEach(strip);
        else if (node && typeof node === 'object') {
          const record = node as Record<string, unknown>;
          const name = record['name'];
          if (name && typeof name === 'object') delete (name as Record<string, unknown>)['givenName'];
          if (Array.isArray(record['Resources'])) strip(record['Resources']);
        }
      };
      proxy.setBreakage({
        mutate: (req, res) => {
          if (!req.path.startsWith('/Users') || !res.body.startsWith('{')) return undefined;
          const body = JSON.parse(res.body) as unknown;
          strip(body);
          return { ...res, body: JSON.stringify(body) };
        },
      });
      try {
        const report = await replay(
          proxy.url,
          TOKEN,
          profilesNamed(['okta', 'onelogin', 'entra-id-gitlab']),
          { seed: 22 },
        );
        expect(report.verdicts['okta']?.failed).toEqual(
          expect.arrayContaining(['lifecycle.create.required-fields']),
        );
        expect(report.verdicts['onelogin']?.failed).toEqual(
          expect.arrayContaining(['lifecycle.create.required-fields']),
        );
        expect(
          report.verdicts['entra-id-gitlab']?.compatible,
          failedOf(report, 'entra-id-gitlab').join('; '),
        ).toBe(true);
      } finally {
        proxy.setBreakage(undefined);
      }
    });
  });
});
