/**
 * Scenarios run once per run and profile (memoised, also when several checks and `use()` calls want them at
 * the same time), each under its own deadline, with its own seeded data generator and its own exchange list.
 * @module
 */
import { eachBounded, Permits } from '../bounded.js';
import { HarnessError } from '../errors.js';
import type {
  CleanupLedger,
  Exchange,
  HttpClient,
  ProfileInfo,
  RequestSpec,
  Requirement,
  Scenario,
  ScenarioContext,
  TargetInfo,
} from '../model/index.js';
import { forkTag, type SeededDataGenerator } from '../data/generator.js';
import type { HttpTransport } from '../transport/http-transport.js';
import { unmetRequirement, type Discovery } from './discovery.js';
import type { RunMode } from './scheduler.js';

export type Settled = { ok: true; value: unknown } | { ok: false; error: unknown };

interface MemoEntry {
  promise: Promise<Settled>;
  /** Every request the scenario's result rests on, its `use()`d scenarios' included, in the order sent. */
  exchanges: Exchange[];
}

/** Thrown inside `use()` when a nested scenario needs something the target does not advertise. */
export class RequirementSkip extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** The first requirement the target does not meet, as a reason, or undefined. */
export function firstUnmet(
  requires: readonly Requirement[] | undefined,
  discovery: Discovery,
): string | undefined {
  for (const requirement of requires ?? []) {
    const reason = unmetRequirement(requirement, discovery);
    if (reason) return reason;
  }
  return undefined;
}

interface ScenarioRunnerOptions {
  transport: HttpTransport;
  /** The run's abort signal: aborting it cancels every scenario's requests. */
  signal: AbortSignal;
  target: TargetInfo;
  discovery: Discovery;
  ledger: CleanupLedger;
  data: SeededDataGenerator;
  scenarioMs: number;
  /** `--concurrency`: how many of a lone scenario's independent requests `ctx.all` sends at once. */
  concurrency: number;
  /** Told the memo key of a scenario that called `ctx.settled()` (the scheduler's slot key). */
  onSettled?: (key: string) => void;
}

const keyOf = (scenarioId: string, profile: ProfileInfo) => `${scenarioId}\u0000${profile.name}`;

export class ScenarioRunner {
  private readonly memo = new Map<string, MemoEntry>();
  /** Fork tag → the key that owns it, so two keys never share a name space (a hash collision is bumped). */
  private readonly tags = new Map<string, string>();
  /**
   * Every scenario request holds one of `--concurrency` permits while in flight, so `ctx.all` may go wide in
   * any scenario (the tail of a run is often one long scenario) and the run still keeps to `--concurrency`.
   */
  private readonly permits: Permits;

  constructor(private readonly options: ScenarioRunnerOptions) {
    this.permits = new Permits(options.concurrency);
  }

  /**
   * The memoised run of `scenario` in `profile`; `mode` says how the caller runs (scheduler.ts). A `collection`
   * scenario first started from a caller that is not alone, or a `collection-read` one from a caller beside
   * writers, is a tagging mistake (its outer scenario must say so too), reported as HARNESS_BUG rather than
   * run racily.
   */
  run(scenario: Scenario<unknown>, profile: ProfileInfo, mode: RunMode): MemoEntry {
    return this.start(scenario, profile, [], mode);
  }

  private start(
    scenario: Scenario<unknown>,
    profile: ProfileInfo,
    stack: readonly string[],
    mode: RunMode,
  ): MemoEntry {
    const key = keyOf(scenario.id, profile);
    if (stack.includes(key)) {
      const error = new HarnessError(
        'HARNESS_BUG',
        `scenario cycle: ${[...stack, key].map((k) => k.split('\u0000')[0]).join(' → ')}`,
      );
      return { promise: Promise.resolve({ ok: false, error }), exchanges: [] };
    }
    const existing = this.memo.get(key);
    if (existing) return existing;
    const needs =
      scenario.scope === 'collection' ? 'alone' : scenario.scope === 'collection-read' ? 'reader' : undefined;
    if ((needs === 'alone' && mode !== 'alone') || (needs === 'reader' && mode === 'beside')) {
      const outer = stack.at(-1)?.split('\u0000')[0];
      const error = new HarnessError(
        'HARNESS_BUG',
        `scenario ${scenario.id} reads collection-wide state but ${outer ?? 'its check'} runs beside others: tag ${outer ?? 'it'} scope '${scenario.scope ?? 'own'}'`,
      );
      return { promise: Promise.resolve({ ok: false, error }), exchanges: [] };
    }
    const entry = this.execute(scenario, profile, key, stack, mode);
    this.memo.set(key, entry);
    return entry;
  }

