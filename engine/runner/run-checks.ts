/**
 * The runner: discovery, planning (capability gating), memoised scenarios, assertions, cleanup,
 * verdicts. Target misbehaviour becomes `fail`; harness trouble becomes `error`, never the reverse.
 * @module
 */
import { performance } from 'node:perf_hooks';
import { HarnessError, isHarnessError, isPrerequisiteBlocked, isTargetFailure } from '../errors.js';
import type {
  AssertContext,
  CheckResult,
  Exchange,
  ProfileInfo,
  Requirement,
  Scenario,
  ScenarioContext,
  SuiteDefinition,
  TargetInfo,
} from '../model/index.js';
import { createDataGenerator, DATA_PREFIX, randomSeed, runIdFor } from '../data/generator.js';
import { TARGET_SCHEMA_PREFIX } from '../schemas/target-schema.js';
import { rfcValidator } from '../schemas/validator.js';
import {
  HttpTransport,
  type RetryAfterPolicy,
  type TransportOptions,
  type TransportTimeouts,
} from '../transport/http-transport.js';
import { toolVersion } from '../version.js';
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
import { blockedMessage, DependencyGate } from './dependency-gate.js';
import { discover, unmetRequirement, type Discovery } from './discovery.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { CreationTracker } from './creation-tracker.js';
import { RunLedger } from './ledger.js';
import { orderByDependencies, plan, RFC_PROFILE, validateDependencies } from './plan.js';
import { preflight } from './preflight.js';
import { cleanUpRun } from './sweep.js';
import { summarise, type FailOn, type Report } from './report.js';
import { verdictEvidence, decisiveChecks } from './verdict-evidence.js';
import { selectChecks } from './select.js';
import { buildTargetValidator } from './target-validator.js';
import { computeVerdicts } from './verdicts.js';
import { causeEntries } from './causes.js';

export { RFC_PROFILE } from './plan.js';

export interface RunTimeouts extends TransportTimeouts {
  /** Deadline of one scenario (all its requests together); exceeded → HARNESS_TIMEOUT. */
  scenarioMs: number;
}

export interface RunChecksOptions {
  /** The target's SCIM base URL. */
  target: string;
  token?: string;
  suites: readonly SuiteDefinition[];
  /** Default `[{ name: 'rfc', data: {} }]`. */
  profiles?: readonly ProfileInfo[];
  /** Check ids, suite names or `prefix*` patterns; default everything. */
  only?: readonly string[];
  /** Seed of the test data; random (and reported) when absent. */
  seed?: number;
  /** Default `must`. */
  failOn?: FailOn;
  /** Judge each check at its `strictLevel` (`--strict`); the report records `strict: true`. */
  strict?: boolean;
  /** Names of user-written suites: their checks count against the `custom` verdict instead of `rfc`. */
  customSuites?: readonly string[];
  timeouts?: Partial<RunTimeouts>;
  maxResponseBytes?: number;
  /** Builds the run's transport; default `new HttpTransport(options)`. In-process runs swap the wire here. */
  createTransport?: (options: TransportOptions) => HttpTransport;
  /** Called once discovery is done, before the first check. */
  onStart?(info: {
    target: string;
    seed: number;
    planned: number;
    capabilities: TargetInfo['capabilities'];
  }): void;
  /** Called as each check finishes. */
  onResult?(result: CheckResult): void;
  /**
   * Says whether a failed or errored result is a known failure (a baseline entry); such results are
   * marked `known`, counted in `summary.known` instead of failed/errored, and do not gate the exit code.
   */
  isKnown?(result: CheckResult): boolean;
  /** Aborts the run: the checks still to run are skipped, cleanup still runs. */
  signal?: AbortSignal;
  /** Install SIGINT/SIGTERM handlers for the run's duration (CLI use): stop, clean up, report `interrupted`. */
  handleSignals?: boolean;
  /** Read-only requests before discovery that stop a wrong set-up with a coded HarnessError (preflight.ts). */
  preflight?: boolean;
  /** Deadline of the whole run: when hit, the checks still to run are skipped (`interrupted: MAX_TIME`). */
  maxTimeMs?: number;
  /** Consecutive unanswered requests after which the run stops with a HarnessError; off when absent. */
  breaker?: number;
  /** Wait out 429 + Retry-After on idempotent requests (transport); off when absent. */
  retryAfter?: RetryAfterPolicy;
  /** Time budget of the end-of-run cleanup and sweep; default 30 s. */
  cleanupMs?: number;
}

