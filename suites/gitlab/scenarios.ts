/**
 * Requests of the GitLab group SCIM suite (docs/gitlab-scim.md §13), sent as plain SCIM with the run's token.
 * Users come from the seeded generator and are tracked for cleanup.
 */
import { defineScenario, forgetDeleted, get, isObject, send, URN } from '../support/index.js';
import type { HttpResult, ScenarioContext } from '../support/index.js';

const USERS = '/Users';

export interface GitlabUser {
  sent: Record<string, unknown>;
  response: HttpResult;
  id?: string;
  path?: string;
}

function pathOf(id: string): string {
  return `${USERS}/${encodeURIComponent(id)}`;
}

async function postUser(ctx: ScenarioContext, body: Record<string, unknown>): Promise<GitlabUser> {
  const response = await send(ctx, { method: 'POST', path: USERS, json: body });
  const raw = isObject(response.json) ? response.json['id'] : undefined;
  const id = typeof raw === 'string' && raw !== '' ? raw : undefined;
  const ok = response.status !== undefined && response.status >= 200 && response.status < 300;
  if (id && ok) ctx.ledger.track(pathOf(id));
  return { sent: body, response, ...(id ? { id, path: pathOf(id) } : {}) };
}

/** POST of a new user with externalId, userName, name and a work e-mail (§13.13). */
export const gitlabCreated = defineScenario<GitlabUser>({
  id: 'gitlab.user.create',
  run: (ctx) => postUser(ctx, ctx.data.user()),
});

/** GET of an id no identity has (§13.11). */
export const gitlabUnknown = defineScenario<HttpResult>({
  id: 'gitlab.user.unknown',
  run: (ctx) => get(ctx, pathOf(ctx.data.unique('missing'))),
});

/** `filter=id ne "…"` (§13.7). */
export const gitlabFilterNe = defineScenario<HttpResult>({
  id: 'gitlab.filter.ne',
  run: (ctx) => get(ctx, USERS, { filter: `id ne "${ctx.data.unique('ne')}"` }),
});

/** The same POST again (§13.14). */
export const gitlabPostAgain = defineScenario<{ first: GitlabUser; again?: GitlabUser }>({
  id: 'gitlab.user.post-again',
  run: async (ctx) => {
    const first = await ctx.use(gitlabCreated);
    if (!first.id) return { first };
    return { first, again: await postUser(ctx, first.sent) };
  },
});

/** A filter that finds one user, asking for a page of 5 (§4, §13.9). */
export const gitlabSmallPage = defineScenario<{ first: GitlabUser; list?: HttpResult }>({
  id: 'gitlab.list.count',
  run: async (ctx) => {
    const first = await ctx.use(gitlabCreated);
    const externalId = first.sent['externalId'];
    if (!first.id || typeof externalId !== 'string') return { first };
    return { first, list: await get(ctx, USERS, { filter: `externalId eq "${externalId}"`, count: '5' }) };
  },
});

/** PUT of the created user (§13.30). */
export const gitlabPut = defineScenario<{ first: GitlabUser; put?: HttpResult }>({
  id: 'gitlab.user.put',
  run: async (ctx) => {
    const first = await ctx.use(gitlabCreated);
    if (!first.path) return { first };
    const put = await send(ctx, { method: 'PUT', path: first.path, json: first.sent });
    return { first, put };
  },
});

/** POST without userName (§13.17). */
export const gitlabNoUserName = defineScenario<GitlabUser>({
  id: 'gitlab.user.no-username',
  run: (ctx) => {
    const { userName: _dropped, ...body } = ctx.data.user();
    return postUser(ctx, body);
  },
});

interface Deprovisioned {
  user: GitlabUser;
  write?: HttpResult;
  after?: HttpResult;
}

/** Entra-style PATCH `Replace active "False"` on a user of its own, then a GET (§13.23). */
export const gitlabPatched = defineScenario<Deprovisioned>({
  id: 'gitlab.user.patch-active',
  run: async (ctx) => {
    const user = await postUser(ctx, ctx.data.user());
    if (!user.path) return { user };
    const write = await send(ctx, {
      method: 'PATCH',
      path: user.path,
      json: { schemas: [URN.patchOp], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] },
    });
    return { user, write, after: await get(ctx, user.path) };
  },
});

/** DELETE of a user of its own, then a GET (§13.29). */
export const gitlabDeleted = defineScenario<Deprovisioned>({
  id: 'gitlab.user.delete',
  run: async (ctx) => {
    const user = await postUser(ctx, ctx.data.user());
    if (!user.path) return { user };
    const write = await send(ctx, { method: 'DELETE', path: user.path });
    forgetDeleted(ctx, write, user.path);
    return { user, write, after: await get(ctx, user.path) };
  },
});

export interface MembersView {
  /** Why the view cannot be used, when it cannot. */
  unavailable?: string;
  user?: GitlabUser;
  username?: string;
  before?: HttpResult;
  after?: HttpResult;
}

/** `…/api/scim/v2/groups/<group>` → `…/api/v4/groups/<group>/members`, or undefined for other targets. */
function membersUrl(baseUrl: string): string | undefined {
  const m = /^(https?:\/\/[^/]+(?:\/.*?)?)\/api\/scim\/v2\/groups\/([^/?#]+)\/?$/i.exec(baseUrl);
  return m ? `${m[1]}/api/v4/groups/${m[2]}/members` : undefined;
}

/** The members view around provisioning and deprovisioning of a user of its own (§13.13, §13.23). */
export const gitlabMembers = defineScenario<MembersView>({
  id: 'gitlab.members',
  run: async (ctx) => {
    const url = membersUrl(ctx.target.baseUrl);
    if (!url)
      return {
        unavailable: `the target ${ctx.target.baseUrl} is not a GitLab group SCIM URL (…/api/scim/v2/groups/<group>)`,
      };
    const probe = await ctx.http.request({ method: 'GET', path: url });
    if (probe.status !== 200 || !Array.isArray(probe.json)) {
      return {
        unavailable: `the target offers no members view (GET ${url} answered ${probe.status ?? 'nothing'})`,
      };
    }
    const user = await postUser(ctx, ctx.data.user());
    const username = isObject(user.response.json) ? user.response.json['userName'] : undefined;
    const run: MembersView = { user, ...(typeof username === 'string' ? { username } : {}) };
    if (!user.path) return run;
    run.before = await ctx.http.request({ method: 'GET', path: url });
    await send(ctx, {
      method: 'PATCH',
      path: user.path,
      json: { schemas: [URN.patchOp], Operations: [{ op: 'replace', value: { active: false } }] },
    });
    run.after = await ctx.http.request({ method: 'GET', path: url });
    return run;
  },
});
