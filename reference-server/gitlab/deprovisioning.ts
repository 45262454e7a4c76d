/**
 * Deprovisioning and reprovisioning (§9, §10a): the identity is switched off or on and the group
 * membership removed or restored; the GitLab account itself is never deleted or blocked.
 */
import { addDefaultMembership } from './provisioning.js';
import type { GitlabStore, Group, ScimIdentity } from './store.js';

/** `Group::DeprovisioningService`; answers the last-owner message instead of throwing, like GitLab. */
export function deprovision(store: GitlabStore, group: Group, identity: ScimIdentity): string | undefined {
  if (store.isLastOwner(group.id, identity.userId)) {
    const user = store.user(identity.userId);
    return `Could not remove ${user.name} from ${group.name}. Cannot remove last group owner.`;
  }
  store.updateIdentity(identity, { active: false });
  // A membership already scheduled for deletion stays scheduled; anything else goes at once.
  if (!store.membership(group.id, identity.userId)?.pendingDeletion)
    store.removeMembership(group.id, identity.userId);
  return undefined;
}

type ReprovisionResult = 'success' | 'conflict';

/** `reprovision` in group_scim.rb: refuses a pending deletion, else activates and re-adds the member. */
export function reprovision(store: GitlabStore, group: Group, identity: ScimIdentity): ReprovisionResult {
  if (store.membership(group.id, identity.userId)?.pendingDeletion) return 'conflict';
  if (identity.active) return 'success';
  store.updateIdentity(identity, { active: true });
  if (!store.membership(group.id, identity.userId)) addDefaultMembership(store, group, identity.userId);
  return 'success';
}
