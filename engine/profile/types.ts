/**
 * The shape of an IdP profile (profiles/*.yaml, validated against profiles/profile.schema.json):
 * everything the lifecycle replay needs to speak one IdP's dialect, as data. The engine reads these
 * fields and never the profile's name (house style §2.4).
 * @module
 */

/** How a step is known: documented by the vendor, observed in real traffic, or inferred (docs/idp/<idp>.md). */
export type Evidence = 'D' | 'O' | 'I';

/** The fixed vocabulary of lifecycle steps a profile can list, in the order its IdP sends them. */
export const STEP_ACTIONS = [
  'probe-absent-user',
  'probe-user-list',
  'probe-absent-group',
  'probe-group-list',
  'match-user',
  'create-user',
  'read-user',
  'match-precise',
  'duplicate-create',
  'update-user',
  'deactivate-user',
  'find-disabled-user',
  'reactivate-user',
  'match-group',
  'create-group',
  'add-members',
  'remove-member',
  'rename-group',
  'delete-group',
  'delete-user',
  'match-user-alternate',
  'set-manager',
  'update-existing-user',
  'patch-update-user',
  'import-users',
  'read-group',
  'sync-members',
  'push-members',
] as const;

export type StepAction = (typeof STEP_ACTIONS)[number];

export interface ProfileStep {
  action: StepAction;
  /** Source key(s) of docs/idp/<idp>.md (Sources), e.g. `S1` or `O1, O4`. */
  source: string;
  evidence: Evidence;
  note?: string;
}

export interface ProfilePhase {
  name: string;
  steps: ProfileStep[];
}

export interface ProfileHeaders {
  /** Content-Type of requests with a body. */
  contentType: string;
  /** Accept header; absent = the transport's default. */
  accept?: string;
  userAgent?: string;
  extra?: Record<string, string>;
}

export interface ProfileQuery {
  /** How a space inside a query value is written: form style `+` or RFC 3986 `%20`. */
  spaceEncoding: '+' | '%20';
  /** Append `&` after the last query parameter (OneLogin). */
  trailingAmpersand: boolean;
  /** Send `PUT /Users/{id}?` with an empty query (OneLogin). */
  bareQuestionMarkOnPut: boolean;
  /** Pre-encoded parameters appended after the user match filter, e.g. `startIndex=1&count=100`. */
  matchExtras?: string;
  /** Pre-encoded parameters put before the filter of group queries, e.g. `excludedAttributes=members`. */
  groupMatchPrefix?: string;
  /** Pre-encoded parameters appended after the group match filter. */
  groupMatchExtras?: string;
  /** Query of the connection-test user list (`probe-user-list`), e.g. `startIndex=1&count=2`. */
  userListProbe?: string;
  /** Query of the connection-test group list (`probe-group-list`). */
  groupListProbe?: string;
  /** Page size of an import (`import-users`): pages of `count` walked by `startIndex` up to totalResults. */
  importPageSize?: number;
  /** Pre-encoded parameters of group reads once the group exists (`read-group`), e.g. `excludedAttributes=members`. */
  groupReadQuery?: string;
}

export interface ProfileUser {
  /** `schemas` of the POSTed user. */
  schemas: string[];
  /** `emails` as the RFC's array, or as one object (OneLogin's Enterprise template). */
  emailsAs: 'array' | 'object';
  /** SCIM attribute path ← source field of the synthetic directory user (see SOURCE_FIELDS). */
  mapping: Record<string, string>;
  /** The SCIM attribute the IdP filters on to find the user (matching precedence 1). */
  matching: string;
  /** Further matching attributes, queried in precedence order when the ones before found nothing. */
  alternateMatching?: string[];
  /** Literal attributes added to every POST (e.g. `groups: []`, `roles: []`). */
  extra?: Record<string, unknown>;
  /** Send a random `password` on create (Okta). */
  sendPassword: boolean;
  /** Source fields the update step changes; their mapped SCIM attributes form the diff. */
  updateFields: string[];
  /** What a full PUT starts from: the SP's last representation (read first) or the IdP's own template. */
  putBase: 'last-representation' | 'template';
}

export interface ProfileGroup {
  schemas: string[];
  /** `members` on the group POST: left out (Entra) or an empty list (Okta). */
  createMembers: 'omit' | 'empty';
  /** Send the directory's `externalId` on the group POST (default true; Okta's documented body has none). */
  sendExternalId?: boolean;
  extra?: Record<string, unknown>;
}

export interface ProfilePatch {
  /** `Replace` (Entra legacy) or `replace`. */
  opCase: 'lower' | 'Capitalised';
  /** How boolean values travel: JSON, `"True"/"False"`, or `"true"/"false"`. */
  booleans: 'json' | 'string-capitalised' | 'string-lower';
  /** Attribute updates: one op per attribute with a path, or one path-less replace with dotted/URN keys (or nested objects). */
  style: 'per-attribute' | 'pathless' | 'pathless-nested';
  /** `active` changes: `path: "active"`, or a path-less `{active: …}` value. */
  activeStyle: 'path' | 'pathless';
  /** Member objects of an add: `$ref: null` (Entra) and/or `display` (Okta). */
  memberAdd: { ref: boolean; display: boolean };
  /** Member removal: `path: "members"` with a value list (Entra legacy) or `members[value eq "id"]`. */
  memberRemove: 'value-list' | 'filter-path';
  /** Membership changes as one op listing every member (default) or one op per member (authentik). */
  memberBatch?: 'one-op' | 'op-per-member';
  /** Group rename: `path: "displayName"`, a path-less `{id, displayName}` (Okta), or the whole group path-less (authentik). */
  rename: 'path' | 'pathless-with-id' | 'pathless-resource';
  /** The manager reference update (`set-manager`): the attribute path and whether the value is the bare id or `{value}`. */
  manager?: { path: string; value: 'string' | 'object' };
  /** The op of an update that sets attributes on a user found by the match (`update-existing-user`). */
  setOp?: 'add' | 'replace';
}

