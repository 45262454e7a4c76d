/**
 * `--as <idp>`: the client compared with what an IdP profile does (profiles/*.yaml). Every rule reads profile
 * data (updateMethod, deprovision, patch.opCase, query.spaceEncoding), never the profile's name.
 * @module
 */
import { isObject, isProfileData, judgeEach } from '../support/index.js';
import type {
  ClientCheck,
  ClientRequest,
  ClientSession,
  ClientVerdict,
  JudgeContext,
  ProfileData,
} from '../support/index.js';
import { operationsOf } from './bodies.js';

function profileOf(ctx: JudgeContext): ProfileData | undefined {
  return isProfileData(ctx.profile?.data) ? ctx.profile.data : undefined;
}

const noData = { kind: 'skip', reason: 'the --as profile has no lifecycle data' } as const;

/** A profile check's own fields; its assert is given the `--as` profile's lifecycle data. */
type ProfileRow = Omit<ClientCheck, 'level' | 'profileLevel' | 'assert'> & {
  assert: (session: ClientSession, profile: ProfileData) => ClientVerdict;
};

/**
 * Every profile check is a SHOULD counted against the `--as` profile (client behaviour an IdP chooses, not an
 * RFC duty), and is skipped when that profile has no lifecycle data to compare with.
 */
function profileCheck({ assert, ...row }: ProfileRow): ClientCheck {
  return {
    ...row,
    level: 'SHOULD',
    profileLevel: true,
    assert: (session, ctx) => {
      const profile = profileOf(ctx);
      return profile ? assert(session, profile) : noData;
    },
  };
}

const userWrite = (r: ClientRequest) => r.kind === 'resource' && r.endpoint?.toLowerCase() === '/users';

function operations(r: ClientRequest): Record<string, unknown>[] {
  return (operationsOf(r) ?? []).filter(isObject);
}

const isFalse = (v: unknown) => v === false || (typeof v === 'string' && v.toLowerCase() === 'false');

/** The attributes a PATCH changes, lower-cased (path-less values contribute their keys). */
function patchedAttributes(r: ClientRequest): string[] {
  return operations(r).flatMap((op) =>
    typeof op.path === 'string'
      ? [op.path.toLowerCase()]
      : isObject(op.value)
        ? Object.keys(op.value).map((k) => k.toLowerCase())
        : [],
  );
}

/** How a request deprovisions a user (RFC 7643 §4.1.1 `active`, or DELETE), or undefined. */
function deprovisionStyle(r: ClientRequest): ProfileData['deprovision'] | undefined {
  if (!userWrite(r)) return undefined;
  if (r.method === 'DELETE') return 'delete';
  if (r.method === 'PUT' && isObject(r.json) && isFalse(r.json.active)) return 'put-active';
  if (r.method === 'PATCH') {
    const off = operations(r).some(
      (op) =>
        (typeof op.path === 'string' && op.path.toLowerCase() === 'active' && isFalse(op.value)) ||
        (op.path === undefined && isObject(op.value) && isFalse(op.value.active)),
    );
    return off ? 'patch-active' : undefined;
  }
  return undefined;
}

export const profileDeprovision = profileCheck({
  id: 'client.profile.deprovision',
  fix: "Deprovision the way the profile's IdP does (its deprovision setting).",
  title: 'Users are deprovisioned the way the IdP profile does it (DELETE, or active=false by PATCH or PUT)',
  rfc: 'RFC7643 4.1.1',
  explanation:
    'RFC 7644 allows both DELETE (§3.6) and `active: false` (RFC 7643 §4.1.1); a connector standing in for an ' +
    'IdP must deprovision as that IdP does, or the service provider sees a lifecycle it never sees in production.',
  assert: (session, profile) => {
    return judgeEach(
      session.requests.filter((r) => deprovisionStyle(r) !== undefined),
      (r) => {
        const style = deprovisionStyle(r);
        return style === profile.deprovision
          ? undefined
          : `deprovisioned by ${style}; ${profile.name} uses ${profile.deprovision}`;
      },
      {
        code: 'CLIENT_PROFILE_DEPROVISION',
        none: 'the client deprovisioned no user',
        expected: profile.deprovision,
      },
    );
  },
});