const DEFAULT_SCENARIO_MS = 120_000;
const DEFAULT_CLEANUP_MS = 30_000;

type Settled = { ok: true; value: unknown } | { ok: false; error: unknown };

interface MemoEntry {
  promise: Promise<Settled>;
  exchanges: Exchange[];
}

/** Thrown inside `use()` when a nested scenario needs something the target does not advertise. */
class RequirementSkip extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** Runs the selected checks against one target and returns the report (`Report`, engine/runner/report.ts). */
export async function runChecks(options: RunChecksOptions): Promise<Report> {
  const startedAt = new Date();
  const t0 = performance.now();
  let baseUrl: string;
  try {
    const url = new URL(options.target);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError('not http(s)');
    baseUrl = options.target.replace(/\/+$/, '');
  } catch {
    throw new HarnessError('USAGE', `target must be an http(s) URL, got "${options.target}"`);
  }
  const profiles = options.profiles && options.profiles.length > 0 ? options.profiles : [RFC_PROFILE];
  const failOn = options.failOn ?? 'must';
  const seed = options.seed ?? randomSeed();
  const strict = options.strict === true;
  const catalogue = options.suites.flatMap((suite) => suite.checks);
  // Suites built from part of the catalogue may leave a prerequisite out: it is then simply not selected.
  validateDependencies(catalogue, { allowAbsent: true });
  const runPrefix = `${DATA_PREFIX}${runIdFor(seed)}`;
  const selected = selectChecks(options.suites, options.only);
  const runs = plan(orderByDependencies(selected), profiles);
  const checksById = new Map(selected.map((c) => [c.id, c]));
  const gate = new DependencyGate();
  let requestsSent = 0;

  const controller = new AbortController();
  let interrupted: Report['interrupted'];
  const onAbort = () => {
    interrupted ??= 'ABORTED';
    controller.abort();
  };
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const signalHandlers: Array<[NodeJS.Signals, () => void]> = [];
  if (options.handleSignals) {
    for (const [sig, code] of [
      ['SIGINT', 130],
      ['SIGTERM', 143],
    ] as const) {
      const handler = () => {
        // A second signal while cleaning up means "stop now": say how to remove what may be left.
        if (interrupted) {
          process.stderr.write(`\n${laterCleanupHint(baseUrl, runPrefix)}\n`);
          process.exit(code);
        }
        interrupted = sig;
        controller.abort();
      };
      process.on(sig, handler);
      signalHandlers.push([sig, handler]);
    }
  }

  const { scenarioMs = DEFAULT_SCENARIO_MS, ...transportTimeouts } = options.timeouts ?? {};
  const createTransport = options.createTransport ?? ((o: TransportOptions) => new HttpTransport(o));
  const guard = watchRun(baseUrl, options, (why) => {
    interrupted ??= why;
    controller.abort();
  });
  const transport = createTransport({
    baseUrl,
    ...(options.token !== undefined ? { token: options.token } : {}),
    timeouts: transportTimeouts,
    ...(options.maxResponseBytes !== undefined ? { maxResponseBytes: options.maxResponseBytes } : {}),
    ...(options.retryAfter !== undefined ? { retryAfter: options.retryAfter } : {}),
    userAgent: `scimulator/${toolVersion()}`,
    onExchange: guard.observe,
  });
  const ledger = new RunLedger();
  const results: CheckResult[] = [];
  let cleanupIssues: Report['cleanup'] = [];

  try {
    if (options.preflight)
      await preflight(transport.client({ signal: controller.signal }), {
        baseUrl,
        ...(options.token !== undefined ? { authScheme: 'Bearer' } : {}),
      });
    const discovery = await discover(transport.client({ signal: controller.signal }));
    if (discovery.unreachable) {
      throw new HarnessError(
        'TARGET_UNREACHABLE',
        `cannot reach ${baseUrl}: ${discovery.unreachable.message}`,
      );
    }
    const target: TargetInfo = { baseUrl, capabilities: discovery.capabilities };
    guard.tracker.setEndpoints(discovery.capabilities.resourceTypes);
    const targetSchemas = buildTargetValidator(discovery);
    const data = createDataGenerator(seed);
    const memo = new Map<string, MemoEntry>();

    const runScenario = (
      scenario: Scenario<unknown>,
      profile: ProfileInfo,
      stack: readonly string[],
    ): MemoEntry => {
      const key = `${scenario.id}\u0000${profile.name}`;
      if (stack.includes(key)) {
        const error = new HarnessError(
          'HARNESS_BUG',
          `scenario cycle: ${[...stack, key].map((k) => k.split('\u0000')[0]).join(' → ')}`,
        );
        return { promise: Promise.resolve({ ok: false, error }), exchanges: [] };
      }
      const existing = memo.get(key);
      if (existing) return existing;
      const exchanges: Exchange[] = [];
      const scenarioController = new AbortController();
      const signal = AbortSignal.any([controller.signal, scenarioController.signal]);
      const copied = new Set<string>();
      const ctx: ScenarioContext = {
        http: transport.client({
          signal,
          onExchange: (e) => {
            requestsSent++;
            exchanges.push(e);
          },
        }),
        target,
        ledger,
        data,
        profile,
        signal,
        use: async <U>(inner: Scenario<U>): Promise<U> => {
          const reason = firstUnmet(inner.requires, discovery);
          if (reason) throw new RequirementSkip(reason);
          const innerKey = `${inner.id}\u0000${profile.name}`;
          const innerEntry = runScenario(inner as Scenario<unknown>, profile, [...stack, key]);
          const settled = await innerEntry.promise;
          if (!copied.has(innerKey)) {
            copied.add(innerKey);
            exchanges.push(...innerEntry.exchanges);
          }
          if (!settled.ok) throw settled.error;
          return settled.value as U;
        },
      };
      const promise = (async (): Promise<Settled> => {
        let timer: NodeJS.Timeout | undefined;
        try {
          const deadline = new Promise<never>((_, reject) => {
            timer = setTimeout(() => {
              scenarioController.abort();
              reject(
                new HarnessError(
                  'HARNESS_TIMEOUT',
                  `scenario ${scenario.id} did not finish within ${scenarioMs} ms`,
                ),
              );
            }, scenarioMs);
          });
          const value = await Promise.race([Promise.resolve().then(() => scenario.run(ctx)), deadline]);
          return { ok: true, value };
        } catch (error) {
          return { ok: false, error };
        } finally {
          clearTimeout(timer);
        }
      })();
      const entry = { promise, exchanges };
      memo.set(key, entry);
      return entry;
    };

    const assertContext = (profile: ProfileInfo): AssertContext => ({
      target,
      profile,
      validate: (schemaId, value, pointerPrefix) =>
        schemaId.startsWith(TARGET_SCHEMA_PREFIX)
          ? targetSchemas.validate(schemaId, value, pointerPrefix)
          : rfcValidator().validate(schemaId, value, pointerPrefix),
    });

    options.onStart?.({ target: baseUrl, seed, planned: runs.length, capabilities: target.capabilities });

    for (const { check, profile } of runs) {
      const started = performance.now();
      const requestsBefore = requestsSent;
      const head: Omit<CheckResult, 'outcome' | 'exchanges' | 'ms'> = {
        id: check.id,
        title: check.title,
        suite: check.suite,
        profile: profile.name,
        level: effectiveLevel(check, strict),
        rfc: check.rfc,
        ...(check.source ? { source: [...check.source] } : {}),
        ...(check.requirements ? { requirements: [...check.requirements] } : {}),
      };
      const tail = check.explanation ? { explanation: check.explanation } : {};
      const finish = (
        outcome: CheckResult['outcome'],
        detail: Partial<CheckResult>,
        exchanges: Exchange[],
      ): void => {
        const result: CheckResult = withFix(
          {
            ...head,
            outcome,
            ...detail,
            ...tail,
            exchanges,
            ms: Math.round((performance.now() - started) * 10) / 10,
            requests: requestsSent - requestsBefore,
          },
          check.fix,
        );
        if ((outcome === 'fail' || outcome === 'error') && options.isKnown?.(result)) result.known = true;
        gate.record(result);
        results.push(result);
        options.onResult?.(result);
      };

      if (controller.signal.aborted) {
        finish(
          'skip',
          {
            code: 'HARNESS_ABORTED',
            message: `not run: the run was interrupted (${interrupted ?? 'ABORTED'})`,
          },
          [],
        );
        continue;
      }
      const unmet = firstUnmet([...(check.requires ?? []), ...(check.scenario.requires ?? [])], discovery);
      if (unmet) {
        finish('skip', { code: 'NOT_ADVERTISED', message: unmet }, []);
        continue;
      }
      const prior = gate.blocker(check, profile);
      if (prior) {
        finish('blocked', { blockedBy: prior.id, message: blockedMessage(prior) }, []);
        continue;
      }

      const entry = runScenario(check.scenario, profile, []);
      const settled = await entry.promise;
      const exchanges = [...entry.exchanges];
      if (controller.signal.aborted) {
        finish(
          'error',
          { code: 'HARNESS_ABORTED', message: `the run was interrupted (${interrupted ?? 'ABORTED'})` },
          exchanges,
        );
        continue;
      }
      if (!settled.ok) {
        const err = settled.error;
        if (err instanceof RequirementSkip)
          finish('skip', { code: 'NOT_ADVERTISED', message: err.reason }, exchanges);
        else if (isTargetFailure(err))
          finish(
            'fail',
            { ...failureDetail(err.failure), ...decisiveOf(err.failure.exchange, exchanges, err.failure) },
            exchanges,
          );
        else if (isPrerequisiteBlocked(err))
          finish('blocked', { blockedBy: err.by, message: err.reason }, exchanges);
        else if (isHarnessError(err)) finish('error', { code: err.code, message: err.message }, exchanges);
        else {
          // A scenario that crashed after a request got no answer is the target's doing, not a harness bug.
          const noResponse = noResponseFailure(exchanges);
          if (noResponse)
            finish(
              'fail',
              { ...failureDetail(noResponse), ...decisiveOf(noResponse.exchange, exchanges, noResponse) },
              exchanges,
            );
          else
            finish(
              'error',
              { code: 'HARNESS_BUG', message: `scenario ${check.scenario.id} threw: ${errorMessage(err)}` },
              exchanges,
            );
        }
        continue;
      }

      let verdict: unknown;
      try {
        verdict = check.assert(settled.value, assertContext(profile));
      } catch (err) {
        if (isTargetFailure(err)) {
          const evidence = evidenceOf(check, settled.value, exchanges, err.failure.exchange);
          finish(
            'fail',
            { ...failureDetail(err.failure), ...decisiveOf(err.failure.exchange, evidence, err.failure) },
            evidence,
          );
        } else if (isHarnessError(err)) finish('error', { code: err.code, message: err.message }, exchanges);
        else
          finish(
            'error',
            { code: 'HARNESS_BUG', message: `assert of ${check.id} threw: ${errorMessage(err)}` },
            exchanges,
          );
        continue;
      }
      if (!isVerdict(verdict)) {
        finish(
          'error',
          { code: 'HARNESS_BUG', message: `assert of ${check.id} returned no verdict` },
          exchanges,
        );
      } else {
        const decisive =
          verdict.kind === 'fail' || verdict.kind === 'inconclusive' ? verdict.exchange : undefined;
        const evidence = evidenceOf(check, settled.value, exchanges, decisive);
        if (verdict.kind === 'pass')
          finish('pass', verdict.message ? { message: verdict.message } : {}, evidence);
        else if (verdict.kind === 'skip') finish('skip', { message: verdict.reason }, evidence);
        else if (verdict.kind === 'inconclusive')
          finish(
            'inconclusive',
            {
              ...(verdict.code !== undefined ? { code: verdict.code } : {}),
              message: verdict.reason,
              ...decisiveOf(verdict.exchange, evidence),
            },
            evidence,
          );
        else if (verdict.kind === 'blocked')
          finish('blocked', { blockedBy: verdict.by, message: verdict.reason }, evidence);
        else
          finish(
            'fail',
            { ...failureDetail(verdict), ...decisiveOf(verdict.exchange, evidence, verdict) },
            evidence,
          );
      }
    }
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    guard.stop();
    try {
      // Cleanup deliberately ignores the run's abort signal: Ctrl-C must still delete what the run created.
      cleanupIssues = await finalCleanup(transport, ledger, guard, baseUrl, runPrefix, options.cleanupMs);
    } finally {
      await transport.close();
      for (const [sig, handler] of signalHandlers) process.off(sig, handler);
    }
  }
  if (guard.breaker?.isTripped) throw guard.breaker.error(leftoverHint(cleanupIssues, baseUrl, runPrefix));

  const report: Report = {
    tool: { name: 'scimulator', version: toolVersion() },
    target: baseUrl,
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - t0),
    seed,
    ...(strict ? { strict: true as const } : {}),
    summary: summarise(results, options.isKnown !== undefined),
    verdicts: computeVerdicts(
      results,
      checksById,
      profiles.map((p) => p.name),
      failOn,
      { catalogue, customSuites: options.customSuites ?? [] },
    ),
    causes: causeEntries(results),
    results,
    cleanup: cleanupIssues,
    prefix: runPrefix,
  };
  for (const [name, evidence] of Object.entries(verdictEvidence(results))) {
    const verdict = report.verdicts[name];
    if (!verdict) continue;
    verdict.evidence = evidence;
    // Passes on inferred steps only say what we guessed the IdP does: no decisive check, no verdict.
    if (verdict.judged && decisiveChecks(evidence) === 0) {
      verdict.judged = false;
      verdict.compatible = false;
      verdict.reason = `no documented or observed step decided (${evidence.inferred} inferred)`;
    }
  }
  if (interrupted) report.interrupted = interrupted;
  return report;
}

