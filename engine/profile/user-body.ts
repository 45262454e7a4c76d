/**
 * User and group request bodies rendered from a profile's mapping and settings (docs/idp/entra-id.md,
 * okta.md, onelogin.md): what the IdP would POST or PUT for a directory user.
 * @module
 */
import { setAttribute } from './attribute-path.js';
import type { SourceUser } from './source-user.js';
import type { ProfileGroup, ProfileUser } from './types.js';
import type { JsonObject } from '../../protocol/json.js';

/** The SCIM attribute values the mapping produces for `source`, in mapping order (nulls are left out, S4). */
export function mappedValues(source: SourceUser, user: ProfileUser): Array<{ path: string; value: unknown }> {
  const out: Array<{ path: string; value: unknown }> = [];
  for (const [path, field] of Object.entries(user.mapping)) {
    const value = source[field];
    if (value === undefined || value === '') continue;
    out.push({ path, value });
  }
  return out;
}

/** The value the mapping puts at `path` for `source`, e.g. the matching attribute's value. */
export function mappedValue(source: SourceUser, user: ProfileUser, path: string): unknown {
  const field = user.mapping[path];
  return field === undefined ? undefined : source[field];
}

/** Sets every mapped attribute of `body` to the source user's value. */
function setMapped(body: JsonObject, source: SourceUser, user: ProfileUser): JsonObject {
  for (const { path, value } of mappedValues(source, user)) setAttribute(body, path, value);
  return body;
}

/** `emails` as one object instead of a list when the profile says `user.emailsAs: object`. */
function emailsAsConfigured(body: JsonObject, user: ProfileUser): JsonObject {
  if (user.emailsAs === 'object' && Array.isArray(body['emails'])) body['emails'] = body['emails'][0];
  return body;
}

/** The POST body of a user, as the IdP renders it. */
export function renderUser(source: SourceUser, user: ProfileUser, password?: string): JsonObject {
  const body = setMapped({ schemas: [...user.schemas] }, source, user);
  for (const [key, value] of Object.entries(user.extra ?? {})) body[key] = structuredClone(value);
  if (user.sendPassword && password !== undefined) body['password'] = password;
  return emailsAsConfigured(body, user);
}

/**
 * A full-replace body: `base` (the SP's last representation, or the IdP's own template) with every mapped
 * attribute set to the source's current values and `active` as given.
 */
export function renderUserReplacement(
  base: JsonObject,
  source: SourceUser,
  user: ProfileUser,
  active: boolean,
): JsonObject {
  const body = setMapped(structuredClone(base), source, user);
  body['active'] = active;
  return emailsAsConfigured(body, user);
}

/** The attributes whose mapped value differs between two versions of the source user (the IdP's diff). */
export function changedAttributes(
  before: SourceUser,
  after: SourceUser,
  user: ProfileUser,
): Array<{ path: string; value: unknown }> {
  return mappedValues(after, user).filter(({ path, value }) => mappedValue(before, user, path) !== value);
}

/** The POST body of a group. */
export function renderGroup(displayName: string, externalId: string, group: ProfileGroup): JsonObject {
  const body: JsonObject = { schemas: [...group.schemas], displayName };
  if (group.sendExternalId !== false) body['externalId'] = externalId;
  if (group.createMembers === 'empty') body['members'] = [];
  for (const [key, value] of Object.entries(group.extra ?? {})) body[key] = structuredClone(value);
  return body;
}
