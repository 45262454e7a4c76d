/**
 * `profile-from` steps for what the IdP's requests look like: headers, query encoding, the user and group
 * bodies, and the PATCH dialect.
 * @module
 */
import type { ProfileData, ProfilePatch } from '../profile/index.js';
import { eqOf, type ClassifiedExchange } from './classify.js';
import { mostCommon, seqs, userUpdates, USER_MATCH_ACTIONS, type DraftContext } from './draft-context.js';
import { isObject, type JsonObject } from '../../protocol/json.js';
import { SCIM_MEDIA_TYPE, URN } from '../../protocol/urns.js';

/** SCIM attribute path → the synthetic directory field (engine/profile SOURCE_FIELDS) that fills it. */
const SOURCE_OF: Record<string, string> = {
  userName: 'userPrincipalName',
  active: 'active',
  displayName: 'displayName',
  title: 'jobTitle',
  'emails[type eq "work"].value': 'mail',
  'name.givenName': 'givenName',
  'name.familyName': 'surname',
  'name.formatted': 'formattedName',
  externalId: 'mailNickname',
  [`${URN.enterpriseUser}:employeeNumber`]: 'employeeId',
  [`${URN.enterpriseUser}:department`]: 'department',
};

/** Query parameters of a raw query, empty ones (a trailing `&`) dropped. */
function params(query: string | null): string[] {
  return (query ?? '').split('&').filter((p) => p !== '');
}

function isFilterParam(param: string): boolean {
  return /^filter=/i.test(param);
}

/** Attribute paths (in profile mapping syntax) set by a POSTed user. */
function attributePaths(user: JsonObject): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(user)) {
    if (key === 'schemas' || key === 'id' || key === 'meta' || key === 'password') continue;
    if (key === 'name' && isObject(value)) {
      for (const sub of Object.keys(value)) out.push(`name.${sub}`);
    } else if (key === 'emails') {
      const first = Array.isArray(value) ? value.find(isObject) : isObject(value) ? value : undefined;
      const type = first && typeof first.type === 'string' ? first.type : 'work';
      if (first) out.push(`emails[type eq "${type}"].value`);
    } else if (key.startsWith('urn:') && isObject(value)) {
      for (const sub of Object.keys(value)) out.push(`${key}:${sub}`);
    } else if (typeof value !== 'object' || value === null) {
      out.push(key);
    }
  }
  return out;
}

function opPaths(c: ClassifiedExchange): string[] {
  const out: string[] = [];
  for (const op of c.operations) {
    if (op.path !== undefined) out.push(op.path);
    else if (isObject(op.value)) out.push(...Object.keys(op.value));
  }
  return out.filter((p) => p.toLowerCase() !== 'active');
}

/** Request headers: the media types and User-Agent most requests carry, and extra headers on at least half. */
export function draftHeaders(ctx: DraftContext): ProfileData['headers'] {
  const { all, note, seen, assumed } = ctx;
  const bodied = all.filter((c) => c.exchange.request.body !== undefined);
  const header = (list: readonly ClassifiedExchange[], name: string) =>
    mostCommon(list.map((c) => c.exchange.request.headers[name]));
  const contentType = header(bodied, 'content-type');
  const accept = header(all, 'accept');
  const userAgent = header(all, 'user-agent');
  const headers: ProfileData['headers'] = { contentType: contentType ?? SCIM_MEDIA_TYPE };
  if (contentType)
    seen(
      ['headers', 'contentType'],
      bodied.filter((c) => c.exchange.request.headers['content-type'] === contentType),
    );
  else assumed(['headers', 'contentType'], 'no request had a body; the SCIM media type');
  if (accept) {
    headers.accept = accept;
    seen(
      ['headers', 'accept'],
      all.filter((c) => c.exchange.request.headers.accept === accept),
    );
  }
  if (userAgent) {
    headers.userAgent = userAgent;
    seen(
      ['headers', 'userAgent'],
      all.filter((c) => c.exchange.request.headers['user-agent'] === userAgent),
    );
  }
  const known =
    /^(sec-fetch-.*|accept-language|authorization|content-type|accept|user-agent|host|content-length|connection|accept-encoding|cookie|x-forwarded-.*|x-real-ip|via|traceparent|tracestate|expect|x-request-id|x-amzn-.*|x-ms-.*)$/i;
  const extra: Record<string, string> = {};
  const names = new Set(all.flatMap((c) => Object.keys(c.exchange.request.headers)));
  for (const name of names) {
    if (known.test(name)) continue;
    const value = header(all, name);
    const carrying = all.filter((c) => c.exchange.request.headers[name] === value);
    if (value !== undefined && carrying.length * 2 >= all.length) extra[name] = value;
  }
  if (Object.keys(extra).length > 0) {
    headers.extra = extra;
    note(['headers', 'extra'], 'observed on at least half of the requests');
  }
  return headers;
}

