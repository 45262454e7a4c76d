/**
 * The one module a suite imports from: the check model and assertions of the engine, and the suite-side
 * support (guards, verdicts, check rows, URNs, requests, fixtures, shared User scenarios). A suite file
 * imports this and its own siblings, nothing else, so every suite reads from the same vocabulary.
 * @module
 */
export * from '../../engine/model/index.js';
export * from '../../engine/assert/index.js';
export * from '../../engine/judge/index.js';
export * from '../../engine/profile/index.js';
export * from './check-rows.js';
export * from './declared.js';
export * from './endpoints.js';
export * from './fixtures.js';
export * from './guards.js';
export * from './lists.js';
export * from './requests.js';
export * from './send.js';
export * from './urns.js';
export * from './users.js';
export * from './verdicts.js';
