/**
 * GitLab's error answers, built on the core ScimError. GitLab mixes three body shapes (§4): SCIM errors
 * (404/409/412), `{"message"}` for 401/403/500 and `{"error"}` for Grape-level failures (400/405/413/415).
 */
import { ScimError } from '../core/index.js';

export const gitlabError = {
  /** SCIM 404, e.g. `Resource <id> not found`. */
  notFound: (detail: string): ScimError => ScimError.notFound(detail),
  /** SCIM 409 (uniqueness or pending deletion). */
  conflict: (detail: string): ScimError => ScimError.conflict(detail),
  /** SCIM 412, GitLab's catch-all for rejected input. */
  rejected: (detail: string): ScimError => ScimError.preconditionFailed(detail),
  unauthorized: (): ScimError => ScimError.unauthorized('401 Unauthorized', 'message'),
  samlDisabled: (): ScimError => ScimError.forbidden('403 Forbidden - Group SAML not enabled.', 'message'),
  /** Client mistakes GitLab would turn into a 500 or a Grape 400; we always answer 400 with a reason. */
  badInput: (detail: string): ScimError => new ScimError({ status: 400, detail, shape: 'error' }),
  unsupportedMediaType: (type: string): ScimError =>
    ScimError.unsupportedMediaType(`The provided content-type '${type}' is not supported.`, 'error'),
  methodNotAllowed: (allow: readonly string[]): ScimError =>
    ScimError.methodNotAllowed('405 Not Allowed', allow, 'error'),
  groupNotFoundV4: (): ScimError => ScimError.notFound('404 Group Not Found', 'message'),
};
