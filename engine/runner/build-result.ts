/**
 * The parts of a result the runner builds from a verdict: effective level, failure detail, fix, evidence and
 * the decisive exchange.
 * @module
 */
import type { AnyCheck, CheckResult, Exchange, Failure, Level, Verdict } from '../model/index.js';
import { defaultFix } from './fixes.js';

/** The level a check is judged at: its `strictLevel` under `--strict` (the one place that decides it). */
export function effectiveLevel(check: Pick<AnyCheck, 'level' | 'strictLevel'>, strict: boolean): Level {
  return strict ? (check.strictLevel ?? check.level) : check.level;
}

/**
 * The exchanges a verdict rests on: what the check's `evidence` picks out of the scenario's exchanges (kept in
 * their order), or all of them when it has none, throws, or picks none of them; the exchange that decided the
 * verdict is always kept, so the report can show it.
 */
export function evidenceOf(
  check: AnyCheck,
  value: unknown,
  all: Exchange[],
  decisive?: Exchange,
): Exchange[] {
  if (!check.evidence) return all;
  let picked: unknown;
  try {
    picked = check.evidence(value, all);
  } catch {
    return all;
  }
  if (!Array.isArray(picked)) return all;
  const wanted = new Set<unknown>(picked);
  if (decisive) wanted.add(decisive);
  const kept = all.filter((exchange) => wanted.has(exchange));
  return kept.length > 0 ? kept : all;
}

/**
 * `decisive`: where the deciding exchange sits in the reported evidence. A failure that names none but reports
 * a wrong status is pinned to the first exchange answered with that status (a check looping over requests
 * stops at the first bad one); otherwise the last exchange decides.
 */
export function decisiveOf(
  exchange: Exchange | undefined,
  evidence: readonly Exchange[],
  failure?: Pick<Failure, 'code' | 'actual'>,
): Pick<CheckResult, 'decisive'> | Record<string, never> {
  if (evidence.length === 0) return {};
  const named = exchange ? evidence.indexOf(exchange) : -1;
  if (named >= 0) return { decisive: named };
  if (failure?.code === 'STATUS_MISMATCH' && typeof failure.actual === 'number') {
    const byStatus = evidence.findIndex((e) => e.response?.status === failure.actual);
    if (byStatus >= 0) return { decisive: byStatus };
  }
  return { decisive: evidence.length - 1 };
}

export function failureDetail(failure: Failure): Partial<CheckResult> {
  return {
    code: failure.code,
    message: failure.message,
    ...(failure.fix !== undefined ? { fix: failure.fix } : {}),
    ...(failure.expected !== undefined ? { expected: failure.expected } : {}),
    ...(failure.actual !== undefined ? { actual: failure.actual } : {}),
    ...(failure.pointer !== undefined ? { pointer: failure.pointer } : {}),
  };
}

/** A failure's fix: its own, else the check's, else the default for its code. */
export function withFix(result: CheckResult, checkFix: string | undefined): CheckResult {
  if (result.outcome !== 'fail' && result.outcome !== 'error') return result;
  if (result.fix === undefined)
    result.fix = (result.outcome === 'fail' ? checkFix : undefined) ?? defaultFix(result);
  return result;
}

/** An error's message with the first stack frame, for HARNESS_BUG results. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) {
    const where = err.stack?.split('\n').find((line) => line.trim().startsWith('at '));
    return where ? `${err.message} (${where.trim()})` : err.message;
  }
  return String(err);
}

export function isVerdict(value: unknown): value is Verdict {
  if (typeof value !== 'object' || value === null) return false;
  const kind = (value as { kind?: unknown }).kind;
  return (
    kind === 'pass' || kind === 'fail' || kind === 'skip' || kind === 'inconclusive' || kind === 'blocked'
  );
}

export function noResponseFailure(exchanges: readonly Exchange[]): Failure | undefined {
  const broken = exchanges.find((e) => e.error !== undefined && e.error.code !== 'HARNESS_ABORTED');
  if (!broken?.error) return undefined;
  return {
    kind: 'fail',
    code: 'NO_RESPONSE',
    message: `no response to ${broken.request.method} ${broken.request.url}: ${broken.error.code} (${broken.error.message})`,
    expected: 'an HTTP response',
    actual: broken.error.code,
    exchange: broken,
  };
}
