/**
 * The lifecycle and GitLab checks that neither a named quirk nor the rfc flavour itself makes fail are
 * shown to fail here, each against a server broken in exactly its way (the mutating proxy), and to pass
 * against the same server unbroken.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Report } from '../../engine/index.js';
import type { RunningServer } from '../../reference-server/index.js';
import { startMutatingProxy, type Breakage, type MutatingProxy } from '../support/mutating-proxy.js';
import { GITLAB_TOKEN, TOKEN, profilesNamed, replay, startGitlab, startRfc } from './helpers.js';

const SCIM = { 'content-type': 'application/scim+json' };

function outcomeOf(report: Report, id: string, profile?: string): { outcome?: string; code?: string } {
  const r = report.results.find((x) => x.id === id && (profile === undefined || x.profile === profile));
  return { outcome: r?.outcome, code: r?.code };
}

/** PATCH requests whose body sets `active` to true, in any of the dialects the profiles send. */
function setsActiveTrue(body: string): boolean {
  return /"active"\s*[:,]\s*(true|"true"|"True")|"path"\s*:\s*"active"\s*,\s*"value"\s*:\s*(true|"True"|"true")/.test(
    body,
  );
}

let nextSeed = 100;

describe('lifecycle checks against a broken rfc server', () => {
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

  async function replayBroken(
    profile: string,
    breakage: Breakage | undefined,
    seed: number,
  ): Promise<Report> {
    proxy.setBreakage(breakage);
    try {
      return await replay(proxy.url, TOKEN, profilesNamed([profile]), { seed });
    } finally {
      proxy.setBreakage(undefined);
    }
  }

  test.each([
    {
      id: 'lifecycle.connection.group-probe',
      profile: 'onelogin',
      code: 'STATUS_MISMATCH',
      breakage: {
        answer: (req) =>
          req.method === 'GET' && req.path === '/Groups'
            ? { status: 500, headers: SCIM, body: '{"detail":"boom"}' }
            : undefined,
      } satisfies Breakage,
    },
    {
      id: 'lifecycle.create.returns-id',
      profile: 'okta',
      code: 'ATTRIBUTE_MISSING',
      breakage: {
        mutate: (req, res) => {
          if (req.method !== 'POST' || req.path !== '/Users' || res.status !== 201) return undefined;
          const body = JSON.parse(res.body) as Record<string, unknown>;
          delete body['id'];
          return { ...res, body: JSON.stringify(body) };
        },
      } satisfies Breakage,
    },
    {
      id: 'lifecycle.reactivate.applied',
      profile: 'entra-id',
      code: 'VALUE_MISMATCH',
      breakage: {
        // Acknowledges the reactivation without applying it.
        answer: (req) =>
          req.method === 'PATCH' && req.path.startsWith('/Users/') && setsActiveTrue(req.body)
            ? { status: 204, headers: {}, body: '' }
            : undefined,
      } satisfies Breakage,
    },
    {
      id: 'lifecycle.groups.add-members.applied',
      profile: 'okta',
      code: 'VALUE_MISMATCH',
      breakage: {
        // Acknowledges a membership PATCH without applying it.
        answer: (req) =>
          req.method === 'PATCH' && req.path.startsWith('/Groups/') && /"members"/.test(req.body)
            ? { status: 204, headers: {}, body: '' }
            : undefined,
      } satisfies Breakage,
    },
  ])(
    '$id passes on the clean server and fails ($code) when broken',
    async ({ id, profile, code, breakage }) => {
      // A seed of its own per check: a broken create may leave a user behind that the harness never learnt of.
      const seed = (nextSeed += 2);
      const clean = await replayBroken(profile, undefined, seed);
      expect(outcomeOf(clean, id, profile).outcome).toBe('pass');
      const broken = await replayBroken(profile, breakage, seed + 1);
      const got = broken.results.find((x) => x.id === id && x.profile === profile);
      expect(outcomeOf(broken, id, profile), got?.message).toEqual({ outcome: 'fail', code });
      expect(broken.verdicts[profile]?.failed).toContain(id);
    },
  );
});

describe('gitlab checks against a broken gitlab server', () => {
  let server: RunningServer;
  let proxy: MutatingProxy;
  beforeAll(async () => {
    server = await startGitlab();
    proxy = await startMutatingProxy(server.url);
  });
  afterAll(async () => {
    await proxy.close();
    await server.close();
  });

  async function gitlabRun(breakage: Breakage | undefined, seed: number): Promise<Report> {
    proxy.setBreakage(breakage);
    try {
      return await replay(proxy.url, GITLAB_TOKEN, [], { gitlab: true, seed });
    } finally {
      proxy.setBreakage(undefined);
    }
  }

  test.each([
    {
      id: 'gitlab.patch.deprovisions',
      code: 'VALUE_MISMATCH',
      // PATCH answered 204 as GitLab does, but never applied.
      breakage: {
        answer: (req) => (req.method === 'PATCH' ? { status: 204, headers: {}, body: '' } : undefined),
      } satisfies Breakage,
    },
    {
      id: 'gitlab.members.provisioned-is-member',
      code: 'VALUE_MISMATCH',
      // The members view never lists anyone.
      breakage: {
        mutate: (req, res) =>
          req.path.endsWith('/members') && res.status === 200 ? { ...res, body: '[]' } : undefined,
      } satisfies Breakage,
    },
    {
      id: 'gitlab.members.deprovisioned-removed',
      code: 'VALUE_MISMATCH',
      // DELETE deactivates the identity but the membership stays (the view still lists the user).
      breakage: (() => {
        // Every member ever listed stays listed, whatever order concurrent checks read the view in.
        const seen = new Map<string, unknown>();
        return {
          mutate: (req, res) => {
            if (!req.path.endsWith('/members') || res.status !== 200) return undefined;
            const now = JSON.parse(res.body) as unknown[];
            const keyOf = (m: unknown) => JSON.stringify((m as { id?: unknown }).id ?? m);
            for (const m of now) seen.set(keyOf(m), m);
            const present = new Set(now.map(keyOf));
            const gone = [...seen].filter(([k]) => !present.has(k)).map(([, m]) => m);
            return gone.length === 0 ? undefined : { ...res, body: JSON.stringify([...now, ...gone]) };
          },
        } satisfies Breakage;
      })(),
    },
  ])(
    '$id passes on the clean gitlab flavour and fails ($code) when broken',
    async ({ id, code, breakage }) => {
      const clean = await gitlabRun(undefined, 41);
      expect(outcomeOf(clean, id).outcome).toBe('pass');
      const broken = await gitlabRun(breakage, 42);
      expect(outcomeOf(broken, id)).toEqual({ outcome: 'fail', code });
    },
  );
});
