export { normaliseInput } from './normalise-input.js';
export { assertRequired, assertImmutableKept } from './check-stored.js';
