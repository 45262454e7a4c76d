/**
 * `profile-from` steps for the IdP's lifecycle: how it updates, deactivates and reactivates, the statuses it
 * carried on after, the features it used, and the order of its steps.
 * @module
 */
import type { ProfileData, ProfilePhase, ProfileResponses, StepAction } from '../profile/index.js';
import type { ClassifiedExchange } from './classify.js';
import { seqs, userUpdates, type DraftContext } from './draft-context.js';

/** Where each step belongs when phases are cut from the sequence. */
const PHASE_OF: Record<StepAction, string> = {
  'probe-absent-user': 'connection',
  'probe-user-list': 'connection',
  'probe-absent-group': 'connection',
  'probe-group-list': 'connection',
  'match-user': 'create',
  'create-user': 'create',
  'read-user': 'create',
  'match-precise': 'create',
  'duplicate-create': 'create',
  'update-user': 'update',
  'deactivate-user': 'deactivate',
  'find-disabled-user': 'deactivate',
  'reactivate-user': 'reactivate',
  'match-group': 'groups',
  'create-group': 'groups',
  'add-members': 'groups',
  'remove-member': 'groups',
  'rename-group': 'groups',
  'delete-group': 'groups',
  'delete-user': 'delete',
  'match-user-alternate': 'create',
  'set-manager': 'create',
  'update-existing-user': 'update',
  'patch-update-user': 'update',
  'import-users': 'import',
  'read-group': 'groups',
  'sync-members': 'groups',
  'push-members': 'groups',
};

/** How updates, deactivation and reactivation are sent. */
export function draftMethods(
  ctx: DraftContext,
): Pick<ProfileData, 'updateMethod' | 'deprovision' | 'reactivate'> {
  const { withAction, note, seen, assumed } = ctx;
  const { updates, patchUpdates, putUpdates } = userUpdates(ctx);
  const deactivations = withAction('deactivate-user');
  const reactivations = withAction('reactivate-user');
  const userDeletes = withAction('delete-user');
  const updateMethod: ProfileData['updateMethod'] =
    patchUpdates.length === 0 && putUpdates.length > 0 ? 'put' : 'patch';
  const firstOff = deactivations[0];
  const deprovision: ProfileData['deprovision'] = firstOff
    ? firstOff.method === 'PUT'
      ? 'put-active'
      : 'patch-active'
    : userDeletes.length > 0
      ? 'delete'
      : 'patch-active';
  const firstOn = reactivations[0];
  const reactivate: ProfileData['reactivate'] = firstOn
    ? firstOn.method === 'PUT'
      ? 'put-active'
      : 'patch-active'
    : 'none';
  if (updates.length > 0)
    seen(['updateMethod'], updateMethod === 'put' ? putUpdates : patchUpdates, 'updates');
  else assumed(['updateMethod'], 'no attribute update');
  if (firstOff) seen(['deprovision'], deactivations, 'deactivation');
  else if (userDeletes.length > 0) seen(['deprovision'], userDeletes, 'no deactivation; DELETE');
  else assumed(['deprovision'], 'neither deactivation nor DELETE');
  if (firstOn) seen(['reactivate'], reactivations);
  else note(['reactivate'], 'no reactivation in the recording');
  return { updateMethod, deprovision, reactivate };
}

