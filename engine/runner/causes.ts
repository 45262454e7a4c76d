/**
 * Root causes: failures decided by the very same exchange with the same code are one cause, and every blocked
 * result is counted under the failure that blocked it (docs/verdicts.md). A pure function of the results, so
 * it works on a report read back from JSON too.
 * @module
 */
import type { CheckResult } from '../model/index.js';

interface Cause {
  /** The first failed (or errored) result of the cause. */
  root: CheckResult;
  /** Every failed or errored result of the cause, `root` first. */
  failed: CheckResult[];
  /** Results blocked by this cause, directly or through other blocked results. */
  blocked: CheckResult[];
  /** Every failure of the cause is a known failure (in the baseline). */
  known: boolean;
}

interface CauseGrouping {
  causes: Cause[];
  /** Blocked results whose prerequisite did not fail (a missing feature, or a prerequisite that did not run). */
  unattributed: CheckResult[];
}

const key = (id: string, profile: string) => `${id}\u0000${profile}`;

/** What makes two failures one cause: same outcome and code, decided by the same exchange (by content). */
function causeKey(r: CheckResult, index: number): string {
  const exchange = r.decisive !== undefined ? r.exchanges[r.decisive] : undefined;
  if (!exchange) return `#${index}`;
  return `${r.outcome}\u0000${r.code ?? ''}\u0000${JSON.stringify(exchange)}`;
}

/** The failed or errored result at the end of a blocked result's `blockedBy` chain, if there is one. */
export function rootOf(
  result: CheckResult,
  byKey: ReadonlyMap<string, CheckResult>,
): CheckResult | undefined {
  let current: CheckResult | undefined = result;
  const seen = new Set<CheckResult>();
  while (current && current.outcome === 'blocked' && current.blockedBy !== undefined) {
    if (seen.has(current)) return undefined;
    seen.add(current);
    const by: string = current.blockedBy;
    current = byKey.get(key(by, current.profile)) ?? byKey.get(key(by, 'rfc'));
  }
  return current && (current.outcome === 'fail' || current.outcome === 'error') ? current : undefined;
}

/** Results indexed by check id and profile, for `rootOf`. */
export function indexResults(results: readonly CheckResult[]): Map<string, CheckResult> {
  const byKey = new Map<string, CheckResult>();
  for (const r of results) byKey.set(key(r.id, r.profile), r);
  return byKey;
}

/** Groups failures into causes (in the order their roots ran) and hangs blocked results under them. */
export function groupByCause(results: readonly CheckResult[]): CauseGrouping {
  const causes: Cause[] = [];
  const causeOfKey = new Map<string, Cause>();
  const causeOfResult = new Map<CheckResult, Cause>();
  results.forEach((r, index) => {
    if (r.outcome !== 'fail' && r.outcome !== 'error') return;
    const k = causeKey(r, index);
    let cause = causeOfKey.get(k);
    if (!cause) {
      cause = { root: r, failed: [], blocked: [], known: true };
      causeOfKey.set(k, cause);
      causes.push(cause);
    }
    cause.failed.push(r);
    if (!r.known) cause.known = false;
    causeOfResult.set(r, cause);
  });
  const byKey = indexResults(results);
  const unattributed: CheckResult[] = [];
  for (const r of results) {
    if (r.outcome !== 'blocked') continue;
    const root = rootOf(r, byKey);
    const cause = root ? causeOfResult.get(root) : undefined;
    if (cause) cause.blocked.push(r);
    else unattributed.push(r);
  }
  return { causes, unattributed };
}

/** How many causes the run's (non-baseline) failures come from. */
export function countCauses(results: readonly CheckResult[]): number {
  return groupByCause(results).causes.filter((c) => !c.known).length;
}

/** A check run as the report names it. */
interface ResultRef {
  id: string;
  profile: string;
}

/** One cause as the JSON report lists it: the root failure, the other failures on its exchange, what it blocked. */
export interface CauseEntry extends ResultRef {
  code: string;
  failed: ResultRef[];
  blocked: ResultRef[];
}

const ref = (r: CheckResult): ResultRef => ({ id: r.id, profile: r.profile });

/** The causes of the run's (non-baseline) failures, for the JSON report. */
export function causeEntries(results: readonly CheckResult[]): CauseEntry[] {
  return groupByCause(results)
    .causes.filter((c) => !c.known)
    .map((c) => ({
      ...ref(c.root),
      code: c.root.code ?? c.root.outcome.toUpperCase(),
      failed: c.failed.map(ref),
      blocked: c.blocked.map(ref),
    }));
}