/** Query encoding: spaces in filters, trailing `&`, a bare `?` on PUT, and what surrounds the match filters. */
export function draftQuery(ctx: DraftContext): ProfileData['query'] {
  const { all, withAction, note, seen, assumed } = ctx;
  const filtered = all.filter((c) => c.method === 'GET' && c.filter !== undefined);
  const plus = filtered.filter((c) => /filter=[^&]*\+/i.test(c.exchange.request.query ?? ''));
  const pct = filtered.filter((c) => /filter=[^&]*%20/i.test(c.exchange.request.query ?? ''));
  const query: ProfileData['query'] = {
    spaceEncoding: plus.length > pct.length ? '+' : '%20',
    trailingAmpersand: false,
    bareQuestionMarkOnPut: false,
  };
  if (plus.length + pct.length > 0)
    seen(['query', 'spaceEncoding'], plus.length > pct.length ? plus : pct, 'spaces in filters encoded so');
  else assumed(['query', 'spaceEncoding'], 'no filter with a space; RFC 3986 %20');
  const trailing = all.filter((c) => (c.exchange.request.query ?? '').endsWith('&'));
  query.trailingAmpersand = trailing.length > 0;
  if (trailing.length > 0) seen(['query', 'trailingAmpersand'], trailing, 'trailing &');
  else
    note(
      ['query', 'trailingAmpersand'],
      `no query ended with & (${all.filter((c) => c.exchange.request.query).length} queries)`,
    );
  const puts = all.filter((c) => c.method === 'PUT');
  const bare = puts.filter((c) => c.exchange.request.query === '');
  query.bareQuestionMarkOnPut = bare.length > 0;
  if (bare.length > 0) seen(['query', 'bareQuestionMarkOnPut'], bare, 'bare ? on PUT');
  else if (puts.length > 0)
    note(['query', 'bareQuestionMarkOnPut'], `PUTs without a bare ? in ${seqs(puts)}`);
  else assumed(['query', 'bareQuestionMarkOnPut'], 'no PUT');
  const userMatches = withAction(...USER_MATCH_ACTIONS);
  const around = (list: readonly ClassifiedExchange[], side: 'before' | 'after') =>
    mostCommon(
      list.map((c) => {
        const ps = params(c.exchange.request.query);
        const i = ps.findIndex(isFilterParam);
        const part = side === 'before' ? ps.slice(0, i) : ps.slice(i + 1);
        return i < 0 ? undefined : part.join('&');
      }),
    );
  const matchExtras = around(userMatches, 'after');
  if (matchExtras) {
    query.matchExtras = matchExtras;
    seen(['query', 'matchExtras'], userMatches);
  }
  const groupMatches = withAction('match-group', 'probe-absent-group');
  const prefix = around(groupMatches, 'before');
  if (prefix) {
    query.groupMatchPrefix = prefix;
    seen(['query', 'groupMatchPrefix'], groupMatches);
  }
  const groupExtras = around(groupMatches, 'after');
  if (groupExtras) {
    query.groupMatchExtras = groupExtras;
    seen(['query', 'groupMatchExtras'], groupMatches);
  }
  for (const [key, action] of [
    ['userListProbe', 'probe-user-list'],
    ['groupListProbe', 'probe-group-list'],
  ] as const) {
    const list = withAction(action);
    const q = mostCommon(list.map((c) => params(c.exchange.request.query).join('&') || undefined));
    if (q) {
      query[key] = q;
      seen(['query', key], list);
    }
  }
  return query;
}

