import { randomUUID } from 'node:crypto';
import { ScimError } from '../../core/index.js';
import { applyPatch } from '../../patch/index.js';
import type { Resource, RfcContext } from '../context.js';
import { assertIfMatch } from '../etag.js';
import { assertImmutableKept, assertRequired, normaliseInput } from '../write/index.js';
import { isObject } from '../../../protocol/json.js';
import { resolveMembers } from './members.js';
import { sameJsonWithout } from './same-json.js';
import { adaptPatch } from './patch-dialect.js';
import type { ResourceKind } from './resource-kind.js';

/** Reads a live resource or fails with 404, so deleted resources are gone for every method (RFC 7644 §3.6). */
export function getOrThrow(kind: ResourceKind, id: string): Resource {
  const found = kind.store.get(id);
  if (!found) throw ScimError.notFound(`${kind.name} ${id} not found`);
  return found;
}

function assertUnique(
  ctx: RfcContext,
  kind: ResourceKind,
  resource: Resource,
  selfId: string | undefined,
): void {
  const value = resource[kind.unique.attribute];
  if (typeof value !== 'string') return;
  if (kind.name === 'User' && ctx.quirks.has('duplicate-username-accepted')) return;
  const clash = kind.store.hasOtherThan(kind.unique.index, value, selfId);
  if (!clash) return;
  if (kind.name === 'Group' && ctx.quirks.has('duplicate-displayname-500'))
    throw ScimError.internal('duplicate key value violates unique constraint "groups_display_name_key"');
  throw ScimError.uniqueness(`${kind.unique.attribute} "${value}" is already taken`);
}

/** `schemas` lists exactly the extensions the resource carries, after PATCH as after POST (RFC 7643 §3). */
function syncSchemas(kind: ResourceKind, resource: Resource): void {
  const schemas = [kind.schema.core.id];
  for (const ext of kind.schema.extensions) {
    const value = resource[ext.id];
    if (isObject(value) && Object.keys(value).length > 0) schemas.push(ext.id);
    else delete resource[ext.id];
  }
  resource.schemas = schemas;
}

/** Server-side shaping shared by every write: PRECIS-like NFC userName (RFC 7644 §7.8) and resolved members. */
function finish(
  ctx: RfcContext,
  kind: ResourceKind,
  resource: Resource,
  selfId: string | undefined,
  missing: 'invalidValue' | 'mutability' = 'invalidValue',
): Resource {
  if (kind.name === 'User' && typeof resource.userName === 'string') {
    resource.userName = resource.userName.normalize('NFC');
  }
  syncSchemas(kind, resource);
  if (kind.name === 'Group') {
    const members = resolveMembers(ctx, resource.members, selfId);
    if (members) resource.members = members;
    else delete resource.members;
  }
  assertRequired(resource, kind.schema, missing);
  assertUnique(ctx, kind, resource, selfId);
  return resource;
}

function stamp(ctx: RfcContext, resourceType: string, created?: string): Resource {
  const now = ctx.now();
  return { resourceType, created: created ?? now, lastModified: now, version: ctx.nextVersion() };
}

function metaOf(resource: Resource): Resource {
  return resource.meta as Resource;
}

/** POST: the id and meta are the server's, whatever the client sent (RFC 7644 §3.3). */
export function createResource(ctx: RfcContext, kind: ResourceKind, body: unknown): Resource {
  if (
    kind.name === 'Group' &&
    ctx.quirks.has('group-externalid-required') &&
    isObject(body) &&
    typeof body.externalId !== 'string'
  )
    throw ScimError.invalidValue('externalId is required');
  const attrs = finish(ctx, kind, normaliseInput(body, kind.schema), undefined);
  const id = randomUUID();
  // `attrs` is this request's own object and has no id or meta (both readOnly, dropped on input), so adding
  // them gives the same members in the same order as a `{ ...attrs, id, meta }` copy would.
  const resource: Resource = attrs;
  resource.id = id;
  resource.meta = stamp(ctx, kind.name);
  kind.store.set(id, resource);
  return resource;
}

