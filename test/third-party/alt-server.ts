/**
 * An independent SCIM 2.0 server, written from the RFCs without any code of reference-server/, that makes
 * other RFC-permitted choices than our reference server: PATCH answers 204, no ETags, no Bulk, no sorting,
 * short integer ids, second-precision `+00:00` timestamps, a filter language limited to eq/co/sw/pr with
 * and/or/not (other comparison operators are declined with 400 invalidFilter, RFC 7644 §3.12 Table 9),
 * /Me → 501, no enterprise extension, and the common attributes left out of /Schemas (RFC 7643 §3.1).
 * It accepts the IdP dialects real servers accept (capitalised ops, "True"/"False", a lone object for a
 * multi-valued attribute, foreign schema URNs), so IdP replays judge the protocol, not those quirks.
 * @module
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type Json = Record<string, unknown>;
interface Attr {
  name: string;
  type: string;
  multiValued?: boolean;
  required?: boolean;
  caseExact?: boolean;
  mutability?: string;
  returned?: string;
  uniqueness?: string;
  referenceTypes?: string[];
  canonicalValues?: string[];
  subAttributes?: Attr[];
}

const URN = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  list: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error',
  patch: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  search: 'urn:ietf:params:scim:api:messages:2.0:SearchRequest',
  spc: 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
  rt: 'urn:ietf:params:scim:schemas:core:2.0:ResourceType',
  schema: 'urn:ietf:params:scim:schemas:core:2.0:Schema',
};

// ---- schemas (RFC 7643 §4, §7) ----
const s = (name: string, more: Partial<Attr> = {}): Attr => ({ name, type: 'string', ...more });
const multi = (name: string, subs: Attr[], more: Partial<Attr> = {}): Attr => ({
  name,
  type: 'complex',
  multiValued: true,
  subAttributes: subs,
  ...more,
});
const typed = (values: string[]): Attr[] => [
  s('value'),
  s('display'),
  s('type', { canonicalValues: values }),
  { name: 'primary', type: 'boolean' },
];
const USER_ATTRS: Attr[] = [
  s('userName', { required: true, uniqueness: 'server' }),
  {
    name: 'name',
    type: 'complex',
    subAttributes: [
      'formatted',
      'familyName',
      'givenName',
      'middleName',
      'honorificPrefix',
      'honorificSuffix',
    ].map((n) => s(n)),
  },
  ...['displayName', 'nickName', 'title', 'userType', 'preferredLanguage', 'locale', 'timezone'].map((n) =>
    s(n),
  ),
  { name: 'profileUrl', type: 'reference', referenceTypes: ['external'] },
  { name: 'active', type: 'boolean' },
  s('password', { mutability: 'writeOnly', returned: 'never' }),
  multi('emails', typed(['work', 'home', 'other'])),
  multi('phoneNumbers', typed(['work', 'home', 'mobile', 'fax', 'pager', 'other'])),
  multi('ims', typed(['aim', 'gtalk', 'icq', 'xmpp', 'msn', 'skype', 'qq', 'yahoo'])),
  multi('photos', [
    { name: 'value', type: 'reference', referenceTypes: ['external'] },
    ...typed(['photo', 'thumbnail']).slice(1),
  ]),
  multi('addresses', [
    ...['formatted', 'streetAddress', 'locality', 'region', 'postalCode', 'country'].map((n) => s(n)),
    s('type', { canonicalValues: ['work', 'home', 'other'] }),
    { name: 'primary', type: 'boolean' },
  ]),
  multi(
    'groups',
    [
      s('value', { mutability: 'readOnly' }),
      { name: '$ref', type: 'reference', referenceTypes: ['Group'], mutability: 'readOnly' },
      s('display', { mutability: 'readOnly' }),
      s('type', { mutability: 'readOnly', canonicalValues: ['direct', 'indirect'] }),
    ],
    { mutability: 'readOnly' },
  ),
  multi('entitlements', typed([])),
  multi('roles', typed([])),
  multi('x509Certificates', [{ name: 'value', type: 'binary' }, ...typed([]).slice(1)]),
];
const GROUP_ATTRS: Attr[] = [
  s('displayName', { required: true }),
  multi('members', [
    s('value', { mutability: 'immutable' }),
    { name: '$ref', type: 'reference', referenceTypes: ['User', 'Group'], mutability: 'immutable' },
    s('display', { mutability: 'readOnly' }),
    s('type', { mutability: 'immutable', canonicalValues: ['User', 'Group'] }),
  ]),
];
/** Common attributes (RFC 7643 §3.1): judged like schema attributes, but not listed in /Schemas. */
const COMMON: Attr[] = [
  s('id', { caseExact: true, mutability: 'readOnly', returned: 'always', uniqueness: 'server' }),
  s('externalId', { caseExact: true }),
  {
    name: 'meta',
    type: 'complex',
    mutability: 'readOnly',
    subAttributes: [
      s('resourceType', { caseExact: true }),
      { name: 'created', type: 'dateTime' },
      { name: 'lastModified', type: 'dateTime' },
      { name: 'location', type: 'reference', referenceTypes: ['uri'] },
    ],
  },
];

