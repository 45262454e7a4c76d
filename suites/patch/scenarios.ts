/** One User per PATCH case: create, PATCH, read back (RFC 7644 §3.5.2). */
import {
  attr,
  bodyVerdict,
  checkRows,
  createUser,
  declaredAttribute,
  defineScenario,
  expectStatus,
  get,
  multi,
  patch,
  patchOp,
  skip,
  tick,
} from '../support/index.js';
import type { Created, Guard, HttpResult, JsonObject, Scenario, Verdict } from '../support/index.js';

export interface Patched {
  /** The attribute the case chose from what the target declares (cases with `attribute` only). */
  attribute?: string;
  /** Set when the target declares none of the case's candidate attributes: nothing was sent. */
  undeclared?: string;
  user: Created;
  patch: HttpResult;
  after: HttpResult;
}

export const TWO_EMAILS = (tag: string): JsonObject[] => [
  { value: `${tag}@work.example`, type: 'work', primary: true },
  { value: `${tag}@home.example`, type: 'home' },
];

/** A User created with a work and a home address (the second one primary: false). */
export const twoEmailsUser = (tag: string): JsonObject => ({ emails: TWO_EMAILS(tag) });

/** The value of `emails` with the given type. */
export const emailOfType = (b: JsonObject, type: string): JsonObject | undefined =>
  multi(b, 'emails').find((e) => e['type'] === type);

interface Case {
  /**
   * Optional attributes the case may write, in order of preference: the first the target's /Schemas declares
   * is used (docs/verdicts.md); the case is not run when it declares none of them.
   */
  attribute?: readonly string[];
  user?: (tag: string, attribute: string) => JsonObject;
  /** The PatchOp body; `raw` sends it as it is (for malformed messages). */
  ops: (user: Created, attribute: string) => JsonObject[] | { raw: unknown };
  query?: Record<string, string>;
  /** Wait so that meta.lastModified can advance. */
  wait?: boolean;
}

export function patchCase(id: string, spec: Case): Scenario<Patched> {
  return defineScenario<Patched>({
    id,
    requires: ['patch'],
    run: async (ctx) => {
      const attribute = spec.attribute ? declaredAttribute(ctx.target, spec.attribute) : '';
      // Nothing is sent; the check helpers turn `undeclared` into a skip before any assert reads the rest.
      if (attribute === undefined)
        return {
          undeclared: `the target's User schema declares none of ${spec.attribute?.join(', ')}`,
        } as Patched;
      const tag = ctx.data.unique('patch');
      const user = await createUser(ctx, spec.user?.(tag, attribute) ?? {});
      if (spec.wait) await tick(ctx, attr(user.body, 'meta.lastModified'));
      const ops = spec.ops(user, attribute);
      const body = Array.isArray(ops) ? patchOp(...ops) : ops.raw;
      const res = await patch(ctx, user.path, body, spec.query ? { query: spec.query } : {});
      return { ...(attribute ? { attribute } : {}), user, patch: res, after: await get(ctx, user.path) };
    },
  });
}

/** The check that first uses a value-filter path (`emails[type eq "work"].value`); others with such paths build on it. */
export const VALUE_PATH_ROOT = 'patch.replace.value-path-sub-attribute';

/**
 * The row builder of every PATCH check: a case whose candidate attributes the target does not declare was not
 * sent, so its checks skip (docs/verdicts.md).
 */
export const patchCheck = checkRows(
  { suite: 'patch', rfc: 'RFC7644 3.5.2', requires: ['patch'] },
  (p: Patched) => (p.undeclared ? skip(p.undeclared) : undefined),
);

/** Judges the state after the PATCH (the GET), whatever the PATCH answered. */
export function afterPatch(p: Patched, judge: (b: JsonObject) => Guard): Verdict {
  return bodyVerdict(p.after, 200, judge);
}

/** A PATCH that must succeed (200 or 204, RFC 7644 §3.5.2), judged on the GET that follows it. */
export function applied(p: Patched, judge: (b: JsonObject) => Guard): Verdict {
  return expectStatus(p.patch, [200, 204]) ?? afterPatch(p, judge);
}