/** The success statuses the IdP carried on after, per step. */
export function draftResponses(
  ctx: DraftContext,
  updateMethod: ProfileData['updateMethod'],
): ProfileResponses {
  const { groups, withAction, seen, assumed } = ctx;
  const { updates } = userUpdates(ctx);
  const creates = withAction('create-user');
  const deactivations = withAction('deactivate-user');
  const reactivations = withAction('reactivate-user');
  const userDeletes = withAction('delete-user');
  const statuses = (list: readonly ClassifiedExchange[], fallback: number[], key: keyof ProfileResponses) => {
    const ok = [
      ...new Set(list.map((c) => c.exchange.response.status).filter((s) => s >= 200 && s < 300)),
    ].sort();
    if (ok.length > 0) seen(['responses', key], list, 'answered so');
    else assumed(['responses', key], `default ${JSON.stringify(fallback)}`);
    return ok.length > 0 ? ok : fallback;
  };
  const zeroHit = withAction('probe-absent-user', 'match-user').filter(
    (c) => c.exchange.response.status === 404 || (c.responseJson?.totalResults ?? -1) === 0,
  );
  const zeroStatuses = [...new Set(zeroHit.map((c) => c.exchange.response.status))]
    .filter((s) => s === 200 || s === 404)
    .sort();
  if (zeroStatuses.length > 0)
    seen(['responses', 'zeroHitAccepted'], zeroHit, 'zero-hit filters answered so');
  else assumed(['responses', 'zeroHitAccepted'], 'no zero-hit filter');
  const responses: ProfileResponses = {
    zeroHitAccepted: zeroStatuses.length > 0 ? zeroStatuses : [200],
    createStatus: statuses(creates, [201], 'createStatus'),
    updateStatus: statuses(updates, updateMethod === 'put' ? [200] : [200, 204], 'updateStatus'),
    activeStatus: statuses([...deactivations, ...reactivations], [200, 204], 'activeStatus'),
    deleteStatus: statuses(userDeletes, [204], 'deleteStatus'),
    groupCreateStatus: statuses(withAction('create-group'), [201], 'groupCreateStatus'),
    groupPatchStatus: statuses(
      groups.filter((c) => c.method === 'PATCH'),
      [200, 204],
      'groupPatchStatus',
    ),
    groupDeleteStatus: statuses(withAction('delete-group'), [204], 'groupDeleteStatus'),
    userRequired: ['/id'],
    integerPaging: false,
  };
  assumed(['responses', 'userRequired'], 'what the IdP reads back is not visible on the wire');
  assumed(['responses', 'integerPaging'], 'not visible on the wire');
  return responses;
}

/** Which features the recording shows switched on. */
export function draftFeatures(ctx: DraftContext): ProfileData['features'] {
  const { groups, note } = ctx;
  const { updates } = userUpdates(ctx);
  const features: ProfileData['features'] = { groups: groups.length > 0, updateUsers: updates.length > 0 };
  note(['features', 'groups'], groups.length > 0 ? `group traffic in ${seqs(groups)}` : 'no group traffic');
  note(
    ['features', 'updateUsers'],
    updates.length > 0 ? `updates in ${seqs(updates)}` : 'no attribute update',
  );
  return features;
}

/** The sequence of steps, cut where the phase changes; a read takes the phase it occurs in. */
export function draftPhases(ctx: DraftContext): ProfilePhase[] {
  const { all, note, warnings } = ctx;
  const phases: ProfilePhase[] = [];
  let current: ProfilePhase | undefined;
  const used = new Map<string, number>();
  for (const c of all) {
    for (const action of c.actions) {
      let phaseName = PHASE_OF[action];
      if (action === 'read-user' && current) phaseName = current.name.replace(/-\d+$/, '');
      if (!current || current.name.replace(/-\d+$/, '') !== phaseName) {
        const n = (used.get(phaseName) ?? 0) + 1;
        used.set(phaseName, n);
        current = { name: n > 1 ? `${phaseName}-${n}` : phaseName, steps: [] };
        phases.push(current);
      }
      const req = c.exchange.request;
      current.steps.push({
        action,
        source: 'REC',
        evidence: 'O',
        note: `#${c.exchange.seq} ${req.method} ${req.path}${req.query !== null ? `?${req.query}` : ''} → ${c.exchange.response.status}`,
      });
    }
  }
  if (phases.length === 0) {
    warnings.push('no lifecycle step recognised: phases holds a placeholder');
    phases.push({
      name: 'create',
      steps: [{ action: 'create-user', source: 'REC', evidence: 'I', note: 'placeholder' }],
    });
  }
  note(['phases'], 'steps in recorded order (source REC = this recording, evidence O = observed)');
  return phases;
}