/** The user: the POSTed attributes as a mapping, the match attribute, what updates change, the PUT base. */
export function draftUser(ctx: DraftContext): ProfileData['user'] {
  const { all, withAction, note, seen, assumed, warnings } = ctx;
  const userMatches = withAction(...USER_MATCH_ACTIONS);
  const creates = withAction('create-user');
  const post = creates[0]?.requestJson ?? {};
  const mapping: Record<string, string> = {};
  const unmapped: string[] = [];
  for (const path of attributePaths(post)) {
    const source = SOURCE_OF[path];
    if (source) mapping[path] = source;
    else unmapped.push(path);
  }
  const matchingAttr = mostCommon(userMatches.map((c) => eqOf(c.filter)?.attribute)) ?? 'userName';
  if (!(matchingAttr in mapping)) mapping[matchingAttr] = SOURCE_OF[matchingAttr] ?? 'objectId';
  const extraUser: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(post)) {
    if (key === 'meta' || (Array.isArray(value) && value.length === 0)) extraUser[key] = value;
  }
  const { updates, patchUpdates, putUpdates } = userUpdates(ctx);
  const changed = new Set<string>();
  for (const c of patchUpdates) for (const p of opPaths(c)) changed.add(p);
  for (const c of putUpdates) {
    const before = attributePaths(post);
    const body = c.requestJson ?? {};
    for (const p of attributePaths(body)) {
      const [head, sub] = p.split('.');
      const oldValue = sub && head ? (post[head] as JsonObject | undefined)?.[sub] : post[p];
      const newValue = sub && head ? (body[head] as JsonObject | undefined)?.[sub] : body[p];
      if (!before.includes(p) || JSON.stringify(oldValue) !== JSON.stringify(newValue)) changed.add(p);
    }
  }
  const updateFields = [
    ...new Set(
      [...changed].map((p) => SOURCE_OF[p]).filter((s): s is string => s !== undefined && s !== 'active'),
    ),
  ];
  for (const p of changed) if (SOURCE_OF[p] && !(p in mapping)) mapping[p] = SOURCE_OF[p];
  const putBody =
    putUpdates[0]?.requestJson ?? all.find((c) => c.resource === 'Users' && c.method === 'PUT')?.requestJson;
  const user: ProfileData['user'] = {
    schemas: Array.isArray(post.schemas) ? post.schemas.map(String) : [URN.user],
    emailsAs: isObject(post.emails) ? 'object' : 'array',
    mapping,
    matching: matchingAttr,
    ...(Object.keys(extraUser).length > 0 ? { extra: extraUser } : {}),
    sendPassword: 'password' in post,
    updateFields: updateFields.length > 0 ? updateFields : ['givenName'],
    putBase: putBody && ('id' in putBody || 'meta' in putBody) ? 'last-representation' : 'template',
  };
  if (creates.length > 0) {
    for (const k of ['schemas', 'emailsAs', 'mapping', 'sendPassword'] as const)
      seen(['user', k], creates.slice(0, 1), 'from the POST');
    note(
      ['user', 'mapping'],
      `attributes of the POST in ${seqs(creates.slice(0, 1))}; source fields are placeholders, pick your IdP's`,
    );
    if (unmapped.length > 0)
      warnings.push(
        `POSTed attributes without a known source field, left out of user.mapping: ${unmapped.join(', ')}`,
      );
  } else {
    assumed(['user', 'schemas'], 'no user POST');
    warnings.push('the recording has no POST /Users: user.mapping and user.schemas are guesses');
  }
  if (userMatches.length > 0) seen(['user', 'matching'], userMatches, 'filter attribute');
  else assumed(['user', 'matching'], 'no user filter; userName');
  if (user.extra) note(['user', 'extra'], 'literal values of the POST (empty lists and meta)');
  if (updateFields.length > 0)
    note(['user', 'updateFields'], `attributes changed in ${seqs(updates)}: ${[...changed].join(', ')}`);
  else assumed(['user', 'updateFields'], 'no attribute update');
  if (putBody)
    note(['user', 'putBase'], `PUT body ${user.putBase === 'template' ? 'without' : 'with'} id/meta`);
  else assumed(['user', 'putBase'], 'no PUT');
  return user;
}

/** The group POST: schemas, whether `members` is sent empty, literal `meta`. */
export function draftGroup(ctx: DraftContext): ProfileData['group'] {
  const { withAction, seen, assumed } = ctx;
  const groupPost = withAction('create-group')[0];
  const gBody = groupPost?.requestJson ?? {};
  const group: ProfileData['group'] = {
    schemas: Array.isArray(gBody.schemas) ? gBody.schemas.map(String) : [URN.group],
    createMembers: Array.isArray(gBody.members) && gBody.members.length === 0 ? 'empty' : 'omit',
    ...(isObject(gBody.meta) ? { extra: { meta: gBody.meta } } : {}),
  };
  if (groupPost) {
    seen(['group', 'schemas'], [groupPost], 'from the POST');
    seen(['group', 'createMembers'], [groupPost], 'from the POST');
  } else {
    assumed(['group', 'schemas'], 'no group POST');
    assumed(['group', 'createMembers'], 'no group POST');
  }
  return group;
}

