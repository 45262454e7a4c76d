/**
 * The catalogue of a run and the selection within it: `suites` (names or your own suites), `checks` and
 * `only` (ids, suite names, `prefix*`), checked before the first request with a did-you-mean suggestion.
 * @module
 */
import { HarnessError } from '../../engine/errors.js';
import type { SuiteDefinition } from '../../engine/model/index.js';
import { selectChecks } from '../../engine/runner/index.js';
import { catalogue as builtInCatalogue, SUITES } from '../../suites/index.js';
import { didYouMean } from '../../engine/config/suggest.js';

export interface Selection {
  catalogue: SuiteDefinition[];
  only: string[] | undefined;
  /** User-written suites: their checks count against the `custom` verdict instead of `rfc`. */
  customSuites: string[];
}

function checkSuiteNames(names: readonly string[], suites: readonly SuiteDefinition[]): void {
  const suiteNames = new Set(suites.map((s) => s.name));
  const unknown = names.filter((s) => !suiteNames.has(s));
  if (unknown.length === 0) return;
  const hint = unknown.length === 1 ? didYouMean(unknown[0] ?? '', suiteNames) : '';
  throw new HarnessError(
    'USAGE',
    `unknown suite: ${unknown.join(', ')}${hint} (known: ${[...suiteNames].join(', ') || 'none'})`,
  );
}

function checkCheckNames(names: readonly string[], suites: readonly SuiteDefinition[]): void {
  const suiteNames = new Set(suites.map((s) => s.name));
  const ids = suites.flatMap((s) => s.checks.map((c) => c.id));
  for (const name of names) {
    const known = name.endsWith('*')
      ? ids.some((id) => id.startsWith(name.slice(0, -1)))
      : ids.includes(name) || suiteNames.has(name);
    if (known) continue;
    // A pattern is compared with the patterns that would match something: every dotted prefix of an id.
    const candidates = name.endsWith('*')
      ? new Set(
          ids.flatMap((id) =>
            id
              .split('.')
              .slice(0, -1)
              .map((_, i, parts) => `${parts.slice(0, i + 1).join('.')}.*`),
          ),
        )
      : [...ids, ...suiteNames];
    throw new HarnessError(
      'USAGE',
      `unknown check: ${name}${didYouMean(name, candidates)} (see \`scimulator list checks\`)`,
    );
  }
}

/**
 * The catalogue: the built-in suites (with the lifecycle suites of `customProfiles`), your suites passed as
 * objects (a built-in of the same name is replaced) and those loaded from check files. Suites passed as
 * objects alone, with no names, checks or files, run alone.
 */
export function resolveSelection(input: {
  suites: ReadonlyArray<string | SuiteDefinition>;
  checks: readonly string[];
  only: readonly string[];
  loadedSuites: readonly SuiteDefinition[];
  customProfiles: readonly string[];
}): Selection {
  const given = input.suites.filter((s): s is SuiteDefinition => typeof s !== 'string');
  const names = input.suites.filter((s): s is string => typeof s === 'string');
  const alone =
    given.length > 0 &&
    names.length === 0 &&
    input.checks.length === 0 &&
    input.only.length === 0 &&
    input.loadedSuites.length === 0;
  const own = [...given, ...input.loadedSuites];
  const builtIn = builtInCatalogue(input.customProfiles).filter((s) => !own.some((o) => o.name === s.name));
  const catalogue = alone ? given : [...builtIn, ...own];
  checkSuiteNames(names, catalogue);
  const checks = [...input.checks, ...input.only];
  checkCheckNames(checks, catalogue);
  // Suites passed as objects join the selection when something else narrows it (the union runs).
  const selection = [...names, ...(alone ? [] : given.map((s) => s.name)), ...checks];
  const narrowed = names.length > 0 || checks.length > 0;
  const only = narrowed ? selection : undefined;
  // Throws USAGE for anything the runner's own matcher does not accept.
  if (only) selectChecks(catalogue, only);
  return {
    catalogue,
    only,
    // A suite under a built-in name is the built-in one handed over again, not a user check.
    customSuites: own.filter((s) => !SUITES.some((b) => b.name === s.name)).map((s) => s.name),
  };
}
