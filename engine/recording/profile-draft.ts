/**
 * `profile-from`: drafts an IdP profile (the format of profiles/*.yaml) from a recording of that IdP's
 * traffic. Every value carries a note saying whether it was observed (with the exchanges it came from) or is
 * a default because the recording does not show it; the YAML renderer turns notes into comments.
 * @module
 */
import { Document, isScalar, isMap, type Pair, type Scalar } from 'yaml';
import type {
  ProfileData,
  ProfilePatch,
  ProfilePhase,
  ProfileResponses,
  StepAction,
} from '../profile/index.js';
import { classifyExchanges, eqOf, type ClassifiedExchange } from './classify.js';
import type { Recording } from './types.js';
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

/** Where each step belongs when phases are cut from the sequence. */
const PHASE_OF: Record<StepAction, string> = {
  'probe-absent-user': 'connection',
  'probe-user-list': 'connection',
  'probe-absent-group': 'connection',
  'probe-group-list': 'connection',
  'match-user': 'create',
  'create-user': 'create',
  'read-user': 'create',
  'match-precise': 'create',
  'duplicate-create': 'create',
  'update-user': 'update',
  'deactivate-user': 'deactivate',
  'find-disabled-user': 'deactivate',
  'reactivate-user': 'reactivate',
  'match-group': 'groups',
  'create-group': 'groups',
  'add-members': 'groups',
  'remove-member': 'groups',
  'rename-group': 'groups',
  'delete-group': 'groups',
  'delete-user': 'delete',
  'match-user-alternate': 'create',
  'set-manager': 'create',
  'update-existing-user': 'update',
  'patch-update-user': 'update',
  'import-users': 'import',
  'read-group': 'groups',
  'sync-members': 'groups',
  'push-members': 'groups',
};

type NotePath = ReadonlyArray<string | number>;

interface ProfileDraft {
  profile: ProfileData;
  /** Comment per field: how the value was inferred. */
  notes: Array<{ path: NotePath; text: string }>;
  /** Things the recording could not settle, for the command's summary. */
  warnings: string[];
}

interface DraftOptions {
  /** Profile name (lower-case, dashes). */
  name?: string;
  /** Names the recording in the title and the sources. */
  label?: string;
}

function seqs(list: readonly ClassifiedExchange[]): string {
  const n = list.map((c) => `#${c.exchange.seq}`);
  return n.length > 4 ? `${n.slice(0, 4).join(', ')}, …` : n.join(', ');
}

function mostCommon(values: ReadonlyArray<string | undefined>): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== undefined) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | undefined;
  let n = 0;
  for (const [v, c] of counts) if (c > n) [best, n] = [v, c];
  return best;
}

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

