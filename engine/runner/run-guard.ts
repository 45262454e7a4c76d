/**
 * What watches a run from outside its checks: creation tracking, the circuit breaker, the --max-time deadline,
 * the end-of-run cleanup, and the hints a run gives when it could not clean up.
 * @module
 */
import type { Exchange } from '../model/index.js';
import type { HttpTransport } from '../transport/http-transport.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { CreationTracker } from './creation-tracker.js';
import type { RunLedger } from './ledger.js';
import type { Report } from './report.js';
import { cleanUpRun } from './sweep.js';

const DEFAULT_CLEANUP_MS = 30_000;

interface RunGuard {
  tracker: CreationTracker;
  breaker: CircuitBreaker | undefined;
  /** True once a request that may change the target was sent (only then is there anything to clean up). */
  mutated: () => boolean;
  observe: (exchange: Exchange) => void;
  stop: () => void;
}

/** The run's exchange observer: creation tracking, the circuit breaker and the --max-time deadline. */
export function watchRun(
  baseUrl: string,
  options: { breaker?: number; maxTimeMs?: number },
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
export async function finalCleanup(
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

/** What a run that cannot report adds to its error when it left something behind. */
export function leftoverHint(issues: Report['cleanup'], baseUrl: string, prefix: string): string | undefined {
  return issues.length === 0
    ? undefined
    : `it left ${issues.length} resource(s) behind: remove them later with scimulator cleanup --target ${baseUrl} --prefix ${prefix} --yes`;
}

/** The command that removes what a run left, for the console's last line and a second Ctrl-C. */
export function laterCleanupHint(baseUrl: string, prefix: string): string {
  return `scimulator: stopped before cleanup finished; remove what this run left with: scimulator cleanup --target ${baseUrl} --prefix ${prefix} --yes`;
}
