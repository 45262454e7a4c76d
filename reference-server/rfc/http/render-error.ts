import type { ScimError, ScimResponse } from '../../core/index.js';
import { SCIM_MEDIA_TYPE, URN } from '../../../protocol/urns.js';

/** The RFC 7644 §3.12 Error message; `status` is a string, as erratum 6893 confirms. */
export function errorBody(error: ScimError): Record<string, unknown> {
  return {
    schemas: [URN.error],
    status: String(error.status),
    ...(error.scimType ? { scimType: error.scimType } : {}),
    detail: error.detail,
  };
}

/** The single place error responses are built (house style §2.3). */
export function renderError(error: ScimError): ScimResponse {
  return {
    status: error.status,
    headers: { ...error.headers, 'content-type': SCIM_MEDIA_TYPE },
    body: errorBody(error),
  };
}
