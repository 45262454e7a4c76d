/**
 * Requests of the resources suite, each run once per run: a User (with the extension values its resource type
 * advertises) in a Group, their reads and lists, the discovery documents, and a few write variants.
 * @module
 */
import {
  aliasEmail,
  defineScenario,
  get,
  groupsAt,
  isObject,
  resolveUrl,
  URN,
  usersAt,
} from '../support/index.js';
import type { HttpResult, JsonObject, ScenarioContext } from '../support/index.js';
import { TEST_CERTIFICATE } from './encodings.js';
import {
  attributesOf,
  findDef,
  post,
  schemaById,
  typeSchemas,
  type AttributeDef,
  type Posted,
} from './kit.js';

/** A value written into an extension container, to see where it comes back (RFC 7643 §3.3). */
export interface ExtensionValue {
  urn: string;
  name: string;
  value: string;
  /** True when a core User attribute has the same name, so its placement cannot be told apart. */
  sharesCoreName: boolean;
}

const writableString = (d: AttributeDef): boolean =>
  typeof d.name === 'string' &&
  (d.type === undefined || d.type === 'string') &&
  d.multiValued !== true &&
  (d.mutability === undefined || d.mutability === 'readWrite') &&
  (d.returned === undefined || d.returned === 'default' || d.returned === 'always');

/**
 * Extension containers for a User: required string attributes filled (RFC 7643 §6 `required` extensions), and
 * one writable string attribute per extension (one no core attribute shares a name with, when there is one).
 */
function extensionValues(ctx: ScenarioContext): { containers: JsonObject; written: ExtensionValue[] } {
  const containers: JsonObject = {};
  const written: ExtensionValue[] = [];
  const core = attributesOf(schemaById(ctx.target, typeSchemas(ctx.target, 'User')?.core));
  const shared = (d: AttributeDef): boolean => findDef(core, d.name as string) !== undefined;
  for (const urn of typeSchemas(ctx.target, 'User')?.extensions ?? []) {
    const defs = attributesOf(schemaById(ctx.target, urn)).filter(writableString);
    const sample = defs.find((d) => !shared(d)) ?? defs[0];
    const chosen = defs.filter((d) => d === sample || d.required === true);
    if (chosen.length === 0) continue;
    const container: JsonObject = {};
    for (const d of chosen) {
      const value = ctx.data.unique('ext');
      container[d.name as string] = value;
      written.push({ urn, name: d.name as string, value, sharesCoreName: shared(d) });
    }
    containers[urn] = container;
  }
  return { containers, written };
}

/** A seeded User body declaring the core schema and the extensions it fills, in canonical order. */
function userBody(
  ctx: ScenarioContext,
  overrides: JsonObject = {},
): { body: JsonObject; ext: ExtensionValue[] } {
  const core = typeSchemas(ctx.target, 'User')?.core ?? URN.user;
  const { containers, written } = extensionValues(ctx);
  const body = { ...ctx.data.user(overrides), schemas: [core, ...Object.keys(containers)], ...containers };
  return { body, ext: written };
}

export interface Fixture {
  user: Posted;
  /** Extension values the User was created with (empty when the User type advertises no usable extension). */
  ext: ExtensionValue[];
  /** GET of the User, after it joined the Group (so `groups` can show). */
  userRead: HttpResult | undefined;
  group: Posted | undefined;
  groupRead: HttpResult | undefined;
  userList: HttpResult;
  groupList: HttpResult | undefined;
  spc: HttpResult;
  resourceTypes: HttpResult;
}

/** One User in one Group (when the target has Groups), made before any reader of the collection starts. */
const created = defineScenario({
  id: 'resources.created',
  createsOnly: true,
  requires: ['resourceType:User'],
  run: async (ctx) => {
    const { body, ext } = userBody(ctx);
    const user = await post(ctx, usersAt(ctx.target), body);
    const hasGroups = ctx.target.capabilities.resourceTypes['Group'] !== undefined;
    const group =
      hasGroups && user.id
        ? await post(ctx, groupsAt(ctx.target), ctx.data.group({ members: [{ value: user.id }] }))
        : undefined;
    return { user, ext, group, hasGroups };
  },
});

