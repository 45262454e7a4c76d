/**
 * Builds the in-memory GitLab instance from the serve options: groups (config, `--group`, or the
 * generated `demo-group`), pre-existing users and namespaces, and `--seed-users` provisioned users.
 */
import { randomBytes } from 'node:crypto';
import type { ServeOptions } from '../flavour.js';
import {
  ACCESS_LEVELS,
  parseGitlabConfig,
  parseGroupSpec,
  type GitlabConfig,
  type GroupConfig,
} from './config.js';
import { addDefaultMembership } from './provisioning.js';
import { GitlabStore, type Group } from './store.js';
import { sha256 } from '../core/index.js';

const DEFAULT_SAML = { enabled: true, defaultMembershipRole: 'guest', enforceSso: false } as const;

/** `glsoat-` plus 20 URL-safe random characters, like a GitLab group SCIM token. */
function generateToken(): string {
  return `glsoat-${randomBytes(15).toString('base64url')}`;
}

interface World {
  store: GitlabStore;
  config: GitlabConfig;
  banner: string[];
  firstGroup: Group;
}

function defaultGroup(path: string, token?: string): GroupConfig {
  return {
    path,
    name: path,
    ...(token !== undefined ? { token } : {}),
    saml: { ...DEFAULT_SAML },
    allowedEmailDomains: [],
    existingEmail: 'reject',
  };
}

function mergeGroupSpecs(config: GitlabConfig, specs: readonly string[]): void {
  specs.forEach((spec, i) => {
    const { path, token } = parseGroupSpec(spec, `groups[${i}]`);
    const existing = config.groups.find((g) => g.path.toLowerCase() === path.toLowerCase());
    if (existing) existing.token = token;
    else config.groups.push(defaultGroup(path, token));
  });
}

export function buildWorld(options: ServeOptions): World {
  if (options.groups !== undefined && !Array.isArray(options.groups))
    throw new TypeError('groups must be a list');
  const config = parseGitlabConfig(options.config ?? {});
  mergeGroupSpecs(config, options.groups ?? []);
  if (config.groups.length === 0) config.groups.push(defaultGroup('demo-group'));
  const seedUsers = options.seedUsers ?? 0;
  if (!Number.isSafeInteger(seedUsers) || seedUsers < 0)
    throw new TypeError('seedUsers must be a non-negative integer');

  const store = new GitlabStore();
  const banner: string[] = [];
  const usedIds = new Set(config.groups.flatMap((g) => (g.id !== undefined ? [g.id] : [])));
  let nextId = 1;
  for (const g of config.groups) {
    let id = g.id;
    if (id === undefined) {
      while (usedIds.has(nextId)) nextId++;
      id = nextId;
      usedIds.add(id);
    }
    const token = g.token ?? generateToken();
    if (g.token === undefined) banner.push(`group ${g.path} token ${token}`);
    else banner.push(`group ${g.path} (id ${id}) uses the configured token`);
    store.addGroup({
      id,
      path: g.path,
      name: g.name,
      tokenHash: sha256(token),
      saml: g.saml === false ? undefined : g.saml,
      allowedEmailDomains: g.allowedEmailDomains,
      existingEmail: g.existingEmail,
    });
  }
  for (const path of config.namespaces) store.addNamespace(path);
  const groupOf = (path: string): Group => store.findGroup(path) as Group;
  for (const u of config.users) {
    const user = store.createUser({
      username: u.username,
      name: u.name,
      email: u.email,
      secondaryEmails: u.secondaryEmails,
      provisionedByGroupId: undefined,
      samlLinkedGroupIds: u.samlLinkedGroups.map((g) => groupOf(g).id),
    });
    for (const m of u.memberships) {
      store.addMembership({
        groupId: groupOf(m.group).id,
        userId: user.id,
        accessLevel: ACCESS_LEVELS[m.role],
        pendingDeletion: m.pendingDeletion,
      });
    }
    for (const s of u.scimIdentities) {
      store.createIdentity({
        groupId: groupOf(s.group).id,
        userId: user.id,
        externUid: s.externUid,
        active: s.active,
      });
    }
  }
  const firstGroup = groupOf((config.groups[0] as GroupConfig).path);
  seed(store, firstGroup, seedUsers);
  return { store, config, banner, firstGroup };
}

/** Deterministic provisioned users, as if an IdP had already pushed them. */
function seed(store: GitlabStore, group: Group, count: number): void {
  for (let n = 1; n <= count; n++) {
    const user = store.createUser({
      username: `seed.user${n}`,
      name: `Seed User${n}`,
      email: `seed.user${n}@example.com`,
      secondaryEmails: [],
      provisionedByGroupId: group.id,
      samlLinkedGroupIds: [group.id],
    });
    store.createIdentity({ groupId: group.id, userId: user.id, externUid: `seed-user-${n}`, active: true });
    addDefaultMembership(store, group, user.id);
  }
}
