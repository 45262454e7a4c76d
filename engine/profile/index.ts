/**
 * Dialect-neutral rendering of IdP requests from profile data (query encoding, headers, bodies, PATCH
 * shapes). Nothing here knows an IdP by name: every difference is a field of `ProfileData`.
 * @module
 */
export type {
  Evidence,
  StepAction,
  ProfileStep,
  ProfilePhase,
  ProfileHeaders,
  ProfileQuery,
  ProfileUser,
  ProfileGroup,
  ProfilePatch,
  ProfileResponses,
  ProfileFeatures,
  ProfileData,
} from './types.js';
export { activeSteps, stepFor, isProfileData } from './types.js';
export { eqFilter, userMatchQuery, groupMatchQuery, plainQuery, withRawQuery } from './query.js';
export { profileHeaders } from './headers.js';
export { parseAttributePath, getAttribute } from './attribute-path.js';
export { SOURCE_FIELDS, newSourceUser, editSourceUser, guidFrom } from './source-user.js';
export type { SourceUser } from './source-user.js';
export {
  mappedValue,
  renderUser,
  renderUserReplacement,
  changedAttributes,
  renderGroup,
} from './user-body.js';
export {
  attributePatch,
  activePatch,
  memberAddPatch,
  memberRemovePatch,
  renamePatch,
  memberSyncPatch,
  memberReplacePatch,
  managerPatch,
} from './patch.js';
