/**
 * The one profile list of a run: every name `scimulator list profiles` prints, the verdict names checks
 * count against (`gitlab`), profile files and `defineProfile` modules, and profiles already loaded.
 * @module
 */
import { HarnessError } from '../../engine/errors.js';
import { isProfileModule, loadProfileModule } from '../../engine/loader/index.js';
import type { ProfileInfo } from '../../engine/model/index.js';
import { RFC_PROFILE } from '../../engine/runner/index.js';
import {
  DEFAULT_PROFILES,
  loadProfileFile,
  resolveProfile,
  shippedProfileNames,
  toProfileInfo,
} from '../../profiles/index.js';
import { SUITES } from '../../suites/index.js';
import { didYouMean } from '../../engine/config/suggest.js';

/**
 * Names that label a verdict without a dialect of their own: `rfc`, and every profile a built-in check
 * names (`gitlab`); a check in the catalogue counts against it.
 */
function verdictNames(): string[] {
  const names = new Set([
    RFC_PROFILE.name,
    ...SUITES.flatMap((s) => s.checks.flatMap((c) => c.profiles ?? [])),
  ]);
  return [...names].sort();
}

/** Every profile name a run accepts: the shipped profiles and the verdict names. */
export function knownProfileNames(): string[] {
  return [...new Set([...shippedProfileNames(), ...verdictNames()])];
}

/** A profile entry naming a YAML/JSON file rather than a profile (profiles/ resolveProfile's rule). */
function isProfilePath(spec: string): boolean {
  return /[\\/]|\.(ya?ml|json)$/i.test(spec);
}

/** A profile loaded in code (`{ name, data }`), as `run({ profiles: [...] })` may pass it. */
export function isProfileInfo(value: unknown): value is ProfileInfo {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ProfileInfo).name === 'string' &&
    typeof (value as ProfileInfo).data === 'object' &&
    (value as ProfileInfo).data !== null
  );
}

/**
 * Profiles from names, files and loaded profiles; none: DEFAULT_PROFILES. An unknown name is USAGE with the
 * closest known name; a broken file is CONFIG_INVALID naming the file.
 */
export async function resolveProfiles(
  specs: ReadonlyArray<string | ProfileInfo>,
  transpileOnly: boolean,
): Promise<ProfileInfo[]> {
  if (specs.length === 0) return resolveProfiles(DEFAULT_PROFILES, transpileOnly);
  const shipped = shippedProfileNames();
  const verdicts = new Set(verdictNames());
  const profiles: ProfileInfo[] = [];
  for (const spec of specs) {
    if (typeof spec !== 'string') profiles.push(spec);
    else if (isProfileModule(spec))
      profiles.push(
        toProfileInfo(
          (await loadProfileModule(spec, { transpileOnly, loadDataFile: loadProfileFile })).profile,
        ),
      );
    else if (shipped.includes(spec) || isProfilePath(spec))
      profiles.push(toProfileInfo(resolveProfile(spec)));
    else if (verdicts.has(spec))
      profiles.push(spec === RFC_PROFILE.name ? RFC_PROFILE : { name: spec, data: {} });
    else {
      const known = knownProfileNames();
      throw new HarnessError(
        'USAGE',
        `unknown profile "${spec}"${didYouMean(spec, known)} (see \`scimulator list profiles\`: ${known.join(', ')})`,
      );
    }
  }
  return profiles;
}
