/**
 * The flavour's GitLab-like data model in memory: groups, users, namespaces, SCIM identities and
 * memberships. Every lookup a request needs goes through an IndexedStore index, so it is O(1).
 */
import { IndexedStore, caseInsensitive } from '../core/index.js';
import type { ExistingEmailPolicy, SamlConfig } from './config.js';

export interface Group {
  id: number;
  path: string;
  name: string;
  /** sha256 of the SCIM token; the token itself is never kept. */
  tokenHash: Buffer;
  saml: SamlConfig | undefined;
  allowedEmailDomains: readonly string[];
  existingEmail: ExistingEmailPolicy;
}

export interface User {
  id: number;
  username: string;
  name: string;
  email: string;
  secondaryEmails: readonly string[];
  provisionedByGroupId: number | undefined;
  /** Groups where the account has a SAML identity (group_saml provider). */
  samlLinkedGroupIds: readonly number[];
}

export interface ScimIdentity {
  id: number;
  groupId: number;
  userId: number;
  externUid: string;
  active: boolean;
}

interface Membership {
  groupId: number;
  userId: number;
  accessLevel: number;
  /** A `Members::DeletionSchedule` exists: the async removal has not run yet. */
  pendingDeletion: boolean;
}

interface Namespace {
  id: string;
  path: string;
  name: string;
}

const OWNER = 50;
const pair = (groupId: number, other: number | string): string => `${groupId}\u0000${other}`;

export class GitlabStore {
  readonly #groups = new IndexedStore<Group, 'path'>({
    path: { keys: (g) => [g.path], normalise: caseInsensitive },
  });
  readonly #users = new IndexedStore<User, 'username' | 'email'>({
    username: { keys: (u) => [u.username], normalise: caseInsensitive },
    email: { keys: (u) => [u.email, ...u.secondaryEmails], normalise: caseInsensitive },
  });
  readonly #identities = new IndexedStore<ScimIdentity, 'uid' | 'member' | 'group'>({
    uid: { keys: (i) => [pair(i.groupId, i.externUid)], normalise: caseInsensitive },
    member: { keys: (i) => [pair(i.groupId, i.userId)] },
    group: { keys: (i) => [String(i.groupId)] },
  });
  readonly #memberships = new IndexedStore<Membership, 'group' | 'owner'>({
    group: { keys: (m) => [String(m.groupId)] },
    owner: { keys: (m) => (m.accessLevel >= OWNER ? [String(m.groupId)] : []) },
  });
  readonly #namespaces = new IndexedStore<Namespace, 'pathOrName'>({
    pathOrName: { keys: (n) => [n.path, n.name], normalise: caseInsensitive },
  });
  #nextUserId = 1;
  #nextIdentityId = 1;
  #nextNamespaceId = 1;

  addGroup(group: Group): void {
    this.#groups.set(String(group.id), group);
    this.#namespaces.set(`group:${group.id}`, {
      id: `group:${group.id}`,
      path: group.path,
      name: group.name,
    });
  }

  /** `find_group`: all digits is an id, anything else a full path (case-insensitive). */
  findGroup(param: string): Group | undefined {
    if (/^\d+$/.test(param)) return this.#groups.get(String(Number(param)));
    return this.#groups.firstBy('path', param);
  }

  groups(): Group[] {
    return [...this.#groups.values()];
  }

  addNamespace(path: string): void {
    const id = `ns:${this.#nextNamespaceId++}`;
    this.#namespaces.set(id, { id, path, name: path });
  }

  namespaceTaken(pathOrName: string): boolean {
    return this.#namespaces.hasOtherThan('pathOrName', pathOrName);
  }

  createUser(fields: Omit<User, 'id'>): User {
    const user: User = { id: this.#nextUserId++, ...fields };
    this.#users.set(String(user.id), user);
    // A user's personal namespace takes its username as path and its name as name.
    this.#namespaces.set(`user:${user.id}`, { id: `user:${user.id}`, path: user.username, name: user.name });
    return user;
  }

  user(id: number): User {
    const user = this.#users.get(String(id));
    if (!user) throw new Error(`user ${id} vanished`);
    return user;
  }

  userByUsername(username: string): User | undefined {
    return this.#users.firstBy('username', username);
  }

  /** `User.find_by_any_email`: primary or secondary, case-insensitive. */
  userByAnyEmail(email: string): User | undefined {
    return this.#users.firstBy('email', email);
  }

  identityByUid(groupId: number, externUid: string): ScimIdentity | undefined {
    return this.#identities.firstBy('uid', pair(groupId, externUid));
  }

  identityOfUser(groupId: number, userId: number): ScimIdentity | undefined {
    return this.#identities.firstBy('member', pair(groupId, userId));
  }

  /** All identities of a group in creation order, active or not, members or not (§6). */
  identitiesOf(groupId: number): ScimIdentity[] {
    return this.#identities.findBy('group', String(groupId)).sort((a, b) => a.id - b.id);
  }

  createIdentity(fields: Omit<ScimIdentity, 'id'>): ScimIdentity {
    const identity: ScimIdentity = { id: this.#nextIdentityId++, ...fields };
    this.#identities.set(String(identity.id), identity);
    return identity;
  }

  updateIdentity(identity: ScimIdentity, changes: Partial<Omit<ScimIdentity, 'id'>>): ScimIdentity {
    const next = { ...identity, ...changes };
    this.#identities.set(String(identity.id), next);
    return next;
  }

  membership(groupId: number, userId: number): Membership | undefined {
    return this.#memberships.get(pair(groupId, userId));
  }

  membershipsOf(groupId: number): Membership[] {
    return this.#memberships.findBy('group', String(groupId)).sort((a, b) => a.userId - b.userId);
  }

  addMembership(membership: Membership): void {
    this.#memberships.set(pair(membership.groupId, membership.userId), membership);
  }

  removeMembership(groupId: number, userId: number): void {
    this.#memberships.delete(pair(groupId, userId));
  }

  /** `Group#last_owner?`: the user owns the group and nobody else does. */
  isLastOwner(groupId: number, userId: number): boolean {
    const owners = this.#memberships.idsBy('owner', String(groupId));
    return owners.length === 1 && owners[0] === pair(groupId, userId);
  }
}
