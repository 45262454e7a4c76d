/** Requests of the security suite (RFC 7644 §2, §7; RFC 7643 §4.1.1). */
import { defineScenario, get, newUserBody, postUser, send, usersAt } from '../support/index.js';
import type { CreatedUser, HttpResult } from '../support/index.js';

/** GET /Users with no Authorization header. */
export const noToken = defineScenario<HttpResult>({
  id: 'security.users.no-token',
  run: (ctx) => send(ctx, { method: 'GET', path: usersAt(ctx.target), auth: 'none' }),
});

/** GET /Users with a bearer token the server never issued; the token is recorded to look for echoes. */
export const wrongToken = defineScenario<{ token: string; response: HttpResult }>({
  id: 'security.users.wrong-token',
  run: async (ctx) => {
    const token = `scimulator-bogus-${ctx.data.unique('token').replace(/[^A-Za-z0-9-]/g, '')}`;
    const response = await send(ctx, { method: 'GET', path: usersAt(ctx.target), auth: { token } });
    return { token, response };
  },
});

export interface PasswordUser {
  password: string;
  created: CreatedUser;
  fetched: HttpResult | undefined;
  /** GET with `attributes=password`, which must still not return it. */
  requested: HttpResult | undefined;
  listed: HttpResult | undefined;
}

/** Creates a User with a password and reads it back three ways. */
export const passwordUser = defineScenario<PasswordUser>({
  id: 'security.users.with-password',
  run: async (ctx) => {
    const password = `Pw-${ctx.data.unique('secret').replace(/[^A-Za-z0-9]/g, '')}-9aZ!`;
    const created = await postUser(ctx, newUserBody(ctx, { password }));
    if (!created.path)
      return { password, created, fetched: undefined, requested: undefined, listed: undefined };
    const fetched = await get(ctx, created.path);
    const requested = await get(ctx, created.path, { attributes: 'password,userName' });
    const userName = String(created.sent['userName']);
    const listed = await get(
      ctx,
      usersAt(ctx.target),
      ctx.target.capabilities.filter.supported ? { filter: `userName eq "${userName}"` } : undefined,
    );
    return { password, created, fetched, requested, listed };
  },
});
