/**
 * `npm run bench`: the performance figures of issue 8, printed as a table and written to
 * bench/results/<date>.json. Servers run in forked children and the load generators in this process or in
 * spawned CLIs, so no figure comes from a process measuring itself.
 *
 *   BENCH_DURATION=5      seconds per autocannon scenario (use 1-2 while developing)
 *   BENCH_ONLY=serve,latency,http,scale,run,cli,load   sections to run (default: all)
 *   BENCH_SERVE_ROUNDS=3                 serve section: alternating rounds per scenario
 *   BENCH_SERVE_FLAVOURS=default,rfc     serve section: `default` starts serve with no --flavor flag
 *   BENCH_SERVE_ARGS="--log-level error" serve section: extra serve flags (default: none, as users start it)
 *   BENCH_LATENCY_MS=50                  latency section: ms the proxy adds to every answer
 *   BENCH_SCALE_USERS=100000             the large store size
 *   BENCH_LOAD_USERS=20000               users of the load-mode run
 *   BENCH_OUT=path.json                  result file (default bench/results/<date>.json)
 *   BENCH_ROOT=/path/to/checkout         measure that checkout's bin/ and dist/ (default: this one)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Pool } from 'undici';
import { fire } from './lib/cannon.mjs';
import { startChild } from './lib/children.mjs';
import { latencySection } from './lib/latency-section.mjs';
import { serveVsBare } from './lib/serve-section.mjs';

// BENCH_ROOT: measure another checkout's build (bin/ + dist/); default this repository.
const ROOT = process.env.BENCH_ROOT ?? fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/scimulator.js');
const TRACE = fileURLToPath(new URL('./lib/trace-undici.mjs', import.meta.url));
const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const ONLY = new Set((process.env.BENCH_ONLY ?? 'serve,latency,http,scale,run,cli,load').split(','));
const SERVE_ROUNDS = Number(process.env.BENCH_SERVE_ROUNDS ?? 3);
const SERVE_FLAVOURS = (process.env.BENCH_SERVE_FLAVOURS ?? 'default,rfc').split(',');
const SERVE_ARGS = (process.env.BENCH_SERVE_ARGS ?? '').split(' ').filter(Boolean);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const SCALE_USERS = Number(process.env.BENCH_SCALE_USERS ?? 100_000);
const LOAD_USERS = Number(process.env.BENCH_LOAD_USERS ?? 20_000);
const AUTH = { authorization: 'Bearer bench-token' };
const SEED_ID = (n) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const round = (n, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
const log = (line) => process.stderr.write(`${line}\n`);

/** Seeded userNames are zero-padded to the width of the store size (reference-server/rfc/seed.ts). */
const seedUserName = (n, size) => `seed.user${String(n).padStart(String(size).length, '0')}@example.com`;
const seedExternalId = (n, size) => `seed-${String(n).padStart(String(size).length, '0')}`;
const q = (filter) => `filter=${encodeURIComponent(filter)}`;

function run(cmd, args, options = {}) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd: ROOT, ...options });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => (stdout += d));
    child.stderr?.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr, wallMs: performance.now() - t0 }));
  });
}

async function cpuPerRequest(server, work) {
  const before = await server.stats();
  const result = await work();
  const after = await server.stats();
  const requests = after.requests - before.requests;
  return {
    result,
    cpuMicrosPerRequest: requests > 0 ? round((after.cpuMicros - before.cpuMicros) / requests) : null,
  };
}

// --------------------------------------------------------------------------------------------- serve
async function serveSection() {
  const out = [];
  for (const f of SERVE_FLAVOURS) {
    out.push(
      await serveVsBare({
        bin: BIN,
        cwd: ROOT,
        flavour: f === 'default' ? undefined : f,
        extraArgs: SERVE_ARGS,
        duration: DURATION,
        rounds: SERVE_ROUNDS,
        log,
      }),
    );
  }
  return { flavours: out };
}