  private execute(
    scenario: Scenario<unknown>,
    profile: ProfileInfo,
    key: string,
    stack: readonly string[],
    mode: RunMode,
  ): MemoEntry {
    const { transport, target, discovery, ledger, scenarioMs } = this.options;
    const exchanges: Exchange[] = [];
    const scenarioController = new AbortController();
    const signal = AbortSignal.any([this.options.signal, scenarioController.signal]);
    const copied = new Set<string>();
    // A scenario that waits on purpose times its requests against the target's clock: it does not queue.
    const client = permitted(
      transport.client({ signal, onExchange: (e) => exchanges.push(e) }),
      this.permits,
      scenario.waits === true,
    );
    const ctx: ScenarioContext = {
      // A reader runs beside other readers: a write would change what they see (see ScenarioScope).
      http: scenario.createsOnly
        ? createOnly(client, scenario.id)
        : mode === 'reader' || scenario.scope === 'collection-read'
          ? readOnly(client, scenario.id)
          : client,
      target,
      ledger,
      data: this.options.data.fork(this.forkKey(key)),
      profile,
      signal,
      all: (tasks) => allOf(tasks, this.options.concurrency),
      settled: () => this.options.onSettled?.(key),
      use: async <U>(inner: Scenario<U>): Promise<U> => {
        const reason = firstUnmet(inner.requires, discovery);
        if (reason) throw new RequirementSkip(reason);
        const innerKey = keyOf(inner.id, profile);
        const innerEntry = this.start(inner as Scenario<unknown>, profile, [...stack, key], mode);
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
    return { promise, exchanges };
  }

  /** The key a scenario's data fork is drawn from: the memo key, bumped past a (rare) tag collision. */
  private forkKey(key: string): string {
    let candidate = key;
    for (let n = 2; ; n++) {
      const owner = this.tags.get(forkTag(candidate));
      if (owner === undefined || owner === candidate) break;
      candidate = `${key}\u0000${n}`;
    }
    this.tags.set(forkTag(candidate), candidate);
    return candidate;
  }
}

/** Runs `tasks` at most `width` at a time; results in task order (the first rejection rejects, as Promise.all). */
async function allOf<U>(tasks: ReadonlyArray<() => Promise<U>>, width: number): Promise<U[]> {
  const results = new Array<U>(tasks.length);
  await eachBounded(tasks.length, width, async (i) => {
    results[i] = await tasks[i]!();
  });
  return results;
}

/** GET, HEAD and POST …/.search (RFC 7644 §3.4.3) read; anything else changes the target. */
function reads(spec: RequestSpec): boolean {
  const method = spec.method.toUpperCase();
  return method === 'GET' || method === 'HEAD' || (method === 'POST' && /\/\.search\/?$/.test(spec.path));
}

/** The client of a scenario that says it only creates: a read is the harness's mistake, refused unsent. */
function createOnly(client: HttpClient, scenarioId: string): HttpClient {
  return {
    request: (spec) =>
      spec.method.toUpperCase() === 'POST' && !reads(spec)
        ? client.request(spec)
        : Promise.reject(
            new HarnessError(
              'HARNESS_BUG',
              `scenario ${scenarioId} says it only creates (createsOnly) but sent ${spec.method} ${spec.path}`,
            ),
          ),
  };
}

/** A client whose every request holds one of the run's permits while in flight (`first`: ahead of the queue). */
function permitted(client: HttpClient, permits: Permits, first: boolean): HttpClient {
  return { request: (spec) => permits.with(() => client.request(spec), first) };
}

/** The client of a scenario that must not write: a write is the harness's mistake, refused before it is sent. */
function readOnly(client: HttpClient, scenarioId: string): HttpClient {
  return {
    request: (spec) =>
      reads(spec)
        ? client.request(spec)
        : Promise.reject(
            new HarnessError(
              'HARNESS_BUG',
              `scenario ${scenarioId} runs beside other readers of the collection but sent ${spec.method} ${spec.path}: name the scenario that writes in its \`fixtures\``,
            ),
          ),
  };
}
