/**
 * The load pattern of an IdP's initial sync: which query finds a user, what the POST and the group
 * requests look like, which headers go along. Rendered once, from an IdP profile (its query encoding,
 * headers, body mapping and PATCH dialect) or from the built-in plain RFC 7644 pattern, into string
 * templates with per-user markers, so a load run builds each request by splicing a number into a string
 * and the k6 export reproduces exactly the same bytes.
 * @module
 */
import {
  eqFilter,
  groupMatchQuery,
  guidFrom,
  mappedValue,
  memberAddPatch,
  profileHeaders,
  renderGroup,
  renderUser,
  stepFor,
  userMatchQuery,
  type ProfileData,
  type SourceUser,
} from '../profile/index.js';
import { SCIM_MEDIA_TYPE, URN } from '../../protocol/urns.js';
import type { ThroughputRequirement } from './verdict.js';

/** Replaced by the user's (or group's) number, e.g. `17`. */
export const N_MARK = '__N__';
/** Replaced by the number as 12 digits, the last group of a GUID (`…-000000000017`). */
export const G_MARK = '__G__';

/** A string with markers, split once so that rendering is a handful of concatenations. */
export class Template {
  readonly source: string;
  readonly #parts: string[];
  readonly #marks: Array<'n' | 'g'>;

  constructor(source: string) {
    this.source = source;
    this.#parts = [];
    this.#marks = [];
    const re = /__N__|__G__/g;
    let last = 0;
    for (let m = re.exec(source); m; m = re.exec(source)) {
      this.#parts.push(source.slice(last, m.index));
      this.#marks.push(m[0] === N_MARK ? 'n' : 'g');
      last = m.index + m[0].length;
    }
    this.#parts.push(source.slice(last));
  }

