/**
 * Lifecycle requests the IdPs document beyond the basic create/update/disable cycle: Entra's manager
 * update, its update of a user the match found, matching on further attributes, Okta's PATCH update and
 * its paged import. Each runs only when the profile lists its step (docs/idp/<idp>.md).
 */
import {
  attributePatch,
  changedAttributes,
  defineScenario,
  editSourceUser,
  isObject,
  managerPatch,
  mappedValue,
  newSourceUser,
  renderUser,
  stepFor,
} from '../support/index.js';
import type { HttpResult } from '../support/index.js';
import {
  USERS,
  getResource,
  idOf,
  listProbe,
  matchUser,
  patch,
  post,
  postUser,
  profileOf,
  queryUserBy,
} from './replay.js';
import {
  carryOn,
  createScenario,
  preciseScenario,
  updateScenario,
  type CreatedRun,
  type PreciseRun,
} from './scenarios.js';

export interface AlternateRun {
  first: CreatedRun;
  /** One query per further matching attribute, each for the created user's value. */
  queries: Array<{ attribute: string; res: HttpResult }>;
}

/** Matching on the further attributes (Entra S4): each must find exactly the created user. */
export const alternateScenario = carryOn<CreatedRun, AlternateRun>({
  id: 'lifecycle.match-alternate',
  from: createScenario,
  run: async (ctx, p, first) => {
    const run: AlternateRun = { first, queries: [] };
    if (!first.id || !stepFor(p, 'match-user-alternate')) return run;
    for (const attribute of p.user.alternateMatching ?? []) {
      const value = mappedValue(first.source, p.user, attribute);
      if (value !== undefined)
        run.queries.push({ attribute, res: await queryUserBy(ctx, p, attribute, String(value)) });
    }
    return run;
  },
});

export interface ManagerRun {
  managerId?: string;
  userPath?: string;
  write?: HttpResult;
  after?: HttpResult;
}

/** Entra's separate update after the create that sets the enterprise manager (S3 step 6). */
export const managerScenario = carryOn<PreciseRun, ManagerRun>({
  id: 'lifecycle.manager',
  from: preciseScenario,
  run: async (ctx, p, precise) => {
    const run: ManagerRun = {};
    if (!precise.first.path || !precise.second?.id || !stepFor(p, 'set-manager')) return run;
    const body = managerPatch(precise.second.id, p.patch);
    if (!body) return run;
    run.managerId = precise.second.id;
    run.userPath = precise.first.path;
    run.write = await patch(ctx, p, precise.first.path, body);
    run.after = await getResource(ctx, p, precise.first.path);
    return run;
  },
});

export interface ExistingRun {
  seeded?: HttpResult;
  match?: HttpResult;
  id?: string;
  changes: Array<{ path: string; value: unknown }>;
  write?: HttpResult;
  after?: HttpResult;
}

/**
 * "User already exists, update the difference" (Entra S3): the user is in the SP before Entra sees it, the
 * match finds it, and Entra PATCHes what differs with the profile's set op (`Add` on single-valued
 * attributes, S2). Filtered paths stay out: Entra documents Add only for single-valued attributes.
 */
export const existingUserScenario = defineScenario<ExistingRun>({
  id: 'lifecycle.update-existing',
  run: async (ctx) => {
    const p = profileOf(ctx);
    const run: ExistingRun = { changes: [] };
    if (!stepFor(p, 'update-existing-user')) return run;
    const source = newSourceUser(ctx.data);
    const seeded = await post(ctx, p, USERS, renderUser(source, p.user));
    run.seeded = seeded.response;
    if (!seeded.id) return run;
    const matchValue = String(mappedValue(source, p.user, p.user.matching) ?? '');
    run.match = await matchUser(ctx, p, matchValue);
    const hits = isObject(run.match.json) ? run.match.json['Resources'] : undefined;
    const found =
      Array.isArray(hits) && hits.length === 1 ? idOf({ ...run.match, json: hits[0] }) : undefined;
    if (!found) return run;
    run.id = found;
    const edited = editSourceUser(source, p.user.updateFields);
    run.changes = changedAttributes(source, edited, p.user).filter((c) => !c.path.includes('['));
    if (run.changes.length === 0) return run;
    const path = `${USERS}/${encodeURIComponent(found)}`;
    run.write = await patch(ctx, p, path, attributePatch(run.changes, p.patch, p.patch.setOp ?? 'replace'));
    run.after = await getResource(ctx, p, path);
    return run;
  },
});

export interface PatchUpdateRun {
  first: CreatedRun;
  changes: Array<{ path: string; value: unknown }>;
  write?: HttpResult;
  after?: HttpResult;
}

/** An attribute update by PATCH where the IdP may also use it instead of PUT (Okta catalogue apps). */
export const patchUpdateScenario = carryOn<CreatedRun, PatchUpdateRun>({
  id: 'lifecycle.patch-update',
  from: createScenario,
  run: async (ctx, p, first) => {
    const base = stepFor(p, 'update-user') ? (await ctx.use(updateScenario)).source : first.source;
    const run: PatchUpdateRun = { first, changes: [] };
    if (!first.path || !stepFor(p, 'patch-update-user')) return run;
    const source = editSourceUser(editSourceUser(base, p.user.updateFields), p.user.updateFields);
    run.changes = changedAttributes(base, source, p.user);
    run.write = await patch(ctx, p, first.path, attributePatch(run.changes, p.patch));
    run.after = await getResource(ctx, p, first.path);
    return run;
  },
});

export interface ImportRun {
  /** The users the replay created and expects to see once each. */
  expected: string[];
  pages: HttpResult[];
}

/** The most pages an import walks before the replay stops it (a server whose totalResults never ends). */
const MAX_PAGES = 50;

function integer(body: unknown, key: string): number | undefined {
  const value = isObject(body) ? body[key] : undefined;
  return Number.isInteger(value) ? (value as number) : undefined;
}

/**
 * Two users the import must then find once each, posted as the profile renders them. Their own fixture, not
 * the replay's users: the import reads the collection beside other readers, and its users must exist first.
 */
const importedUsers = defineScenario<string[]>({
  id: 'lifecycle.import.users',
  createsOnly: true,
  run: async (ctx) => {
    const p = profileOf(ctx);
    if (!stepFor(p, 'import-users')) return [];
    const ids: string[] = [];
    for (const source of [newSourceUser(ctx.data), newSourceUser(ctx.data)]) {
      const created = await postUser(ctx, p, source);
      if (created.id !== undefined) ids.push(created.id);
    }
    return ids;
  },
});

/** Okta's import (O1, O2): pages of `count` from startIndex=1, walking startIndex up to totalResults. */
export const importScenario = defineScenario<ImportRun>({
  id: 'lifecycle.import',
  // Walks every page of /Users up to totalResults: reads only, once its users exist.
  scope: 'collection-read',
  fixtures: [importedUsers],
  run: async (ctx) => {
    const p = profileOf(ctx);
    const expected = await ctx.use(importedUsers);
    const run: ImportRun = { expected, pages: [] };
    if (!stepFor(p, 'import-users')) return run;
    const count = p.query.importPageSize ?? 100;
    let start = 1;
    while (run.pages.length < MAX_PAGES) {
      const page = await listProbe(ctx, p, USERS, `startIndex=${start}&count=${count}`);
      run.pages.push(page);
      const total = integer(page.json, 'totalResults');
      const resources = isObject(page.json) ? page.json['Resources'] : undefined;
      const size = Array.isArray(resources) ? resources.length : 0;
      if (page.status !== 200 || total === undefined || size === 0) break;
      start += size;
      if (start > total) break;
    }
    return run;
  },
});