// ---------------------------------------------------------------------------------------------- http
async function httpSection() {
  const bare = await startChild('bare');
  const rfc = await startChild('rfc', 1000);
  const scenarios = [
    { name: 'GET /Users/:id', read: true, method: 'GET', path: `/Users/${SEED_ID(500)}` },
    {
      name: 'GET /Users?filter=userName eq',
      read: true,
      method: 'GET',
      path: `/Users?${q(`userName eq "${seedUserName(500, 1000)}"`)}`,
    },
    {
      name: 'PATCH /Users/:id',
      method: 'PATCH',
      path: `/Users/${SEED_ID(501)}`,
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', path: 'displayName', value: 'Bench [<id>]' }],
      }),
    },
    {
      name: 'POST /Users (unique userNames)',
      method: 'POST',
      path: '/Users',
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'bench-[<id>]@example.com',
        name: { givenName: 'Bench', familyName: 'User' },
        emails: [{ value: 'bench-[<id>]@example.com', type: 'work', primary: true }],
        active: true,
      }),
    },
  ];
  const rows = [];
  try {
    for (const s of scenarios) {
      log(`http: ${s.name} (bare, then rfc, ${DURATION}s each)`);
      const a = await cpuPerRequest(bare, () =>
        fire({ url: bare.url + s.path, method: s.method, body: s.body, headers: AUTH, duration: DURATION }),
      );
      const b = await cpuPerRequest(rfc, () =>
        fire({ url: rfc.url + s.path, method: s.method, body: s.body, headers: AUTH, duration: DURATION }),
      );
      rows.push({
        scenario: s.name,
        read: s.read === true,
        bare: { ...a.result, serverCpuMicrosPerRequest: a.cpuMicrosPerRequest },
        rfc: { ...b.result, serverCpuMicrosPerRequest: b.cpuMicrosPerRequest },
        ratio: round(b.result.requestsPerSec / a.result.requestsPerSec, 2),
        goal: s.read ? '>= 0.60 of bare' : 'reported',
      });
    }
  } finally {
    await bare.stop();
    await rfc.stop();
  }
  return { connections: 10, pipelining: 1, durationSec: DURATION, scenarios: rows };
}

// --------------------------------------------------------------------------------------------- scale
async function timeQuery(pool, path, times) {
  const samples = [];
  let last;
  for (let i = 0; i < times + 5; i++) {
    const t0 = performance.now();
    const res = await pool.request({ path, method: 'GET', headers: AUTH });
    const text = await res.body.text();
    if (i >= 5) samples.push(performance.now() - t0);
    last = { status: res.statusCode, text };
  }
  samples.sort((x, y) => x - y);
  const json = JSON.parse(last.text);
  return {
    status: last.status,
    totalResults: json.totalResults,
    returned: json.Resources?.length,
    meanMs: round(samples.reduce((s, x) => s + x, 0) / samples.length, 2),
    p99Ms: round(samples[Math.ceil(samples.length * 0.99) - 1], 2),
  };
}

async function scaleAt(size) {
  const server = await startChild('rfc', size);
  const idle = await server.stats(true);
  const base = new URL(server.url);
  const pool = new Pool(base.origin, { connections: 1 });
  const p = (rest) => `${base.pathname}${rest}`;
  const n = size; // the last seeded user: a scan would have to walk the whole store to find it
  const queries = {
    'eq userName': p(`/Users?${q(`userName eq "${seedUserName(n, size)}"`)}`),
    'eq externalId': p(`/Users?${q(`externalId eq "${seedExternalId(n, size)}"`)}`),
    'eq id': p(`/Users?${q(`id eq "${SEED_ID(n)}"`)}`),
    'eq emails.value': p(`/Users?${q(`emails.value eq "${seedUserName(n, size)}"`)}`),
    'GET /Users/:id': p(`/Users/${SEED_ID(n)}`),
    'scan: name.familyName eq (unindexed)': p(
      `/Users?${q(`name.familyName eq "User${String(n).padStart(String(size).length, '0')}"`)}&count=10`,
    ),
    'scan: active eq true, count=10 (matches all)': p(`/Users?${q('active eq true')}&count=10`),
    'page: startIndex=1&count=100': p('/Users?startIndex=1&count=100'),
    // Deep into the list: 99,000 of 100,000 (1 of 1,000 for the small store, where nothing is deep).
    'page: startIndex=N-1000&count=100': p(`/Users?startIndex=${Math.max(1, size - 1000)}&count=100`),
  };
  const out = {};
  try {
    for (const [name, path] of Object.entries(queries)) {
      const scan = name.startsWith('scan') || name.startsWith('page');
      out[name] = await timeQuery(pool, path, scan ? 20 : 200);
    }
  } finally {
    await pool.close();
  }
  const busy = await server.stats(true);
  await server.stop();
  return {
    users: size,
    startupMs: round(server.startupMs),
    spawnToListeningMs: round(server.spawnMs),
    rssMB: round(idle.rss / 1048576),
    rssAfterQueriesMB: round(busy.rss / 1048576),
    heapUsedMB: round(busy.heapUsed / 1048576),
    queries: out,
  };
}