/** The suite's main data: one User in one Group, read back singly and in lists (RFC 7644 §3.3, §3.4). */
export const fixture = defineScenario<Fixture>({
  id: 'resources.fixture',
  // Reads unfiltered lists (count 20) of Users and Groups: reads only.
  scope: 'collection-read',
  fixtures: [created],
  requires: ['resourceType:User'],
  run: async (ctx) => {
    const { user, ext, group, hasGroups } = await ctx.use(created);
    const none = () => Promise.resolve(undefined);
    // Six reads that change nothing and need no other answer (RFC 7644 §3.4.1, §3.4.2): side by side.
    const [userRead, groupRead, userList, groupList, spc, resourceTypes] = await ctx.all<
      HttpResult | undefined
    >([
      user.path ? () => get(ctx, user.path!) : none,
      group?.path ? () => get(ctx, group.path!) : none,
      () => get(ctx, usersAt(ctx.target), { count: 20 }),
      hasGroups ? () => get(ctx, groupsAt(ctx.target), { count: 20 }) : none,
      () => get(ctx, '/ServiceProviderConfig'),
      () => get(ctx, '/ResourceTypes'),
    ]);
    return {
      user,
      ext,
      userRead,
      group,
      groupRead,
      // Their tasks always answer (only the optional reads above may be `none`).
      userList: userList as HttpResult,
      groupList,
      spc: spc as HttpResult,
      resourceTypes: resourceTypes as HttpResult,
    };
  },
});

/** One followed reference: where it pointed, which id it names, and what GET on it answered (RFC 7643 §2.3.7). */
export interface FollowedRef {
  at: string;
  ref: string;
  expectedId: string | undefined;
  response: HttpResult | undefined;
  /** Why the harness did not follow it (another origin: credentials never leave the target). */
  skipped?: string;
}

