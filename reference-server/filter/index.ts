export type { FilterNode, AttrPath } from './types.js';
export { parseFilter, parsePatchPath } from './parse-filter.js';
export { evaluateFilter, validateFilter, evaluateElementFilter } from './evaluate-filter.js';
export { findIndexedEquality } from './find-indexed-equality.js';
