/**
 * The runner: discovery, planning (capability gating), scheduling, memoised scenarios, assertions, cleanup,
 * verdicts. Target misbehaviour becomes `fail`; harness trouble becomes `error`, never the reverse.
 * Each step lives in its own file: run-control (stopping), run-guard (watching, cleanup), scenario-runner,
 * execute-check, scheduler, assemble-report.
 * @module
 */
import { performance } from 'node:perf_hooks';
import { HarnessError } from '../errors.js';
import type { AssertContext, ProfileInfo, SuiteDefinition, TargetInfo } from '../model/index.js';
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
import { assembleReport } from './assemble-report.js';
import type { CheckResult } from '../model/index.js';
import { DependencyGate } from './dependency-gate.js';
import { discover, type Discovery } from './discovery.js';
import { executeCheck, prepareReaders } from './execute-check.js';
import { RunLedger } from './ledger.js';
import { orderByDependencies, plan, RFC_PROFILE, validateDependencies, type PlannedRun } from './plan.js';
import { preflight } from './preflight.js';
import type { FailOn, Report } from './report.js';
import { createRunControl } from './run-control.js';
import { finalCleanup, leftoverHint, watchRun } from './run-guard.js';
import { ScenarioRunner } from './scenario-runner.js';
import { schedule } from './scheduler.js';
import { selectChecks } from './select.js';
import { buildTargetValidator } from './target-validator.js';

export { RFC_PROFILE } from './plan.js';
export { laterCleanupHint } from './run-guard.js';

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
  /** Called as each check finishes (in completion order; the report's `results` are in plan order). */
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
  /** Wait out 429 + Retry-After and pace adaptively (transport, docs/safety.md); off when absent. */
  retryAfter?: RetryAfterPolicy;
  /** Cap of the run's requests per second across all checks (`--rate`); none when absent. */
  rate?: number;
  /** Time budget of the end-of-run cleanup and sweep; default 30 s. */
  cleanupMs?: number;
  /**
   * Checks in flight at once (`--concurrency`); default 8. Outcomes do not depend on it: scenarios that read
   * collection-wide state and write run first and alone, those that only read run next, side by side once
   * their fixtures are made, in the same order at every level, and each scenario draws its own seeded data.
   */
  concurrency?: number;
}

const DEFAULT_SCENARIO_MS = 120_000;
const DEFAULT_CONCURRENCY = 8;