/** Follows every `$ref` of the Group's members and the User's groups. */
export const followedRefs = defineScenario<FollowedRef[]>({
  id: 'resources.refs',
  // Follows the collection-wide fixture's references: reads only.
  scope: 'collection-read',
  fixtures: [created],
  requires: ['resourceType:User'],
  run: async (ctx) => {
    const f = await ctx.use(fixture);
    const base = new URL(ctx.target.baseUrl.replace(/\/*$/, '/'));
    const out: FollowedRef[] = [];
    const collect = (res: HttpResult | undefined, attr: string, label: string): void => {
      const body = res?.status === 200 && isObject(res.json) ? res.json : undefined;
      const list = body ? body[attr] : undefined;
      if (!Array.isArray(list)) return;
      list.forEach((item, i) => {
        if (!isObject(item) || typeof item['$ref'] !== 'string') return;
        const value = item['value'];
        out.push({
          at: `${label} /${attr}/${i}/$ref`,
          ref: item['$ref'],
          expectedId: typeof value === 'string' ? value : undefined,
          response: undefined,
        });
      });
    };
    collect(f.groupRead, 'members', 'GET Group');
    collect(f.userRead, 'groups', 'GET User');
    for (const r of out) {
      const url = resolveUrl(r.ref, base);
      if (!url) {
        r.skipped = 'it does not resolve to a URL';
        continue;
      }
      if (url.origin !== base.origin) {
        r.skipped = `it points to ${url.origin}, not the target's origin ${base.origin}`;
        continue;
      }
      r.response = await get(ctx, url.href);
    }
    return out;
  },
});

/** A create whose outcome is compared with the canonical one, and the read after it. */
export interface Variant {
  post: Posted | undefined;
  read: HttpResult | undefined;
  /** Why the variant was not sent. */
  skipped?: string;
}

async function variant(ctx: ScenarioContext, make: () => Posted | Promise<Posted>): Promise<Variant> {
  const created = await make();
  return { post: created, read: created.path ? await get(ctx, created.path) : undefined };
}

/**
 * A User sent with `schemas` as the last key, no externalId and an email without `primary`
 * (RFC 7643 §2.3.8, §3.1, §2.4).
 */
export const schemasLast = defineScenario<Variant>({
  id: 'resources.schemas-last',
  requires: ['resourceType:User'],
  run: (ctx) =>
    variant(ctx, () => {
      const { body } = userBody(ctx);
      const { schemas, externalId: _omit, ...rest } = body;
      const userName = String(rest['userName']);
      const sent: JsonObject = {
        ...rest,
        emails: [{ value: aliasEmail(userName, 'work'), type: 'work' }],
        schemas,
      };
      return post(ctx, usersAt(ctx.target), sent, JSON.stringify(sent));
    }),
});

/** A User whose `schemas` lists the extension URIs before the core one (RFC 7643 §3). */
export const schemasReversed = defineScenario<Variant & { ext: ExtensionValue[] }>({
  id: 'resources.schemas-reversed',
  requires: ['resourceType:User'],
  run: async (ctx) => {
    const { body, ext } = userBody(ctx);
    const schemas = body['schemas'] as string[];
    if (schemas.length < 2) {
      return {
        post: undefined,
        read: undefined,
        ext,
        skipped: 'the User type has no usable schema extension',
      };
    }
    return {
      ...(await variant(ctx, () =>
        post(ctx, usersAt(ctx.target), { ...body, schemas: [...schemas].reverse() }),
      )),
      ext,
    };
  },
});

/** A User carrying one `attr` sub-attribute value, sent only when the target's User schema defines it. */
function withSubAttribute(id: string, attr: string, sub: string, value: () => JsonObject) {
  return defineScenario<Variant>({
    id,
    requires: ['resourceType:User'],
    run: async (ctx) => {
      const schema = schemaById(ctx.target, typeSchemas(ctx.target, 'User')?.core);
      const def = findDef(attributesOf(schema), attr);
      if (!def || !findDef(attributesOf(def, 'subAttributes'), sub)) {
        return {
          post: undefined,
          read: undefined,
          skipped: `the target's User schema defines no ${attr}.${sub}`,
        };
      }
      if (def.mutability === 'readOnly') {
        return {
          post: undefined,
          read: undefined,
          skipped: `the target's User schema makes ${attr} readOnly`,
        };
      }
      const { body } = userBody(ctx);
      const item = value();
      return variant(ctx, () =>
        post(ctx, usersAt(ctx.target), { ...body, [attr]: def.multiValued === false ? item : [item] }),
      );
    },
  });
}

/** A User with one certificate (RFC 7643 §4.1.2), when the target's schema defines x509Certificates.value. */
export const withCertificate = withSubAttribute('resources.x509', 'x509Certificates', 'value', () => ({
  value: TEST_CERTIFICATE,
}));

/** A User with a German work address (RFC 7643 §4.1.2), when the schema defines addresses.country. */
export const withAddress = withSubAttribute('resources.address', 'addresses', 'country', () => ({
  type: 'work',
  locality: 'Berlin',
  country: 'DE',
}));

/** What was sent as unassigned: a single-valued attribute as `null` and a multi-valued one as `[]`. */
export interface Unassigned extends Variant {
  nullAttr: string | undefined;
  emptyAttr: string | undefined;
}

/** A User created with `null` and `[]` for optional attributes it leaves unassigned (RFC 7643 §2.5). */
export const unassigned = defineScenario<Unassigned>({
  id: 'resources.unassigned',
  requires: ['resourceType:User'],
  run: async (ctx) => {
    const { body } = userBody(ctx);
    const defs = attributesOf(schemaById(ctx.target, typeSchemas(ctx.target, 'User')?.core));
    const open = (d: AttributeDef): boolean =>
      typeof d.name === 'string' &&
      d.required !== true &&
      (d.mutability === undefined || d.mutability === 'readWrite') &&
      !Object.keys(body).some((k) => k.toLowerCase() === (d.name as string).toLowerCase());
    const single = defs.find((d) => open(d) && d.multiValued !== true && (d.type ?? 'string') === 'string');
    const multi = defs.find((d) => open(d) && d.multiValued === true);
    if (!single && !multi) {
      return {
        post: undefined,
        read: undefined,
        nullAttr: undefined,
        emptyAttr: undefined,
        skipped: 'no optional attribute is left to send unassigned',
      };
    }
    const nullAttr = single?.name as string | undefined;
    const emptyAttr = multi?.name as string | undefined;
    const sent: JsonObject = {
      ...body,
      ...(nullAttr ? { [nullAttr]: null } : {}),
      ...(emptyAttr ? { [emptyAttr]: [] } : {}),
    };
    return { ...(await variant(ctx, () => post(ctx, usersAt(ctx.target), sent))), nullAttr, emptyAttr };
  },
});

export interface PrimaryFilter {
  userName: string | undefined;
  control?: HttpResult;
  response: HttpResult | undefined;
}

/** The schemas-last User searched with `emails[primary eq true]`: its email has no `primary` (RFC 7643 §2.4). */
export const primaryFilter = defineScenario<PrimaryFilter>({
  id: 'resources.primary-filter',
  requires: ['resourceType:User', 'filter'],
  run: async (ctx) => {
    const v = await ctx.use(schemasLast);
    const userName = v.post?.sent['userName'];
    if (typeof userName !== 'string' || !v.post?.path) return { userName: undefined, response: undefined };
    // Control first: a target that ignores the filter must not be judged on the value path.
    const control = await get(ctx, usersAt(ctx.target), { filter: `userName eq "${userName}"` });
    const found = isObject(control.json) ? control.json['totalResults'] : undefined;
    if (control.status !== 200 || found !== 1) return { userName, control, response: undefined };
    const filter = `userName eq "${userName}" and emails[primary eq true]`;
    return { userName, control, response: await get(ctx, usersAt(ctx.target), { filter }) };
  },
});
