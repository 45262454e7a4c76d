/**
 * The lifecycle replay, one scenario per phase, each run once per profile. A scenario never throws for
 * target behaviour: it records what was sent and answered, and the checks judge it as the IdP would.
 * Phases that need an earlier one `use` it; the catalogue order keeps the IdP's order within a profile.
 */
import {
  activePatch,
  attributePatch,
  changedAttributes,
  defineScenario,
  editSourceUser,
  guidFrom,
  isObject,
  mappedValue,
  memberAddPatch,
  memberRemovePatch,
  memberReplacePatch,
  memberSyncPatch,
  newSourceUser,
  renamePatch,
  renderGroup,
  renderUser,
  renderUserReplacement,
  stepFor,
} from '../support/index.js';
import type {
  HttpResult,
  ProfileData,
  Scenario,
  ScenarioContext,
  ScenarioScope,
  SourceUser,
} from '../support/index.js';
import {
  GROUPS,
  USERS,
  getResource,
  listProbe,
  matchGroup,
  matchUser,
  patch,
  post,
  postUser,
  profileOf,
  put,
  queryUserBy,
  readGroupByFilter,
  readGroupById,
  remove,
} from './replay.js';

export interface ConnectionRun {
  userProbe?: HttpResult;
  groupProbe?: HttpResult;
}

/**
 * The scenarios that act on the IdP's one user in turn (create, match, update, deactivate, groups, delete):
 * the runner runs them one after another per profile, so the delete never overtakes a step still using it.
 */
const USER_CHAIN = 'lifecycle.user';

/** Test Connection / Test API Credentials / enabling the API connection. */
export const connectionScenario = defineScenario<ConnectionRun>({
  id: 'lifecycle.connection',
  // Unfiltered and paged probes of /Users and /Groups: reads only.
  scope: 'collection-read',
  run: async (ctx) => {
    const p = profileOf(ctx);
    const out: ConnectionRun = {};
    const absent = guidFrom(ctx.data.unique('probe'));
    if (stepFor(p, 'probe-absent-user')) out.userProbe = await matchUser(ctx, p, absent);
    else if (stepFor(p, 'probe-user-list'))
      out.userProbe = await listProbe(ctx, p, USERS, p.query.userListProbe);
    if (stepFor(p, 'probe-absent-group')) out.groupProbe = await matchGroup(ctx, p, absent);
    else if (stepFor(p, 'probe-group-list'))
      out.groupProbe = await listProbe(ctx, p, GROUPS, p.query.groupListProbe);
    return out;
  },
});

export interface CreatedRun {
  source: SourceUser;
  /** The value of the matching attribute. */
  matchValue: string;
  sentBody: Record<string, unknown>;
  match?: HttpResult;
  /** The queries on the further matching attributes, when the first found nothing (Entra, S4). */
  alternateMatch?: HttpResult[];
  post?: HttpResult;
  id?: string;
  path?: string;
  read?: HttpResult;
}

function matchValueOf(p: ProfileData, source: SourceUser): string {
  return String(mappedValue(source, p.user, p.user.matching) ?? '');
}

/** Match query, then POST when nothing matched, then GET by id (§1.3, §2.3, §3.2). */
async function provision(ctx: ScenarioContext, p: ProfileData, source: SourceUser): Promise<CreatedRun> {
  const matchValue = matchValueOf(p, source);
  const run: CreatedRun = { source, matchValue, sentBody: {} };
  if (stepFor(p, 'match-user')) run.match = await matchUser(ctx, p, matchValue);
  if (stepFor(p, 'match-user-alternate')) {
    run.alternateMatch = [];
    for (const attribute of p.user.alternateMatching ?? []) {
      const value = mappedValue(source, p.user, attribute);
      if (value !== undefined) run.alternateMatch.push(await queryUserBy(ctx, p, attribute, String(value)));
    }
  }
  const created = await postUser(ctx, p, source);
  run.sentBody = JSON.parse(created.response.exchange.request.body ?? '{}') as Record<string, unknown>;
  run.post = created.response;
  if (created.id) run.id = created.id;
  if (created.path) run.path = created.path;
  if (run.path && stepFor(p, 'read-user')) run.read = await getResource(ctx, p, run.path);
  return run;
}