async function scaleSection() {
  log('scale: 1,000 users');
  const small = await scaleAt(1000);
  log(`scale: ${SCALE_USERS.toLocaleString('en-US')} users`);
  const large = await scaleAt(SCALE_USERS);
  const growth = {};
  for (const name of Object.keys(large.queries))
    growth[name] = round(large.queries[name].meanMs / small.queries[name].meanMs, 2);
  return {
    small,
    large,
    meanGrowth: growth,
    goal: 'eq filters: same order of magnitude (growth < 10x); RSS < 400 MB',
  };
}

// ----------------------------------------------------------------------------------------------- run
async function profileNames() {
  try {
    const { shippedProfileNames } = await import(pathToFileURL(join(ROOT, 'dist/profiles/index.js')).href);
    return shippedProfileNames();
  } catch {
    return [];
  }
}

async function runSection() {
  const out = mkdtempSync(join(tmpdir(), 'scimulator-bench-'));
  const traceFile = join(out, 'trace.json');
  const names = await profileNames();
  const args = ['--import', TRACE, BIN, 'run', '--report', 'json', '--out', out, '--fail-on', 'never'];
  let profiles = names.length > 0 ? ['rfc', ...names] : [];
  log(`run: full run, all suites, profiles ${profiles.join(',') || '(default)'}`);
  let res = await run('node', profiles.length > 0 ? [...args, '--profile', profiles.join(',')] : args, {
    env: { ...process.env, BENCH_TRACE_FILE: traceFile },
  });
  if (res.code === 2 && profiles.length > 0) {
    log(`run: --profile list refused (${res.stderr.trim().split('\n')[0]}); running the default profile set`);
    profiles = [];
    res = await run('node', args, { env: { ...process.env, BENCH_TRACE_FILE: traceFile } });
  }
  try {
    const trace = JSON.parse(readFileSync(traceFile, 'utf8'));
    const report = JSON.parse(readFileSync(join(out, 'scimulator-report.json'), 'utf8'));
    const startupMs = trace.firstAt - trace.processStartAt;
    return {
      exitCode: res.code,
      profiles: profiles.length > 0 ? profiles : ['(default)'],
      checks: report.results.length,
      summary: report.summary,
      wallMs: round(res.wallMs),
      reportDurationMs: report.durationMs,
      requests: trace.requests,
      waitingOnTargetMs: round(trace.busyMs),
      exchangeSumMs: round(trace.sumMs),
      processStartToFirstRequestMs: round(startupMs),
      harnessMs: round(res.wallMs - trace.busyMs),
      targetShare: round(trace.busyMs / res.wallMs, 3),
      harnessShare: round(1 - trace.busyMs / res.wallMs, 3),
      goal: 'wall < 5000 ms',
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

// ----------------------------------------------------------------------------------------------- cli
async function cliSection() {
  const server = await startChild('rfc', 0);
  const out = mkdtempSync(join(tmpdir(), 'scimulator-bench-'));
  const samples = [];
  try {
    for (let i = 0; i < 5; i++) {
      await server.reset();
      const first = server.firstRequest();
      const t0 = performance.timeOrigin + performance.now();
      const done = run('node', [
        BIN,
        'run',
        '--target',
        server.url,
        '--token',
        server.token,
        '--report',
        'json',
        '--out',
        out,
        '--fail-on',
        'never',
      ]);
      const { at } = await first;
      samples.push(at - t0);
      await done;
    }
    const version = [];
    for (let i = 0; i < 5; i++) version.push((await run('node', [BIN, '--version'])).wallMs);
    samples.sort((a, b) => a - b);
    version.sort((a, b) => a - b);
    return {
      spawnToFirstRequestMs: { median: round(samples[2]), min: round(samples[0]), max: round(samples[4]) },
      versionWallMs: { median: round(version[2]), min: round(version[0]) },
      goal: 'spawn to first request < 300 ms',
    };
  } finally {
    await server.stop();
    rmSync(out, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------- load
async function loadSection() {
  const names = await profileNames();
  const profile = names.includes('entra-id') ? 'entra-id' : undefined;
  const server = await startChild('rfc', 0);
  try {
    log(`load: ${LOAD_USERS.toLocaleString('en-US')} users, profile ${profile ?? '(built-in default)'}`);
    const args = [
      BIN,
      'load',
      ...(profile ? ['--profile', profile] : []),
      '--users',
      String(LOAD_USERS),
      '--concurrency',
      '64',
      '--target',
      server.url,
      '--token',
      server.token,
      '--json',
      '--seed',
      '8',
    ];
    const { result: res, cpuMicrosPerRequest } = await cpuPerRequest(server, () => run('node', args));
    const report = JSON.parse(res.stdout);
    const stats = await server.stats(true);
    return {
      profile: report.pattern,
      users: report.users,
      concurrency: report.concurrency,
      connections: report.connections,
      pipelining: report.pipelining,
      exitCode: res.code,
      sync: report.sync,
      outcome: report.outcome,
      cleanup: report.cleanup.skipped
        ? 'skipped'
        : {
            deleted: report.cleanup.deleted,
            requestsPerSec: report.cleanup.requestsPerSec,
            durationMs: report.cleanup.durationMs,
          },
      verdict: report.verdict,
      serverCpuMicrosPerRequest: cpuMicrosPerRequest,
      serverRssAfterMB: round(stats.rss / 1048576),
      goal: 'sync >= 5000 requests/s',
    };
  } finally {
    await server.stop();
  }
}

// ------------------------------------------------------------------------------------------- report
function table(rows) {
  const widths = [];
  for (const row of rows) row.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, String(c).length)));
  return rows
    .map((row) =>
      row
        .map((c, i) => String(c).padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function print(results) {
  const m = results.machine;
  const lines = [
    `scimulator bench ${results.date}: ${m.cores} cores (${m.cpu}), node ${m.node}, load average at start ${m.loadAverage.join(' ')}`,
  ];
  for (const f of results.serve?.flavours ?? []) {
    lines.push(
      '',
      `serve as users start it (${f.startedAs}, ${f.flavour}) vs bare node:http: autocannon ${f.connections} connections, ` +
        `${f.rounds} alternating rounds of ${f.durationSec}s; ratio = median of the rounds [min-max]; server CPU µs/request in brackets; ` +
        `CPU ratio = bare CPU/request over serve CPU/request (median [min-max])`,
    );
    lines.push(
      table([
        [
          'scenario',
          'bare req/s',
          'serve req/s',
          'serve/bare',
          'spread',
          'goal',
          'CPU ratio',
          'p99 ms',
          'non-2xx',
          'log lines',
        ],
        ...f.scenarios.map((s) => [
          s.scenario,
          `${s.bareRequestsPerSec} [${s.bareCpuMicrosPerRequest}]`,
          `${s.serveRequestsPerSec} [${s.serveCpuMicrosPerRequest}]`,
          s.ratio.toFixed(2),
          `${s.ratioMin.toFixed(2)}-${s.ratioMax.toFixed(2)}`,
          `>= ${s.goal} ${s.met ? 'ok' : 'MISSED'}`,
          `${s.cpuRatio.toFixed(2)} [${s.cpuRatioMin.toFixed(2)}-${s.cpuRatioMax.toFixed(2)}]`,
          s.serveP99Ms,
          s.serveNon2xx + s.serveErrors,
          s.runs.reduce((n, r) => n + r.serveLogLines, 0),
        ]),
      ]),
    );
    lines.push(
      `serve exited ${f.serveExit.code ?? f.serveExit.signal} after SIGTERM, ${f.serveExit.logLines} log lines in all`,
    );
  }
  if (results.latency?.default) {
    const l = results.latency;
    const d = l.default;
    const one = l.concurrency1;
    lines.push(
      '',
      `Latency: scimulator run through a proxy adding ${l.delayMs} ms to every answer (${l.target})`,
      `  defaults:        ${d.wallMs} ms wall, ${d.checks} results, ${d.requests} requests (sequential floor ${l.sequentialFloorMs} ms); goal <= 5000 ms ${d.wallMs <= 5000 ? 'ok' : 'MISSED'}`,
      one
        ? `  --concurrency 1: ${one.wallMs} ms wall, ${one.requests} requests; ratio ${l.ratio} (goal <= 0.3 ${l.ratio <= 0.3 ? 'ok' : 'MISSED'}); same outcomes: ${l.sameOutcomes ? 'yes' : `NO (${l.outcomeDifferences.length})`}`
        : '  --concurrency 1: not timed (this build has no `run --concurrency`)',
      `  slowest checks (default run): ${d.slowest.map((s) => `${s.id} [${s.profile}] ${s.ms} ms / ${s.requests} req`).join('; ')}`,
    );
  }
  if (results.http?.scenarios) {
    lines.push(
      '',
      `HTTP, autocannon ${results.http.connections} connections, ${results.http.durationSec}s each (server CPU µs/request in brackets)`,
    );
    lines.push(
      table([
        ['scenario', 'bare req/s', 'rfc req/s', 'rfc/bare', 'rfc p50 ms', 'rfc p99 ms', 'non-2xx'],
        ...results.http.scenarios.map((s) => [
          s.scenario,
          `${s.bare.requestsPerSec} [${s.bare.serverCpuMicrosPerRequest}]`,
          `${s.rfc.requestsPerSec} [${s.rfc.serverCpuMicrosPerRequest}]`,
          s.ratio.toFixed(2) + (s.read ? (s.ratio >= 0.6 ? ' ok' : ' BELOW 0.60') : ''),
          s.rfc.latencyMs.p50,
          s.rfc.latencyMs.p99,
          s.rfc.non2xx,
        ]),
      ]),
    );
  }
  if (results.scale?.large) {
    const { small, large } = results.scale;
    lines.push(
      '',
      `Scale: ${small.users.toLocaleString('en-US')} vs ${large.users.toLocaleString('en-US')} seeded users (sequential requests, mean / p99 ms)`,
    );
    lines.push(
      table([
        ['query', `${small.users}`, `${large.users}`, 'growth'],
        ...Object.keys(large.queries).map((name) => {
          const a = small.queries[name];
          const b = large.queries[name];
          return [
            name,
            `${a.meanMs} / ${a.p99Ms}`,
            `${b.meanMs} / ${b.p99Ms}`,
            `${round(b.meanMs / a.meanMs, 1)}x`,
          ];
        }),
      ]),
    );
    lines.push(
      `start-up: ${small.startupMs} ms vs ${large.startupMs} ms in-process (${small.spawnToListeningMs} / ${large.spawnToListeningMs} ms from spawn); ` +
        `RSS ${small.rssMB} / ${large.rssMB} MB idle, ${large.rssAfterQueriesMB} MB after the queries (goal < 400 MB)`,
    );
  }
  if (results.run?.wallMs) {
    const r = results.run;
    lines.push(
      '',
      `Full run (${r.checks} results, profiles ${r.profiles.join(',')}): ${r.wallMs} ms wall (goal < 5000), ` +
        `${r.requests} requests; waiting on the target ${r.waitingOnTargetMs} ms (${round(r.targetShare * 100)}%), ` +
        `harness ${r.harnessMs} ms (${round(r.harnessShare * 100)}%, of which ${r.processStartToFirstRequestMs} ms before the first request)`,
    );
  }
  if (results.cli?.spawnToFirstRequestMs) {
    const c = results.cli;
    lines.push(
      `CLI start-up: spawn to first request ${c.spawnToFirstRequestMs.median} ms median (min ${c.spawnToFirstRequestMs.min}, goal < 300); ` +
        `\`--version\` ${c.versionWallMs.median} ms`,
    );
  }
  if (results.load?.sync) {
    const l = results.load;
    const s = l.sync;
    lines.push(
      '',
      `Load (${l.profile}, ${l.users} users, concurrency ${l.concurrency}, ${l.connections}x${l.pipelining}): ` +
        `${s.requestsPerSec} req/s (goal >= 5000), latency p50 ${s.latencyMs.p50} p90 ${s.latencyMs.p90} p99 ${s.latencyMs.p99} max ${s.latencyMs.max} ms, ` +
        `errors ${s.errorCount}, retries ${s.retries}; server ${l.serverCpuMicrosPerRequest} µs CPU/request; Entra 25 req/s: ${l.verdict.text}`,
    );
  }
  for (const [section, value] of Object.entries(results))
    if (value?.error) lines.push(`${section}: FAILED ${value.error}`);
  return lines.join('\n');
}

const results = {
  date: new Date().toISOString(),
  machine: {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryMB: Math.round(totalmem() / 1048576),
    platform: `${platform()} ${release()}`,
    node: process.versions.node,
    loadAverage: loadavg().map((x) => round(x, 2)),
  },
};
const sections = {
  serve: serveSection,
  latency: () => latencySection({ bin: BIN, cwd: ROOT, delayMs: LATENCY_MS, log }),
  http: httpSection,
  scale: scaleSection,
  run: runSection,
  cli: cliSection,
  load: loadSection,
};
for (const [name, fn] of Object.entries(sections)) {
  if (!ONLY.has(name)) continue;
  try {
    results[name] = await fn();
  } catch (err) {
    results[name] = { error: err instanceof Error ? err.message : String(err) };
  }
}
results.machine.loadAverageAtEnd = loadavg().map((x) => round(x, 2));
console.log(print(results));
const file = process.env.BENCH_OUT ?? join(ROOT, 'bench/results', `${results.date.slice(0, 10)}.json`);
mkdirSync(join(file, '..'), { recursive: true });
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
log(`wrote ${file}`);