/** The PATCH dialect: op case, boolean encoding, path-less or per-attribute, member add/remove and rename shapes. */
export function draftPatch(ctx: DraftContext): ProfilePatch {
  const { all, seen, assumed } = ctx;
  const { patchUpdates } = userUpdates(ctx);
  const patches = all.filter((c) => c.method === 'PATCH');
  const ops = patches.flatMap((c) => c.operations.map((op) => ({ c, op })));
  const capital = ops.filter(({ op }) => /^[A-Z]/.test(op.op));
  const actives = all.filter((c) => c.activeChange !== undefined && c.method === 'PATCH');
  const raw = actives.map((c) => c.activeChange?.raw);
  const booleans: ProfilePatch['booleans'] = raw.some((v) => v === 'True' || v === 'False')
    ? 'string-capitalised'
    : raw.some((v) => v === 'true' || v === 'false')
      ? 'string-lower'
      : 'json';
  const pathlessActive = actives.filter((c) => c.operations.some((o) => o.path === undefined));
  const attrOps = patchUpdates.flatMap((c) => c.operations.map((op) => ({ c, op })));
  const pathlessAttr = attrOps.filter(({ op }) => op.path === undefined);
  const activeStyle: ProfilePatch['activeStyle'] =
    actives.length > 0 && pathlessActive.length * 2 > actives.length ? 'pathless' : 'path';
  const style: ProfilePatch['style'] =
    attrOps.length > 0
      ? pathlessAttr.length > 0
        ? 'pathless'
        : 'per-attribute'
      : activeStyle === 'pathless'
        ? 'pathless'
        : 'per-attribute';
  const memberAdds = ops.filter(
    ({ op }) => op.op.toLowerCase() === 'add' && op.path?.toLowerCase() === 'members',
  );
  const addItems = memberAdds.flatMap(({ op }) => (Array.isArray(op.value) ? op.value.filter(isObject) : []));
  const memberRemoves = ops.filter(
    ({ op }) => op.op.toLowerCase() === 'remove' && op.path?.toLowerCase().startsWith('members'),
  );
  const renames = ops.filter(
    ({ c, op }) =>
      c.resource === 'Groups' &&
      (op.path === 'displayName' ||
        (op.path === undefined && isObject(op.value) && 'displayName' in op.value)),
  );
  const patch: ProfilePatch = {
    opCase: capital.length * 2 > ops.length ? 'Capitalised' : 'lower',
    booleans,
    style,
    activeStyle,
    memberAdd: { ref: addItems.some((i) => '$ref' in i), display: addItems.some((i) => 'display' in i) },
    memberRemove:
      memberRemoves.length > 0 && memberRemoves.every(({ op }) => op.path?.toLowerCase() === 'members')
        ? 'value-list'
        : 'filter-path',
    rename: renames.some(({ op }) => op.path === undefined && isObject(op.value) && 'id' in op.value)
      ? 'pathless-with-id'
      : 'path',
  };
  const fromOps = (key: keyof ProfilePatch, list: ReadonlyArray<{ c: ClassifiedExchange }>, why: string) => {
    const cs = [...new Set(list.map((x) => x.c))];
    if (cs.length > 0) seen(['patch', key], cs);
    else assumed(['patch', key], why);
  };
  fromOps('opCase', ops, 'no PATCH');
  if (actives.length > 0) seen(['patch', 'booleans'], actives, `active sent as ${JSON.stringify(raw[0])}`);
  else assumed(['patch', 'booleans'], 'no PATCH of active; JSON booleans');
  fromOps('style', attrOps, `no attribute PATCH; follows activeStyle`);
  if (actives.length > 0) seen(['patch', 'activeStyle'], actives);
  else assumed(['patch', 'activeStyle'], 'no PATCH of active');
  fromOps('memberAdd', memberAdds, 'no member add');
  fromOps('memberRemove', memberRemoves, 'no member removal');
  fromOps('rename', renames, 'no group rename');
  return patch;
}
