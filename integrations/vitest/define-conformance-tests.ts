/**
 * `defineConformanceTests()`: one vitest test per check result. The harness runs once, while vitest
 * collects the file (inside an async `describe`), and each result becomes a test with the check's id.
 * Skipped, blocked, inconclusive and below-`failOn` results become skipped tests on purpose: none is a failure
 * the gate counts, and each skipped test's name carries its reason (see `register`).
 * @module
 */
import { describe, test } from 'vitest';
import type { CheckResult } from '../../engine/model/index.js';
import { decisiveExchange, exchangeLine, show } from '../../engine/reporters/index.js';
import { gates, type FailOn } from '../../engine/runner/index.js';
import { runAndReport, type RunOptions } from '../library/index.js';
import { resolveRunOptions } from '../options/index.js';

/** `run()`'s options (target, handler or listener, token, suites, checks, profiles, seed, ...) plus a suite name. */
export interface ConformanceTestOptions extends Omit<RunOptions, 'reports' | 'handleSignals'> {
  /** Name of the enclosing `describe`; default `SCIM conformance`. */
  name?: string;
}

/** Thrown by the test of a failed or errored check; the message carries code, expected/actual and the request line. */
export class ConformanceFailure extends Error {
  constructor(
    readonly result: CheckResult,
    message: string,
  ) {
    super(message);
    this.name = result.outcome === 'error' ? 'HarnessErrorResult' : 'ConformanceFailure';
  }
}

function testName(result: CheckResult): string {
  return result.profile === 'rfc' ? result.id : `${result.id} [${result.profile}]`;
}

/** The text of a failing check's assertion error. */
export function failureMessage(result: CheckResult): string {
  const lines = [
    `${result.level} ${result.id} (${result.rfc}): ${result.code ?? result.outcome.toUpperCase()}: ${result.message ?? ''}`.trimEnd(),
  ];
  if (result.expected !== undefined || result.actual !== undefined) {
    lines.push(`expected: ${show(result.expected)}`, `actual:   ${show(result.actual)}`);
  }
  if (result.pointer !== undefined) lines.push(`at: ${result.pointer || '/'}`);
  // The exchange that decided the failure, not merely the scenario's last request.
  const decisive = decisiveExchange(result);
  if (decisive) lines.push(`request: ${exchangeLine(decisive)}`);
  if (result.fix !== undefined) lines.push(`fix: ${result.fix}`);
  return lines.join('\n');
}

function register(result: CheckResult, failOn: FailOn): void {
  const name = testName(result);
  if (result.outcome === 'pass') {
    test(name, () => undefined);
  } else if (result.outcome === 'skip') {
    // A check the harness skipped (feature not advertised, …) is a skipped test whose name carries the reason.
    test.skip(`${name} — skipped: ${result.message ?? result.code ?? 'not applicable'}`, () => undefined);
  } else if (result.outcome === 'blocked' || result.outcome === 'inconclusive') {
    // Neither is a failure of the target: a blocked check is counted under its prerequisite's failure.
    const why =
      result.outcome === 'blocked'
        ? `blocked by ${result.blockedBy ?? 'a prerequisite'}`
        : `inconclusive: ${result.message ?? ''}`;
    // Skipped on purpose, not failed: the test's name says which prerequisite blocked it or why it could not decide.
    test.skip(`${name} — ${why}`, () => undefined);
  } else if (!gates(result.level, failOn)) {
    // Below the gate (a SHOULD failure with failOn "must"): visible, but not a red test.
    const what = result.outcome === 'fail' ? 'not met' : 'errored';
    // Skipped on purpose, not failed: `failOn` does not gate this level, and the name says what was not met.
    test.skip(`${name} — ${result.level} ${what} (${result.code ?? result.outcome}), below failOn "${failOn}"`, () =>
      undefined);
  } else {
    test(name, () => {
      throw new ConformanceFailure(result, failureMessage(result));
    });
  }
}

/**
 * Registers a `describe` with one test per check. Call it at the top level of a test file:
 * `defineConformanceTests({ handler: app.fetch, token: 'test' })`. A run that cannot start at all
 * (unreachable target, bad option) becomes one failing test named `scimulator run` with the reason.
 */
export function defineConformanceTests(options: ConformanceTestOptions = {}): void {
  const { name = 'SCIM conformance', ...runOptions } = options;
  describe(name, async () => {
    let results: CheckResult[];
    let failOn: FailOn;
    try {
      // The same resolver as run() and the CLI: its failOn (from the call or a config file) decides the gate.
      const resolved = await resolveRunOptions(runOptions);
      failOn = resolved.failOn;
      results = (await runAndReport(resolved)).results;
    } catch (error) {
      test('scimulator run', () => {
        throw error;
      });
      return;
    }
    for (const result of results) register(result, failOn);
  });
}