interface Kind {
  name: string;
  endpoint: string;
  urn: string;
  attrs: Attr[];
  store: Map<string, Json>;
}

const lc = (v: string): string => v.toLowerCase();
/** userName as RFC 7644 §5 compares it: PRECIS (RFC 7613) case mapping and NFC normalisation. */
const prep = (v: unknown): string => lc(String(v).normalize('NFC'));
const find = (attrs: readonly Attr[], name: string): Attr | undefined =>
  attrs.find((a) => lc(a.name) === lc(name));
const clone = <T>(v: T): T => structuredClone(v);
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const empty = (v: unknown): boolean =>
  v === undefined ||
  v === null ||
  v === '' ||
  (Array.isArray(v) && v.length === 0) ||
  (isObj(v) && !Object.keys(v).length);
/** Second precision with an explicit offset: `2026-11-28T10:00:00+00:00` (xsd:dateTime, RFC 7643 §2.3.5). */
const stamp = (): string => new Date().toISOString().replace(/\.\d{3}Z$/, '+00:00');

class ScimError extends Error {
  constructor(
    readonly status: number,
    readonly scimType: string | undefined,
    detail: string,
  ) {
    super(detail);
  }
}
const bad = (scimType: string, detail: string): ScimError => new ScimError(400, scimType, detail);

// ---- attribute paths (RFC 7644 §3.10) ----
/** Resolves `urn:…:User:name.givenName` / `Name.GivenName` to canonical names; undefined when unknown. */
function resolvePath(
  kind: Kind,
  path: string,
  scope: Attr[] = [...COMMON, ...kind.attrs],
): Attr[] | undefined {
  let rest = path;
  if (lc(rest).startsWith(lc(kind.urn) + ':')) rest = rest.slice(kind.urn.length + 1);
  else if (rest.includes(':')) return undefined;
  const chain: Attr[] = [];
  let attrs = scope;
  for (const part of rest.split('.')) {
    const a = find(attrs, part);
    if (!a) return undefined;
    chain.push(a);
    attrs = a.subAttributes ?? [];
  }
  return chain.length > 0 && chain.length <= 2 ? chain : undefined;
}

// ---- filters (RFC 7644 §3.4.2.2): eq, co, sw, pr; and, or, not, ( ), [ ] ----
type Node =
  | { op: 'and' | 'or'; l: Node; r: Node }
  | { op: 'not'; e: Node }
  | { op: 'cmp'; path: Attr[]; cmp: string; value: unknown }
  | { op: 'vp'; path: Attr[]; e: Node };
const OPERATORS = ['eq', 'ne', 'co', 'sw', 'ew', 'pr', 'gt', 'ge', 'lt', 'le'];
/** The comparison operators this server answers with 400 invalidFilter (RFC 7644 §3.12 Table 9). */
export const DEFAULT_DECLINED = ['ne', 'ew', 'gt', 'ge', 'lt', 'le'];

