export { ScimError, isScimError } from './scim-error.js';
export type { ScimRequest, ScimResponse, Handler, Route } from './http-types.js';
export { pathnameOf, searchOf, originOfUrl } from './http-types.js';
export { createHandler, createRequestListener, serialise, DEFAULT_MAX_BODY_BYTES } from './app.js';
export type { ListenerOptions } from './app.js';
export { checkLingerBounds } from './linger.js';
export { IndexedStore, caseInsensitive } from './indexed-store.js';
export { jsonDepth, MAX_JSON_DEPTH } from './json-depth.js';