/** Drafts a profile from a recording. */
export function draftProfile(recording: Recording, options: DraftOptions = {}): ProfileDraft {
  const notes: ProfileDraft['notes'] = [];
  const warnings: string[] = [];
  const note = (path: NotePath, text: string) => notes.push({ path, text });
  const seen = (path: NotePath, from: readonly ClassifiedExchange[], what = 'observed') =>
    note(path, `${what} in ${seqs(from)}`);
  const assumed = (path: NotePath, why: string) => note(path, `not in the recording: ${why}`);

  const all = classifyExchanges(recording.exchanges);
  const withAction = (...actions: StepAction[]) =>
    all.filter((c) => c.actions.some((a) => actions.includes(a)));
  const users = all.filter((c) => c.resource === 'Users');
  const groups = all.filter((c) => c.resource === 'Groups');

  // headers
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

  // query encoding
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
  const userMatches = withAction('match-user', 'probe-absent-user', 'find-disabled-user', 'match-precise');
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

  // user
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
  const updates = withAction('update-user');
  const patchUpdates = updates.filter((c) => c.method === 'PATCH');
  const putUpdates = updates.filter((c) => c.method === 'PUT');
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

  // group
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

  // PATCH dialect
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

  // methods
  const deactivations = withAction('deactivate-user');
  const reactivations = withAction('reactivate-user');
  const userDeletes = withAction('delete-user');
  const updateMethod: ProfileData['updateMethod'] =
    patchUpdates.length === 0 && putUpdates.length > 0 ? 'put' : 'patch';
  const firstOff = deactivations[0];
  const deprovision: ProfileData['deprovision'] = firstOff
    ? firstOff.method === 'PUT'
      ? 'put-active'
      : 'patch-active'
    : userDeletes.length > 0
      ? 'delete'
      : 'patch-active';
  const firstOn = reactivations[0];
  const reactivate: ProfileData['reactivate'] = firstOn
    ? firstOn.method === 'PUT'
      ? 'put-active'
      : 'patch-active'
    : 'none';
  if (updates.length > 0)
    seen(['updateMethod'], updateMethod === 'put' ? putUpdates : patchUpdates, 'updates');
  else assumed(['updateMethod'], 'no attribute update');
  if (firstOff) seen(['deprovision'], deactivations, 'deactivation');
  else if (userDeletes.length > 0) seen(['deprovision'], userDeletes, 'no deactivation; DELETE');
  else assumed(['deprovision'], 'neither deactivation nor DELETE');
  if (firstOn) seen(['reactivate'], reactivations);
  else note(['reactivate'], 'no reactivation in the recording');

  // responses: the statuses the IdP carried on after
  const statuses = (list: readonly ClassifiedExchange[], fallback: number[], key: keyof ProfileResponses) => {
    const ok = [
      ...new Set(list.map((c) => c.exchange.response.status).filter((s) => s >= 200 && s < 300)),
    ].sort();
    if (ok.length > 0) seen(['responses', key], list, 'answered so');
    else assumed(['responses', key], `default ${JSON.stringify(fallback)}`);
    return ok.length > 0 ? ok : fallback;
  };
  const zeroHit = withAction('probe-absent-user', 'match-user').filter(
    (c) => c.exchange.response.status === 404 || (c.responseJson?.totalResults ?? -1) === 0,
  );
  const zeroStatuses = [...new Set(zeroHit.map((c) => c.exchange.response.status))]
    .filter((s) => s === 200 || s === 404)
    .sort();
  if (zeroStatuses.length > 0)
    seen(['responses', 'zeroHitAccepted'], zeroHit, 'zero-hit filters answered so');
  else assumed(['responses', 'zeroHitAccepted'], 'no zero-hit filter');
  const responses: ProfileResponses = {
    zeroHitAccepted: zeroStatuses.length > 0 ? zeroStatuses : [200],
    createStatus: statuses(creates, [201], 'createStatus'),
    updateStatus: statuses(updates, updateMethod === 'put' ? [200] : [200, 204], 'updateStatus'),
    activeStatus: statuses([...deactivations, ...reactivations], [200, 204], 'activeStatus'),
    deleteStatus: statuses(userDeletes, [204], 'deleteStatus'),
    groupCreateStatus: statuses(withAction('create-group'), [201], 'groupCreateStatus'),
    groupPatchStatus: statuses(
      groups.filter((c) => c.method === 'PATCH'),
      [200, 204],
      'groupPatchStatus',
    ),
    groupDeleteStatus: statuses(withAction('delete-group'), [204], 'groupDeleteStatus'),
    userRequired: ['/id'],
    integerPaging: false,
  };
  assumed(['responses', 'userRequired'], 'what the IdP reads back is not visible on the wire');
  assumed(['responses', 'integerPaging'], 'not visible on the wire');

  const features: ProfileData['features'] = { groups: groups.length > 0, updateUsers: updates.length > 0 };
  note(['features', 'groups'], groups.length > 0 ? `group traffic in ${seqs(groups)}` : 'no group traffic');
  note(
    ['features', 'updateUsers'],
    updates.length > 0 ? `updates in ${seqs(updates)}` : 'no attribute update',
  );

  // phases: the sequence of steps, cut where the phase changes; a read takes the phase it occurs in
  const phases: ProfilePhase[] = [];
  let current: ProfilePhase | undefined;
  const used = new Map<string, number>();
  for (const c of all) {
    for (const action of c.actions) {
      let phaseName = PHASE_OF[action];
      if (action === 'read-user' && current) phaseName = current.name.replace(/-\d+$/, '');
      if (!current || current.name.replace(/-\d+$/, '') !== phaseName) {
        const n = (used.get(phaseName) ?? 0) + 1;
        used.set(phaseName, n);
        current = { name: n > 1 ? `${phaseName}-${n}` : phaseName, steps: [] };
        phases.push(current);
      }
      const req = c.exchange.request;
      current.steps.push({
        action,
        source: 'REC',
        evidence: 'O',
        note: `#${c.exchange.seq} ${req.method} ${req.path}${req.query !== null ? `?${req.query}` : ''} → ${c.exchange.response.status}`,
      });
    }
  }
  if (phases.length === 0) {
    warnings.push('no lifecycle step recognised: phases holds a placeholder');
    phases.push({
      name: 'create',
      steps: [{ action: 'create-user', source: 'REC', evidence: 'I', note: 'placeholder' }],
    });
  }
  note(['phases'], 'steps in recorded order (source REC = this recording, evidence O = observed)');

  const name = options.name ?? 'drafted';
  const label = options.label ?? 'a recording';
  const profile: ProfileData = {
    name,
    title: `Drafted from ${label}`,
    description: `Drafted by scimulator profile-from from ${recording.exchanges.length} exchanges (${users.length} on /Users, ${groups.length} on /Groups). Review every commented value.`,
    sources: {
      REC: `${label} (${recording.source.kind}${recording.source.upstream ? ` of ${recording.source.upstream}` : ''}, ${recording.createdAt})`,
    },
    headers,
    query,
    user,
    group,
    patch,
    updateMethod,
    deprovision,
    reactivate,
    responses,
    features,
    phases,
  };
  return { profile, notes, warnings };
}

/** The draft as YAML, each note a comment on its field. */
export function renderProfileYaml(draft: ProfileDraft, header: string[] = []): string {
  const doc = new Document(draft.profile);
  doc.commentBefore = [
    ...header,
    'Drafted by `scimulator profile-from`. Comments mark how each value was inferred:',
    '"observed in #N" cites recording exchanges; "not in the recording" marks a default to review.',
  ]
    .map((l) => ` ${l}`)
    .join('\n');
  for (const { path, text } of draft.notes) {
    const node = doc.getIn(path, true);
    if (isScalar(node)) {
      (node as Scalar).comment = ` ${text}`;
      continue;
    }
    const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
    if (!isMap(parent)) continue;
    const pair = parent.items.find(
      (p: Pair) => isScalar(p.key) && (p.key as Scalar).value === path[path.length - 1],
    );
    if (pair && isScalar(pair.key)) (pair.key as Scalar).commentBefore = ` ${text}`;
  }
  return doc.toString({ lineWidth: 0 });
}
