export { projectAttributes } from './project-attributes.js';
export { compareForSort } from './compare-for-sort.js';
export { parseAttributeList } from './parse-attribute-list.js';
