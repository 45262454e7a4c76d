/**
 * The run's plan: which (check, profile) pairs run, prerequisites (`dependsOn`) first.
 * @module
 */
import { HarnessError } from '../errors.js';
import type { AnyCheck, ProfileInfo } from '../model/index.js';

export const RFC_PROFILE: ProfileInfo = { name: 'rfc', data: {} };

export interface PlannedRun {
  check: AnyCheck;
  profile: ProfileInfo;
}

/**
 * Which (check, profile) pairs run: per-profile checks once per selected profile they name; the others once,
 * when one of the verdicts they count against is on (`rfc` always is), so `gitlab` checks need `--profile gitlab`.
 */
export function plan(checks: readonly AnyCheck[], profiles: readonly ProfileInfo[]): PlannedRun[] {
  const rfc = profiles.find((p) => p.name === 'rfc') ?? RFC_PROFILE;
  const verdicts = new Set(['rfc', ...profiles.map((p) => p.name)]);
  const runs: PlannedRun[] = [];
  for (const check of checks) {
    if (check.perProfile) {
      for (const profile of profiles) {
        if (!check.profiles || check.profiles.includes(profile.name)) runs.push({ check, profile });
      }
    } else if ((check.profiles ?? ['rfc']).some((name) => verdicts.has(name))) {
      runs.push({ check, profile: rfc });
    }
  }
  return runs;
}

/**
 * Every `dependsOn` id names a check of the catalogue and no check depends on itself through others; either
 * mistake is ours (or the check author's), so it is a HARNESS_BUG before any request. A run over part of the
 * catalogue (`allowAbsent`) treats a prerequisite outside it as unselected; only a cycle stops it.
 */
export function validateDependencies(
  catalogue: readonly AnyCheck[],
  { allowAbsent = false }: { allowAbsent?: boolean } = {},
): void {
  const byId = new Map(catalogue.map((c) => [c.id, c]));
  for (const check of catalogue) {
    const unknown = (check.dependsOn ?? []).filter((id) => !byId.has(id));
    if (unknown.length > 0 && !allowAbsent)
      throw new HarnessError('HARNESS_BUG', `${check.id} depends on unknown check(s): ${unknown.join(', ')}`);
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (check: AnyCheck, path: readonly string[]): void => {
    const seen = state.get(check.id);
    if (seen === 'done') return;
    if (seen === 'visiting')
      throw new HarnessError('HARNESS_BUG', `dependsOn cycle: ${[...path, check.id].join(' → ')}`);
    state.set(check.id, 'visiting');
    for (const id of check.dependsOn ?? []) {
      const prerequisite = byId.get(id);
      if (prerequisite) visit(prerequisite, [...path, check.id]);
    }
    state.set(check.id, 'done');
  };
  for (const check of catalogue) visit(check, []);
}

/**
 * The checks in a stable topological order: each check after the selected checks it depends on, otherwise in
 * catalogue order (the earliest ready check goes next). Unselected prerequisites are simply absent.
 */
export function orderByDependencies(checks: readonly AnyCheck[]): AnyCheck[] {
  const selected = new Set(checks.map((c) => c.id));
  const placed = new Set<string>();
  const pending = [...checks];
  const ordered: AnyCheck[] = [];
  while (pending.length > 0) {
    const index = pending.findIndex((c) =>
      (c.dependsOn ?? []).every((id) => placed.has(id) || !selected.has(id) || id === c.id),
    );
    // A cycle is caught by validateDependencies; keep catalogue order rather than loop forever.
    const [next] = pending.splice(index >= 0 ? index : 0, 1);
    if (!next) break;
    placed.add(next.id);
    ordered.push(next);
  }
  return ordered;
}