function firstUnmet(requires: readonly Requirement[] | undefined, discovery: Discovery): string | undefined {
  for (const requirement of requires ?? []) {
    const reason = unmetRequirement(requirement, discovery);
    if (reason) return reason;
  }
  return undefined;
}

/** What a run that cannot report adds to its error when it left something behind. */
function leftoverHint(issues: Report['cleanup'], baseUrl: string, prefix: string): string | undefined {
  return issues.length === 0
    ? undefined
    : `it left ${issues.length} resource(s) behind: remove them later with scimulator cleanup --target ${baseUrl} --prefix ${prefix} --yes`;
}

/** The command that removes what a run left, for the console's last line and a second Ctrl-C. */
export function laterCleanupHint(baseUrl: string, prefix: string): string {
  return `scimulator: stopped before cleanup finished; remove what this run left with: scimulator cleanup --target ${baseUrl} --prefix ${prefix} --yes`;
}

interface RunGuard {
  tracker: CreationTracker;
  breaker: CircuitBreaker | undefined;
  /** True once a request that may change the target was sent (only then is there anything to clean up). */
  mutated: () => boolean;
  observe: (exchange: Exchange) => void;
  stop: () => void;
}

/** The run's exchange observer: creation tracking, the circuit breaker and the --max-time deadline. */
function watchRun(
  baseUrl: string,
  options: RunChecksOptions,
  stopRun: (why: 'MAX_TIME' | 'ABORTED') => void,
): RunGuard {
  const tracker = new CreationTracker(baseUrl);
  let mutated = false;
  let stopped = false;
  // The breaker stops the run like an abort; its HarnessError is thrown once cleanup is done.
  const breaker =
    options.breaker !== undefined && options.breaker > 0
      ? new CircuitBreaker(options.breaker, () => stopRun('ABORTED'))
      : undefined;
  const timer =
    options.maxTimeMs !== undefined
      ? setTimeout(() => stopRun('MAX_TIME'), Math.max(0, options.maxTimeMs))
      : undefined;
  return {
    tracker,
    breaker,
    mutated: () => mutated,
    observe: (exchange) => {
      if (!['GET', 'HEAD', 'OPTIONS'].includes(exchange.request.method.toUpperCase())) mutated = true;
      tracker.observe(exchange);
      if (!stopped) breaker?.observe(exchange);
    },
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

/** Deletes, verifies and sweeps within its own time budget; nothing to do when the run never wrote. */
async function finalCleanup(
  transport: HttpTransport,
  ledger: RunLedger,
  guard: RunGuard,
  baseUrl: string,
  prefix: string,
  cleanupMs = DEFAULT_CLEANUP_MS,
): Promise<Report['cleanup']> {
  if (!guard.mutated() && ledger.list().length === 0) return [];
  const http = transport.client({ signal: AbortSignal.timeout(cleanupMs) });
  const { issues } = await cleanUpRun({
    http,
    baseUrl,
    prefix,
    ledgerPaths: ledger.list(),
    tracker: guard.tracker,
  });
  return issues;
}
