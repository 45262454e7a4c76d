import { projectAttributes } from '../../attributes/index.js';
import { BASE_PATH } from '../constants.js';
import type { Resource, RfcContext } from '../context.js';
import type { Projection } from '../http/index.js';
import type { ResourceKind } from './resource-kind.js';

function groupsOf(ctx: RfcContext, userId: string, base: string): Resource[] {
  return ctx.groups.idsBy('members', userId).map((groupId) => {
    const group = ctx.groups.get(groupId);
    return {
      value: groupId,
      $ref: `${base}/Groups/${groupId}`,
      ...(typeof group?.displayName === 'string' ? { display: group.displayName } : {}),
      type: 'direct',
    };
  });
}

/**
 * The representation a client sees: derived URIs added, `groups` computed from memberships
 * (RFC 7643 §4.1.2, readOnly), writeOnly values removed and `attributes`/`excludedAttributes` applied (RFC 7644 §3.9).
 */
export function present(
  ctx: RfcContext,
  kind: ResourceKind,
  resource: Resource,
  origin: string,
  projection: Projection,
): Resource {
  const base = origin + BASE_PATH;
  const { schemas, id, meta, password, ...rest } = resource;
  const full: Resource = { schemas, id, ...rest };
  if (kind.name === 'User') {
    const groups = groupsOf(ctx, id as string, base);
    if (groups.length > 0) full.groups = groups;
  } else if (Array.isArray(rest.members)) {
    full.members = (rest.members as Resource[]).map((m) => {
      const id = String(m.value);
      const member = m.type === 'Group' ? ctx.groups.get(id) : ctx.users.get(id);
      const display = m.type === 'Group' ? member?.displayName : (member?.displayName ?? member?.userName);
      return {
        ...m,
        ...(typeof display === 'string' ? { display } : {}),
        $ref: `${base}/${m.type === 'Group' ? 'Groups' : 'Users'}/${id}`,
      };
    });
  }
  full.meta = { ...(meta as Resource), location: `${base}/${kind.endpoint}/${String(id)}` };
  const out = projectAttributes(full, kind.schema, projection) as Resource;
  if (password !== undefined && ctx.quirks.has('password-returned')) out.password = password;
  return out;
}
