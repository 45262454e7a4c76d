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
  const { id, meta, password } = resource;
  // Same key order as `{ schemas, id, ...rest }`, without the rest/spread copies.
  const full: Resource = { schemas: resource.schemas, id };
  for (const name in resource) {
    // An own `__proto__` key would set the copy's prototype here; the projection dropped it anyway.
    if (
      name === 'schemas' ||
      name === 'id' ||
      name === 'meta' ||
      name === 'password' ||
      name === '__proto__'
    ) {
      continue;
    }
    full[name] = resource[name];
  }
  if (kind.name === 'User') {
    const groups = groupsOf(ctx, id as string, base);
    if (groups.length > 0) full.groups = groups;
  } else if (Array.isArray(full.members)) {
    full.members = (full.members as Resource[]).map((m) => {
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
  const shownMeta: Resource = {};
  for (const name in meta as Resource) shownMeta[name] = (meta as Resource)[name];
  shownMeta.location = `${base}/${kind.endpoint}/${String(id)}`;
  full.meta = shownMeta;
  const out = projectAttributes(full, kind.schema, projection) as Resource;
  if (password !== undefined && ctx.quirks.has('password-returned')) out.password = password;
  return out;
}