function parseFilter(kind: Kind, text: string, scope?: Attr[], declined = DEFAULT_DECLINED): Node {
  const tokens = text.match(/"(?:[^"\\]|\\.)*"|[()[\]]|[^\s()[\]"]+/g) ?? [];
  if (/"(?:[^"\\]|\\.)*$/.test(text.replace(/"(?:[^"\\]|\\.)*"/g, '')))
    throw bad('invalidFilter', 'unterminated string');
  let i = 0;
  const peek = (): string | undefined => tokens[i];
  const next = (): string => {
    const t = tokens[i++];
    if (t === undefined) throw bad('invalidFilter', 'the filter ends too early');
    return t;
  };
  const expect = (t: string): void => {
    if (next() !== t) throw bad('invalidFilter', `expected "${t}"`);
  };
  const isWord = (w: string): boolean => peek() !== undefined && lc(peek() as string) === w;
  // Precedence (RFC 7644 §3.4.2.2): not, then and, then or.
  const or = (sc?: Attr[]): Node => {
    let l = and(sc);
    while (isWord('or')) {
      next();
      l = { op: 'or', l, r: and(sc) };
    }
    return l;
  };
  const and = (sc?: Attr[]): Node => {
    let l = unary(sc);
    while (isWord('and')) {
      next();
      l = { op: 'and', l, r: unary(sc) };
    }
    return l;
  };
  const unary = (sc?: Attr[]): Node => {
    const t = next();
    if (lc(t) === 'not') {
      expect('(');
      const e = or(sc);
      expect(')');
      return { op: 'not', e };
    }
    if (t === '(') {
      const e = or(sc);
      expect(')');
      return e;
    }
    if (/^[()[\]"]/.test(t)) throw bad('invalidFilter', `unexpected "${t}"`);
    const path = resolvePath(kind, t, sc);
    if (!path) throw bad('invalidFilter', `unknown attribute "${t}"`);
    if (peek() === '[') {
      next();
      const e = or(path[path.length - 1]?.subAttributes ?? []);
      expect(']');
      return { op: 'vp', path, e };
    }
    const cmp = lc(next());
    if (!OPERATORS.includes(cmp)) throw bad('invalidFilter', `unknown operator "${cmp}"`);
    if (declined.includes(cmp)) throw bad('invalidFilter', `the operator "${cmp}" is not supported`);
    if (cmp === 'pr') return { op: 'cmp', path, cmp, value: undefined };
    let value: unknown;
    try {
      value = JSON.parse(next());
    } catch {
      throw bad('invalidFilter', 'the comparison value is not a JSON string, number, boolean or null');
    }
    if (isObj(value) || Array.isArray(value)) throw bad('invalidFilter', 'bad comparison value');
    return { op: 'cmp', path, cmp, value };
  };
  const root = or(scope);
  if (i !== tokens.length) throw bad('invalidFilter', `unexpected "${tokens[i]}"`);
  return root;
}

/** Values at a resolved path; a multi-valued complex attribute without sub-attribute compares its `value`. */
function valuesAt(node: unknown, path: Attr[], raw = false): { values: unknown[]; attr: Attr | undefined } {
  let values: unknown[] = [node];
  let attr: Attr | undefined;
  for (const a of path) {
    attr = a;
    values = values.flatMap((v) => {
      const x = isObj(v) ? v[Object.keys(v).find((k) => lc(k) === lc(a.name)) ?? ''] : undefined;
      return Array.isArray(x) ? x : [x];
    });
  }
  if (attr?.type === 'complex' && attr.multiValued && !raw) {
    const value = find(attr.subAttributes ?? [], 'value');
    return { values: values.map((v) => (isObj(v) ? v['value'] : undefined)), attr: value };
  }
  return { values: values.filter((v) => v !== undefined), attr };
}

function matches(node: Node, res: unknown): boolean {
  switch (node.op) {
    case 'and':
      return matches(node.l, res) && matches(node.r, res);
    case 'or':
      return matches(node.l, res) || matches(node.r, res);
    case 'not':
      return !matches(node.e, res);
    case 'vp':
      return valuesAt(res, node.path, true).values.some((v) => matches(node.e, v));
    case 'cmp': {
      const { values, attr } = valuesAt(res, node.path);
      if (node.cmp === 'pr') return values.some((v) => !empty(v));
      const exact = attr?.caseExact === true || attr?.type === 'reference';
      return values.some((v) => {
        if (typeof v !== 'string' || typeof node.value !== 'string')
          return node.cmp === 'eq' && v === node.value;
        const [a, b] = exact ? [v, node.value] : [lc(v), lc(node.value)];
        if (node.cmp === 'eq') return attr?.type === 'dateTime' ? Date.parse(a) === Date.parse(b) : a === b;
        return node.cmp === 'co' ? a.includes(b) : a.startsWith(b);
      });
    }
  }
}

// ---- projection (RFC 7644 §3.4.2.5, §3.9) ----
function project(kind: Kind, res: Json, query: URLSearchParams): Json {
  const list = (key: string): Attr[][] | undefined => {
    const raw = query.get(key);
    if (raw === null || raw.trim() === '') return undefined;
    return raw.split(',').map((p) => {
      // Names the server does not know select nothing (they are not an error).
      return resolvePath(kind, p.trim()) ?? [];
    });
  };
  const include = list('attributes');
  const exclude = include ? undefined : list('excludedAttributes');
  if (!include && !exclude) return res;
  const out: Json = { schemas: res['schemas'] };
  for (const a of [...COMMON, ...kind.attrs]) {
    const value = res[a.name];
    if (value === undefined) continue;
    if (a.returned === 'always') out[a.name] = value;
    else if (exclude) {
      if (!exclude.some((p) => p.length === 1 && p[0] === a)) out[a.name] = value;
    } else if (include?.some((p) => p[0] === a && p.length === 1)) out[a.name] = value;
    else {
      const subs = (include ?? [])
        .filter((p) => p[0] === a && p.length === 2)
        .map((p) => (p[1] as Attr).name);
      if (subs.length === 0) continue;
      const pick = (v: unknown): Json =>
        Object.fromEntries(Object.entries(isObj(v) ? v : {}).filter(([k]) => subs.includes(k)));
      out[a.name] = Array.isArray(value) ? value.map(pick) : pick(value);
    }
  }
  return out;
}

// ---- values in (RFC 7643 §2.3, §2.4): canonical names, types, readOnly dropped ----
function coerce(a: Attr, v: unknown, where: string): unknown {
  if (v === null) return undefined;
  if (a.multiValued) {
    const items = Array.isArray(v) ? v : [v]; // OneLogin sends one email as a bare object
    const out = items
      .map((x) => coerce({ ...a, multiValued: false }, x, where))
      .filter((x) => x !== undefined);
    return out.length ? out : undefined;
  }
  if (a.type === 'complex') {
    if (!isObj(v)) throw bad('invalidValue', `${where} must be an object`);
    const out: Json = {};
    for (const [k, x] of Object.entries(v)) {
      const sub = find(a.subAttributes ?? [], k);
      if (sub && x !== null) out[sub.name] = coerce(sub, x, `${where}.${sub.name}`);
    }
    return out;
  }
  if (a.type === 'boolean') {
    if (typeof v === 'string' && /^(true|false)$/i.test(v)) return lc(v) === 'true'; // Entra's "True"/"False"
    if (typeof v !== 'boolean') throw bad('invalidValue', `${where} must be a boolean`);
    return v;
  }
  if (typeof v !== 'string') throw bad('invalidValue', `${where} must be a string`);
  return v;
}

function readIn(kind: Kind, body: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(body)) {
    const a = find([...kind.attrs, COMMON[1] as Attr], k);
    if (!a || a.mutability === 'readOnly') continue;
    const value = coerce(a, v, a.name);
    if (value !== undefined) out[a.name] = value;
  }
  return out;
}