  render(n: number): string {
    const plain = String(n);
    const padded = plain.padStart(12, '0');
    let out = this.#parts[0] ?? '';
    for (let i = 0; i < this.#marks.length; i++) {
      out += (this.#marks[i] === 'n' ? plain : padded) + (this.#parts[i + 1] ?? '');
    }
    return out;
  }
}

export interface LoadPattern {
  /** Profile name, or `default` for the built-in pattern. */
  name: string;
  /** Human-readable origin of the pattern, printed with the report. */
  source: string;
  /** The run prefix every created identity carries (`scimtest-<runId>-load`). */
  prefix: string;
  /** Whether the sync starts with the match query (every shipped IdP does). */
  matchFirst: boolean;
  /** Raw query of the user match, e.g. `filter=userName+eq+%22…%22`. */
  userMatchQuery: Template;
  /** JSON body of the user POST. */
  userBody: Template;
  /** Group phase on (the profile pushes groups). */
  groups: boolean;
  groupMatchQuery: Template;
  groupBody: Template;
  /** JSON body of the PATCH adding `ids` as members, in the profile's dialect. */
  memberAddBody(ids: readonly string[]): string;
  /** Headers of a request without / with a body (Authorization is added by the client). */
  headers: { get: Record<string, string>; withBody: Record<string, string> };
  /** What the run is judged against (the profile's `throughput`); absent = not judged. */
  throughput?: ThroughputRequirement;
}

/** The profile's published throughput expectation, named after the profile; undefined when it has none. */
export function throughputOf(profile: ProfileData): ThroughputRequirement | undefined {
  const t = profile.throughput;
  return (
    t && { idp: profile.name, minRequestsPerSecond: t.minRequestsPerSecond, maxErrorRate: t.maxErrorRate }
  );
}

/** The directory user every load user is rendered from: each value carries the prefix and the user number. */
export function templateSourceUser(prefix: string): SourceUser {
  const local = `${prefix}-u${N_MARK}`;
  const upn = `${local}@example.com`;
  const guidHead = guidFrom(prefix).slice(0, 23);
  return {
    objectId: `${guidHead}-${G_MARK}`,
    userPrincipalName: upn,
    mail: upn,
    mailNickname: local,
    givenName: 'Load',
    surname: `User${N_MARK}`,
    displayName: `Load User${N_MARK}`,
    formattedName: `Load User${N_MARK}`,
    jobTitle: 'Engineer',
    department: 'Load',
    employeeId: `${N_MARK}`,
    login: upn,
    email: upn,
    firstName: 'Load',
    lastName: `User${N_MARK}`,
    oktaId: `00u${N_MARK}load`,
    scimusername: upn,
    active: true,
  };
}

function groupNames(prefix: string): { displayName: string; externalId: string } {
  return {
    displayName: `${prefix}-g${N_MARK}`,
    externalId: `${guidFrom(`${prefix}-groups`).slice(0, 23)}-${G_MARK}`,
  };
}

/** The pattern an IdP profile prescribes. */
export function patternFromProfile(profile: ProfileData, prefix: string): LoadPattern {
  const source = templateSourceUser(prefix);
  const matching = profile.user.matching;
  const value = mappedValue(source, profile.user, matching);
  const group = groupNames(prefix);
  return {
    name: profile.name,
    source: `profile ${profile.name} (${profile.title})`,
    ...(profile.throughput ? { throughput: throughputOf(profile) } : {}),
    prefix,
    matchFirst: stepFor(profile, 'match-user') !== undefined,
    userMatchQuery: new Template(userMatchQuery(eqFilter(matching, String(value)), profile.query)),
    userBody: new Template(JSON.stringify(renderUser(source, profile.user, `Pw-${N_MARK}-Load!9a`))),
    groups:
      profile.features.groups &&
      stepFor(profile, 'create-group') !== undefined &&
      stepFor(profile, 'add-members') !== undefined,
    groupMatchQuery: new Template(groupMatchQuery(eqFilter('displayName', group.displayName), profile.query)),
    groupBody: new Template(JSON.stringify(renderGroup(group.displayName, group.externalId, profile.group))),
    memberAddBody: (ids) =>
      JSON.stringify(
        memberAddPatch(
          ids.map((id) => ({ id })),
          profile.patch,
        ),
      ),
    headers: { get: profileHeaders(profile.headers, false), withBody: profileHeaders(profile.headers, true) },
  };
}

/**
 * The built-in pattern when no profile is named: Entra's order (match on userName, POST, groups of 100
 * with an `add members` PATCH) in plain RFC 7644 form (lower-case ops, `%20` spaces), judged against
 * `throughput` when the caller names one.
 */
export function defaultPattern(prefix: string, throughput?: ThroughputRequirement): LoadPattern {
  const u = templateSourceUser(prefix);
  const group = groupNames(prefix);
  const q = (filter: string): string => `filter=${encodeURIComponent(filter)}`;
  return {
    name: 'default',
    source: 'built-in default pattern (plain RFC 7644; no IdP profile given)',
    ...(throughput ? { throughput } : {}),
    prefix,
    matchFirst: true,
    userMatchQuery: new Template(q(eqFilter('userName', String(u.userPrincipalName)))),
    userBody: new Template(
      JSON.stringify({
        schemas: [URN.user],
        userName: u.userPrincipalName,
        externalId: u.mailNickname,
        name: { givenName: u.givenName, familyName: u.surname, formatted: u.formattedName },
        displayName: u.displayName,
        emails: [{ value: u.mail, type: 'work', primary: true }],
        active: true,
      }),
    ),
    groups: true,
    groupMatchQuery: new Template(
      `excludedAttributes=members&${q(eqFilter('displayName', group.displayName))}`,
    ),
    groupBody: new Template(JSON.stringify({ schemas: [URN.group], ...group })),
    memberAddBody: (ids) =>
      JSON.stringify({
        schemas: [URN.patchOp],
        Operations: [{ op: 'add', path: 'members', value: ids.map((value) => ({ value })) }],
      }),
    headers: {
      get: { accept: SCIM_MEDIA_TYPE },
      withBody: { accept: SCIM_MEDIA_TYPE, 'content-type': SCIM_MEDIA_TYPE },
    },
  };
}
