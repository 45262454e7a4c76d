export type { FilterNode, AttrPath, PatchPath, CompareOperator, CompareValue } from './types.js';
export { MAX_FILTER_LENGTH, MAX_FILTER_DEPTH } from './types.js';
export { parseFilter, parsePatchPath } from './parse-filter.js';
export { evaluateFilter, validateFilter, evaluateElementFilter } from './evaluate-filter.js';
export { findIndexedEquality } from './find-indexed-equality.js';
