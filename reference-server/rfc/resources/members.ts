import { ScimError } from '../../core/index.js';
import type { Resource, RfcContext } from '../context.js';
import { isObject } from '../../../protocol/json.js';

/**
 * Resolves group members against the store: each value must name an existing User or Group, `type` is the
 * server's (RFC 7643 §4.2), duplicates collapse, and an empty list means unassigned.
 */
export function resolveMembers(
  ctx: RfcContext,
  members: unknown,
  selfId: string | undefined,
): Resource[] | undefined {
  if (members === undefined || members === null) return undefined;
  if (!Array.isArray(members)) throw ScimError.invalidValue('Attribute "members" must be an array');
  const seen = new Set<string>();
  const out: Resource[] = [];
  for (const member of members as unknown[]) {
    if (!isObject(member) || typeof member.value !== 'string' || member.value === '') {
      throw ScimError.invalidValue(
        'Every member needs a string "value" holding a resource id (RFC 7643 §4.2)',
      );
    }
    const id = member.value;
    if (seen.has(id)) continue;
    const user = ctx.users.get(id);
    const group = user ? undefined : ctx.groups.get(id);
    if (!user && (!group || id === selfId)) {
      throw ScimError.invalidValue(`Member "${id}" is not an existing User or Group`);
    }
    seen.add(id);
    // display is derived when presenting, so it follows renames of the member.
    out.push({ value: id, type: user ? 'User' : 'Group' });
  }
  return out.length > 0 ? out : undefined;
}
