/**
 * The `latency` section: `scimulator run` against `scimulator serve --flavor rfc` behind a proxy that adds
 * `delayMs` to every answer, with default options and with `--concurrency 1` (when the CLI has the flag).
 * Reports wall times, their ratio, whether both runs gave the same outcomes (id, profile, outcome), and the
 * slowest checks by the JSON report's per-check `ms` and `requests`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startDelayProxy } from './delay-proxy.mjs';
import { startServe } from './serve-cli.mjs';

const round = (n, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

function runCli(bin, args, cwd) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [bin, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr, wallMs: performance.now() - t0 }));
  });
}

/** One run through the proxy; returns its wall time and what its JSON report says. */
async function timedRun({ bin, cwd, target, token, extra, proxy }) {
  const out = mkdtempSync(join(tmpdir(), 'scimulator-latency-'));
  const before = proxy.requests();
  try {
    const args = ['run', '--target', target, '--token', token, '--report', 'json', '--out', out];
    const res = await runCli(bin, [...args, '--fail-on', 'never', ...extra], cwd);
    let report;
    try {
      report = JSON.parse(readFileSync(join(out, 'scimulator-report.json'), 'utf8'));
    } catch {
      throw new Error(
        `run ${extra.join(' ')} exited ${res.code} without a report: ${res.stderr.trim().slice(-400)}`,
      );
    }
    const results = report.results;
    return {
      args: extra.join(' ') || '(defaults)',
      exitCode: res.code,
      wallMs: round(res.wallMs, 0),
      reportDurationMs: report.durationMs,
      checks: results.length,
      // What went through the proxy: the requests the run really sent (set-up and cleanup included).
      requests: proxy.requests() - before,
      // The report's per-check counts; a scenario shared by several checks counts in each of them.
      reportRequestsSum: results.reduce((n, r) => n + (r.requests ?? 0), 0),
      summary: report.summary,
      outcomes: new Map(results.map((r) => [`${r.id} ${r.profile}`, r.outcome])),
      slowest: [...results]
        .sort((a, b) => (b.ms ?? 0) - (a.ms ?? 0))
        .slice(0, 5)
        .map((r) => ({ id: r.id, profile: r.profile, ms: r.ms, requests: r.requests })),
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Outcome differences between two runs: keys present in one only, or with another outcome. */
function diffOutcomes(a, b) {
  const diffs = [];
  for (const [key, outcome] of a)
    if (b.get(key) !== outcome) diffs.push(`${key}: ${outcome} vs ${b.get(key) ?? 'absent'}`);
  for (const key of b.keys()) if (!a.has(key)) diffs.push(`${key}: absent vs ${b.get(key)}`);
  return diffs;
}

export async function latencySection({ bin, cwd, delayMs, log }) {
  const help = await runCli(bin, ['run', '--help'], cwd);
  const hasConcurrency = help.stdout.includes('--concurrency');
  const serve = await startServe(bin, ['--flavor', 'rfc'], { cwd });
  const base = new URL(serve.url);
  const proxy = await startDelayProxy(base.origin, delayMs);
  const target = proxy.origin + base.pathname;
  try {
    log(`latency: scimulator run, defaults, ${delayMs} ms added to every answer`);
    const def = await timedRun({ bin, cwd, target, token: serve.token, extra: [], proxy });
    let one;
    if (hasConcurrency) {
      log(`latency: scimulator run --concurrency 1, ${delayMs} ms added to every answer`);
      one = await timedRun({
        bin,
        cwd,
        target,
        token: serve.token,
        extra: ['--concurrency', '1'],
        proxy,
      });
    } else {
      log('latency: this build has no `run --concurrency`: only the default run is timed');
    }
    const strip = ({ outcomes, ...rest }) => ({ ...rest, outcomeCount: outcomes.size });
    const diffs = one ? diffOutcomes(def.outcomes, one.outcomes) : [];
    return {
      delayMs,
      target: 'scimulator serve --flavor rfc behind a delaying proxy',
      concurrencyFlag: hasConcurrency,
      default: strip(def),
      ...(one ? { concurrency1: strip(one) } : {}),
      ratio: one ? round(def.wallMs / one.wallMs) : null,
      sameOutcomes: one ? diffs.length === 0 : null,
      outcomeDifferences: diffs.slice(0, 20),
      // Every request on the critical path times the added latency: what a strictly sequential run must wait.
      sequentialFloorMs: (one ?? def).requests * delayMs,
      goal: 'default <= 0.3x of --concurrency 1; default <= 5000 ms',
    };
  } finally {
    await proxy.close();
    await serve.stop();
  }
}
