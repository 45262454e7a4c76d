/**
 * The one options model (integrations/options): the profile list `scimulator list profiles` prints is what
 * `run()` accepts, as an array or a comma string; bad input is a coded HarnessError, never a TypeError; the
 * CLI's flags and the library's options resolve alike; the layers rank call > env > config file.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { optionsFromFlags, type RunFlags } from '../../../cli/commands/run.js';
import { exitCodeFor, isHarnessError, run, type RunOptions } from '../../../index.js';
import { createScimFetchHandler, createScimHandlers } from '../../../integrations/msw/index.js';
import {
  knownProfileNames,
  resolveRunOptions,
  type ResolvedRunOptions,
} from '../../../integrations/options/index.js';
import { resolveProfile } from '../../../profiles/index.js';
import { cli } from '../../support/cli.js';

const TOKEN = 'options-token-1234';
/** One small check keeps each run to a few requests; the profile still gets its verdict. */
const ONLY = ['discovery.spc.returns-200'];

function inProcess(): Pick<RunOptions, 'handler' | 'target' | 'token'> {
  const server = createScimFetchHandler({ token: TOKEN });
  return { handler: server.fetch, target: server.baseUrl, token: TOKEN };
}

/** The first column of `scimulator list profiles`: the names a user is told exist. */
async function listedProfiles(): Promise<string[]> {
  const listed = await cli(['list', 'profiles']);
  expect(listed.code).toBe(0);
  return listed.stdout
    .split('\n')
    .map((line) => line.split(/\s+/)[0] ?? '')
    .filter((name) => name !== '');
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scimulator-options-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('every listed profile runs from the library', async () => {
  const listed = await listedProfiles();
  const names = [...listed, 'gitlab'];

  test('the list is the catalogue the resolver accepts', () => {
    expect(listed.length).toBeGreaterThan(10);
    expect(listed).toContain('rfc');
    expect(listed).toContain('entra-id');
    expect(listed.every((name) => knownProfileNames().includes(name))).toBe(true);
    expect(knownProfileNames()).toContain('gitlab');
  });

  test.each(names)('%s as an array and as a comma string', async (name) => {
    const asArray = await run({ ...inProcess(), profiles: [name], only: ONLY, seed: 1 });
    expect(Object.keys(asArray.verdicts)).toContain(name);
    expect(asArray.results.length).toBeGreaterThan(0);
    const asString = await run({ ...inProcess(), profiles: `rfc, ${name}`, only: ONLY, seed: 1 });
    expect(Object.keys(asString.verdicts).sort()).toEqual([...new Set(['rfc', name])].sort());
  });
});

describe('bad input is a coded HarnessError, never a TypeError', () => {
  test.each([
    { options: { profiles: ['entra-di'] }, says: 'unknown profile "entra-di" (did you mean "entra-id"?)' },
    { options: { profiles: 'nobody' }, says: 'unknown profile "nobody"' },
    { options: { profiles: 42 }, says: 'profiles must be profile names or files' },
    { options: { profiles: {} }, says: 'profiles must be profile names or files' },
    { options: { profiles: [7] }, says: 'profiles must list profile names or files, got 7' },
    { options: { suites: 5 }, says: 'suites must be suite names or suites' },
    { options: { suites: 'usres' }, says: 'unknown suite: usres (did you mean "users"?)' },
    { options: { checks: 'discovery.spc.returns-20' }, says: 'did you mean "discovery.spc.returns-200"?' },
    { options: { only: [null] }, says: 'only must list check ids or patterns' },
    { options: { reports: 'console,pdf' }, says: 'unknown reporter "pdf"' },
    { options: { timeout: -5 }, says: 'timeout must be an integer between 1 and 3600000, got "-5"' },
    { options: { timeout: 1.5 }, says: 'timeout must be an integer' },
    { options: { seed: 'abc' }, says: 'seed must be an integer between 0 and 4294967295' },
    { options: { failOn: 'sometimes' }, says: 'fail-on must be must, should or never' },
    { options: { strict: 'yes' }, says: 'strict must be true or false' },
    { options: { timeouts: { requestMS: 5 } }, says: 'did you mean "requestMs"?' },
    { options: { profile: 'okta' }, says: 'unknown run option "profile" (did you mean "profiles"?)' },
    { options: { env: 'x' }, says: 'env must be an object' },
    { options: { handler: undefined, target: 'scim.example.com' }, says: 'target must be an http(s) URL' },
    {
      options: { handler: undefined, target: undefined, env: { SCIM_BASE_URL: 'ftp://x' } },
      says: 'SCIM_BASE_URL must be an http(s) URL, got "ftp://x"',
    },
  ])('$says', async ({ options, says }) => {
    const err = await run({ ...inProcess(), ...options } as RunOptions).catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(TypeError);
    expect(isHarnessError(err)).toBe(true);
    expect((err as { code: string }).code).toBe('USAGE');
    expect((err as Error).message).toContain(says);
  });

  test('options that are not an object', async () => {
    for (const options of ['entra-id', 5, null, ['rfc']]) {
      const err = await run(options as RunOptions).catch((e: unknown) => e);
      expect(isHarnessError(err) && err.code).toBe('USAGE');
      expect((err as Error).message).toContain('run options must be an object');
    }
  });

  test('a broken config file is CONFIG_INVALID naming the file', async () => {
    const file = join(dir, 'broken.yaml');
    await writeFile(file, 'seed: -1\n');
    const err = await run({ ...inProcess(), config: file }).catch((e: unknown) => e);
    expect(isHarnessError(err) && err.code).toBe('CONFIG_INVALID');
    expect((err as Error).message).toContain(file);
  });
});

/** What decides a run, without functions and loaded data. */
function decisive(o: ResolvedRunOptions) {
  return {
    target: o.target,
    token: o.token,
    profiles: o.profiles.map((p) => p.name),
    suites: o.suites.map((s) => s.name),
    only: o.only,
    seed: o.seed,
    failOn: o.failOn,
    strict: o.strict,
    reports: o.reports,
    out: o.out,
    timeouts: o.timeouts,
    maxTimeMs: o.maxTimeMs,
    customSuites: o.customSuites,
  };
}

describe('one resolver for the CLI and the library', () => {
  test('the same input resolves to the same options', async () => {
    const flags: RunFlags = {
      target: 'http://127.0.0.1:1/scim/v2',
      token: 't0ken',
      profile: 'rfc,entra-id,gitlab',
      suite: 'users,groups',
      check: ['discovery.*', 'errors.unknown-endpoint.returns-404'],
      report: 'json,md',
      out: join(dir, 'out'),
      failOn: 'should',
      strict: true,
      seed: '42',
      timeout: '2500',
      maxTime: '60',
    };
    const fromCli = await resolveRunOptions(optionsFromFlags(flags, {}), { given: 'flags' });
    const fromLibrary = await resolveRunOptions({
      target: 'http://127.0.0.1:1/scim/v2',
      token: 't0ken',
      profiles: ['rfc', 'entra-id', 'gitlab'],
      suites: 'users, groups',
      checks: ['discovery.*', 'errors.unknown-endpoint.returns-404'],
      reports: ['json', 'md'],
      out: join(dir, 'out'),
      failOn: 'should',
      strict: true,
      seed: 42,
      timeout: 2500,
      maxTimeMs: 60_000,
    });
    expect(decisive(fromCli)).toEqual(decisive(fromLibrary));
    expect(fromLibrary.only).toEqual([
      'users',
      'groups',
      'discovery.*',
      'errors.unknown-endpoint.returns-404',
    ]);
  });

  test('a flag error names the flag, an option error names the option', async () => {
    const flagErr = await resolveRunOptions(optionsFromFlags({ seed: '-1' }, {}), { given: 'flags' }).catch(
      (e: unknown) => e,
    );
    expect((flagErr as Error).message).toContain('--seed must be an integer');
    const optionErr = await resolveRunOptions({ seed: -1 }).catch((e: unknown) => e);
    expect((optionErr as Error).message).toMatch(/^seed must be an integer/);
  });

  test('precedence: the call > the environment > the config file > defaults', async () => {
    const file = join(dir, 'scimulator.config.yaml');
    await writeFile(
      file,
      'target: http://file.example/scim\ntoken: file-token\nseed: 7\nreport: [json]\nfailOn: never\nprofiles: okta\nconcurrency: 3\nrate: 40\n',
    );
    const env = { SCIM_BASE_URL: 'http://env.example/scim', SCIM_TOKEN: 'env-token' };
    const notes: string[] = [];
    const resolved = await resolveRunOptions(
      { config: file, env, failOn: 'should' },
      { notify: (line) => notes.push(line), defaults: { reports: ['console'], out: 'elsewhere' } },
    );
    expect(resolved.target).toEqual({ kind: 'url', url: 'http://env.example/scim' });
    expect(resolved.token).toBe('env-token');
    expect(resolved.seed).toBe(7);
    expect(resolved.concurrency).toBe(3);
    expect(resolved.rate).toBe(40);
    expect(resolved.reports).toEqual(['json']);
    expect(resolved.failOn).toBe('should');
    expect(resolved.profiles.map((p) => p.name)).toEqual(['okta']);
    expect(resolved.out).toBe('elsewhere');
    expect(notes.join('\n')).toContain('holds a token');
    // Without `env`, the library reads no SCIM_BASE_URL: the config file's target stands.
    const noEnv = await resolveRunOptions({ config: file });
    expect(noEnv.target).toEqual({ kind: 'url', url: 'http://file.example/scim' });
    // A handler given in code outranks a target URL from the environment or the file.
    const handler = await resolveRunOptions({ config: file, env, handler: () => new Response('') });
    expect(handler.target.kind).toBe('in-process');
    expect(handler.target.kind === 'in-process' && handler.target.url).toBe(undefined);
  });
});

describe('the msw integration checks its options the same way', () => {
  test('quirks as a comma string switch each one on', async () => {
    const server = createScimFetchHandler({ token: TOKEN, quirks: 'create-returns-200, no-location-header' });
    const created = await server.fetch(
      new Request(`${server.baseUrl}/Users`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/scim+json' },
        body: JSON.stringify({
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
          userName: 'ada@example.com',
        }),
      }),
    );
    expect(created.status).toBe(200);
    expect(created.headers.get('location')).toBeNull();
  });

  test.each([
    {
      options: { quirks: 'create-returns-20' },
      says: 'unknown quirk "create-returns-20" (did you mean "create-returns-200"?)',
    },
    { options: { quirks: 5 }, says: 'quirks must be quirk names' },
    { options: { flavor: 'ldap' }, says: 'flavor must be gitlab or rfc, got "ldap"' },
    { options: { baseUrl: 'not a url' }, says: 'baseUrl must be an absolute http(s) URL' },
    { options: { baseUrl: 'https://scim.example.test/api/scim' }, says: 'rfc flavour serves /scim/v2' },
    { options: { seedUsers: -1 }, says: 'seedUsers must be an integer' },
  ])('$says', ({ options, says }) => {
    let err: unknown;
    try {
      createScimHandlers(options as Parameters<typeof createScimHandlers>[0]);
    } catch (e) {
      err = e;
    }
    expect(err).not.toBeInstanceOf(TypeError);
    expect(isHarnessError(err) && err.code).toBe('USAGE');
    expect((err as Error).message).toContain(says);
  });
});

