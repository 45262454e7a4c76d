export { createAuthenticator } from './auth.js';
export { readProjection } from './projection.js';
export type { Projection } from './projection.js';
export { renderError, errorBody } from './render-error.js';
export { readJsonObject, assertQueryEncoding, originOf, header } from './request.js';
