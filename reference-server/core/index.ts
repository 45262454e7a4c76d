export { ScimError, isScimError } from './scim-error.js';
export type { ScimType, ErrorShape, ScimErrorInit } from './scim-error.js';
export type { ScimRequest, ScimResponse, Handler, Route } from './http-types.js';
export { Router } from './router.js';
export type { RouteMatch } from './router.js';
export { createHandler, createRequestListener, serialise, mediaType, DEFAULT_MAX_BODY_BYTES } from './app.js';
export type { AppOptions, ListenerOptions } from './app.js';
export { IndexedStore, caseInsensitive } from './indexed-store.js';
export type { IndexDefinition } from './indexed-store.js';
