/**
 * One planned (check, profile) → its result: not run when the run was stopped, skipped when the target lacks
 * what it needs, blocked by a failed prerequisite, else its scenario's outcome judged by its assert.
 * @module
 */
import { performance } from 'node:perf_hooks';
import { isHarnessError, isPrerequisiteBlocked, isTargetFailure } from '../errors.js';
import { eachBounded } from '../bounded.js';
import type { AssertContext, CheckResult, Exchange, ProfileInfo, Scenario } from '../model/index.js';
import {
  decisiveOf,
  effectiveLevel,
  errorMessage,
  evidenceOf,
  failureDetail,
  isVerdict,
  noResponseFailure,
  withFix,
} from './build-result.js';
import { blockedMessage, type DependencyGate } from './dependency-gate.js';
import type { Discovery } from './discovery.js';
import type { PlannedRun } from './plan.js';
import type { RunControl } from './run-control.js';
import type { RunMode } from './scheduler.js';
import { firstUnmet, RequirementSkip, type ScenarioRunner, type Settled } from './scenario-runner.js';

interface CheckExecution {
  control: RunControl;
  scenarios: ScenarioRunner;
  gate: DependencyGate;
  discovery: Discovery;
  strict: boolean;
  assertContext: (run: PlannedRun) => AssertContext;
  isKnown?: ((result: CheckResult) => boolean) | undefined;
}

type Outcome = Pick<CheckResult, 'outcome'> & Partial<CheckResult>;

/** Runs one planned check; `mode` says whether it runs alone, among readers or beside others (scheduler.ts). */
export async function executeCheck(
  run: PlannedRun,
  mode: RunMode,
  env: CheckExecution,
): Promise<CheckResult> {
  const { check, profile } = run;
  const started = performance.now();
  const { outcome, exchanges } = await judge(run, mode, env);
  const result: CheckResult = withFix(
    {
      id: check.id,
      title: check.title,
      suite: check.suite,
      profile: profile.name,
      level: effectiveLevel(check, env.strict),
      rfc: check.rfc,
      ...(check.source ? { source: [...check.source] } : {}),
      ...(check.requirements ? { requirements: [...check.requirements] } : {}),
      ...outcome,
      ...(check.explanation ? { explanation: check.explanation } : {}),
      exchanges: exchanges.evidence,
      ms: Math.round((performance.now() - started) * 10) / 10,
      // The requests of its scenario (a shared scenario counts in each check that rests on it).
      requests: exchanges.sent,
    },
    check.fix,
  );
  if ((result.outcome === 'fail' || result.outcome === 'error') && env.isKnown?.(result)) result.known = true;
  return result;
}

interface Judged {
  outcome: Outcome;
  exchanges: { evidence: Exchange[]; sent: number };
}

const none = (outcome: Outcome): Judged => ({ outcome, exchanges: { evidence: [], sent: 0 } });

/** Why a planned check will not run its scenario (stopped, not advertised, blocked), or undefined. */
function notRun(run: PlannedRun, env: CheckExecution): Outcome | undefined {
  const { check, profile } = run;
  if (env.control.signal.aborted)
    return {
      outcome: 'skip',
      code: 'HARNESS_ABORTED',
      message: `not run: the run was interrupted (${env.control.interrupted() ?? 'ABORTED'})`,
    };
  const unmet = firstUnmet([...(check.requires ?? []), ...(check.scenario.requires ?? [])], env.discovery);
  if (unmet) return { outcome: 'skip', code: 'NOT_ADVERTISED', message: unmet };
  const prior = env.gate.blocker(check, profile);
  if (prior) return { outcome: 'blocked', blockedBy: prior.id, message: blockedMessage(prior) };
  return undefined;
}

/**
 * Makes the fixtures of a block of readers that will run, before any of them starts: those that read one
 * after another, in plan order and alone, so each is made as a sequential run makes it (a fixture's own
 * queries may read the collection on a target whose filters misbehave); then those that only create, side
 * by side (up to `width`). A fixture that fails keeps its failure in the memo, and the reader that `use()`s
 * it meets it there.
 */
export async function prepareReaders(
  runs: readonly PlannedRun[],
  env: CheckExecution,
  width: number,
): Promise<void> {
  const creates: Array<{ fixture: Scenario<unknown>; profile: ProfileInfo }> = [];
  for (const run of runs) {
    if (notRun(run, env)) continue;
    for (const fixture of run.check.scenario.fixtures ?? []) {
      if (firstUnmet(fixture.requires, env.discovery)) continue;
      if (fixture.createsOnly) creates.push({ fixture, profile: run.profile });
      else await env.scenarios.run(fixture, run.profile, 'alone').promise;
    }
  }
  await eachBounded(creates.length, width, async (i) => {
    await env.scenarios.run(creates[i]!.fixture, creates[i]!.profile, 'beside').promise;
  });
}

