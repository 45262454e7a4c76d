/** `client.http.media-type`: bodies travel as SCIM JSON. */
import { judgeEach } from '../support/index.js';
import type { ClientCheck } from '../support/index.js';
import { SCIM_MEDIA_TYPES } from './urns.js';

export const mediaType: ClientCheck = {
  id: 'client.http.media-type',
  fix: 'Send bodies with Content-Type: application/scim+json.',
  title: 'Request bodies are sent as application/scim+json (or application/json)',
  level: 'SHOULD',
  rfc: 'RFC7644 3.8',
  explanation:
    'A body labelled text/plain or unlabelled may be refused with 415 or parsed differently. RFC 7644 §3.8 ' +
    'names the SCIM media type and binds the server to accept it; it states no client keyword, so SHOULD.',
  assert: (session) =>
    judgeEach(
      session.requests.filter((r) => r.body !== undefined && r.body !== ''),
      (r) =>
        r.contentType === undefined
          ? 'the body has no Content-Type'
          : SCIM_MEDIA_TYPES.includes(r.contentType)
            ? undefined
            : `Content-Type is ${r.contentType}`,
      {
        code: 'CLIENT_MEDIA_TYPE',
        none: 'the client sent no request body',
        expected: SCIM_MEDIA_TYPES.join(' or '),
      },
    ),
};
