/**
 * How much of a profile verdict rests on documented behaviour: the lifecycle checks cite the step they
 * judge as `action [D|O|I] source` (suites/lifecycle/judge.ts), and an inferred step never decides.
 * Kept apart from computeVerdicts so the judged/not-judged rule and this count evolve separately.
 * @module
 */
import type { CheckResult } from '../model/index.js';

export interface VerdictEvidence {
  /** Checks that passed or failed on a documented step. */
  documented: number;
  /** Checks that passed or failed on a step seen in real traffic. */
  observed: number;
  /** Checks on inferred steps: reported, never decisive. */
  inferred: number;
}

/** The evidence tag a lifecycle result cites, e.g. `update-user [D] O1, O3` → `D`. */
const CITE = /\b[a-z][a-z-]* \[(D|O|I)\] /;

/** Evidence counts per profile, for the profiles whose results cite step evidence at all. */
export function verdictEvidence(results: readonly CheckResult[]): Record<string, VerdictEvidence> {
  const out: Record<string, VerdictEvidence> = {};
  for (const r of results) {
    const tag = CITE.exec(r.message ?? '')?.[1];
    if (tag === undefined) continue;
    const counted = r.outcome === 'pass' || r.outcome === 'fail' || (tag === 'I' && r.outcome === 'skip');
    if (!counted) continue;
    const e = (out[r.profile] ??= { documented: 0, observed: 0, inferred: 0 });
    if (tag === 'D') e.documented++;
    else if (tag === 'O') e.observed++;
    else e.inferred++;
  }
  return out;
}

/** Checks that can decide the verdict (documented or observed). */
export function decisiveChecks(evidence: VerdictEvidence): number {
  return evidence.documented + evidence.observed;
}

/** "18 documented checks, 2 observed, 4 inferred not decisive" for the verdict line. */
export function describeVerdictEvidence(evidence: VerdictEvidence): string {
  const parts = [`${evidence.documented} documented check${evidence.documented === 1 ? '' : 's'}`];
  if (evidence.observed > 0) parts.push(`${evidence.observed} observed`);
  if (evidence.inferred > 0) parts.push(`${evidence.inferred} inferred not decisive`);
  return parts.join(', ');
}
