/**
 * The profiles of issue 20 (authentik, Keycloak, PingFederate, JumpCloud, Google Workspace) each flip to
 * "not compatible" on a reference-server quirk that breaks their own dialect, for the step that dialect
 * depends on, while a profile that does not speak that way stays compatible on the same server.
 */
import { describe, expect, test } from 'vitest';
import { failedOf, profilesNamed, replay, startRfc, TOKEN } from './helpers.js';

describe.each([
  {
    quirk: 'remove-value-list-wipes-members',
    profile: 'authentik',
    // authentik removes a member with remove + path "members" + a value list [D A3].
    failed: ['lifecycle.groups.remove-member.others-kept'],
    unaffected: 'okta',
  },
  {
    quirk: 'pathless-patch-ignored',
    profile: 'authentik',
    // authentik renames a group with a path-less replace [D A3].
    failed: ['lifecycle.groups.rename.applied'],
    unaffected: 'pingfederate',
  },
  {
    quirk: 'unfiltered-list-refused',
    profile: 'keycloak-scim',
    // The import sync lists /Users without a filter [D K1].
    failed: ['lifecycle.connection.user-probe'],
    unaffected: 'entra-id-gitlab',
  },
  {
    quirk: 'string-booleans-rejected',
    profile: 'keycloak-scim-patch',
    // PATCH mode sends active as "false"/"true" strings [D K2].
    failed: ['lifecycle.deactivate.accepted', 'lifecycle.reactivate.accepted'],
    unaffected: 'keycloak-scim',
  },
  {
    quirk: 'unfiltered-list-refused',
    profile: 'pingfederate',
    // Groups are matched by retrieving every group [D P1].
    failed: ['lifecycle.connection.group-probe'],
    unaffected: 'entra-id-gitlab',
  },
  {
    quirk: 'remove-value-list-wipes-members',
    profile: 'jumpcloud',
    // Member removal as a value list without a filter path [O J4].
    failed: ['lifecycle.groups.remove-member.others-kept'],
    unaffected: 'okta',
  },
  {
    quirk: 'unfiltered-list-refused',
    profile: 'google-workspace',
    // The connection check lists /Users?count=1 [O G1].
    failed: ['lifecycle.connection.user-probe'],
    unaffected: 'entra-id-gitlab',
  },
])('$profile on quirk $quirk', ({ quirk, profile, failed, unaffected }) => {
  test(`fails ${failed.join(', ')}; ${unaffected} stays compatible`, async () => {
    const server = await startRfc([quirk]);
    try {
      const report = await replay(server.url, TOKEN, profilesNamed([profile, unaffected]), { seed: 31 });
      expect(report.verdicts[profile]?.compatible).toBe(false);
      expect(report.verdicts[profile]?.failed).toEqual(expect.arrayContaining(failed));
      expect(report.verdicts[unaffected]?.compatible, failedOf(report, unaffected).join('; ')).toBe(true);
    } finally {
      await server.close();
    }
  });
});

test('inferred steps never decide a thin profile: Google Workspace on a server that ignores PATCH active', async () => {
  const server = await startRfc(['patch-active-ignored']);
  try {
    const report = await replay(server.url, TOKEN, profilesNamed(['google-workspace']), { seed: 33 });
    const applied = report.results.find(
      (r) => r.id === 'lifecycle.deactivate.applied' && r.profile === 'google-workspace',
    );
    expect(applied?.outcome).toBe('skip');
    expect(applied?.message).toContain('is inferred');
    expect(report.verdicts['google-workspace']?.compatible).toBe(true);
  } finally {
    await server.close();
  }
});