export const createScenario = defineScenario<CreatedRun>({
  id: 'lifecycle.create',
  chain: USER_CHAIN,
  run: (ctx) => {
    const p = profileOf(ctx);
    return provision(ctx, p, newSourceUser(ctx.data));
  },
});

/**
 * A scenario that carries on from an earlier one of the replay (run once per profile, as ctx.use does): `run`
 * gets the profile and that scenario's result. It acts on the replay's user, so it joins USER_CHAIN (a
 * collection-wide one runs alone anyway).
 */
export function carryOn<U, T>(scenario: {
  id: string;
  scope?: ScenarioScope;
  from: Scenario<U>;
  run: (ctx: ScenarioContext, p: ProfileData, prior: U) => Promise<T>;
}): Scenario<T> {
  const { from, run, ...rest } = scenario;
  return defineScenario<T>({
    ...rest,
    ...((rest.scope ?? 'own') === 'own' ? { chain: USER_CHAIN } : {}),
    // A reader gets the user it carries on with made before it (ScenarioScope).
    ...(rest.scope === 'collection-read' ? { fixtures: [from as Scenario<unknown>] } : {}),
    run: async (ctx) => run(ctx, profileOf(ctx), await ctx.use(from)),
  });
}

/** A second user whose matching value extends the first one's: a sloppy (prefix/contains) filter finds both. */
function nearMiss(value: string): string {
  const at = value.indexOf('@');
  return at > 0 ? `${value.slice(0, at)}x${value.slice(at)}` : `${value}x`;
}

export interface PreciseRun {
  first: CreatedRun;
  second?: CreatedRun;
  query?: HttpResult;
}

/** Entra's DuplicateTargetEntries guard (§1.3 step 2): the matching query must find exactly the one user. */
export const preciseScenario = carryOn<CreatedRun, PreciseRun>({
  id: 'lifecycle.match-precise',
  from: createScenario,
  run: async (ctx, p, first) => {
    if (!first.id) return { first };
    const field = p.user.mapping[p.user.matching];
    const source = newSourceUser(ctx.data);
    if (field !== undefined) source[field] = nearMiss(first.matchValue);
    const second = await provision(ctx, p, source);
    const query = await matchUser(ctx, p, first.matchValue);
    return { first, second, query };
  },
});

export interface DuplicateRun {
  first: CreatedRun;
  again?: HttpResult;
  againId?: string;
  query?: HttpResult;
}

/** The same POST again, as an IdP sends it when its match query missed the user (§1.7, §2.3). */
export const duplicateScenario = carryOn<CreatedRun, DuplicateRun>({
  id: 'lifecycle.duplicate',
  from: createScenario,
  run: async (ctx, p, first) => {
    if (!first.id) return { first };
    const again = await post(ctx, p, USERS, first.sentBody);
    const query = await matchUser(ctx, p, first.matchValue);
    return { first, again: again.response, ...(again.id ? { againId: again.id } : {}), query };
  },
});

export interface UpdateRun {
  first: CreatedRun;
  /** The directory user after the edit. */
  source: SourceUser;
  changes: Array<{ path: string; value: unknown }>;
  /** Okta's GET before its PUT. */
  before?: HttpResult;
  write?: HttpResult;
  after?: HttpResult;
}

/** Full-replace body as the profile builds it: from the SP's last representation or from its own template. */
async function replacementBody(
  ctx: ScenarioContext,
  p: ProfileData,
  path: string,
  source: SourceUser,
  active: boolean,
): Promise<{ before?: HttpResult; body?: Record<string, unknown> }> {
  if (p.user.putBase === 'template') {
    return { body: renderUserReplacement(renderUser(source, p.user), source, p.user, active) };
  }
  const before = await getResource(ctx, p, path);
  if (before.status !== 200 || !isObject(before.json)) return { before };
  return { before, body: renderUserReplacement(before.json, source, p.user, active) };
}

