/**
 * `defineProfile`: the typed way to write an IdP profile in TypeScript. It takes the shape the
 * profile loader returns for YAML/JSON files (`ProfileData`), or a variant of a shipped profile.
 * @module
 */
import type { ProfileData } from '../profile/index.js';

/** Every property optional, recursively; arrays and records are replaced whole by a variant. */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/**
 * A variant of a shipped profile (`variantOf: 'okta'`): objects merge key by key, anything else
 * (arrays included) replaces the base value, `null` removes a key (as in variant YAML files).
 */
export type ProfileVariant = { name: string; variantOf: string } & {
  [K in Exclude<keyof ProfileData, 'name' | 'variantOf'>]?: DeepPartial<ProfileData[K]> | null;
};

/** What a profile module exports: a complete profile or a variant of a shipped one. */
export type ProfileDefinition = ProfileData | ProfileVariant;

/** Identity helper that type-checks a profile; the loader validates it like a YAML profile. */
export function defineProfile(profile: ProfileData): ProfileData;
export function defineProfile(profile: ProfileVariant): ProfileVariant;
export function defineProfile(profile: ProfileDefinition): ProfileDefinition {
  return profile;
}