export const profileUpdateMethod = profileCheck({
  id: 'client.profile.update-method',
  fix: "Update users with the profile's update method (PUT or PATCH).",
  title: "User attribute updates use the IdP profile's method (PUT or PATCH)",
  rfc: 'RFC7644 3.5',
  explanation:
    'RFC 7644 §3.5 offers PUT and PATCH; each IdP picks one (profile `updateMethod`), and service providers ' +
    'tuned for that IdP may support only that one.',
  assert: (session, profile) => {
    const updates = session.requests.filter(
      (r) =>
        userWrite(r) &&
        deprovisionStyle(r) === undefined &&
        (r.method === 'PUT' || (r.method === 'PATCH' && patchedAttributes(r).some((a) => a !== 'active'))),
    );
    return judgeEach(
      updates,
      (r) =>
        r.method.toLowerCase() === profile.updateMethod
          ? undefined
          : `updated a user by ${r.method}; ${profile.name} uses ${profile.updateMethod.toUpperCase()}`,
      {
        code: 'CLIENT_PROFILE_UPDATE_METHOD',
        none: 'the client updated no user attribute',
        expected: profile.updateMethod.toUpperCase(),
      },
    );
  },
});

export const profilePatchOpCase = profileCheck({
  id: 'client.profile.patch-op-case',
  fix: "Write op names in the profile's case.",
  title: 'PATCH op names are cased as the IdP profile sends them',
  rfc: 'RFC7644 3.5.2',
  explanation:
    'RFC 7644 §3.5.2 spells ops in lower case; some IdPs capitalise them (profile `patch.opCase`). A connector ' +
    'imitating an IdP must reproduce that, so the service provider meets the dialect it will meet in production.',
  assert: (session, profile) => {
    const want = (op: string) =>
      profile.patch.opCase === 'lower'
        ? op.toLowerCase()
        : op.charAt(0).toUpperCase() + op.slice(1).toLowerCase();
    return judgeEach(
      session.requests.filter((r) => r.method === 'PATCH' && operations(r).length > 0),
      (r) => {
        const wrong = operations(r).flatMap((op) =>
          typeof op.op === 'string' && op.op !== want(op.op) ? [op.op] : [],
        );
        return wrong.length > 0
          ? `op ${wrong.map((o) => JSON.stringify(o)).join(', ')}; ${profile.name} writes ${JSON.stringify(want(wrong[0] ?? 'replace'))}`
          : undefined;
      },
      {
        code: 'CLIENT_PROFILE_OP_CASE',
        none: 'the client sent no PATCH operation',
        expected: profile.patch.opCase,
      },
    );
  },
});

export const profileQueryEncoding = profileCheck({
  id: 'client.profile.query-encoding',
  fix: "Encode spaces in queries as the profile's IdP does.",
  title: 'Spaces in query strings are encoded as the IdP profile encodes them (+ or %20)',
  rfc: 'RFC7644 3.4.2',
  explanation:
    'Both `+` and `%20` reach a filter as a space with a form decoder, but not with every URL parser; a ' +
    'connector imitating an IdP sends what that IdP sends (profile `query.spaceEncoding`).',
  assert: (session, profile) => {
    const other = profile.query.spaceEncoding === '+' ? '%20' : '+';
    return judgeEach(
      session.requests.filter((r) => r.rawQuery !== null && /\+|%20/.test(r.rawQuery)),
      (r) =>
        r.rawQuery?.includes(other)
          ? `the query encodes spaces as ${other}; ${profile.name} uses ${profile.query.spaceEncoding}`
          : undefined,
      {
        code: 'CLIENT_PROFILE_QUERY_ENCODING',
        none: 'the client sent no query with an encoded space',
        expected: profile.query.spaceEncoding,
      },
    );
  },
});