/** Attribute update: a PATCH of the diff, or GET + full PUT (§1.4, §2.4, §3.2). */
export const updateScenario = carryOn<CreatedRun, UpdateRun>({
  id: 'lifecycle.update',
  from: createScenario,
  run: async (ctx, p, first) => {
    const source = editSourceUser(first.source, p.user.updateFields);
    const changes = changedAttributes(first.source, source, p.user);
    const run: UpdateRun = { first, source, changes };
    if (!first.path || !stepFor(p, 'update-user')) return run;
    if (p.updateMethod === 'patch') {
      run.write = await patch(ctx, p, first.path, attributePatch(changes, p.patch));
    } else {
      const { before, body } = await replacementBody(ctx, p, first.path, source, true);
      if (before) run.before = before;
      if (body) run.write = await put(ctx, p, first.path, body);
    }
    run.after = await getResource(ctx, p, first.path);
    return run;
  },
});

/** The directory user as it stands after the update phase (when the profile updates at all). */
async function currentSource(ctx: ScenarioContext, p: ProfileData, first: CreatedRun): Promise<SourceUser> {
  if (!stepFor(p, 'update-user')) return first.source;
  return (await ctx.use(updateScenario)).source;
}

export interface ActiveRun {
  first: CreatedRun;
  before?: HttpResult;
  write?: HttpResult;
  after?: HttpResult;
  /** The matching query for the disabled user. */
  find?: HttpResult;
}

async function setActive(
  ctx: ScenarioContext,
  p: ProfileData,
  first: CreatedRun,
  active: boolean,
  method: ProfileData['deprovision'] | ProfileData['reactivate'],
): Promise<ActiveRun> {
  const run: ActiveRun = { first };
  if (!first.path) return run;
  if (method === 'patch-active') {
    run.write = await patch(ctx, p, first.path, activePatch(active, p.patch));
  } else if (method === 'put-active') {
    const source = await currentSource(ctx, p, first);
    const { before, body } = await replacementBody(ctx, p, first.path, source, active);
    if (before) run.before = before;
    if (body) run.write = await put(ctx, p, first.path, body);
  } else {
    return run;
  }
  run.after = await getResource(ctx, p, first.path);
  return run;
}

/** Disable (§1.5, §2.5): PATCH or PUT of `active: false`, then the user must stay findable. */
export const deactivateScenario = carryOn<CreatedRun, ActiveRun>({
  id: 'lifecycle.deactivate',
  from: createScenario,
  run: async (ctx, p, first) => {
    if (!stepFor(p, 'deactivate-user')) return { first };
    await currentSource(ctx, p, first);
    const run = await setActive(ctx, p, first, false, p.deprovision);
    if (first.id && stepFor(p, 'find-disabled-user')) run.find = await matchUser(ctx, p, first.matchValue);
    return run;
  },
});

/** Re-enable (§1.5, §2.5): the same request with `true`. */
export const reactivateScenario = carryOn<ActiveRun, ActiveRun>({
  id: 'lifecycle.reactivate',
  from: deactivateScenario,
  run: async (ctx, p, deactivated) => {
    if (!stepFor(p, 'reactivate-user') || !deactivated.write) return { first: deactivated.first };
    return setActive(ctx, p, deactivated.first, true, p.reactivate);
  },
});

export interface GroupsRun {
  displayName: string;
  /** The member kept and the member removed (SP ids of the two users the replay created). */
  keep?: string;
  drop?: string;
  match?: HttpResult;
  create?: HttpResult;
  id?: string;
  path?: string;
  add?: HttpResult;
  afterAdd?: HttpResult;
  remove?: HttpResult;
  afterRemove?: HttpResult;
  /** The reads of the group with members in it, by id and by filter, with the profile's group-read query. */
  readById?: HttpResult;
  readByFilter?: HttpResult;
  /** One PATCH removing `keep` and adding `drop` back (Okta's mixed membership update). */
  sync?: HttpResult;
  afterSync?: HttpResult;
  /** A replace of `members` with `keep` alone (Okta's full push). */
  push?: HttpResult;
  afterPush?: HttpResult;
  newName?: string;
  rename?: HttpResult;
  afterRename?: HttpResult;
  delete?: HttpResult;
}

