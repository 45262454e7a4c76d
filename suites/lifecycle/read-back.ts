/**
 * Judging what a resource reads back as after a write the IdP saw accepted: the "applied" half of every
 * accepted/applied pair of lifecycle checks (RFC 7644 §3.5: the change is made, then a GET shows it).
 */
import { fail, getAttribute, isFailure, isObject } from '../support/index.js';
import type { Failure, HttpResult, JsonObject } from '../support/index.js';
import { bodyWhen, isSkip, type Judgement } from './judge.js';

interface ReadAfterWrite {
  write: HttpResult | undefined;
  /** The GET after the write. */
  after: HttpResult | undefined;
  /** The statuses the IdP accepts for the write. */
  accepted: readonly number[];
  /** The check judging the write's status, named when the write was not accepted. */
  acceptedCheck: string;
  /** What the write is, in the skip (default `the write`). */
  what?: string;
  /** The check named when no GET was sent (default `acceptedCheck`). */
  readCheck?: string;
  /** When set, a GET that did not answer 200 fails as `<unreadable> answered <status>`; otherwise it skips. */
  unreadable?: string;
}

/** Runs `judge` on the body read after an accepted write, or says why it cannot be judged. */
export function readAfterWrite(spec: ReadAfterWrite, judge: (body: JsonObject) => Judgement): Judgement {
  const { write, after, accepted, acceptedCheck } = spec;
  if (!write || !accepted.includes(write.status as number))
    return { skip: `${spec.what ?? 'the write'} was not accepted, see ${acceptedCheck}` };
  const body = bodyWhen(after, [200], spec.readCheck ?? acceptedCheck);
  if (isSkip(body) && spec.unreadable !== undefined)
    return fail('STATUS_MISMATCH', `${spec.unreadable} answered ${after?.status}`, {
      expected: 200,
      actual: after?.status,
    });
  if (isSkip(body) || isFailure(body)) return body;
  return judge(body);
}

/**
 * Whether the target offers the attribute at `path`: unqualified and core paths always count; a path under
 * another schema URN counts when /Schemas lists that schema, or when the target published no schemas at all.
 */
export function offers(schemas: Record<string, unknown>, path: string): boolean {
  const urn = /^(urn:.+):[^:]+$/i.exec(path)?.[1]?.toLowerCase();
  const published = Object.keys(schemas).map((id) => id.toLowerCase());
  return urn === undefined || published.length === 0 || published.includes(urn);
}

/** Every change reads back as sent. */
function persisted(body: JsonObject, changes: ReadonlyArray<{ path: string; value: unknown }>): Judgement {
  for (const change of changes) {
    const actual = getAttribute(body, change.path);
    if (actual !== change.value) {
      return fail(
        'VALUE_MISMATCH',
        `${change.path} reads back as ${JSON.stringify(actual)}, sent ${JSON.stringify(change.value)}`,
        { expected: change.value, actual },
      );
    }
  }
  return undefined;
}

/**
 * Every change reads back as sent, judging only the attributes whose schema the target publishes: an
 * extension the target does not publish (RFC 7643 §3.3: extensions are the SP's choice) has nowhere to persist.
 */
export function persistedOffered(
  body: JsonObject,
  changes: ReadonlyArray<{ path: string; value: unknown }>,
  schemas: Record<string, unknown>,
): Judgement {
  const judged = changes.filter((c) => offers(schemas, c.path));
  if (judged.length === 0 && changes.length > 0)
    return { skip: `the target's /Schemas offers none of ${changes.map((c) => c.path).join(', ')}` };
  return persisted(body, judged);
}

/** `active` reads back as `expected`. */
export function activeIs(body: JsonObject, expected: boolean): Failure | undefined {
  const active = body['active'];
  if (active === expected) return undefined;
  return fail('VALUE_MISMATCH', `active reads back as ${JSON.stringify(active)}, expected ${expected}`, {
    expected,
    actual: active,
    pointer: '/active',
  });
}

/** The member ids of a group body. */
export function memberIds(body: JsonObject): string[] {
  const members = body['members'];
  if (!Array.isArray(members)) return [];
  return members.filter(isObject).flatMap((m) => (typeof m['value'] === 'string' ? [m['value']] : []));
}

/** The group's members are exactly `wanted`. */
export function exactMembers(body: JsonObject, wanted: readonly string[]): Judgement {
  const ids = memberIds(body);
  const same = ids.length === wanted.length && wanted.every((id) => ids.includes(id));
  return same
    ? undefined
    : fail('VALUE_MISMATCH', `members read back as [${ids.join(', ')}]`, {
        expected: wanted,
        actual: ids,
        pointer: '/members',
      });
}

/** The group's members include every known one of `wanted`; `message` names those missing. */
export function membersInclude(
  body: JsonObject,
  wanted: ReadonlyArray<string | undefined>,
  message: (missing: string[]) => string,
): Judgement {
  const ids = memberIds(body);
  const known = wanted.filter((id): id is string => id !== undefined);
  const missing = known.filter((id) => !ids.includes(id));
  return missing.length === 0
    ? undefined
    : fail('VALUE_MISMATCH', message(missing), { expected: known, actual: ids, pointer: '/members' });
}
