import { URN } from '../../protocol/urns.js';
import type { FilterNode } from './types.js';

const INDEXED: Record<string, string> = {
  username: 'userName',
  externalid: 'externalId',
  id: 'id',
  displayname: 'displayName',
  'emails.value': 'emails.value',
};
const CORE_URNS = new Set([URN.user.toLowerCase(), URN.group.toLowerCase()]);

/**
 * Finds a top-level `X eq "v"` (alone or as a conjunct of `and`) on an indexed attribute, so the store can
 * narrow candidates before evaluating the full filter (RFC 7644 §3.4.2.2). The value is returned as written:
 * the caller normalises it with the index's own case rule and must still run evaluateFilter on candidates.
 */
export function findIndexedEquality(node: FilterNode): { attribute: string; value: string } | undefined {
  if (node.kind === 'and') return findIndexedEquality(node.left) ?? findIndexedEquality(node.right);
  if (node.kind !== 'compare' || node.op !== 'eq' || typeof node.value !== 'string') return undefined;
  const { uri, attribute, subAttribute } = node.path;
  if (uri !== undefined && !CORE_URNS.has(uri.toLowerCase())) return undefined;
  const key = `${attribute}${subAttribute !== undefined ? `.${subAttribute}` : ''}`.toLowerCase();
  const canonical = INDEXED[key];
  return canonical === undefined ? undefined : { attribute: canonical, value: node.value };
}
