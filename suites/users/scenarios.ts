/** Requests of the users suite (RFC 7644 §3.3, §3.4, §3.6); users come from the seeded generator and are tracked. */
import {
  createdUser,
  defineScenario,
  forgetDeleted,
  get,
  newUserBody,
  postUser,
  send,
  usersAt,
} from '../support/index.js';
import type { CreatedUser, HttpResult, ScenarioContext } from '../support/index.js';

/** POST with a client-chosen `id`, which RFC 7643 §3.1 says the server never takes. */
export const createdWithClientId = defineScenario<CreatedUser & { clientId: string }>({
  id: 'users.create-with-client-id',
  run: async (ctx) => {
    const clientId = ctx.data.unique('client-id');
    return { ...(await postUser(ctx, newUserBody(ctx, { id: clientId }))), clientId };
  },
});

/** GET of the User collection after one User was created. */
export const listedUsers = defineScenario<HttpResult>({
  id: 'users.list',
  // An unfiltered list: what it holds depends on every other check's Users.
  scope: 'collection-read',
  fixtures: [createdUser],
  run: async (ctx) => {
    await ctx.use(createdUser);
    return get(ctx, usersAt(ctx.target));
  },
});

export interface DeletedUser {
  created: CreatedUser;
  deletion: HttpResult | undefined;
  /** GET of the deleted resource. */
  after: HttpResult | undefined;
}

/** Creates a User, deletes it and reads it back (RFC 7644 §3.6). */
async function createAndDelete(ctx: ScenarioContext): Promise<DeletedUser> {
  const created = await postUser(ctx, newUserBody(ctx));
  if (!created.path) return { created, deletion: undefined, after: undefined };
  const deletion = await send(ctx, { method: 'DELETE', path: created.path });
  forgetDeleted(ctx, deletion, created.path);
  const after = await get(ctx, created.path);
  return { created, deletion, after };
}

export const deletedUser = defineScenario<DeletedUser>({
  id: 'users.delete',
  run: createAndDelete,
});

/** A userName filter for the deleted User (RFC 7644 §3.6: deleted resources leave query results). */
export const deletedUserQuery = defineScenario<{ deleted: DeletedUser; query: HttpResult | undefined }>({
  id: 'users.delete.query',
  requires: ['filter'],
  run: async (ctx) => {
    const deleted = await ctx.use(deletedUser);
    const userName = deleted.created.sent['userName'];
    if (!deleted.deletion || typeof userName !== 'string') return { deleted, query: undefined };
    const query = await get(ctx, usersAt(ctx.target), { filter: `userName eq "${userName}"` });
    return { deleted, query };
  },
});

/**
 * Deletes a User of its own, then POSTs a new one with the same userName
 * (RFC 7644 §3.6: deleted resources do not count in uniqueness conflicts).
 */
export const recreatedUser = defineScenario<{ deleted: DeletedUser; again: CreatedUser | undefined }>({
  id: 'users.delete.recreate',
  run: async (ctx) => {
    const deleted = await createAndDelete(ctx);
    const userName = deleted.created.sent['userName'];
    if (!deleted.deletion || typeof userName !== 'string') return { deleted, again: undefined };
    return { deleted, again: await postUser(ctx, newUserBody(ctx, { userName })) };
  },
});
