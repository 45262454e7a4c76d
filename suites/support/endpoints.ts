import type { TargetInfo } from '../../engine/index.js';

/** The User endpoint the target advertises in /ResourceTypes, `/Users` when it advertises none (RFC 7643 §6). */
export function userEndpoint(target: TargetInfo): string {
  const endpoint = target.capabilities.resourceTypes['User']?.endpoint;
  return endpoint && endpoint.startsWith('/') ? endpoint.replace(/\/+$/, '') : '/Users';
}

/** Path of one resource below its endpoint, with the id percent-encoded as a path segment. */
export function resourcePath(endpoint: string, id: string): string {
  return `${endpoint}/${encodeURIComponent(id)}`;
}
