/**
 * Which checks cite which requirement rows, and the coverage that gives per RFC and level.
 * @module
 */
import { isClientObservableMust, type RequirementLevel, type RequirementRow } from './parse-requirements.js';

/** What coverage needs of a check: its id and the rows its `requirements` field cites. */
interface CitingCheck {
  id: string;
  requirements?: readonly string[];
}

/** Row id → ids of the checks citing it (sorted, unique). */
export function citations(checks: readonly CitingCheck[]): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  for (const check of checks)
    for (const row of check.requirements ?? []) {
      let set = out.get(row);
      if (!set) out.set(row, (set = new Set()));
      set.add(check.id);
    }
  return new Map([...out].map(([row, ids]) => [row, [...ids].sort()]));
}

/** Cited row ids that name no row of the checklists (a typo or a removed row). */
export function unknownCitations(rows: readonly RequirementRow[], checks: readonly CitingCheck[]): string[] {
  const known = new Set(rows.map((r) => r.id));
  return checks.flatMap((c) =>
    (c.requirements ?? []).filter((id) => !known.has(id)).map((id) => `${c.id} → ${id}`),
  );
}

interface CoverageCell {
  /** Rows of this RFC and level. */
  rows: number;
  /** Of those, rows a client can observe (observable yes or partly, not client-side). */
  observable: number;
  /** Observable rows at least one check cites. */
  covered: number;
}

interface RfcCoverage {
  rfc: number;
  levels: Record<RequirementLevel, CoverageCell>;
  /** The headline figure: client-observable MUST/SHALL rows covered, as a fraction (1 when there are none). */
  mustCovered: number;
  mustObservable: number;
}

const LEVELS: RequirementLevel[] = ['MUST', 'SHOULD', 'MAY', 'DEFINED'];

/** Coverage per RFC and level; `cited` is the result of `citations`. */
export function coverage(
  rows: readonly RequirementRow[],
  cited: ReadonlyMap<string, readonly string[]>,
): RfcCoverage[] {
  const rfcs = [...new Set(rows.map((r) => r.rfc))].sort((a, b) => a - b);
  return rfcs.map((rfc) => {
    const levels = Object.fromEntries(
      LEVELS.map((l) => [l, { rows: 0, observable: 0, covered: 0 }]),
    ) as Record<RequirementLevel, CoverageCell>;
    let mustCovered = 0;
    let mustObservable = 0;
    for (const row of rows) {
      if (row.rfc !== rfc) continue;
      const cell = levels[row.level];
      cell.rows++;
      const observable = !row.client && row.observable !== 'no';
      const covered = (cited.get(row.id)?.length ?? 0) > 0;
      if (observable) cell.observable++;
      if (observable && covered) cell.covered++;
      if (isClientObservableMust(row)) {
        mustObservable++;
        if (covered) mustCovered++;
      }
    }
    return { rfc, levels, mustCovered, mustObservable };
  });
}

/** Percentage with one decimal, or "n/a" for an empty denominator. */
export function percent(part: number, whole: number): string {
  return whole === 0 ? 'n/a' : `${(Math.floor((part / whole) * 1000) / 10).toFixed(1)}%`;
}
