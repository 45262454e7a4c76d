/**
 * The harness against targets that misbehave: every run finishes within its time budget, every check
 * that could not be judged fails or errors with a precise code (never HARNESS_BUG), memory stays bounded.
 */
import { describe, expect, test } from 'vitest';
import { runChecks, type Report } from '../../../engine/index.js';
import { RFC_SUITES } from '../../../suites/index.js';
import { startHostileTarget, type HostileMode, type HostileTarget } from './hostile-targets.js';

const TIMEOUTS = { connectMs: 500, headersMs: 250, bodyMs: 250, requestMs: 300, scenarioMs: 5_000 };
/**
 * Modes whose every request waits out a deadline: shorter deadlines (through the options, as a user would
 * set them) prove the same thing in half the time. The others keep room for a busy machine.
 */
const WAITING_MODES: ReadonlySet<HostileMode> = new Set([
  'never-answers',
  'headers-then-stall',
  'slow-but-correct',
]);
const SHORT_TIMEOUTS = { connectMs: 500, headersMs: 120, bodyMs: 120, requestMs: 150, scenarioMs: 5_000 };
const timeoutsFor = (mode: HostileMode) => (WAITING_MODES.has(mode) ? SHORT_TIMEOUTS : TIMEOUTS);
/** The run's time budget: the whole catalogue sends about 80 requests, so 100 full deadlines plus set-up. */
const budgetFor = (mode: HostileMode) => 100 * timeoutsFor(mode).requestMs + 5_000;

/** A target for one test, closed when it ends (the tests of a mode run at the same time, so none is shared). */
async function withTarget<T>(
  start: Promise<HostileTarget>,
  use: (target: HostileTarget) => Promise<T>,
): Promise<T> {
  const target = await start;
  try {
    return await use(target);
  } finally {
    await target.close();
  }
}

/** What a run against each kind of target must show in the transcript of its failed checks. */
const EXPECTED: Record<HostileMode, RegExp> = {
  'never-answers': /TARGET_TIMEOUT/,
  'headers-then-stall': /TARGET_TIMEOUT/,
  reset: /TARGET_RESET/,
  garbage: /TARGET_PROTOCOL_ERROR|TARGET_RESET/,
  'truncated-json':
    /BODY_NOT_JSON|SCHEMA_INVALID|STATUS_MISMATCH|VALUE_MISMATCH|ATTRIBUTE_MISSING|CONTENT_TYPE/,
  'gigabyte-body': /RESPONSE_TOO_LARGE/,
  'redirect-loop': /STATUS_MISMATCH/,
  'html-200': /BODY_NOT_JSON|CONTENT_TYPE_MISMATCH|STATUS_MISMATCH/,
  'wrong-content-length': /TARGET_RESET|TARGET_PROTOCOL_ERROR|TARGET_TIMEOUT/,
  'too-many-requests': /STATUS_MISMATCH/,
  'slow-but-correct': /TARGET_TIMEOUT/,
};

function describeRun(report: Report): string {
  const codes = new Map<string, number>();
  for (const r of report.results)
    codes.set(`${r.outcome}:${r.code ?? '-'}`, (codes.get(`${r.outcome}:${r.code ?? '-'}`) ?? 0) + 1);
  return [...codes.entries()].map(([k, v]) => `${k}×${v}`).join(' ');
}

/**
 * Most modes spend their time waiting out deadlines, so they run at the same time; the gigabyte body runs
 * alone afterwards because its memory bound is measured on the whole process.
 */
const MODES = (Object.keys(EXPECTED) as HostileMode[]).filter((m) => m !== 'gigabyte-body');

