/** The public API of the `scimulator` package. */
export * from './engine/model/index.js';
