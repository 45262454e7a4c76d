/**
 * The gitlab flavour's configuration: which groups exist, their SCIM tokens and SAML settings, and the
 * GitLab users that exist before any IdP talks to the server (so linking, suffixes and owner rules can be reproduced).
 */
import { isObject, type JsonObject } from '../../protocol/json.js';

type Role = 'guest' | 'reporter' | 'developer' | 'maintainer' | 'owner';
export type ExistingEmailPolicy = 'reject' | 'link';

/** GitLab access levels of the membership roles (GitLab `Gitlab::Access`). */
export const ACCESS_LEVELS: Record<Role, number> = {
  guest: 10,
  reporter: 20,
  developer: 30,
  maintainer: 40,
  owner: 50,
};
const ROLES = Object.keys(ACCESS_LEVELS) as Role[];

export interface SamlConfig {
  /** A disabled SAML provider still exists, but every list answers empty (§6). */
  enabled: boolean;
  defaultMembershipRole: Role;
  /** Enforced SSO only lets accounts with a linked SAML identity become members (§8). */
  enforceSso: boolean;
}

export interface GroupConfig {
  path: string;
  id?: number;
  name: string;
  /** Absent: a token is generated and announced in the banner. */
  token?: string;
  /** `false`: the group has no SAML provider, so every SCIM call answers 404 (§2). */
  saml: SamlConfig | false;
  allowedEmailDomains: string[];
  existingEmail: ExistingEmailPolicy;
}

interface MembershipConfig {
  group: string;
  role: Role;
  pendingDeletion: boolean;
}

interface IdentityConfig {
  group: string;
  externUid: string;
  active: boolean;
}

interface UserConfig {
  username: string;
  name: string;
  email: string;
  secondaryEmails: string[];
  memberships: MembershipConfig[];
  scimIdentities: IdentityConfig[];
  /** Groups where the account has a linked SAML identity (matters when SSO is enforced). */
  samlLinkedGroups: string[];
}

export interface GitlabConfig {
  /** Instance-wide Group SAML switch; off answers 403 to every SCIM call (§2 step 1). */
  groupSamlEnabled: boolean;
  groups: GroupConfig[];
  users: UserConfig[];
  /** Extra namespace paths that count as taken when usernames are generated. */
  namespaces: string[];
}

const GROUP_PATH = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

function fail(where: string, what: string): never {
  throw new TypeError(`${where} ${what}`);
}

function objectAt(value: unknown, where: string, known: readonly string[]): JsonObject {
  if (!isObject(value)) fail(where, 'must be an object');
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) fail(`${where}.${key}`, `is not a known field (known: ${known.join(', ')})`);
  }
  return value;
}

function stringAt(value: unknown, where: string, fallback?: string): string {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'string' || value.trim() === '') fail(where, 'must be a non-empty string');
  return value;
}

function boolAt(value: unknown, where: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') fail(where, 'must be true or false');
  return value;
}

function listAt<T>(value: unknown, where: string, item: (v: unknown, w: string) => T): T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail(where, 'must be a list');
  return value.map((v, i) => item(v, `${where}[${i}]`));
}

function roleAt(value: unknown, where: string, fallback: Role): Role {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !ROLES.includes(value as Role))
    fail(where, `must be one of ${ROLES.join(', ')}`);
  return value as Role;
}

function groupPathAt(value: unknown, where: string): string {
  const path = stringAt(value, where);
  if (!GROUP_PATH.test(path)) fail(where, 'must be a top-level group path ([A-Za-z0-9_.-], no slash)');
  return path;
}

function parseSaml(value: unknown, where: string): SamlConfig | false {
  if (value === false) return false;
  const saml = objectAt(value ?? {}, where, ['enabled', 'defaultMembershipRole', 'enforceSso']);
  return {
    enabled: boolAt(saml.enabled, `${where}.enabled`, true),
    defaultMembershipRole: roleAt(saml.defaultMembershipRole, `${where}.defaultMembershipRole`, 'guest'),
    enforceSso: boolAt(saml.enforceSso, `${where}.enforceSso`, false),
  };
}

