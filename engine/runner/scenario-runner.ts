/**
 * Scenarios run once per run and profile (memoised, also when several checks and `use()` calls want them at
 * the same time), each under its own deadline, with its own seeded data generator and its own exchange list.
 * @module
 */
import { eachBounded } from '../bounded.js';
import { HarnessError } from '../errors.js';
import type {
  CleanupLedger,
  Exchange,
  ProfileInfo,
  Requirement,
  Scenario,
  ScenarioContext,
  TargetInfo,
} from '../model/index.js';
import { forkTag, type SeededDataGenerator } from '../data/generator.js';
import type { HttpTransport } from '../transport/http-transport.js';
import { unmetRequirement, type Discovery } from './discovery.js';

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

  constructor(private readonly options: ScenarioRunnerOptions) {}

  /**
   * The memoised run of `scenario` in `profile`. `exclusive` says the caller runs alone (a `collection`
   * scenario's phase): a `collection` scenario first started from a caller that is not alone is a tagging
   * mistake (its outer scenario must be `collection` too), reported as HARNESS_BUG rather than run racily.
   */
  run(scenario: Scenario<unknown>, profile: ProfileInfo, exclusive: boolean): MemoEntry {
    return this.start(scenario, profile, [], exclusive);
  }

  private start(
    scenario: Scenario<unknown>,
    profile: ProfileInfo,
    stack: readonly string[],
    exclusive: boolean,
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
    if (scenario.scope === 'collection' && !exclusive) {
      const outer = stack.at(-1)?.split('\u0000')[0];
      const error = new HarnessError(
        'HARNESS_BUG',
        `scenario ${scenario.id} reads collection-wide state but ${outer ?? 'its check'} runs beside others: tag ${outer ?? 'it'} scope 'collection'`,
      );
      return { promise: Promise.resolve({ ok: false, error }), exchanges: [] };
    }
    const entry = this.execute(scenario, profile, key, stack, exclusive);
    this.memo.set(key, entry);
    return entry;
  }

  private execute(
    scenario: Scenario<unknown>,
    profile: ProfileInfo,
    key: string,
    stack: readonly string[],
    exclusive: boolean,
  ): MemoEntry {
    const { transport, target, discovery, ledger, scenarioMs } = this.options;
    const exchanges: Exchange[] = [];
    const scenarioController = new AbortController();
    const signal = AbortSignal.any([this.options.signal, scenarioController.signal]);
    const copied = new Set<string>();
    const ctx: ScenarioContext = {
      http: transport.client({ signal, onExchange: (e) => exchanges.push(e) }),
      target,
      ledger,
      data: this.options.data.fork(this.forkKey(key)),
      profile,
      signal,
      all: (tasks) => allOf(tasks, exclusive ? this.options.concurrency : 1),
      settled: () => this.options.onSettled?.(key),
      use: async <U>(inner: Scenario<U>): Promise<U> => {
        const reason = firstUnmet(inner.requires, discovery);
        if (reason) throw new RequirementSkip(reason);
        const innerKey = keyOf(inner.id, profile);
        const innerEntry = this.start(inner as Scenario<unknown>, profile, [...stack, key], exclusive);
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