/** Runs the selected checks against one target and returns the report (`Report`, engine/runner/report.ts). */
export async function runChecks(options: RunChecksOptions): Promise<Report> {
  const startedAt = new Date();
  const t0 = performance.now();
  const baseUrl = targetUrl(options.target);
  const concurrency = concurrencyOf(options.concurrency);
  const profiles = options.profiles && options.profiles.length > 0 ? options.profiles : [RFC_PROFILE];
  const seed = options.seed ?? randomSeed();
  const strict = options.strict === true;
  const catalogue = options.suites.flatMap((suite) => suite.checks);
  // Suites built from part of the catalogue may leave a prerequisite out: it is then simply not selected.
  validateDependencies(catalogue, { allowAbsent: true });
  const runPrefix = `${DATA_PREFIX}${runIdFor(seed)}`;
  const selected = selectChecks(options.suites, options.only);
  const runs = plan(orderByDependencies(selected), profiles);

  const control = createRunControl({
    signal: options.signal,
    handleSignals: options.handleSignals,
    baseUrl,
    prefix: runPrefix,
  });
  const { scenarioMs = DEFAULT_SCENARIO_MS, ...transportTimeouts } = options.timeouts ?? {};
  const createTransport = options.createTransport ?? ((o: TransportOptions) => new HttpTransport(o));
  const guard = watchRun(baseUrl, options, control.stop);
  const transport = createTransport({
    baseUrl,
    ...(options.token !== undefined ? { token: options.token } : {}),
    timeouts: transportTimeouts,
    ...(options.maxResponseBytes !== undefined ? { maxResponseBytes: options.maxResponseBytes } : {}),
    ...(options.retryAfter !== undefined ? { retryAfter: options.retryAfter } : {}),
    ...(options.rate !== undefined ? { rate: options.rate } : {}),
    userAgent: `scimulator/${toolVersion()}`,
    onExchange: guard.observe,
  });
  const ledger = new RunLedger();
  let results: CheckResult[] = [];
  let cleanupIssues: Report['cleanup'] = [];

  try {
    // The schemas most checks validate against compile while discovery waits for the network.
    const warming = rfcValidator().warm(['User', 'Group', 'ListResponse', 'Error']);
    const discovery = await startRun(transport, control.signal, baseUrl, options);
    await warming;
    const target: TargetInfo = { baseUrl, capabilities: discovery.capabilities };
    guard.tracker.setEndpoints(discovery.capabilities.resourceTypes);
    const scenarios = new ScenarioRunner({
      transport,
      signal: control.signal,
      target,
      discovery,
      ledger,
      data: createDataGenerator(seed),
      scenarioMs,
      concurrency,
      onSettled: (key) => settle?.(key),
    });
    /** Set by the scheduler: marks a scenario's runs settled (ctx.settled()). */
    let settle: ((key: string) => void) | undefined;
    const gate = new DependencyGate();
    const env = {
      control,
      scenarios,
      gate,
      discovery,
      strict,
      assertContext: assertContextFor(target, discovery),
      isKnown: options.isKnown,
    };
    options.onStart?.({ target: baseUrl, seed, planned: runs.length, capabilities: target.capabilities });
    results = await schedule(runs, {
      concurrency,
      exclusive: ({ check }) => check.scenario.scope === 'collection',
      reader: ({ check: { scenario } }) =>
        scenario.scope !== 'collection-read' ? undefined : (scenario.fixtures ?? []).length > 0 ? 1 : 0,
      prepare: (block) => prepareReaders(block, env, concurrency),
      first: ({ check }) => check.scenario.waits === true,
      onSettled: (fn) => (settle = fn),
      early: ({ check }) => check.scenario.long === true || check.scenario.chain !== undefined,
      chainKey: ({ check, profile }) =>
        check.scenario.chain === undefined ? undefined : `${check.scenario.chain}\u0000${profile.name}`,
      slotKey: ({ check, profile }) => `${check.scenario.id}\u0000${profile.name}`,
      execute: (run, mode) => executeCheck(run, mode, env),
      onFinish: (result) => {
        gate.record(result);
        options.onResult?.(result);
      },
    });
  } finally {
    control.detach();
    guard.stop();
    try {
      // Cleanup deliberately ignores the run's abort signal: Ctrl-C must still delete what the run created.
      cleanupIssues = await finalCleanup(
        transport,
        ledger,
        guard,
        baseUrl,
        runPrefix,
        options.cleanupMs,
        concurrency,
      );
    } finally {
      await transport.close();
      control.dispose();
    }
  }
  if (guard.breaker?.isTripped) throw guard.breaker.error(leftoverHint(cleanupIssues, baseUrl, runPrefix));

  return assembleReport({
    baseUrl,
    startedAt,
    durationMs: Math.round(performance.now() - t0),
    seed,
    strict,
    failOn: options.failOn ?? 'must',
    profiles,
    results,
    checksById: new Map(selected.map((c) => [c.id, c])),
    catalogue,
    customSuites: options.customSuites ?? [],
    withKnown: options.isKnown !== undefined,
    cleanup: cleanupIssues,
    prefix: runPrefix,
    interrupted: control.interrupted(),
    pacing: transport.pacingStats(),
  });
}

/** The target's base URL without trailing slashes; anything but http(s) is a USAGE error. */
function targetUrl(target: string): string {
  try {
    const url = new URL(target);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError('not http(s)');
    return target.replace(/\/+$/, '');
  } catch {
    throw new HarnessError('USAGE', `target must be an http(s) URL, got "${target}"`);
  }
}

/** `concurrency` as given (an integer ≥ 1), else the default; anything else is a USAGE error. */
function concurrencyOf(value: number | undefined): number {
  if (value === undefined) return DEFAULT_CONCURRENCY;
  if (!Number.isInteger(value) || value < 1)
    throw new HarnessError('USAGE', `concurrency must be an integer of at least 1, got ${String(value)}`);
  return value;
}

/** Preflight (when asked) and discovery, before the first check; an unreachable target stops the run. */
async function startRun(
  transport: HttpTransport,
  signal: AbortSignal,
  baseUrl: string,
  options: Pick<RunChecksOptions, 'preflight' | 'token'>,
): Promise<Discovery> {
  if (options.preflight)
    await preflight(transport.client({ signal }), {
      baseUrl,
      ...(options.token !== undefined ? { authScheme: 'Bearer' } : {}),
    });
  const discovery = await discover(transport.client({ signal }));
  if (discovery.unreachable)
    throw new HarnessError('TARGET_UNREACHABLE', `cannot reach ${baseUrl}: ${discovery.unreachable.message}`);
  return discovery;
}

/** What an assert may use: the target, its profile, and schema validation (the target's own schemas too). */
function assertContextFor(target: TargetInfo, discovery: Discovery): (run: PlannedRun) => AssertContext {
  const targetSchemas = buildTargetValidator(discovery);
  const validate: AssertContext['validate'] = (schemaId, value, pointerPrefix) =>
    schemaId.startsWith(TARGET_SCHEMA_PREFIX)
      ? targetSchemas.validate(schemaId, value, pointerPrefix)
      : rfcValidator().validate(schemaId, value, pointerPrefix);
  return ({ profile }: { profile: ProfileInfo }) => ({ target, profile, validate });
}
