/**
 * Every suite against SCIMMY (npm scimmy + scimmy-routers), a real third-party SCIM server. Its genuine RFC
 * deviations are listed, each with the rule it breaks, in fixtures/expectations/scimmy-baseline.json; the run
 * must exit clean with that baseline, so a check that starts failing a conformant behaviour of SCIMMY (a
 * false positive) fails the build. `UPDATE_BASELINE=1` rewrites the file the way `--update-baseline` does
 * (notes of surviving entries kept); see docs/third-party.md.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  baselineFromResults,
  compareWithBaseline,
  knownFailureMatcher,
  readBaseline,
  writeBaseline,
  type Baseline,
  type BaselineOutcome,
} from '../../engine/baseline/index.js';
import { exitCodeFor, type Report } from '../../engine/index.js';
import { describeResult, runAll } from './run-all.js';
import { startScimmyServer, type RunningScimmy } from './scimmy-server.js';

const BASELINE = join(import.meta.dirname, '../../fixtures/expectations/scimmy-baseline.json');
const UPDATE = process.env.UPDATE_BASELINE === '1';

let server: RunningScimmy;
let baseline: Baseline;
let report: Report;
let outcome: BaselineOutcome;

beforeAll(async () => {
  if (UPDATE) {
    // A server of its own, so the run below starts from the same empty store as in CI.
    const scratch = await startScimmyServer();
    try {
      const previous = existsSync(BASELINE) ? await readBaseline(BASELINE) : undefined;
      const fresh = await runAll(scratch.url, scratch.token);
      await writeBaseline(BASELINE, baselineFromResults(fresh.results, previous));
    } finally {
      await scratch.close();
    }
  }
  server = await startScimmyServer();
  baseline = await readBaseline(BASELINE);
  report = await runAll(server.url, server.token, { isKnown: knownFailureMatcher(baseline) });
  outcome = compareWithBaseline(report.results, baseline, BASELINE);
}, 60_000);

afterAll(async () => {
  await server?.close();
});

test('with the baseline, the run exits clean: every MUST and SHOULD failure is a known SCIMMY deviation', () => {
  const unknown = report.results
    .filter((r) => (r.outcome === 'fail' || r.outcome === 'error') && r.known !== true)
    .map(describeResult);
  expect(unknown).toEqual([]);
  expect(exitCodeFor(report, 'should')).toBe(0);
  expect(report.summary.errored).toBe(0);
});

test('the baseline is exact: no entry fixed, changed or left unrun', () => {
  // A fixed entry means a check stopped failing SCIMMY: either SCIMMY changed or the check can no longer
  // see the deviation; either way the baseline must be looked at.
  expect(outcome.fixed).toEqual([]);
  expect(outcome.changed).toEqual([]);
  expect(outcome.notRun).toEqual([]);
  expect(outcome.known).toBe(baseline.known.length);
});

test('every baseline entry says which rule SCIMMY breaks', () => {
  for (const entry of baseline.known) {
    expect(entry.note ?? '', `${entry.id}${entry.profile ? `@${entry.profile}` : ''}`).toMatch(
      /RFC 764[34] §|Not an RFC rule/,
    );
  }
});

test('skips carry a reason, and the cleanup deleted everything it was told about', () => {
  for (const r of report.results.filter((x) => x.outcome === 'skip'))
    expect(r.message ?? '', r.id).not.toBe('');
  expect(report.cleanup).toEqual([]);
  // SCIMMY resolves circular bulkIds by POSTing the first Group twice and reports one copy; the check
  // bulk.circular.no-unreported-resources finds the other by displayName and puts it in the ledger too.
  const { users, groups } = server.stored();
  expect(users).toEqual([]);
  expect(groups).toEqual([]);
});