test('run() reads a baseline as --baseline does: a listed failure is known and does not gate', async () => {
  const file = join(dir, 'baseline.yaml');
  await writeFile(file, 'version: 1\nknown:\n  - id: users.post.returns-201\n    code: STATUS_MISMATCH\n');
  const server = createScimFetchHandler({ token: TOKEN, quirks: ['create-returns-200'] });
  const options = {
    handler: server.fetch,
    target: server.baseUrl,
    token: TOKEN,
    checks: 'users.post.returns-201',
  };
  const without = await run(options);
  expect(exitCodeFor(without, 'must')).toBe(1);
  const report = await run({ ...options, baseline: file });
  expect(report.results.find((r) => r.id === 'users.post.returns-201')?.known).toBe(true);
  expect(report.baseline).toBeDefined();
  expect(exitCodeFor(report, 'must')).toBe(0);
});

test('commands that take one IdP profile (load, judge --as, list checks --profile) suggest the closest too', async () => {
  expect(() => resolveProfile('okta-2109')).toThrow(
    'unknown profile "okta-2109" (did you mean "okta-2019"?)',
  );
  const load = await cli(['list', 'checks', '--profile', 'entra-di']);
  expect(load.code).toBe(2);
  expect(load.stderr).toContain('did you mean "entra-id"?');
});
