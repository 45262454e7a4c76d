/**
 * One rule for every suite's fixtures: when the target declines to create a resource a check only needs as
 * material (the create answered 4xx/5xx, or 2xx without a usable resource), the check is `blocked` by the
 * check that judges that create, never failed for a cause outside itself.
 * @module
 */
import { PrerequisiteBlocked, TargetFailure } from '../../engine/errors.js';
import {
  blocked,
  fail,
  type Blocked,
  type HttpResult,
  type ScenarioContext,
} from '../../engine/model/index.js';
import { is2xx } from '../../protocol/http.js';
import { isObject } from './guards.js';

/** The checks that judge the creates fixtures rely on. */
const CREATE_CHECK = { User: 'users.post.returns-201', Group: 'groups.post.returns-201' } as const;

/** A short account of an answer for a blocked reason: status and, when sent, the SCIM error detail. */
function answered(res: HttpResult): string {
  const detail = isObject(res.json) && typeof res.json['detail'] === 'string' ? res.json['detail'] : '';
  const short = detail.length > 120 ? `${detail.slice(0, 120)}…` : detail;
  return `${String(res.status)}${short ? ` ${short}` : ''}`;
}

/**
 * Returns normally when the fixture was created; otherwise throws, so every check on the scenario is blocked
 * by `CREATE_CHECK[type]` (a missing answer stays the target's failure: nothing was declined).
 */
export function requireFixture(
  type: keyof typeof CREATE_CHECK,
  created: { response: HttpResult; id: string | undefined; path: string | undefined },
): void {
  const { response } = created;
  if (response.status === undefined)
    throw new TargetFailure(fail('NO_RESPONSE', `Setup: creating the fixture ${type} got no response`));
  const usable = response.status >= 200 && response.status < 300 && created.id && created.path;
  if (usable && isObject(response.json)) return;
  throw new PrerequisiteBlocked(
    CREATE_CHECK[type],
    usable
      ? `the fixture ${type} was created (${response.status}) without a resource body`
      : `the fixture ${type} was not created: ${answered(response)}`,
  );
}

/**
 * The verdict of a check whose own User or Group could not be created (the create check judges why): blocked,
 * so that one refused create is one finding.
 */
export function notCreated(type: keyof typeof CREATE_CHECK, reason: string): Blocked {
  return blocked(CREATE_CHECK[type], reason);
}

/**
 * A further e-mail address for a fixture whose userName is already an address: its local part with a label
 * (`scimtest-1-a.b@example.com` + `extra` → `scimtest-1-a.b.extra@example.com`), unique per User and valid.
 */
export function aliasEmail(userName: unknown, label: string): string {
  const local = String(userName).split('@')[0] ?? 'scimtest';
  return `${local}.${label}@example.com`;
}

/** A DELETE answered 2xx removed the resource (RFC 7644 §3.6), so the end-of-run sweep leaves `path` alone. */
export function forgetDeleted(ctx: ScenarioContext, res: HttpResult, path: string): void {
  if (is2xx(res.status)) ctx.ledger.forget(path);
}
