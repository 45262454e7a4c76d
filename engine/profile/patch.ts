/**
 * PATCH bodies (RFC 7644 §3.5.2) in an IdP's dialect, driven only by the profile's `patch` settings:
 * op casing, boolean encoding, per-attribute vs path-less updates, member add/remove shapes
 * (docs/idp/entra-id.md, okta.md).
 * @module
 */
import { setAttribute } from './attribute-path.js';
import type { ProfilePatch } from './types.js';
import { URN } from '../../protocol/urns.js';
import type { JsonObject } from '../../protocol/json.js';

type Op = 'add' | 'replace' | 'remove';

export interface PatchBody {
  schemas: string[];
  Operations: JsonObject[];
}

function opName(op: Op, patch: ProfilePatch): string {
  return patch.opCase === 'Capitalised' ? op[0]?.toUpperCase() + op.slice(1) : op;
}

/** A boolean as the dialect sends it: `false`, `"False"` or `"false"`. */
export function renderBoolean(value: boolean, patch: ProfilePatch): boolean | string {
  if (patch.booleans === 'json') return value;
  const text = String(value);
  return patch.booleans === 'string-capitalised' ? text[0]?.toUpperCase() + text.slice(1) : text;
}

function renderValue(value: unknown, patch: ProfilePatch): unknown {
  return typeof value === 'boolean' ? renderBoolean(value, patch) : value;
}

function message(ops: JsonObject[]): PatchBody {
  return { schemas: [URN.patchOp], Operations: ops };
}

/**
 * An attribute update: one `Replace` per attribute (legacy), or one path-less `replace` whose value has
 * dotted and URN-qualified keys, with filtered paths (`emails[type eq "work"].value`) kept as their own ops.
 */
export function attributePatch(
  changes: ReadonlyArray<{ path: string; value: unknown }>,
  patch: ProfilePatch,
  op: 'replace' | 'add' = 'replace',
): PatchBody {
  const replace = opName(op, patch);
  if (patch.style === 'per-attribute') {
    return message(changes.map((c) => ({ op: replace, path: c.path, value: renderValue(c.value, patch) })));
  }
  const ops: JsonObject[] = [];
  const folded: JsonObject = {};
  for (const c of changes) {
    if (c.path.includes('[')) ops.push({ op: replace, path: c.path, value: renderValue(c.value, patch) });
    else if (patch.style === 'pathless-nested') setAttribute(folded, c.path, renderValue(c.value, patch));
    else folded[c.path] = renderValue(c.value, patch);
  }
  if (Object.keys(folded).length > 0) ops.push({ op: replace, value: folded });
  return message(ops);
}

/** Disable or re-enable: `path: "active"` or a path-less `{active: …}`. */
export function activePatch(active: boolean, patch: ProfilePatch): PatchBody {
  const replace = opName('replace', patch);
  const value = renderBoolean(active, patch);
  return message([
    patch.activeStyle === 'path'
      ? { op: replace, path: 'active', value }
      : { op: replace, value: { active: value } },
  ]);
}

export interface MemberRef {
  id: string;
  display?: string;
}

function memberObject(member: MemberRef, patch: ProfilePatch): JsonObject {
  return {
    ...(patch.memberAdd.ref ? { $ref: null } : {}),
    value: member.id,
    ...(patch.memberAdd.display && member.display !== undefined ? { display: member.display } : {}),
  };
}

/** Member add: one op listing every member, or one op per member (`memberBatch: op-per-member`). */
export function memberAddPatch(members: readonly MemberRef[], patch: ProfilePatch): PatchBody {
  const add = opName('add', patch);
  const groups = patch.memberBatch === 'op-per-member' ? members.map((m) => [m]) : [members];
  return message(
    groups.map((batch) => ({ op: add, path: 'members', value: batch.map((m) => memberObject(m, patch)) })),
  );
}

/** Member removal: `path: "members"` + value list (Entra legacy), or one `members[value eq "id"]` op per member. */
export function memberRemovePatch(ids: readonly string[], patch: ProfilePatch): PatchBody {
  const remove = opName('remove', patch);
  if (patch.memberRemove === 'value-list') {
    const groups = patch.memberBatch === 'op-per-member' ? ids.map((id) => [id]) : [ids];
    return message(
      groups.map((batch) => ({
        op: remove,
        path: 'members',
        value: batch.map((id) => ({ ...(patch.memberAdd.ref ? { $ref: null } : {}), value: id })),
      })),
    );
  }
  return message(ids.map((id) => ({ op: remove, path: `members[value eq ${JSON.stringify(id)}]` })));
}

/** What a whole-group rename carries besides the new name (authentik re-sends its group mapping). */
export interface GroupResource {
  schemas: readonly string[];
  externalId?: string;
}

/**
 * Group rename: `path: "displayName"`, Okta's path-less `{id, displayName}`, or a path-less replace of the
 * whole group as the IdP renders it (`{schemas, displayName, externalId, id}`, authentik).
 */
export function renamePatch(
  groupId: string,
  displayName: string,
  patch: ProfilePatch,
  group?: GroupResource,
): PatchBody {
  const replace = opName('replace', patch);
  if (patch.rename === 'path') return message([{ op: replace, path: 'displayName', value: displayName }]);
  if (patch.rename === 'pathless-with-id')
    return message([{ op: replace, value: { id: groupId, displayName } }]);
  const value: JsonObject = {
    schemas: [...(group?.schemas ?? [])],
    displayName,
    ...(group?.externalId !== undefined ? { externalId: group.externalId } : {}),
    id: groupId,
  };
  return message([{ op: replace, value }]);
}

/**
 * Okta's membership update: one message carrying the removals (`members[value eq "id"]`) and the adds
 * together (RFC 7644 §3.5.2: operations apply in order, all or nothing).
 */
export function memberSyncPatch(
  removeIds: readonly string[],
  add: readonly MemberRef[],
  patch: ProfilePatch,
): PatchBody {
  const removal = memberRemovePatch(removeIds, patch).Operations;
  const addition = add.length > 0 ? memberAddPatch(add, patch).Operations : [];
  return message([...removal, ...addition]);
}

/** A full push: `replace` of `members` with the whole list (RFC 7644 §3.5.2.3). */
export function memberReplacePatch(members: readonly MemberRef[], patch: ProfilePatch): PatchBody {
  return message([
    { op: opName('replace', patch), path: 'members', value: members.map((m) => memberObject(m, patch)) },
  ]);
}

/** The manager reference set after the create: `Add` of the manager's id at the profile's path. */
export function managerPatch(managerId: string, patch: ProfilePatch): PatchBody | undefined {
  if (!patch.manager) return undefined;
  const value = patch.manager.value === 'string' ? managerId : { value: managerId };
  return message([{ op: opName('add', patch), path: patch.manager.path, value }]);
}
