/**
 * One verdict per profile (`rfc` always, `custom` when user-written checks ran): judged only when the
 * profile's own checks gave a decisive result, else `not judged` with the reason (docs/verdicts.md).
 * @module
 */
import type { AnyCheck, CheckResult, Level } from '../model/index.js';
import { indexResults, rootOf } from './causes.js';
import type { VerdictEvidence } from './verdict-evidence.js';

export type FailOn = 'must' | 'should' | 'never';

export interface ProfileVerdict {
  /** False when none of the profile's own checks gave a decisive result; `reason` says why. */
  judged: boolean;
  /** Why the profile was not judged (not judged only). */
  reason?: string;
  /** True only when judged and nothing at or above the fail-on level failed. */
  compatible: boolean;
  /**
   * Ids of the checks that failed (or errored) at or above the fail-on level and count against the profile,
   * and of the failed prerequisites of such checks that were blocked.
   */
  failed: string[];
  /** IdP profiles: how many checks rest on documented, observed and inferred steps (verdict-evidence.ts). */
  evidence?: VerdictEvidence;
}

/** The verdict user-written checks (`--checks`, library suites) count against instead of `rfc`. */
export const CUSTOM_VERDICT = 'custom';

const RANK: Record<Level, number> = { MUST: 3, SHOULD: 2, MAY: 1 };

/** The lowest level that gates: `must` → MUST only, `should` → MUST and SHOULD, `never` → nothing. */
export function gates(level: Level, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  return RANK[level] >= (failOn === 'must' ? RANK.MUST : RANK.SHOULD);
}

export interface VerdictOptions {
  /** Every check of the run's catalogue (selected or not), to tell "not selected" from "not in the catalogue". */
  catalogue?: Iterable<AnyCheck>;
  /** Names of user-written suites: their checks count against `custom`, not `rfc`. */
  customSuites?: Iterable<string>;
}

const DECISIVE: ReadonlySet<CheckResult['outcome']> = new Set(['pass', 'fail', 'error']);

/**
 * `failOn: never` still judges compatibility at MUST level, since a verdict that is always "compatible" says
 * nothing. A result counts against the profiles its check lists (default `rfc`, `custom` for user checks); a
 * per-profile run counts against the profile it ran in.
 */
export function computeVerdicts(
  results: readonly CheckResult[],
  checks: ReadonlyMap<string, AnyCheck>,
  profileNames: readonly string[],
  failOn: FailOn,
  options: VerdictOptions = {},
): Record<string, ProfileVerdict> {
  const threshold: FailOn = failOn === 'never' ? 'must' : failOn;
  const custom = new Set(options.customSuites ?? []);
  const catalogue = [...(options.catalogue ?? checks.values())];
  const isCustom = (check: AnyCheck | undefined) => check !== undefined && custom.has(check.suite);
  const hasCustom = [...checks.values()].some(isCustom);
  const names = [...new Set(['rfc', ...profileNames, ...(hasCustom ? [CUSTOM_VERDICT] : [])])];

  /** The verdicts a result counts against. */
  const countsAgainst = (r: CheckResult): string[] => {
    const check = checks.get(r.id);
    if (check?.perProfile) return [r.profile];
    const listed = [...(check?.profiles ?? ['rfc'])];
    return isCustom(check) ? [CUSTOM_VERDICT, ...listed.filter((n) => n !== 'rfc')] : listed;
  };
  /** IdP profiles with per-profile (lifecycle) checks are judged by those alone; others by what counts against them. */
  const perProfileNames = new Set(
    catalogue.filter((c) => c.perProfile).flatMap((c) => (c.profiles ? [...c.profiles] : names)),
  );
  const isOwn = (name: string, r: CheckResult): boolean => {
    if (name !== 'rfc' && name !== CUSTOM_VERDICT && perProfileNames.has(name))
      return r.profile === name && checks.get(r.id)?.perProfile === true;
    return countsAgainst(r).includes(name);
  };

  const byKey = indexResults(results);
  const verdicts: Record<string, ProfileVerdict> = {};
  for (const name of names) {
    const own = results.filter((r) => isOwn(name, r));
    const decided = own.filter(
      (r) => DECISIVE.has(r.outcome) || (r.outcome === 'blocked' && rootOf(r, byKey) !== undefined),
    );
    verdicts[name] =
      decided.length > 0
        ? { judged: true, compatible: true, failed: [] }
        : { judged: false, reason: notJudgedReason(name, own), compatible: false, failed: [] };
  }
  for (const r of results) {
    if (!gates(r.level, threshold)) continue;
    let failedId: string | undefined;
    if (r.outcome === 'fail' || r.outcome === 'error') failedId = r.id;
    else if (r.outcome === 'blocked') failedId = rootOf(r, byKey)?.id;
    if (failedId === undefined) continue;
    for (const name of countsAgainst(r)) {
      const v = verdicts[name];
      if (!v?.judged) continue;
      v.compatible = false;
      if (!v.failed.includes(failedId)) v.failed.push(failedId);
    }
  }
  return verdicts;
}

function notJudgedReason(name: string, own: readonly CheckResult[]): string {
  const whose = name === 'rfc' ? 'no RFC check' : `none of its own checks`;
  if (own.length === 0) return `${whose} ran: filtered out by --suite/--check`;
  const skipped = own.filter((r) => r.outcome === 'skip');
  if (skipped.length === own.length) {
    const first = skipped[0]?.message ?? 'not advertised';
    return `all ${own.length} of its checks were skipped: ${first}`;
  }
  const blocked = own.filter((r) => r.outcome === 'blocked').length;
  const inconclusive = own.filter((r) => r.outcome === 'inconclusive').length;
  const parts = [
    blocked > 0 ? `${blocked} blocked` : '',
    inconclusive > 0 ? `${inconclusive} inconclusive` : '',
    skipped.length > 0 ? `${skipped.length} skipped` : '',
  ].filter(Boolean);
  return `no decisive result: ${parts.join(', ')}`;
}