async function judge(run: PlannedRun, mode: RunMode, env: CheckExecution): Promise<Judged> {
  const { check, profile } = run;
  const why = () => env.control.interrupted() ?? 'ABORTED';
  const skipped = notRun(run, env);
  if (skipped) return none(skipped);

  const entry = env.scenarios.run(check.scenario, profile, mode);
  const settled = await entry.promise;
  const exchanges = [...entry.exchanges];
  const sent = exchanges.length;
  const judged = (outcome: Outcome, evidence: Exchange[] = exchanges): Judged => ({
    outcome,
    exchanges: { evidence, sent },
  });
  if (env.control.signal.aborted)
    return judged({
      outcome: 'error',
      code: 'HARNESS_ABORTED',
      message: `the run was interrupted (${why()})`,
    });
  if (!settled.ok) return judged(scenarioFailure(run, settled, exchanges));

  let verdict: unknown;
  try {
    verdict = check.assert(settled.value, env.assertContext(run));
  } catch (err) {
    if (isTargetFailure(err)) {
      const evidence = evidenceOf(check, settled.value, exchanges, err.failure.exchange);
      return judged(
        {
          outcome: 'fail',
          ...failureDetail(err.failure),
          ...decisiveOf(err.failure.exchange, evidence, err.failure),
        },
        evidence,
      );
    }
    if (isHarnessError(err)) return judged({ outcome: 'error', code: err.code, message: err.message });
    return judged({
      outcome: 'error',
      code: 'HARNESS_BUG',
      message: `assert of ${check.id} threw: ${errorMessage(err)}`,
    });
  }
  if (!isVerdict(verdict))
    return judged({
      outcome: 'error',
      code: 'HARNESS_BUG',
      message: `assert of ${check.id} returned no verdict`,
    });
  const decisive = verdict.kind === 'fail' || verdict.kind === 'inconclusive' ? verdict.exchange : undefined;
  const evidence = evidenceOf(check, settled.value, exchanges, decisive);
  switch (verdict.kind) {
    case 'pass':
      return judged({ outcome: 'pass', ...(verdict.message ? { message: verdict.message } : {}) }, evidence);
    case 'skip':
      return judged({ outcome: 'skip', message: verdict.reason }, evidence);
    case 'inconclusive':
      return judged(
        {
          outcome: 'inconclusive',
          ...(verdict.code !== undefined ? { code: verdict.code } : {}),
          message: verdict.reason,
          ...decisiveOf(verdict.exchange, evidence),
        },
        evidence,
      );
    case 'blocked':
      return judged({ outcome: 'blocked', blockedBy: verdict.by, message: verdict.reason }, evidence);
    default:
      return judged(
        { outcome: 'fail', ...failureDetail(verdict), ...decisiveOf(verdict.exchange, evidence, verdict) },
        evidence,
      );
  }
}

/** A scenario that threw: a requirement skip, the target's failure, a blocked prerequisite, or ours. */
function scenarioFailure(run: PlannedRun, settled: Settled & { ok: false }, exchanges: Exchange[]): Outcome {
  const err = settled.error;
  if (err instanceof RequirementSkip) return { outcome: 'skip', code: 'NOT_ADVERTISED', message: err.reason };
  if (isTargetFailure(err))
    return {
      outcome: 'fail',
      ...failureDetail(err.failure),
      ...decisiveOf(err.failure.exchange, exchanges, err.failure),
    };
  if (isPrerequisiteBlocked(err)) return { outcome: 'blocked', blockedBy: err.by, message: err.reason };
  if (isHarnessError(err)) return { outcome: 'error', code: err.code, message: err.message };
  // A scenario that crashed after a request got no answer is the target's doing, not a harness bug.
  const noResponse = noResponseFailure(exchanges);
  if (noResponse)
    return {
      outcome: 'fail',
      ...failureDetail(noResponse),
      ...decisiveOf(noResponse.exchange, exchanges, noResponse),
    };
  return {
    outcome: 'error',
    code: 'HARNESS_BUG',
    message: `scenario ${run.check.scenario.id} threw: ${errorMessage(err)}`,
  };
}
