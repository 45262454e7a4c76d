/**
 * Turns the library's CLI-shaped options (names of suites, checks and profiles) into what the runner takes.
 * @module
 */
import { HarnessError } from '../../engine/errors.js';
import type { ProfileInfo, SuiteDefinition } from '../../engine/model/index.js';
import { RFC_PROFILE, selectChecks } from '../../engine/runner/index.js';
import { DEFAULT_PROFILES, resolveProfile, toProfileInfo } from '../../profiles/index.js';
import { SUITES } from '../../suites/index.js';

/** The catalogue to run and the selection within it (`only`), as `--suite` and `--check` give them. */
export function resolveSelection(
  suites: readonly (string | SuiteDefinition)[] | undefined,
  checks: readonly string[] | undefined,
  only: readonly string[] | undefined,
): { catalogue: SuiteDefinition[]; only: string[] | undefined; customSuites: string[] } {
  const custom = (suites ?? []).filter((s): s is SuiteDefinition => typeof s !== 'string');
  const names = (suites ?? []).filter((s): s is string => typeof s === 'string');
  const customOnly = custom.length > 0 && names.length === 0 && (checks ?? []).length === 0;
  // Your own suites alone run alone; otherwise they join the built-in catalogue.
  const catalogue = customOnly
    ? custom
    : [...SUITES.filter((s) => !custom.some((c) => c.name === s.name)), ...custom];
  const known = new Set(catalogue.map((s) => s.name));
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length > 0) {
    throw new HarnessError(
      'USAGE',
      `unknown suite: ${unknown.join(', ')} (known: ${[...known].join(', ') || 'none'})`,
    );
  }
  const selection = [
    ...names,
    ...(customOnly ? [] : custom.map((s) => s.name)),
    ...(checks ?? []),
    ...(only ?? []),
  ];
  // Throws USAGE for unknown check ids before anything starts.
  if (selection.length > 0) selectChecks(catalogue, selection);
  return {
    catalogue,
    only: selection.length > 0 ? selection : undefined,
    // Suites passed as objects under a built-in name (the CLI hands over the catalogue) are not user checks.
    customSuites: custom.filter((s) => !SUITES.some((b) => b.name === s.name)).map((s) => s.name),
  };
}

/** `rfc`, a shipped profile name, a profile file path, or an already loaded profile; none: the defaults. */
export function resolveProfiles(profiles: readonly (string | ProfileInfo)[] | undefined): ProfileInfo[] {
  return (profiles && profiles.length > 0 ? profiles : DEFAULT_PROFILES).map((p) => {
    if (typeof p !== 'string') return p;
    if (p === RFC_PROFILE.name) return RFC_PROFILE;
    return toProfileInfo(resolveProfile(p));
  });
}
