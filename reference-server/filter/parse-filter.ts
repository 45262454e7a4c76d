import { ScimError } from '../core/scim-error.js';
import { FilterParser } from './filter-parser.js';
import type { FilterNode, PatchPath } from './types.js';

/** Parses a `filter` parameter; every failure is 400 invalidFilter (RFC 7644 §3.4.2.2, §3.12 Table 9). */
export function parseFilter(text: string): FilterNode {
  return new FilterParser(text, (detail) => ScimError.invalidFilter(detail), 'filter').parseWholeFilter();
}

/** Parses a PATCH `path`; every failure is 400 invalidPath (RFC 7644 §3.5.2 Figure 7, §3.12 Table 9). */
export function parsePatchPath(text: string): PatchPath {
  const parser = new FilterParser(text, (detail) => ScimError.invalidPath(detail), 'path');
  const attrPath = parser.parseAttrPath();
  let valueFilter: FilterNode | undefined;
  let subAttribute: string | undefined;
  if (parser.peek() === '[') {
    if (attrPath.subAttribute !== undefined)
      parser.error('a value filter follows an attribute, not a sub-attribute');
    valueFilter = parser.parseValueFilter();
    if (parser.peek() === '.') subAttribute = parser.parseSubAttribute();
  }
  if (!parser.done) parser.error('expected the end of the path');
  return {
    attrPath,
    ...(valueFilter !== undefined && { valueFilter }),
    ...(subAttribute !== undefined && { subAttribute }),
  };
}
