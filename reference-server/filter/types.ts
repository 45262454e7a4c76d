/**
 * The filter syntax tree of RFC 7644 §3.4.2.2 (Figure 1 ABNF) and the PATCH path of §3.5.2 (Figure 7).
 */

/** RFC 7644 §3.4.2.2 Table 3 comparison operators (`pr` is its own node). */
export type CompareOperator = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';

/** A JSON literal compValue (RFC 7644 §3.4.2.2 Figure 1). */
export type CompareValue = string | number | boolean | null;

export type FilterNode =
  | { kind: 'compare'; path: AttrPath; op: CompareOperator; value: CompareValue }
  | { kind: 'present'; path: AttrPath }
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; filter: FilterNode }
  | { kind: 'valuePath'; path: AttrPath; filter: FilterNode };

/** `[URI ":"] ATTRNAME *1subAttr` (RFC 7644 §3.4.2.2 Figure 1), names as written by the client. */
export interface AttrPath {
  uri?: string;
  attribute: string;
  subAttribute?: string;
}

/** `attrPath / valuePath [subAttr]` (RFC 7644 §3.5.2 Figure 7). */
export type PatchPath = { attrPath: AttrPath; valueFilter?: FilterNode; subAttribute?: string };

/** Limits that keep hostile filters cheap to reject. */
export const MAX_FILTER_LENGTH = 4096;
export const MAX_FILTER_DEPTH = 50;
