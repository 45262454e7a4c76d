import type { TargetInfo } from '../../engine/index.js';

/** The endpoint of `type` the target advertises in /ResourceTypes, `fallback` when it advertises none (RFC 7643 §6). */
function endpointOf(target: TargetInfo, type: string, fallback: string): string {
  const endpoint = target.capabilities.resourceTypes[type]?.endpoint;
  return endpoint && endpoint.startsWith('/') ? endpoint.replace(/\/+$/, '') : fallback;
}

export const usersAt = (target: TargetInfo): string => endpointOf(target, 'User', '/Users');
export const groupsAt = (target: TargetInfo): string => endpointOf(target, 'Group', '/Groups');

/** Path of one resource below its endpoint, with the id percent-encoded as a path segment. */
export function resourcePath(endpoint: string, id: string): string {
  return `${endpoint}/${encodeURIComponent(id)}`;
}
