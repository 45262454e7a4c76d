/**
 * The engine's public entry: check model, transport, assertions, schemas, data, runner, reporters, client judging.
 * @module
 */
export * from './model/index.js';
export { isHarnessError } from './errors.js';
export * from './assert/index.js';
export * from './schemas/index.js';
export * from './data/index.js';
export * from './transport/index.js';
export * from './runner/index.js';
export * from './reporters/index.js';
export * from './config/index.js';
export * from './judge/index.js';
