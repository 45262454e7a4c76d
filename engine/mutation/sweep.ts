/**
 * The mutation sweep: runs the catalogue against a clean target and then against one target per quirk,
 * and records which checks caught each quirk. The caller supplies the targets (engine/ never imports the
 * reference server), so the sweep works for any "server with one deliberate defect" factory.
 * @module
 */
import { performance } from 'node:perf_hooks';
import type { CheckResult, Level, ProfileInfo, SuiteDefinition } from '../model/index.js';
import { runChecks, type RunTimeouts } from '../runner/run-checks.js';
import { selectChecks } from '../runner/select.js';

/** A running target the sweep may run checks against; `close` stops it. */
export interface SweepTarget {
  url: string;
  token?: string;
  close(): Promise<void>;
}

/** One named deviation the sweep switches on, as listed by the reference server's catalogue. */
export interface QuirkInfo {
  name: string;
  description: string;
}

/** Per-quirk narrowing of a run, for quirks whose cost must be bounded (e.g. a deliberately slow server). */
export interface QuirkRunTuning {
  /** Check ids, suite names or `prefix*` patterns to run for this quirk (default: everything). */
  only?: readonly string[];
  timeouts?: Partial<RunTimeouts>;
  /** Checks in flight within the run (default: the runner's); 1 for quirks whose answers depend on request order. */
  checkConcurrency?: number;
}

export interface MutationSweepOptions {
  suites: readonly SuiteDefinition[];
  /** Profiles every per-profile check runs in (`rfc` is always included). */
  profiles?: readonly ProfileInfo[];
  quirks: readonly QuirkInfo[];
  /** Starts a fresh target with exactly these quirks switched on (`[]` is the clean oracle). */
  startTarget(quirks: readonly string[]): Promise<SweepTarget>;
  /** Runs in flight at once (default 2: the harness and the servers share one event loop per run). */
  concurrency?: number;
  /** Seed of the test data; fixed so the table is reproducible (default 1). */
  seed?: number;
  timeouts?: Partial<RunTimeouts>;
  tuning?: Readonly<Record<string, QuirkRunTuning>>;
  /** Called as each run (clean first, then quirks in completion order) finishes. */
  onRun?(run: SweepRun): void;
}

/** A result reduced to what the sweep needs (exchanges are dropped to keep a sweep small). */
export interface SweepResult {
  /** `check.id`, or `check.id@profile` for a per-profile run in an IdP profile. */
  key: string;
  id: string;
  profile: string;
  suite: string;
  level: Level;
  outcome: CheckResult['outcome'];
  code?: string;
  message?: string;
}

/** A catalogue entry as the sweep's renderers need it. */
export interface SweepCheck {
  id: string;
  title: string;
  suite: string;
  level: Level;
  /** The verdicts a failure counts against (default `['rfc']`). */
  profiles: string[];
  perProfile: boolean;
}

/** One run of the catalogue against one target. */
export interface SweepRun {
  /** The quirk switched on, or `null` for the clean run. */
  quirk: string | null;
  /** Sorted keys of the results that failed: the checks that caught the quirk. */
  caught: string[];
  /** Results the harness could not judge (outcome `error`), or the run's own failure. */
  errored: SweepResult[];
  results: SweepResult[];
  ms: number;
}

export interface MutationSweep {
  clean: SweepRun;
  quirks: SweepRun[];
  durationMs: number;
  /** The catalogue the sweep ran, for rendering (id, title, suite, level). */
  checks: SweepCheck[];
  profiles: string[];
}

/** The key under which a result appears in the mutation table. */
export function resultKey(result: Pick<CheckResult, 'id' | 'profile'>): string {
  return result.profile === 'rfc' ? result.id : `${result.id}@${result.profile}`;
}

function slim(r: CheckResult): SweepResult {
  return {
    key: resultKey(r),
    id: r.id,
    profile: r.profile,
    suite: r.suite,
    level: r.level,
    outcome: r.outcome,
    ...(r.code !== undefined ? { code: r.code } : {}),
    ...(r.message !== undefined ? { message: r.message } : {}),
  };
}

async function runOne(
  options: MutationSweepOptions,
  profiles: readonly ProfileInfo[],
  quirk: string | null,
): Promise<SweepRun> {
  const t0 = performance.now();
  const tuning = quirk === null ? undefined : options.tuning?.[quirk];
  const target = await options.startTarget(quirk === null ? [] : [quirk]);
  let results: SweepResult[] = [];
  const errored: SweepResult[] = [];
  try {
    const report = await runChecks({
      target: target.url,
      ...(target.token !== undefined ? { token: target.token } : {}),
      suites: options.suites,
      profiles,
      seed: options.seed ?? 1,
      failOn: 'never',
      ...(tuning?.only ? { only: tuning.only } : {}),
      timeouts: { ...options.timeouts, ...tuning?.timeouts },
      ...(tuning?.checkConcurrency !== undefined ? { concurrency: tuning.checkConcurrency } : {}),
    });
    results = report.results.map(slim);
    errored.push(...results.filter((r) => r.outcome === 'error'));
  } catch (err) {
    // The harness could not run at all (e.g. discovery unreachable): recorded, never a catch.
    errored.push({
      key: '(run)',
      id: '(run)',
      profile: 'rfc',
      suite: '(run)',
      level: 'MUST',
      outcome: 'error',
      code: (err as { code?: string }).code ?? 'HARNESS_BUG',
      message: err instanceof Error ? err.message : String(err),
    });
  } finally {
    await target.close();
  }
  const caught = [...new Set(results.filter((r) => r.outcome === 'fail').map((r) => r.key))].sort();
  return { quirk, caught, errored, results, ms: Math.round(performance.now() - t0) };
}

/**
 * Runs the clean sweep, then every quirk on a fresh target, `concurrency` at a time. The clean run
 * comes first so that a broken oracle is visible before any catch is credited.
 */
export async function runMutationSweep(options: MutationSweepOptions): Promise<MutationSweep> {
  const t0 = performance.now();
  const extra = (options.profiles ?? []).filter((p) => p.name !== 'rfc');
  const profiles: ProfileInfo[] = [{ name: 'rfc', data: {} }, ...extra];
  const clean = await runOne(options, profiles, null);
  options.onRun?.(clean);

  const queue = [...options.quirks.map((q) => q.name)];
  const done = new Map<string, SweepRun>();
  const worker = async (): Promise<void> => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      const run = await runOne(options, profiles, name);
      done.set(name, run);
      options.onRun?.(run);
    }
  };
  const width = Math.max(1, Math.min(options.concurrency ?? 2, queue.length));
  await Promise.all(Array.from({ length: width }, worker));

  const checks = describeChecks(options.suites);
  return {
    clean,
    quirks: options.quirks.map((q) => done.get(q.name)).filter((r): r is SweepRun => r !== undefined),
    durationMs: Math.round(performance.now() - t0),
    checks,
    profiles: profiles.map((p) => p.name),
  };
}

/** The catalogue reduced to what tables and documents show. */
export function describeChecks(suites: readonly SuiteDefinition[]): SweepCheck[] {
  return selectChecks(suites).map((c) => ({
    id: c.id,
    title: c.title,
    suite: c.suite,
    level: c.level,
    profiles: [...(c.profiles ?? ['rfc'])],
    perProfile: c.perProfile === true,
  }));
}
