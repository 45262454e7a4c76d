/** Requests that must fail, for the errors suite (RFC 7644 §3.12). */
import {
  createdUser,
  defineScenario,
  get,
  newUserBody,
  postUser,
  SCIM_MEDIA_TYPE,
  send,
  usersAt,
} from '../support/index.js';
import type { CreatedUser, HttpResult, Scenario } from '../support/index.js';

/** POST /Users with a body that is not JSON at all. */
export const malformedJson = defineScenario<HttpResult>({
  id: 'errors.post.malformed-json',
  run: async (ctx) => {
    const res = await send(ctx, {
      method: 'POST',
      path: usersAt(ctx.target),
      headers: { 'content-type': SCIM_MEDIA_TYPE },
      body: `{"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "${ctx.data.unique('broken')}",`,
    });
    return res;
  },
});

/** POST /Users without the REQUIRED userName (RFC 7643 §4.1.1). */
export const missingUserName = defineScenario<CreatedUser>({
  id: 'errors.post.missing-username',
  run: async (ctx) => {
    const body = newUserBody(ctx);
    delete body['userName'];
    return postUser(ctx, body);
  },
});

export interface Duplicate {
  first: CreatedUser;
  second: CreatedUser | undefined;
}

/**
 * A second POST whose userName is `variant` of an existing User's: both uniqueness scenarios send it, and
 * neither does when the first User got no id or `variant` gives no different name.
 */
function secondUserNamed(id: string, variant: (userName: string) => string | undefined): Scenario<Duplicate> {
  return defineScenario<Duplicate>({
    id,
    run: async (ctx) => {
      const first = await ctx.use(createdUser);
      const userName = first.sent['userName'];
      const second = typeof userName === 'string' ? variant(userName) : undefined;
      if (!first.id || second === undefined) return { first, second: undefined };
      return { first, second: await postUser(ctx, newUserBody(ctx, { userName: second })) };
    },
  });
}

/** A second POST with the userName of an existing User. */
export const duplicateUserName = secondUserNamed('errors.post.duplicate-username', (userName) => userName);

/** Swaps the case of every letter, so the value differs from the original in case only. */
function swapCase(value: string): string {
  return [...value].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');
}

/** A second POST whose userName differs from an existing one only in case (userName is caseExact=false). */
export const caseVariantUserName = secondUserNamed('errors.post.case-variant-username', (userName) =>
  swapCase(userName) === userName ? undefined : swapCase(userName),
);

/** GET of an endpoint no SCIM server defines. */
export const unknownEndpoint = defineScenario<HttpResult>({
  id: 'errors.get.unknown-endpoint',
  run: (ctx) => get(ctx, `/NoSuchEndpoint${ctx.data.unique('path').replace(/[^A-Za-z0-9]/g, '')}`),
});
