/**
 * Selection of checks by id, suite name or `prefix*` pattern; unknown names are a usage error.
 * @module
 */
import { HarnessError } from '../errors.js';
import type { AnyCheck, SuiteDefinition } from '../model/index.js';

/** Every check of `suites` in catalogue order, filtered by `only` (ids, suite names, or `users.*`). */
export function selectChecks(suites: readonly SuiteDefinition[], only?: readonly string[]): AnyCheck[] {
  const all: AnyCheck[] = [];
  const seen = new Set<string>();
  for (const suite of suites) {
    for (const check of suite.checks) {
      if (seen.has(check.id)) throw new HarnessError('HARNESS_BUG', `check id ${check.id} is defined twice`);
      seen.add(check.id);
      all.push(check);
    }
  }
  if (!only || only.length === 0) return all;
  const suiteNames = new Set(suites.map((s) => s.name));
  const unknown = only.filter((name) => {
    if (name.endsWith('*')) return !all.some((c) => c.id.startsWith(name.slice(0, -1)));
    return !seen.has(name) && !suiteNames.has(name);
  });
  if (unknown.length > 0) {
    throw new HarnessError(
      'USAGE',
      `unknown check or suite: ${unknown.join(', ')} (see \`scimulator list checks\`)`,
    );
  }
  const wanted = (check: AnyCheck) =>
    only.some((name) =>
      name.endsWith('*') ? check.id.startsWith(name.slice(0, -1)) : name === check.id || name === check.suite,
    );
  return all.filter(wanted);
}