export interface ProfileResponses {
  /** Statuses accepted for a filter that finds nothing (a 200 must then be an empty ListResponse). */
  zeroHitAccepted: number[];
  createStatus: number[];
  /** Answer to the user update (PATCH or PUT). */
  updateStatus: number[];
  /** Answer to a user PATCH of `active` (or the PUT that carries it). */
  activeStatus: number[];
  deleteStatus: number[];
  groupCreateStatus: number[];
  groupPatchStatus: number[];
  groupDeleteStatus: number[];
  /** JSON pointers that must be present in returned users (e.g. `/name/givenName`). */
  userRequired: string[];
  /** ListResponse paging fields must be JSON integers. */
  integerPaging: boolean;
  /** Media types the IdP accepts on responses with a body (absent: not judged). */
  contentTypes?: string[];
}

/** How the IdP retries a refused request (per attempt, not per cycle). */
export interface ProfileRetry {
  /** Statuses the IdP retries. */
  statuses: number[];
  /** Attempts in all, the first included. */
  attempts: number;
  /** Wait the Retry-After seconds when the answer carries one (capped by maxWaitSeconds). */
  retryAfter: boolean;
  /** Longest wait the replay spends on one retry. */
  maxWaitSeconds: number;
}

/** The throughput an IdP publishes as the least a SCIM endpoint must sustain, judged by `scimulator load`. */
export interface ProfileThroughput {
  /** Good answers per second the endpoint must sustain over the whole initial sync. */
  minRequestsPerSecond: number;
  /** Largest share of failed requests that still counts as sustained (0.01 = 1%). */
  maxErrorRate: number;
  /** Source key of the statement in docs/idp/<idp>.md (Sources). */
  source: string;
  evidence: Evidence;
}

export interface ProfileFeatures {
  /** Group provisioning switched on: group probes and group phases run. */
  groups: boolean;
  /** Attribute updates switched on ("Update User Attributes"). */
  updateUsers: boolean;
  /** Imports switched on (Okta "Import Users"; default on when the profile lists the step). */
  importUsers?: boolean;
}

/** A validated, variant-resolved profile. */
export interface ProfileData {
  name: string;
  title: string;
  variantOf?: string;
  description?: string;
  /** How well the profile is evidenced as a whole; `thin` when it is mostly inferred. */
  confidence?: 'solid' | 'partial' | 'thin';
  headers: ProfileHeaders;
  query: ProfileQuery;
  user: ProfileUser;
  group: ProfileGroup;
  patch: ProfilePatch;
  updateMethod: 'patch' | 'put';
  deprovision: 'patch-active' | 'put-active' | 'delete';
  reactivate: 'patch-active' | 'put-active' | 'none';
  responses: ProfileResponses;
  features: ProfileFeatures;
  /** Retry and pacing of refused requests; absent = never retried. */
  retry?: ProfileRetry;
  /** The IdP's published throughput expectation; absent = the IdP publishes none and load is not judged. */
  throughput?: ProfileThroughput;
  phases: ProfilePhase[];
  /** Source key → citation, as in docs/idp/<idp>.md (Sources). */
  sources?: Record<string, string>;
}

/** Group steps, switched off with `features.groups`: every step is named after what it touches. */
const GROUP_ACTIONS: ReadonlySet<StepAction> = new Set(STEP_ACTIONS.filter((a) => /group|member/.test(a)));

const UPDATE_ACTIONS: ReadonlySet<StepAction> = new Set([
  'update-user',
  'patch-update-user',
  'update-existing-user',
  'set-manager',
]);

/** The steps the profile's switches leave on, in order, with the phase each belongs to. */
export function activeSteps(profile: ProfileData): Array<ProfileStep & { phase: string }> {
  const out: Array<ProfileStep & { phase: string }> = [];
  for (const phase of profile.phases) {
    for (const step of phase.steps) {
      if (!profile.features.groups && GROUP_ACTIONS.has(step.action)) continue;
      if (!profile.features.updateUsers && UPDATE_ACTIONS.has(step.action)) continue;
      if (profile.features.importUsers === false && step.action === 'import-users') continue;
      out.push({ ...step, phase: phase.name });
    }
  }
  return out;
}

/** The first active step with `action`, or undefined when the profile's IdP does not send it. */
export function stepFor(
  profile: ProfileData,
  action: StepAction,
): (ProfileStep & { phase: string }) | undefined {
  return activeSteps(profile).find((s) => s.action === action);
}

/** True when `data` looks like a resolved lifecycle profile (and not, say, the plain `rfc` profile). */
export function isProfileData(data: unknown): data is ProfileData {
  return (
    typeof data === 'object' &&
    data !== null &&
    Array.isArray((data as { phases?: unknown }).phases) &&
    typeof (data as { patch?: unknown }).patch === 'object'
  );
}
