/**
 * The `serve` section: `scimulator serve` as users start it (default options, its default logging, read
 * through a pipe) against a bare node:http server answering a fixed body, in the same run, under the same
 * autocannon load. Each scenario alternates the two servers over several rounds (bare first in odd rounds,
 * serve first in even ones) so that a neighbour's burst on a shared machine hits both; the ratio of each
 * round is serve/bare, and the median and the spread of those ratios are reported.
 */
import { performance } from 'node:perf_hooks';
import { request } from 'undici';
import { fire } from './cannon.mjs';
import { startChild } from './children.mjs';
import { startServe } from './serve-cli.mjs';

const round = (n, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Goals of issue 18: reads at least 0.6 of the bare server's requests/s, writes at least 0.5. */
export const SERVE_GOALS = { read: 0.6, write: 0.5 };

const USER_URN = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH_URN = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** One user to read and patch, created through the API as an IdP would; returns its SCIM id. */
async function createTarget(base, token, flavour) {
  const userName = flavour === 'gitlab' ? 'bench.target' : 'bench.target@example.com';
  const res = await request(`${base}/Users`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
    body: JSON.stringify({
      schemas: [USER_URN],
      externalId: 'bench-target',
      userName,
      name: { givenName: 'Bench', familyName: 'Target', formatted: 'Bench Target' },
      emails: [{ value: 'bench.target@example.com', type: 'work', primary: true }],
      active: true,
    }),
  });
  const body = await res.body.json();
  if (res.statusCode !== 201)
    throw new Error(`creating the bench user: ${res.statusCode} ${JSON.stringify(body)}`);
  return { id: body.id, userName };
}

function scenarios(target) {
  return [
    { name: 'GET /Users/{id}', kind: 'read', method: 'GET', path: `/Users/${encodeURIComponent(target.id)}` },
    {
      name: 'GET /Users?filter=userName eq',
      kind: 'read',
      method: 'GET',
      path: `/Users?filter=${encodeURIComponent(`userName eq "${target.userName}"`)}`,
    },
    {
      name: 'PATCH /Users/{id}',
      kind: 'write',
      method: 'PATCH',
      path: `/Users/${encodeURIComponent(target.id)}`,
      body: JSON.stringify({
        schemas: [PATCH_URN],
        Operations: [{ op: 'replace', path: 'displayName', value: 'Bench [<id>]' }],
      }),
    },
    {
      name: 'POST /Users',
      kind: 'write',
      method: 'POST',
      path: '/Users',
      body: JSON.stringify({
        schemas: [USER_URN],
        externalId: 'bench-[<id>]',
        userName: 'bench-[<id>]@example.com',
        name: { givenName: 'Bench', familyName: 'User', formatted: 'Bench User' },
        emails: [{ value: 'bench-[<id>]@example.com', type: 'work', primary: true }],
        active: true,
      }),
    },
  ];
}

/** Fires one scenario at a server and measures the server's CPU per answered request. */
async function measure(server, s, duration) {
  const cpu0 = await server.cpu();
  const result = await fire({
    url: server.base + s.path,
    method: s.method,
    body: s.body,
    headers: { authorization: `Bearer ${server.token}` },
    duration,
  });
  const cpu1 = await server.cpu();
  const answered = result.total;
  return {
    ...result,
    serverCpuMicrosPerRequest:
      cpu0 !== undefined && cpu1 !== undefined && answered > 0 ? round((cpu1 - cpu0) / answered, 1) : null,
  };
}

/**
 * Runs the section for one flavour (`undefined`: the default flavour, started with no flavour flag).
 * `rounds` alternations of `duration` seconds per server and scenario, after a 1 s warm-up of each.
 */
export async function serveVsBare({ bin, cwd, flavour, extraArgs = [], duration, rounds, log }) {
  const bareChild = await startChild('bare');
  const args = [...(flavour ? ['--flavor', flavour] : []), ...extraArgs];
  const serve = await startServe(bin, args, { cwd });
  const kind = flavour ?? (serve.url.includes('/api/scim/v2/groups/') ? 'gitlab' : 'rfc');
  const bare = {
    base: bareChild.url,
    token: bareChild.token,
    cpu: async () => (await bareChild.stats()).cpuMicros,
  };
  const served = { base: serve.url, token: serve.token, cpu: async () => serve.cpuMicros() };
  const rows = [];
  const t0 = performance.now();
  let stopped;
  try {
    const target = await createTarget(serve.url, serve.token, kind);
    for (const s of scenarios(target)) {
      log(`serve (${kind}): ${s.name}: ${rounds} rounds of ${duration}s per server, alternating`);
      const warm = { ...s, body: s.body?.replaceAll('[<id>]', 'warm-[<id>]') };
      await measure(bare, warm, 1);
      await measure(served, warm, 1);
      const runs = [];
      for (let r = 0; r < rounds; r++) {
        const lines0 = serve.stderrLines();
        const order = r % 2 === 0 ? ['bare', 'serve'] : ['serve', 'bare'];
        const got = {};
        for (const which of order) {
          const body = s.body?.replaceAll('[<id>]', `r${r}-[<id>]`);
          got[which] = await measure(which === 'bare' ? bare : served, { ...s, body }, duration);
        }
        runs.push({
          bare: got.bare,
          serve: got.serve,
          ratio: round(got.serve.requestsPerSec / got.bare.requestsPerSec),
          serveLogLines: serve.stderrLines() - lines0,
        });
      }
      const ratios = runs.map((x) => x.ratio);
      // bare CPU per request over serve CPU per request: the ratio the two would reach if the server were the
      // only thing using its core. Steadier than req/s when neighbours starve the load generator.
      const cpuRatios = runs.map((x) => x.bare.serverCpuMicrosPerRequest / x.serve.serverCpuMicrosPerRequest);
      const goal = SERVE_GOALS[s.kind];
      rows.push({
        scenario: s.name,
        kind: s.kind,
        goal,
        ratio: round(median(ratios)),
        ratioMin: Math.min(...ratios),
        ratioMax: Math.max(...ratios),
        met: median(ratios) >= goal,
        cpuRatio: round(median(cpuRatios)),
        cpuRatioMin: round(Math.min(...cpuRatios)),
        cpuRatioMax: round(Math.max(...cpuRatios)),
        bareRequestsPerSec: Math.round(median(runs.map((x) => x.bare.requestsPerSec))),
        serveRequestsPerSec: Math.round(median(runs.map((x) => x.serve.requestsPerSec))),
        bareCpuMicrosPerRequest: round(median(runs.map((x) => x.bare.serverCpuMicrosPerRequest ?? NaN)), 1),
        serveCpuMicrosPerRequest: round(median(runs.map((x) => x.serve.serverCpuMicrosPerRequest ?? NaN)), 1),
        serveP99Ms: median(runs.map((x) => x.serve.latencyMs.p99)),
        serveNon2xx: runs.reduce((n, x) => n + x.serve.non2xx, 0),
        serveErrors: runs.reduce((n, x) => n + x.serve.errors, 0),
        runs,
      });
    }
  } finally {
    await bareChild.stop();
    stopped = await serve.stop();
  }
  return {
    flavour: kind,
    startedAs: ['node bin/scimulator.js serve --port 0', ...args].join(' '),
    connections: 10,
    pipelining: 1,
    durationSec: duration,
    rounds,
    wallSec: round((performance.now() - t0) / 1000, 1),
    serveExit: { code: stopped.code, signal: stopped.signal, logLines: stopped.stderrLines },
    scenarios: rows,
  };
}
