/**
 * Issue 18's latency model: with 50 ms added to every answer, the default run (all suites, default profiles)
 * at --concurrency 8 against --concurrency 1. A measurement (about 90 s, and CPU load skews it), so it runs
 * only with SCIMULATOR_BENCH=1; it prints both timings and asserts identical outcomes.
 */
import { expect, test } from 'vitest';
import { runChecks, RFC_PROFILE, type Report } from '../../../engine/runner/index.js';
import { DEFAULT_PROFILES, resolveProfile, toProfileInfo } from '../../../profiles/index.js';
import { startServer } from '../../../reference-server/index.js';
import { SUITES } from '../../../suites/index.js';
import { startDelayProxy } from '../../support/delay-proxy.js';

const TOKEN = 'latency-token';
const DELAY_MS = 50;

interface Timed {
  report: Report;
  ms: number;
  requests: number;
  /** Milliseconds from the start to the first check, to the last result, and of the cleanup after it. */
  phases: { discovery: number; checks: number; cleanup: number };
  /** Requests the target answered (the proxy counts them). */
  sent: number;
  /** Of them, the requests of the cleanup (after the last result). */
  cleanupSent: number;
}

async function timedRun(concurrency: number): Promise<Timed> {
  const server = await startServer({ flavor: 'rfc', port: 0, token: TOKEN, log: () => undefined });
  const proxy = await startDelayProxy(server.url, DELAY_MS);
  let requests = 0;
  try {
    const t0 = performance.now();
    let first = 0;
    let last = 0;
    let sentAtLast = 0;
    const report = await runChecks({
      target: proxy.url,
      token: TOKEN,
      suites: SUITES,
      profiles: DEFAULT_PROFILES.map((n) => (n === 'rfc' ? RFC_PROFILE : toProfileInfo(resolveProfile(n)))),
      seed: 18,
      concurrency,
      onStart: () => (first = performance.now() - t0),
      onResult: () => {
        last = performance.now() - t0;
        sentAtLast = proxy.count();
      },
    });
    const ms = performance.now() - t0;
    requests = report.results.reduce((n, r) => n + (r.requests ?? 0), 0);
    const phases = { discovery: first, checks: last - first, cleanup: ms - last };
    return { report, ms, requests, phases, sent: proxy.count(), cleanupSent: proxy.count() - sentAtLast };
  } finally {
    await proxy.close();
    await server.close();
  }
}

const outcomes = (report: Report) => report.results.map((r) => `${r.id}@${r.profile} ${r.outcome}`);

test.runIf(process.env.SCIMULATOR_BENCH === '1')(
  `with ${DELAY_MS} ms per answer, --concurrency 8 gives the outcomes of --concurrency 1 in a fraction of the time`,
  async () => {
    const one = await timedRun(1);
    const eight = await timedRun(8);
    const slowest = [...eight.report.results].sort((a, b) => b.ms - a.ms).slice(0, 8);
    console.log(
      [
        `concurrency 1: ${Math.round(one.ms)} ms; concurrency 8: ${Math.round(eight.ms)} ms; ratio ${(eight.ms / one.ms).toFixed(2)}`,
        ...[one, eight].map(
          (t, i) =>
            `  at ${i === 0 ? 1 : 8}: discovery ${Math.round(t.phases.discovery)} ms, checks ${Math.round(t.phases.checks)} ms, cleanup ${Math.round(t.phases.cleanup)} ms (${t.cleanupSent} requests); ${t.sent} requests`,
        ),
        `checks ${eight.report.results.length}; requests of their scenarios (shared ones counted per check) ${eight.requests}`,
        `slowest checks at 8: ${slowest.map((r) => `${r.id}@${r.profile} ${Math.round(r.ms)} ms/${r.requests} req`).join(', ')}`,
      ].join('\n'),
    );
    expect(outcomes(eight.report)).toEqual(outcomes(one.report));
    expect(eight.ms).toBeLessThan(one.ms);
  },
  180_000,
);
