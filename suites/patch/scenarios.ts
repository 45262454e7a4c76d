/** One User per PATCH case: create, PATCH, read back (RFC 7644 §3.5.2). */
import { defineScenario, type HttpResult, type Scenario } from '../../engine/model/index.js';
import { attr, createUser, get, patch, patchOp, tick, type Created } from '../filter/kit.js';
import type { JsonObject } from '../support/guards.js';

export interface Patched {
  user: Created;
  patch: HttpResult;
  after: HttpResult;
}

export const TWO_EMAILS = (tag: string): JsonObject[] => [
  { value: `${tag}@work.example`, type: 'work', primary: true },
  { value: `${tag}@home.example`, type: 'home' },
];

interface Case {
  user?: (tag: string) => JsonObject;
  /** The PatchOp body; `raw` sends it as it is (for malformed messages). */
  ops: (user: Created) => JsonObject[] | { raw: unknown };
  query?: Record<string, string>;
  /** Wait so that meta.lastModified can advance. */
  wait?: boolean;
}

export function patchCase(id: string, spec: Case): Scenario<Patched> {
  return defineScenario<Patched>({
    id,
    requires: ['patch'],
    run: async (ctx) => {
      const tag = ctx.data.unique('patch');
      const user = await createUser(ctx, spec.user?.(tag) ?? {});
      if (spec.wait) await tick(ctx, attr(user.body, 'meta.lastModified'));
      const ops = spec.ops(user);
      const body = Array.isArray(ops) ? patchOp(...ops) : ops.raw;
      const res = await patch(ctx, user.path, body, spec.query ? { query: spec.query } : {});
      return { user, patch: res, after: await get(ctx, user.path) };
    },
  });
}
