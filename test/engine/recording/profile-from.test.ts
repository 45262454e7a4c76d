import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parse } from 'yaml';
import { main } from '../../../cli/index.js';
import { draftProfile, loadRecording } from '../../../engine/recording/index.js';
import { loadProfileFile } from '../../../profiles/index.js';

const ENTRA = 'fixtures/recordings/entra-id-legacy.json';
const OKTA = 'fixtures/recordings/okta-oin.json';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scimulator-profile-from-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: {},
  });
  return { code, stdout, stderr };
}

test('an Entra-like recording drafts + encoding, capitalised ops, string booleans and PATCH updates', async () => {
  const { profile } = draftProfile(await loadRecording(ENTRA), { name: 'entra-draft' });
  expect(profile.query).toMatchObject({
    spaceEncoding: '+',
    trailingAmpersand: false,
    bareQuestionMarkOnPut: false,
  });
  expect(profile.headers).toMatchObject({
    contentType: 'application/scim+json; charset=utf-8',
    accept: '*/*',
  });
  expect(profile.patch).toMatchObject({
    opCase: 'Capitalised',
    booleans: 'string-capitalised',
    style: 'per-attribute',
    activeStyle: 'path',
  });
  expect(profile.updateMethod).toBe('patch');
  expect(profile.deprovision).toBe('patch-active');
  expect(profile.user).toMatchObject({ matching: 'userName', sendPassword: false, extra: { roles: [] } });
  expect(profile.user.updateFields).toEqual(expect.arrayContaining(['givenName', 'displayName']));
  expect(profile.phases.map((p) => [p.name, p.steps.map((s) => s.action)])).toEqual([
    ['connection', ['probe-absent-user']],
    ['create', ['match-user', 'create-user']],
    ['update', ['update-user', 'read-user']],
    ['deactivate', ['deactivate-user', 'find-disabled-user']],
    ['delete', ['delete-user']],
  ]);
});

test('an Okta-like recording drafts the opposite: %20, lowercase, path-less, PUT updates', async () => {
  const { profile } = draftProfile(await loadRecording(OKTA), { name: 'okta-draft' });
  expect(profile.query).toMatchObject({
    spaceEncoding: '%20',
    matchExtras: 'startIndex=1&count=100',
    userListProbe: 'startIndex=1&count=2',
  });
  expect(profile.headers).toMatchObject({
    userAgent: 'Okta SCIM Client 1.0.0',
    extra: { 'accept-charset': 'utf-8' },
  });
  expect(profile.patch).toMatchObject({
    opCase: 'lower',
    booleans: 'json',
    activeStyle: 'pathless',
    style: 'pathless',
  });
  expect(profile.updateMethod).toBe('put');
  expect(profile.deprovision).toBe('patch-active');
  expect(profile.user).toMatchObject({ sendPassword: true, putBase: 'last-representation' });
  expect(profile.user.updateFields).toContain('givenName');
  expect(profile.phases.flatMap((p) => p.steps.map((s) => s.action))).toEqual([
    'probe-user-list',
    'match-user',
    'create-user',
    'read-user',
    'update-user',
    'deactivate-user',
  ]);
});

test.each([ENTRA, OKTA])(
  'profile-from %s writes a commented YAML profile the loader accepts',
  async (file) => {
    const out = join(dir, 'draft.yaml');
    const r = await cli(['profile-from', file, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/warning/);
    const text = await readFile(out, 'utf8');
    expect(text).toMatch(/spaceEncoding: .* # spaces in filters encoded so in #/);
    expect(text).toMatch(/opCase: \w+ # observed in #/);
    expect(text).toMatch(/# not in the recording/);
    const loaded = loadProfileFile(out);
    expect(loaded.name).toMatch(/^(entra-id-legacy|okta-oin)$/);
    expect(parse(text)).toEqual(loaded);
  },
);

test('profile-from prints to stdout without --out and exits 2 on a bad file', async () => {
  const r = await cli(['profile-from', ENTRA, '--name', 'mine']);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^name: mine$/m);
  expect((await cli(['profile-from', join(dir, 'nope.json')])).code).toBe(2);
});
