/**
 * GitLab's `AttributeTransform::MAPPINGS` and `ValueParser` (§6, §9): the only SCIM attribute names the
 * group API understands (case-sensitive), and how their values are cast.
 */

export type GitlabKey = 'extern_uid' | 'name' | 'email' | 'active' | 'username';

export const MAPPINGS: ReadonlyMap<string, GitlabKey> = new Map<string, GitlabKey>([
  ['id', 'extern_uid'],
  ['displayName', 'name'],
  ['name.formatted', 'name'],
  ['emails[type eq "work"].value', 'email'],
  ['active', 'active'],
  ['externalId', 'extern_uid'],
  ['userName', 'username'],
]);

/** Strings lose every `"` and become booleans when they spell true/false in any case; other values pass. */
export function castValue(input: unknown): unknown {
  if (typeof input !== 'string') return input;
  const unquoted = input.replace(/"/g, '');
  const lower = unquoted.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  return unquoted;
}
