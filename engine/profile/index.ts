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
  ProfileRetry,
  ProfileThroughput,
} from './types.js';
export { STEP_ACTIONS, activeSteps, stepFor, isProfileData } from './types.js';
export {
  encodeQueryValue,
  eqFilter,
  userMatchQuery,
  groupMatchQuery,
  plainQuery,
  withRawQuery,
} from './query.js';
export { profileHeaders } from './headers.js';
export { parseAttributePath, setAttribute, getAttribute } from './attribute-path.js';
export type { AttributePath } from './attribute-path.js';
export { SOURCE_FIELDS, newSourceUser, editSourceUser, guidFrom } from './source-user.js';
export type { SourceUser } from './source-user.js';
export {
  mappedValues,
  mappedValue,
  renderUser,
  renderUserReplacement,
  changedAttributes,
  renderGroup,
} from './user-body.js';
export {
  renderBoolean,
  attributePatch,
  activePatch,
  memberAddPatch,
  memberRemovePatch,
  renamePatch,
  memberSyncPatch,
  memberReplacePatch,
  managerPatch,
} from './patch.js';
export type { PatchBody, MemberRef, GroupResource } from './patch.js';
