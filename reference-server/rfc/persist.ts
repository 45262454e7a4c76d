import { persistStores, type PersistedStores } from '../persistence/index.js';
import type { Resource, RfcContext } from './context.js';

function versionNumber(resource: unknown): number {
  const version = ((resource as Resource | undefined)?.meta as Resource | undefined)?.version;
  const match = typeof version === 'string' ? /^W\/"([0-9a-z]+)"$/.exec(version) : null;
  return match?.[1] ? parseInt(match[1], 36) : 0;
}

/**
 * Makes the flavour's stores durable (`serve --data FILE`) and moves the version counter past every
 * replayed version, so an entity tag from before a restart can never match a newer state (RFC 7644 §3.14).
 */
export function persistContext(ctx: RfcContext, file: string): PersistedStores {
  const persisted = persistStores(file, { users: ctx.users, groups: ctx.groups });
  let floor = 0;
  for (const store of [ctx.users, ctx.groups]) {
    for (const resource of store.values()) floor = Math.max(floor, versionNumber(resource));
  }
  const next = ctx.nextVersion;
  ctx.nextVersion = () => {
    let version = next();
    while (versionNumber({ meta: { version } }) <= floor) version = next();
    return version;
  };
  return persisted;
}