/** Group push in the profile's step order (§1.6, §2.7, §3.2 step 5). */
export const groupsScenario = carryOn<PreciseRun, GroupsRun>({
  id: 'lifecycle.groups',
  from: preciseScenario,
  run: async (ctx, p, precise) => {
    const generated = ctx.data.group();
    const run: GroupsRun = { displayName: String(generated['displayName']) };
    if (precise.first.id) run.keep = precise.first.id;
    if (precise.second?.id) run.drop = precise.second.id;
    const display = (run_: CreatedRun | undefined) =>
      run_ ? String(run_.source['login'] ?? run_.matchValue) : undefined;
    const ref = (id: string, run_: CreatedRun | undefined) => {
      const shown = display(run_);
      return shown !== undefined ? { id, display: shown } : { id };
    };
    for (const step of p.phases.flatMap((phase) => phase.steps)) {
      if (!stepFor(p, step.action)) continue;
      switch (step.action) {
        case 'match-group':
          run.match = await matchGroup(ctx, p, run.displayName);
          break;
        case 'create-group': {
          const created = await post(
            ctx,
            p,
            GROUPS,
            renderGroup(run.displayName, String(generated['externalId']), p.group),
          );
          run.create = created.response;
          if (created.id) run.id = created.id;
          if (created.path) run.path = created.path;
          break;
        }
        case 'add-members': {
          if (!run.path) break;
          const members = [
            ...(run.keep
              ? [
                  {
                    id: run.keep,
                    ...(display(precise.first) ? { display: display(precise.first) as string } : {}),
                  },
                ]
              : []),
            ...(run.drop && precise.second
              ? [{ id: run.drop, display: display(precise.second) as string }]
              : []),
          ];
          if (members.length === 0) break;
          run.add = await patch(ctx, p, run.path, memberAddPatch(members, p.patch));
          run.afterAdd = await getResource(ctx, p, run.path);
          break;
        }
        case 'remove-member':
          if (!run.path || !run.drop) break;
          run.remove = await patch(ctx, p, run.path, memberRemovePatch([run.drop], p.patch));
          run.afterRemove = await getResource(ctx, p, run.path);
          break;
        case 'read-group':
          if (!run.path) break;
          run.readById = await readGroupById(ctx, p, run.path);
          run.readByFilter = await readGroupByFilter(ctx, p, run.displayName);
          break;
        case 'sync-members':
          if (!run.path || !run.keep || !run.drop) break;
          run.sync = await patch(
            ctx,
            p,
            run.path,
            memberSyncPatch([run.keep], [ref(run.drop, precise.second)], p.patch),
          );
          run.afterSync = await getResource(ctx, p, run.path);
          break;
        case 'push-members':
          if (!run.path || !run.keep) break;
          run.push = await patch(
            ctx,
            p,
            run.path,
            memberReplacePatch([ref(run.keep, precise.first)], p.patch),
          );
          run.afterPush = await getResource(ctx, p, run.path);
          break;
        case 'rename-group':
          if (!run.path || !run.id) break;
          run.newName = `${run.displayName}-renamed`;
          run.rename = await patch(
            ctx,
            p,
            run.path,
            renamePatch(run.id, run.newName, p.patch, {
              schemas: p.group.schemas,
              externalId: String(generated['externalId']),
            }),
          );
          run.afterRename = await getResource(ctx, p, run.path);
          break;
        case 'delete-group':
          if (!run.path) break;
          run.delete = await remove(ctx, p, run.path);
          break;
        default:
          break;
      }
    }
    return run;
  },
});

export interface DeleteRun {
  first: CreatedRun;
  write?: HttpResult;
}

/** Hard delete (Entra after 30 days, OneLogin "Delete"): DELETE /Users/{id} (§1.5, §3.2). */
export const deleteScenario = carryOn<CreatedRun, DeleteRun>({
  id: 'lifecycle.delete',
  from: createScenario,
  run: async (ctx, p, first) => {
    if (!first.path || !stepFor(p, 'delete-user')) return { first };
    return { first, write: await remove(ctx, p, first.path) };
  },
});