function parseGroup(value: unknown, where: string): GroupConfig {
  const g = objectAt(value, where, [
    'path',
    'id',
    'name',
    'token',
    'saml',
    'allowedEmailDomains',
    'existingEmail',
  ]);
  const path = groupPathAt(g.path, `${where}.path`);
  if (g.id !== undefined && !(Number.isSafeInteger(g.id) && (g.id as number) > 0)) {
    fail(`${where}.id`, 'must be a positive integer');
  }
  if (g.existingEmail !== undefined && g.existingEmail !== 'reject' && g.existingEmail !== 'link') {
    fail(`${where}.existingEmail`, 'must be "reject" or "link"');
  }
  return {
    path,
    ...(g.id !== undefined ? { id: g.id as number } : {}),
    name: stringAt(g.name, `${where}.name`, path),
    ...(g.token !== undefined ? { token: stringAt(g.token, `${where}.token`) } : {}),
    saml: parseSaml(g.saml, `${where}.saml`),
    allowedEmailDomains: listAt(g.allowedEmailDomains, `${where}.allowedEmailDomains`, (v, w) =>
      stringAt(v, w).toLowerCase(),
    ),
    existingEmail: (g.existingEmail as ExistingEmailPolicy | undefined) ?? 'reject',
  };
}

function parseUser(value: unknown, where: string): UserConfig {
  const u = objectAt(value, where, [
    'username',
    'name',
    'email',
    'secondaryEmails',
    'memberships',
    'scimIdentities',
    'samlLinkedGroups',
  ]);
  const username = stringAt(u.username, `${where}.username`);
  return {
    username,
    name: stringAt(u.name, `${where}.name`, username),
    email: stringAt(u.email, `${where}.email`),
    secondaryEmails: listAt(u.secondaryEmails, `${where}.secondaryEmails`, stringAt),
    memberships: listAt(u.memberships, `${where}.memberships`, (v, w) => {
      const m = objectAt(v, w, ['group', 'role', 'pendingDeletion']);
      return {
        group: stringAt(m.group, `${w}.group`),
        role: roleAt(m.role, `${w}.role`, 'guest'),
        pendingDeletion: boolAt(m.pendingDeletion, `${w}.pendingDeletion`, false),
      };
    }),
    scimIdentities: listAt(u.scimIdentities, `${where}.scimIdentities`, (v, w) => {
      const s = objectAt(v, w, ['group', 'externUid', 'active']);
      return {
        group: stringAt(s.group, `${w}.group`),
        externUid: stringAt(s.externUid, `${w}.externUid`),
        active: boolAt(s.active, `${w}.active`, true),
      };
    }),
    samlLinkedGroups: listAt(u.samlLinkedGroups, `${where}.samlLinkedGroups`, stringAt),
  };
}

/** Validates an already-parsed JSON/YAML config; throws a TypeError naming the first bad field. */
export function parseGitlabConfig(raw: unknown): GitlabConfig {
  const c = objectAt(raw, 'config', ['groupSamlEnabled', 'groups', 'users', 'namespaces']);
  const config: GitlabConfig = {
    groupSamlEnabled: boolAt(c.groupSamlEnabled, 'config.groupSamlEnabled', true),
    groups: listAt(c.groups, 'config.groups', parseGroup),
    users: listAt(c.users, 'config.users', parseUser),
    namespaces: listAt(c.namespaces, 'config.namespaces', stringAt),
  };
  checkReferences(config);
  return config;
}

/** Parses one `--group PATH:TOKEN` value. */
export function parseGroupSpec(spec: string, where: string): { path: string; token: string } {
  const colon = spec.indexOf(':');
  if (colon <= 0 || colon === spec.length - 1) fail(where, 'must look like PATH:TOKEN');
  return { path: groupPathAt(spec.slice(0, colon), `${where} path`), token: spec.slice(colon + 1) };
}

function checkReferences(config: GitlabConfig): void {
  const paths = new Set<string>();
  const ids = new Set<number>();
  config.groups.forEach((g, i) => {
    if (paths.has(g.path.toLowerCase())) fail(`config.groups[${i}].path`, `repeats group ${g.path}`);
    paths.add(g.path.toLowerCase());
    if (g.id !== undefined) {
      if (ids.has(g.id)) fail(`config.groups[${i}].id`, `repeats id ${g.id}`);
      ids.add(g.id);
    }
  });
  const usernames = new Set<string>();
  config.users.forEach((u, i) => {
    const where = `config.users[${i}]`;
    if (usernames.has(u.username.toLowerCase())) fail(`${where}.username`, `repeats ${u.username}`);
    usernames.add(u.username.toLowerCase());
    const refs: [string, string][] = [
      ...u.memberships.map((m, j): [string, string] => [`${where}.memberships[${j}].group`, m.group]),
      ...u.scimIdentities.map((s, j): [string, string] => [`${where}.scimIdentities[${j}].group`, s.group]),
      ...u.samlLinkedGroups.map((g, j): [string, string] => [`${where}.samlLinkedGroups[${j}]`, g]),
    ];
    for (const [w, group] of refs) {
      if (!paths.has(group.toLowerCase())) fail(w, `names unknown group ${group}`);
    }
  });
}
