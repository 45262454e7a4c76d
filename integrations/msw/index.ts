/**
 * `scimulator/msw`: the reference server in process, as msw handlers or a plain fetch-style handler.
 * @module
 */
export { createScimHandlers } from './create-scim-handlers.js';
export type { ScimHandlersOptions } from './create-scim-handlers.js';
export { createScimFetchHandler, DEFAULT_ORIGIN } from './scim-fetch-handler.js';
export type { ScimFetchHandler, ScimFetchHandlerOptions } from './scim-fetch-handler.js';
export { createJudge } from '../judge/index.js';
export type { Judge, JudgeSetup } from '../judge/index.js';