/** PUT replaces every readWrite attribute; readOnly input is ignored and the password kept when omitted (RFC 7644 §3.5.1). */
export function replaceResource(
  ctx: RfcContext,
  kind: ResourceKind,
  id: string,
  body: unknown,
  ifMatch: string | undefined,
): Resource {
  const existing = getOrThrow(kind, id);
  assertIfMatch(ctx, ifMatch, metaOf(existing).version as string);
  let attrs = normaliseInput(body, kind.schema);
  if (ctx.quirks.has('put-keeps-omitted')) attrs = { ...existing, ...attrs };
  if (kind.name === 'User' && ctx.quirks.has('put-active-ignored')) attrs.active = existing.active;
  if (kind.name === 'User' && attrs.password === undefined && existing.password !== undefined) {
    attrs.password = existing.password;
  }
  assertImmutableKept(existing, attrs, kind.schema);
  let newId = id;
  const sentId = (body as Resource).id;
  if (typeof sentId === 'string' && sentId !== id && ctx.quirks.has('id-mutable')) newId = sentId;
  finish(ctx, kind, attrs, id);
  const resource: Resource = {
    ...attrs,
    id: newId,
    meta: stamp(ctx, kind.name, metaOf(existing).created as string),
  };
  if (newId !== id) kind.store.delete(id);
  kind.store.set(newId, resource);
  return resource;
}

/** PATCH is atomic: the engine works on a copy and nothing is stored unless every operation succeeds (RFC 7644 §3.5.2). */
export function patchResource(
  ctx: RfcContext,
  kind: ResourceKind,
  id: string,
  body: unknown,
  ifMatch: string | undefined,
): Resource {
  const existing = getOrThrow(kind, id);
  assertIfMatch(ctx, ifMatch, metaOf(existing).version as string);
  const adapted = adaptPatch(ctx, kind, existing, body);
  if (adapted.kind === 'noop') return existing;
  // applyPatch works on its own copy and never changes `existing`.
  const patched = applyPatch(existing, adapted.body, kind.schema, {
    caseInsensitiveOps: !ctx.quirks.has('capitalised-ops-rejected'),
    coerceBooleanStrings: !ctx.quirks.has('string-booleans-rejected'),
  }) as Resource;
  // applyPatch's result is a copy nobody else holds: setting id and meta on it keeps each member where a
  // `{ ...patched, id, meta }` copy would put it (in place when present, else last).
  const next = patched;
  next.id = id;
  next.meta = existing.meta;
  finish(ctx, kind, next, id, 'mutability');
  // A PATCH that changes nothing keeps meta untouched (RFC 7644 §3.5.2.1).
  if (sameJsonWithout(next, existing, 'meta')) return existing;
  next.meta = stamp(ctx, kind.name, metaOf(existing).created as string);
  kind.store.set(id, next);
  return next;
}

/** DELETE removes the resource and, for users, every membership that named it (RFC 7644 §3.6). */
export function deleteResource(
  ctx: RfcContext,
  kind: ResourceKind,
  id: string,
  ifMatch: string | undefined,
): void {
  const existing = getOrThrow(kind, id);
  assertIfMatch(ctx, ifMatch, metaOf(existing).version as string);
  kind.store.delete(id);
  if (kind.name === 'User') ctx.tombstones?.set(id, existing);
  for (const groupId of ctx.groups.idsBy('members', id)) {
    const group = ctx.groups.get(groupId);
    if (!group) continue;
    const members = (group.members as Resource[]).filter((m) => m.value !== id);
    const next: Resource = { ...group, meta: stamp(ctx, 'Group', metaOf(group).created as string) };
    if (members.length > 0) next.members = members;
    else delete next.members;
    ctx.groups.set(groupId, next);
  }
}