describe('runChecks against hostile targets', () => {
  const check = (mode: HostileMode) =>
    withTarget(startHostileTarget(mode, 1_000), async (target) => {
      const rssBefore = process.memoryUsage().rss;
      let rssPeak = rssBefore;
      const sampler = setInterval(() => {
        rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
      }, 20);
      const started = Date.now();
      let report: Report;
      try {
        report = await runChecks({
          target: target.url,
          token: 'hostile-target-token',
          suites: RFC_SUITES,
          seed: 1,
          timeouts: timeoutsFor(mode),
          maxResponseBytes: 1024 * 1024,
        });
      } finally {
        clearInterval(sampler);
      }
      const elapsed = Date.now() - started;
      const growthMb = Math.round((rssPeak - rssBefore) / 1024 / 1024);
      const requests = target.requests();
      const budget = budgetFor(mode);
      console.log(
        `[reliability] target ${mode}: ${report.results.length} results in ${elapsed} ms (budget ${budget} ms, ${requests} requests), rss +${growthMb} MB` +
          (mode === 'gigabyte-body'
            ? `, ${Math.round(target.bytesSent() / 1024 / 1024)} MB produced by the target`
            : '') +
          `; ${describeRun(report)}`,
      );
      expect(elapsed).toBeLessThan(budget);
      expect(requests).toBeLessThan(100);
      expect(report.results.length).toBeGreaterThan(0);
      expect(
        report.results.filter((r) => r.code === 'HARNESS_BUG').map((r) => `${r.id}: ${r.message}`),
      ).toEqual([]);
      expect(report.results.filter((r) => r.outcome === 'pass' && r.level === 'MUST').length).toBeLessThan(
        report.results.length,
      );
      const judged = report.results.filter((r) => r.outcome === 'fail' || r.outcome === 'error');
      expect(judged.length).toBeGreaterThan(0);
      for (const r of judged) {
        expect(r.code, r.id).toMatch(/^[A-Z_]+$/);
        expect(r.message, r.id).toBeTruthy();
      }
      const evidence = judged
        .map((r) => `${r.code} ${r.message} ${r.exchanges.map((e) => e.error?.code ?? '').join(' ')}`)
        .join('\n');
      expect(evidence).toMatch(EXPECTED[mode]);
      if (mode === 'gigabyte-body') {
        expect(growthMb).toBeLessThan(200);
        // Each request reads at most the response cap plus socket buffers, never the whole gigabyte.
        expect(target.bytesSent() / Math.max(requests, 1)).toBeLessThan(16 * 1024 * 1024);
      }
    });
  test.concurrent.each(MODES)('%s', check, 600_000);
  test('gigabyte-body', () => check('gigabyte-body'), 600_000);
});

describe('the CLI against hostile targets', () => {
  const run = async (args: string[]): Promise<{ code: number; out: string }> => {
    const { main } = await import('../../../cli/index.js');
    let out = '';
    const sink = { write: (s: string) => ((out += s), true) };
    const code = await main(['run', ...args, '--timeout', '300', '--seed', '1'], {
      stdout: sink,
      stderr: sink,
      env: {},
    });
    return { code, out };
  };

  test('exits 1 when the target answers but lies, and 2 with one sentence when it is not a SCIM service at all', async () => {
    for (const mode of ['truncated-json'] as const) {
      await withTarget(startHostileTarget(mode), async (target) => {
        const { code, out } = await run(['--target', target.url, '--token', 'cli-hostile']);
        expect(code, `${mode}: ${out.slice(-400)}`).toBe(1);
      });
    }
    // Preflight (issue 16): a set-up that cannot work stops before any check, with exit 2 and one line.
    const stops: Array<[HostileMode, RegExp]> = [
      ['html-200', /an HTML page .*\[TARGET_NOT_SCIM\]/],
      ['reset', /closed the connection without answering GET \/Users \[TARGET_UNREACHABLE\]/],
      ['garbage', /\[TARGET_(NOT_SCIM|UNREACHABLE)\]/],
      ['redirect-loop', /redirects in a loop .*\[TARGET_NOT_SCIM\]/],
      ['never-answers', /did not answer GET \/Users in time .*\[TARGET_TIMEOUT\]/],
    ];
    for (const [mode, sentence] of stops) {
      await withTarget(startHostileTarget(mode), async (target) => {
        const { code, out } = await run(['--target', target.url, '--token', 'cli-hostile']);
        expect(code, `${mode}: ${out}`).toBe(2);
        expect(out.trim().split('\n'), mode).toHaveLength(1);
        expect(out, mode).toMatch(sentence);
        expect(out, mode).not.toMatch(/\n\s+at /);
      });
    }
    const closed = await startHostileTarget('reset');
    const url = closed.url;
    await closed.close();
    const { code, out } = await run(['--target', url]);
    expect(code, out.slice(-400)).toBe(2);
    expect(out).toMatch(
      /connection refused by 127\.0\.0\.1:\d+: nothing listens there .*\[TARGET_UNREACHABLE\]/,
    );
  }, 120_000);
});