/** Keeps one `primary: true` per multi-valued attribute: the value in `prefer`, else the last one sent. */
function onePrimary(res: Json, prefer?: unknown): void {
  for (const v of Object.values(res)) {
    if (!Array.isArray(v)) continue;
    const primaries = v.filter((x) => isObj(x) && x['primary'] === true) as Json[];
    const keep = primaries.includes(prefer as Json) ? prefer : primaries[primaries.length - 1];
    for (const p of primaries) if (p !== keep) delete p['primary'];
  }
}

// ---- PATCH (RFC 7644 §3.5.2) ----
function applyOp(kind: Kind, res: Json, op: Json): void {
  const verb = typeof op['op'] === 'string' ? lc(op['op']) : '';
  if (!['add', 'remove', 'replace'].includes(verb))
    throw bad('invalidSyntax', `unknown op ${JSON.stringify(op['op'])}`);
  const rawPath = op['path'];
  if (rawPath === undefined || rawPath === '') {
    if (verb === 'remove') throw bad('noTarget', 'remove needs a path');
    if (!isObj(op['value'])) throw bad('invalidValue', `${verb} without a path needs an object value`);
    for (const [k, v] of Object.entries(op['value'])) {
      // Okta's group rename repeats the unchanged id; re-sending a readOnly value changes nothing.
      if (lc(k) === 'id' && v === res['id']) continue;
      // authentik's rename re-sends the whole group, schemas included (RFC 7643 §3: set by the resource type).
      if (lc(k) === 'schemas' && JSON.stringify(v) === JSON.stringify(res['schemas'])) continue;
      applyOp(kind, res, { op: verb, path: k, value: v });
    }
    return;
  }
  if (typeof rawPath !== 'string') throw bad('invalidPath', 'path must be a string');
  const m = /^([^[\]]+)(?:\[(.*)\](?:\.([A-Za-z$][\w$-]*))?)?$/.exec(rawPath.trim());
  const chain = m ? resolvePath(kind, m[1] as string) : undefined;
  // Attributes of a schema extension this server does not offer are ignored, like unknown attributes on POST.
  if (m && !chain && /^urn:/i.test(m[1] as string) && !lc(m[1] as string).startsWith(lc(kind.urn))) return;
  if (!m || !chain) throw bad('invalidPath', `cannot resolve path "${rawPath}"`);
  const top = chain[0] as Attr;
  const sub = m[3] !== undefined ? find(top.subAttributes ?? [], m[3]) : chain[1];
  if (m[3] !== undefined && !sub) throw bad('invalidPath', `unknown sub-attribute in "${rawPath}"`);
  if (COMMON.includes(top) && top.name !== 'externalId') throw bad('mutability', `${top.name} is readOnly`);
  if (top.mutability === 'readOnly' || sub?.mutability === 'readOnly')
    throw bad('mutability', `${rawPath} is readOnly`);
  if (m[2] !== undefined && sub?.mutability === 'immutable')
    throw bad('mutability', `${rawPath} is immutable`);
  if (verb !== 'remove' && op['value'] === undefined) throw bad('invalidValue', `${verb} needs a value`);
  const current = res[top.name];

  if (m[2] !== undefined) {
    // valuePath: act on the matching values of a multi-valued attribute
    if (!top.multiValued) throw bad('invalidPath', `${top.name} is not multi-valued`);
    const filter = parseFilter(kind, m[2], top.subAttributes ?? []);
    const items = (Array.isArray(current) ? current : []) as Json[];
    const hit = items.filter((x) => matches(filter, x));
    if (hit.length === 0) {
      if (verb === 'remove') return;
      throw bad('noTarget', `no value of ${top.name} matches [${m[2]}]`);
    }
    if (verb === 'remove' && !sub) res[top.name] = items.filter((x) => !hit.includes(x));
    else
      for (const x of hit) {
        if (sub && verb === 'remove') delete x[sub.name];
        else if (sub) x[sub.name] = coerce(sub, op['value'], `${top.name}.${sub.name}`);
        else Object.assign(x, coerce({ ...top, multiValued: false }, op['value'], top.name));
      }
    if (sub?.name === 'primary' && op['value'] === true) onePrimary(res, hit[0]);
    if (empty(res[top.name])) delete res[top.name];
    return;
  }
  if (sub) {
    // name.givenName, or emails.value on every value
    if (top.multiValued) throw bad('invalidPath', `use a value filter to address values of ${top.name}`);
    const node: Json = isObj(current) ? current : {};
    if (verb === 'remove') delete node[sub.name];
    else node[sub.name] = coerce(sub, op['value'], `${top.name}.${sub.name}`);
    res[top.name] = node;
  } else if (verb === 'remove') {
    if (top.required) throw bad('mutability', `${top.name} is required`);
    if (top.multiValued && op['value'] !== undefined) {
      // Entra: remove members with a value list removes those values (an extension of RFC 7644 §3.5.2.2)
      const drop = (coerce(top, op['value'], top.name) as Json[] | undefined) ?? [];
      const items = (Array.isArray(current) ? current : []) as Json[];
      res[top.name] = items.filter((x) => !drop.some((d) => d['value'] === x['value']));
    } else delete res[top.name];
  } else {
    const value = coerce(top, op['value'], top.name);
    if (top.multiValued && verb === 'add') {
      const items = (Array.isArray(current) ? current : []) as Json[];
      for (const v of (value as Json[] | undefined) ?? [])
        if (!items.some((x) => JSON.stringify(x) === JSON.stringify(v))) items.push(v);
      res[top.name] = items;
      onePrimary(
        res,
        items.find((x) => (value as Json[]).some((v) => v['primary'] === true && v['value'] === x['value'])),
      );
    } else if (top.type === 'complex' && !top.multiValued && isObj(current) && isObj(value))
      res[top.name] = { ...current, ...value };
    else res[top.name] = value;
  }
  if (empty(res[top.name])) delete res[top.name];
}

