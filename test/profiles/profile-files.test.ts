import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  describeEvidence,
  describeProfiles,
  loadProfileFile,
  loadProfiles,
  PROFILE_SCHEMA,
  ProfileFileError,
  resolveProfile,
} from '../../profiles/index.js';
import { isHarnessError } from '../../engine/index.js';

const SHIPPED = [
  'authentik',
  'entra-id',
  'entra-id-2020',
  'entra-id-2020-gitlab',
  'entra-id-gitlab',
  'entra-id-tutorial-disable',
  'google-workspace',
  'jumpcloud',
  'keycloak-scim',
  'keycloak-scim-patch',
  'okta',
  'okta-2019',
  'okta-aiw',
  'okta-gitlab',
  'onelogin',
  'onelogin-suspend',
  'onelogin-v2-enterprise',
  'pingfederate',
];

function tempFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'scimulator-profile-'));
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

function errorOf(fn: () => unknown): ProfileFileError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ProfileFileError) return err;
    throw err;
  }
  throw new Error('expected a ProfileFileError');
}

describe('shipped profiles', () => {
  test('every shipped profile loads and validates against the schema', () => {
    expect(loadProfiles().map((p) => p.name)).toEqual(SHIPPED);
    expect(PROFILE_SCHEMA['$id']).toBe('https://scimulator.dev/schemas/profile.schema.json');
  });

  test('variants inherit their base and override only what they say', () => {
    const [legacy, gitlab] = ['entra-id', 'entra-id-gitlab'].map((n) => resolveProfile(n));
    expect(gitlab?.variantOf).toBe('entra-id');
    // GitLab's documented mapping has no manager; the rest of the dialect is the base's.
    const { manager, ...legacyPatch } = legacy?.patch ?? {};
    expect(manager).toBeDefined();
    expect(gitlab?.patch).toEqual(legacyPatch);
    expect(gitlab?.user.matching).toBe('externalId');
    expect(gitlab?.user.mapping['externalId']).toBe('objectId');
    expect(gitlab?.user.mapping['userName']).toBe('mailNickname');
    expect(gitlab?.features.groups).toBe(false);
  });

  test('describeProfiles lists each base profile followed by its variants', () => {
    const rows = describeProfiles();
    expect(rows.map((r) => r.name)).toEqual(SHIPPED);
    expect(rows.find((r) => r.name === 'okta-aiw')).toMatchObject({ variantOf: 'okta' });
    expect(rows.find((r) => r.name === 'okta')?.variantOf).toBeUndefined();
  });

  test('each profile states its evidence; thin ones say so in the listing', () => {
    const rows = describeProfiles();
    const row = (name: string) => rows.find((r) => r.name === name);
    const google = row('google-workspace');
    expect(google?.confidence).toBe('thin');
    expect(google && describeEvidence(google)).toMatch(
      /^thin evidence: 0 documented, 1 observed, \d+ inferred$/,
    );
    expect(row('jumpcloud')?.confidence).toBe('thin');
    expect(row('authentik')).toMatchObject({ confidence: 'solid', evidence: { inferred: 0 } });
    // Variants inherit the confidence of their base; profiles without one show the counts only.
    expect(row('keycloak-scim-patch')?.confidence).toBe('partial');
    const okta = row('okta');
    expect(okta && describeEvidence(okta)).toMatch(/^\d+ documented, \d+ observed, \d+ inferred$/);
    for (const name of SHIPPED.filter((n) => !/^(entra-id|okta|onelogin)/.test(n))) {
      expect(row(name)?.confidence, name).toBeDefined();
    }
  });

  test('an unknown profile name is a usage error listing the shipped ones', () => {
    try {
      resolveProfile('ping-nobody');
      throw new Error('expected an error');
    } catch (err) {
      expect(isHarnessError(err) && err.code).toBe('USAGE');
      expect(String(err)).toContain('entra-id');
    }
  });
});

describe('profile files', () => {
  test('a custom YAML variant loads', () => {
    const file = tempFile(
      'mine.yaml',
      'name: my-okta\nvariantOf: okta\ntitle: Mine\nquery:\n  spaceEncoding: "+"\n',
    );
    const profile = loadProfileFile(file);
    expect(profile.query.spaceEncoding).toBe('+');
    expect(profile.query.matchExtras).toBe('startIndex=1&count=100');
  });

  test('a JSON profile file loads', () => {
    const file = tempFile(
      'mine.json',
      JSON.stringify({ name: 'json-one', title: 'J', variantOf: 'onelogin' }),
    );
    expect(loadProfileFile(file).updateMethod).toBe('put');
  });

  test.each([
    ['a bad enum value', 'patch:\n  opCase: UPPER\n', '/patch/opCase', 'must be one of'],
    ['an unknown property', 'patch:\n  opcase: lower\n', '/patch/opcase', 'not a known property'],
    [
      'a bad step evidence',
      'phases:\n  - name: x\n    steps:\n      - { action: create-user, source: S1, evidence: X }\n',
      '/phases/0/steps/0/evidence',
      'must be one of',
    ],
    ['an unknown base', 'variantOf: nobody\n', '/variantOf', 'unknown profile'],
    ['an unmapped matching attribute', 'user:\n  matching: nickName\n', '/user/matching', 'does not fill'],
    [
      'a step its methods cannot send',
      'deprovision: delete\n',
      '/phases/3/steps/0/action',
      'deactivate-user needs',
    ],
  ])('%s names the file and the JSON pointer', (_label, body, pointer, detail) => {
    const file = tempFile(
      'broken.yaml',
      `name: broken\ntitle: Broken\n${body.startsWith('variantOf') ? '' : 'variantOf: entra-id\n'}${body}`,
    );
    const error = errorOf(() => loadProfileFile(file));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.file).toBe(file);
    expect(error.pointer).toBe(pointer);
    expect(error.message).toContain(file);
    expect(error.message).toContain(pointer);
    expect(error.message).toContain(detail);
  });

  test('a missing required field of a stand-alone profile is named', () => {
    const file = tempFile('bare.yaml', 'name: bare\ntitle: Bare\n');
    expect(errorOf(() => loadProfileFile(file)).pointer).toBe('/headers');
  });

  test('invalid YAML names the file', () => {
    const file = tempFile('bad.yaml', 'name: [unclosed\n');
    const error = errorOf(() => loadProfileFile(file));
    expect(error.message).toMatch(/bad\.yaml: \(root\): not valid YAML/);
  });
});
