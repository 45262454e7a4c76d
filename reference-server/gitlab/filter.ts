/**
 * `GET /Users` search (§6): GitLab splits the filter on whitespace, keeps three tokens, accepts only
 * `eq` and only searches by extern uid or username (which falls back to e-mail).
 */
import { gitlabError } from './errors.js';
import { MAPPINGS, castValue } from './mappings.js';
import type { GitlabStore, Group, ScimIdentity, User } from './store.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const unsupported = (): Error => gitlabError.rejected('Unsupported Filter');

function findUser(store: GitlabStore, value: string): User | undefined {
  const byUsername = store.userByUsername(value);
  if (byUsername) return byUsername;
  if (!EMAIL.test(value)) return undefined;
  return store.userByAnyEmail(value) ?? store.userByUsername(value.slice(0, value.indexOf('@')));
}

/** Identities of the group matching `filter` (all of them when it is blank), in creation order. */
export function searchIdentities(store: GitlabStore, group: Group, filter: unknown): ScimIdentity[] {
  if (group.saml && !group.saml.enabled) return [];
  if (filter === undefined || filter === null || (typeof filter === 'string' && filter.trim() === '')) {
    return store.identitiesOf(group.id);
  }
  if (typeof filter !== 'string') throw unsupported();
  const [attribute = '', operator, rawValue = ''] = filter.trim().split(/\s+/);
  const key = MAPPINGS.get(attribute);
  if (operator !== 'eq' || key === undefined) throw unsupported();
  const value = castValue(rawValue);
  if (typeof value !== 'string') return [];
  if (key === 'extern_uid') {
    const identity = store.identityByUid(group.id, value);
    return identity ? [identity] : [];
  }
  if (key !== 'username') throw unsupported();
  const byUid = store.identityByUid(group.id, value);
  if (byUid) return [byUid];
  const user = findUser(store, value);
  const identity = user && store.identityOfUser(group.id, user.id);
  return identity ? [identity] : [];
}