// ---- server ----
export interface RunningAltServer {
  url: string;
  token: string;
  /** Number of stored Users and Groups (for cleanup assertions). */
  counts(): { users: number; groups: number };
  close(): Promise<void>;
}

export interface AltServerOptions {
  token?: string;
  /** Comparison operators to decline on top of DEFAULT_DECLINED, e.g. `['co', 'sw', 'pr']` for an eq-only server. */
  declineAlso?: readonly string[];
}

export async function startAltServer(options: AltServerOptions = {}): Promise<RunningAltServer> {
  const token = options.token ?? 'alt-server-token';
  const declined = [...DEFAULT_DECLINED, ...(options.declineAlso ?? [])];
  const base = '/scim';
  let origin = '';
  let nextId = 100;
  const users: Kind = {
    name: 'User',
    endpoint: '/Users',
    urn: URN.user,
    attrs: USER_ATTRS,
    store: new Map(),
  };
  const groups: Kind = {
    name: 'Group',
    endpoint: '/Groups',
    urn: URN.group,
    attrs: GROUP_ATTRS,
    store: new Map(),
  };
  const kinds = [users, groups];
  const location = (kind: Kind, id: string): string => `${origin}${base}${kind.endpoint}/${id}`;

  const describeAttr = (a: Attr): Json => ({
    name: a.name,
    type: a.type,
    multiValued: a.multiValued ?? false,
    description: `${a.name}.`,
    required: a.required ?? false,
    caseExact: a.caseExact ?? false,
    mutability: a.mutability ?? 'readWrite',
    returned: a.returned ?? 'default',
    uniqueness: a.uniqueness ?? 'none',
    ...(a.referenceTypes ? { referenceTypes: a.referenceTypes } : {}),
    ...(a.canonicalValues?.length ? { canonicalValues: a.canonicalValues } : {}),
    ...(a.subAttributes ? { subAttributes: a.subAttributes.map(describeAttr) } : {}),
  });
  const schemaDoc = (k: Kind): Json => ({
    schemas: [URN.schema],
    id: k.urn,
    name: k.name,
    description: `${k.name} account`,
    attributes: k.attrs.map(describeAttr),
    meta: { resourceType: 'Schema', location: `${origin}${base}/Schemas/${k.urn}` },
  });
  const rtDoc = (k: Kind): Json => ({
    schemas: [URN.rt],
    id: k.name,
    name: k.name,
    endpoint: k.endpoint,
    description: `${k.name} accounts`,
    schema: k.urn,
    meta: { resourceType: 'ResourceType', location: `${origin}${base}/ResourceTypes/${k.name}` },
  });
  /**
   * A ListResponse: `Resources` only when there are any, `startIndex`/`itemsPerPage` only when the result
   * is paginated (RFC 7644 §3.4.2 requires them for partial results only).
   */
  const listOf = (items: Json[], startIndex = 1, total = items.length, paged = false): Json => ({
    schemas: [URN.list],
    totalResults: total,
    ...(paged || items.length < total ? { itemsPerPage: items.length, startIndex } : {}),
    ...(items.length > 0 ? { Resources: items } : {}),
  });

  /** The representation: stored attributes plus, for Users, the read-only `groups` (RFC 7643 §4.1.2). */
  const view = (kind: Kind, res: Json): Json => {
    const out = clone(res);
    delete out['password'];
    if (kind === users) {
      const of = [...groups.store.values()].filter((g) =>
        ((g['members'] as Json[] | undefined) ?? []).some((m) => m['value'] === res['id']),
      );
      if (of.length)
        out['groups'] = of.map((g) => ({
          value: g['id'],
          $ref: location(groups, g['id'] as string),
          display: g['displayName'],
          type: 'direct',
        }));
    }
    return out;
  };

  const validate = (kind: Kind, res: Json, id?: string): void => {
    for (const a of kind.attrs)
      if (a.required && (typeof res[a.name] !== 'string' || res[a.name] === ''))
        throw bad('invalidValue', `${a.name} is required`);
    if (kind === users) {
      const taken = [...users.store.values()].some(
        (u) => u['id'] !== id && prep(u['userName']) === prep(res['userName']),
      );
      if (taken) throw new ScimError(409, 'uniqueness', `userName ${String(res['userName'])} is taken`);
    }
    for (const m of (res['members'] as Json[] | undefined) ?? []) {
      const ref = String(m['value']);
      if (!users.store.has(ref) && !groups.store.has(ref))
        throw bad('invalidValue', `no resource ${ref} to add`);
      const target = users.store.get(ref) ?? groups.store.get(ref);
      m['type'] ??= users.store.has(ref) ? 'User' : 'Group';
      m['display'] = target?.['displayName'] ?? target?.['userName'];
      m['$ref'] = location(users.store.has(ref) ? users : groups, ref);
    }
    onePrimary(res);
  };

  const save = (kind: Kind, data: Json, id: string, created?: string): Json => {
    const now = stamp();
    const res: Json = {
      schemas: [kind.urn],
      id,
      ...data,
      meta: {
        resourceType: kind.name,
        created: created ?? now,
        lastModified: now,
        location: location(kind, id),
      },
    };
    kind.store.set(id, res);
    return res;
  };

  const search = (kind: Kind, q: URLSearchParams): Json => {
    const f = q.get('filter');
    const node = f === null ? undefined : parseFilter(kind, f, undefined, declined);
    const hits = [...kind.store.values()].map((r) => view(kind, r)).filter((r) => !node || matches(node, r));
    const int = (key: string, def: number): number => {
      const n = Number.parseInt(q.get(key) ?? '', 10);
      return Number.isNaN(n) ? def : n;
    };
    const start = Math.max(1, int('startIndex', 1));
    const count = Math.min(100, Math.max(0, int('count', 100)));
    const page = hits.slice(start - 1, start - 1 + count).map((r) => project(kind, r, q));
    return listOf(page, start, hits.length, q.has('startIndex') || q.has('count'));
  };

  type Reply = { status: number; body?: Json; headers?: Record<string, string> };
  const handle = async (req: IncomingMessage, url: URL, raw: string): Promise<Reply> => {
    if (/^bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1] !== token)
      throw new ScimError(401, undefined, 'a valid bearer token is required');
    const parts = url.pathname.slice(base.length).split('/').filter(Boolean).map(decodeURIComponent);
    const method = req.method ?? 'GET';
    const q = url.searchParams;
    const json = (): Json => {
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        throw bad('invalidSyntax', 'the body is not JSON');
      }
      if (!isObj(body)) throw bad('invalidSyntax', 'the body must be a JSON object');
      return body;
    };
    const [head, id, extra] = parts;
    if (head === 'Me') throw new ScimError(501, undefined, '/Me is not supported');
    if (head === 'Bulk') throw new ScimError(501, undefined, 'Bulk is not supported');
    if (head === 'ServiceProviderConfig' && !id && method === 'GET')
      return {
        status: 200,
        body: {
          schemas: [URN.spc],
          documentationUri: 'https://example.com/alt-scim',
          patch: { supported: true },
          bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
          filter: { supported: true, maxResults: 100 },
          changePassword: { supported: false },
          sort: { supported: false },
          etag: { supported: false },
          authenticationSchemes: [
            {
              type: 'oauthbearertoken',
              name: 'OAuth Bearer Token',
              description: 'A static bearer token',
              primary: true,
            },
          ],
          meta: { resourceType: 'ServiceProviderConfig', location: `${origin}${base}/ServiceProviderConfig` },
        },
      };
    if ((head === 'Schemas' || head === 'ResourceTypes') && method === 'GET' && !extra) {
      if (q.has('filter')) throw new ScimError(403, undefined, `filtering ${head} is not supported`);
      const docs = head === 'Schemas' ? kinds.map(schemaDoc) : kinds.map(rtDoc);
      if (id === undefined) return { status: 200, body: listOf(docs) };
      const doc = docs.find((d) => d['id'] === id);
      if (!doc) throw new ScimError(404, undefined, `no ${head} ${id}`);
      return { status: 200, body: doc };
    }
    const kind = kinds.find((k) => k.endpoint === `/${head ?? ''}`);
    if (!kind || extra !== undefined) throw new ScimError(404, undefined, `no endpoint ${url.pathname}`);
    if (id === '.search' && method === 'POST') {
      const body = json();
      if (!Array.isArray(body['schemas']) || !body['schemas'].includes(URN.search))
        throw bad('invalidSyntax', 'a SearchRequest needs its schema URI');
      const p = new URLSearchParams();
      for (const [k, v] of Object.entries(body))
        if (k !== 'schemas' && v !== undefined) p.set(k, Array.isArray(v) ? v.join(',') : String(v));
      return { status: 200, body: search(kind, p) };
    }
    if (id === undefined) {
      if (method === 'GET') return { status: 200, body: search(kind, q) };
      if (method !== 'POST') throw new ScimError(405, undefined, `${method} is not allowed here`);
      const data = readIn(kind, json());
      if (kind === users) data['active'] ??= true; // a defaulted attribute (RFC 7644 §3.4.2.2)
      validate(kind, data);
      const res = save(kind, data, String(nextId++));
      const loc = location(kind, res['id'] as string);
      return { status: 201, body: project(kind, view(kind, res), q), headers: { location: loc } };
    }
    const current = kind.store.get(id);
    if (!current) throw new ScimError(404, undefined, `${kind.name} ${id} not found`);
    const meta = current['meta'] as Json;
    if (method === 'GET') return { status: 200, body: project(kind, view(kind, current), q) };
    if (method === 'DELETE') {
      kind.store.delete(id);
      for (const g of groups.store.values())
        if (Array.isArray(g['members']))
          g['members'] = (g['members'] as Json[]).filter((m) => m['value'] !== id);
      return { status: 204 };
    }
    if (method === 'PUT') {
      const data = readIn(kind, json());
      validate(kind, data, id);
      const res = save(kind, data, id, meta['created'] as string);
      return { status: 200, body: project(kind, view(kind, res), q) };
    }
    if (method === 'PATCH') {
      const body = json();
      if (!Array.isArray(body['schemas']) || !body['schemas'].includes(URN.patch))
        throw bad('invalidSyntax', 'a PatchOp needs its schema URI');
      const ops = body['Operations'];
      if (!Array.isArray(ops) || ops.length === 0)
        throw bad('invalidSyntax', 'Operations must be a non-empty array');
      const next = clone(current);
      for (const op of ops) {
        if (!isObj(op)) throw bad('invalidSyntax', 'each operation must be an object');
        applyOp(kind, next, op);
      }
      const data = Object.fromEntries(
        Object.entries(next).filter(([k]) => !['schemas', 'id', 'meta'].includes(k)),
      );
      validate(kind, data, id);
      // An operation that changes nothing leaves meta.lastModified alone (RFC 7644 §3.5.2.1).
      const unchanged = JSON.stringify(data) === JSON.stringify(readIn(kind, current));
      const res = unchanged ? current : save(kind, data, id, meta['created'] as string);
      if (!q.has('attributes') && !q.has('excludedAttributes')) return { status: 204 };
      return { status: 200, body: project(kind, view(kind, res), q) };
    }
    throw new ScimError(405, undefined, `${method} is not allowed here`);
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', origin);
      const send = (r: Reply): void => {
        const text = r.body === undefined ? '' : JSON.stringify(r.body);
        res.writeHead(r.status, {
          ...(text ? { 'content-type': 'application/scim+json; charset=utf-8' } : {}),
          ...(r.headers ?? {}),
        });
        res.end(text);
      };
      const fail = (err: unknown): void => {
        const e = err instanceof ScimError ? err : new ScimError(500, undefined, 'internal error');
        send({
          status: e.status,
          body: {
            schemas: [URN.error],
            status: String(e.status),
            ...(e.scimType ? { scimType: e.scimType } : {}),
            detail: e.message,
          },
          headers: {
            ...(e.status === 401 ? { 'www-authenticate': 'Bearer realm="alt-scim"' } : {}),
            ...(e.status === 405 ? { allow: 'GET, POST, PUT, PATCH, DELETE' } : {}),
          },
        });
      };
      if (!url.pathname.startsWith(base + '/') && url.pathname !== base)
        return fail(new ScimError(404, undefined, 'not a SCIM path'));
      handle(req, url, Buffer.concat(chunks).toString('utf8')).then(send, fail);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}${base}`,
    token,
    counts: () => ({ users: users.store.size, groups: groups.store.size }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
