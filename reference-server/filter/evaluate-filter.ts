import { ScimError } from '../core/scim-error.js';
import { findAttribute, getProperty, resolveAttribute } from '../schema/index.js';
import type { AttributeDefinition, ResolvedAttribute, ResourceSchema } from '../schema/index.js';
import type { AttrPath, CompareOperator, CompareValue, FilterNode } from './types.js';
import { isObject } from '../../protocol/json.js';

/** The values an attribute path reaches in one scope, plus the definition that governs them. */
interface Lookup {
  values: unknown[];
  definition: AttributeDefinition | undefined;
}

/** A scope is the resource (top level) or one element of a multi-valued attribute (inside `[...]`). */
type Scope = (path: AttrPath) => Lookup;

const ORDERING: readonly CompareOperator[] = ['gt', 'ge', 'lt', 'le'];
const SUBSTRING: readonly CompareOperator[] = ['co', 'sw', 'ew'];

/**
 * Evaluates a parsed filter against one stored resource (RFC 7644 §3.4.2.2). Unknown attributes reach
 * no values, so comparisons on them are false and `ne`/`not` on them are true: the filter never errors
 * on an attribute the schema lacks, it simply finds nothing (Table 9 allows invalidFilter; we prefer an
 * empty result, as most servers do).
 */
export function evaluateFilter(
  node: FilterNode,
  resource: Record<string, unknown>,
  schema: ResourceSchema,
): boolean {
  return evaluate(node, rootScope(resource, schema));
}

/**
 * Raises the type errors of §3.4.2.2 (ordering on boolean/binary/complex, substring on non-strings) without
 * a resource, so a query over an empty collection still answers 400 instead of an empty list.
 */
export function validateFilter(node: FilterNode, schema: ResourceSchema): void {
  const visit = (n: FilterNode, scope: Scope): void => {
    switch (n.kind) {
      case 'and':
      case 'or':
        visit(n.left, scope);
        visit(n.right, scope);
        return;
      case 'not':
        visit(n.filter, scope);
        return;
      case 'present':
        return;
      case 'compare':
        checkComparable(scope(n.path).definition, n.op, n.value);
        return;
      case 'valuePath': {
        const parent = scope(n.path).definition;
        visit(n.filter, elementScope({}, parent));
      }
    }
  };
  visit(node, rootScope({}, schema));
}

/**
 * Evaluates the inside of a value filter (`emails[type eq "work"]`) against one element of the
 * multi-valued attribute `parent`, as PATCH paths need (RFC 7644 §3.5.2).
 */
export function evaluateElementFilter(
  node: FilterNode,
  element: Record<string, unknown>,
  parent: AttributeDefinition,
): boolean {
  return evaluate(node, elementScope(element, parent));
}

function evaluate(node: FilterNode, scope: Scope): boolean {
  switch (node.kind) {
    case 'and':
      return evaluate(node.left, scope) && evaluate(node.right, scope);
    case 'or':
      return evaluate(node.left, scope) || evaluate(node.right, scope);
    case 'not':
      return !evaluate(node.filter, scope);
    case 'present':
      return scope(node.path).values.some(hasValue);
    case 'valuePath': {
      const { values, definition } = scope(node.path);
      return values.some(
        (element) => isObject(element) && evaluate(node.filter, elementScope(element, definition)),
      );
    }
    case 'compare':
      return compare(scope(node.path), node.op, node.value);
  }
}

/**
 * Resolved paths per schema, keyed by the parsed path object: one filter evaluated over a whole store
 * resolves each of its paths once instead of once per resource.
 */
const resolvedPaths = new WeakMap<ResourceSchema, WeakMap<AttrPath, ResolvedAttribute | null>>();

function resolvePath(schema: ResourceSchema, path: AttrPath): ResolvedAttribute | undefined {
  let bySchema = resolvedPaths.get(schema);
  if (!bySchema) resolvedPaths.set(schema, (bySchema = new WeakMap()));
  let resolved = bySchema.get(path);
  if (resolved === undefined) {
    const text = `${path.uri !== undefined ? `${path.uri}:` : ''}${path.attribute}${path.subAttribute !== undefined ? `.${path.subAttribute}` : ''}`;
    resolved = resolveAttribute(schema, text) ?? null;
    bySchema.set(path, resolved);
  }
  return resolved ?? undefined;
}

function rootScope(resource: Record<string, unknown>, schema: ResourceSchema): Scope {
  return (path) => {
    const resolved = resolvePath(schema, path);
    if (!resolved) return { values: [], definition: undefined };
    const container = resolved.extension ? getProperty(resource, resolved.schemaUrn) : resource;
    if (!isObject(container)) return { values: [], definition: resolved.definition };
    const [top, sub] = resolved.names as [string, string | undefined];
    let values = flatten([getProperty(container, top)]);
    if (sub !== undefined)
      values = flatten(values.map((v) => (isObject(v) ? getProperty(v, sub) : undefined)));
    return { values, definition: resolved.definition };
  };
}

function elementScope(element: Record<string, unknown>, parent: AttributeDefinition | undefined): Scope {
  return (path) => {
    const definition = findAttribute(parent?.subAttributes, path.attribute);
    if (!definition || path.subAttribute !== undefined || path.uri !== undefined) {
      return { values: [], definition: undefined };
    }
    return { values: flatten([getProperty(element, definition.name)]), definition };
  };
}

function compare(lookup: Lookup, op: CompareOperator, expected: CompareValue): boolean {
  let { values, definition } = lookup;
  checkComparable(definition, op, expected);
  // `emails co "x"` compares the `value` sub-attribute of each complex value (RFC 7644 §3.4.2.2 examples).
  if (definition?.type === 'complex') {
    const valueDefinition = findAttribute(definition.subAttributes, 'value');
    values = flatten(values.map((v) => (isObject(v) ? getProperty(v, 'value') : v)));
    definition = valueDefinition;
  }
  if (expected === null) return op === 'ne' ? values.length > 0 : op === 'eq' ? values.length === 0 : false;
  if (op === 'ne') return !values.some((v) => matches(v, 'eq', expected, definition));
  return values.some((v) => matches(v, op, expected, definition));
}

function matches(
  actual: unknown,
  op: CompareOperator,
  expected: string | number | boolean,
  definition: AttributeDefinition | undefined,
): boolean {
  if (typeof expected === 'boolean') return op === 'eq' && actual === expected;
  if (typeof expected === 'number') {
    if (typeof actual !== 'number') return false;
    return op === 'eq' ? actual === expected : ordered(Math.sign(actual - expected), op);
  }
  if (typeof actual !== 'string') return false;
  if (definition?.type === 'dateTime' && (op === 'eq' || ORDERING.includes(op))) {
    const a = Date.parse(actual);
    const e = Date.parse(expected);
    if (!Number.isNaN(a) && !Number.isNaN(e)) return op === 'eq' ? a === e : ordered(Math.sign(a - e), op);
  }
  // caseExact=false (also the default for unknown attributes) compares case-insensitively (RFC 7643 §2.2).
  const fold = definition?.caseExact === true ? (s: string) => s : (s: string) => s.toLowerCase();
  const a = fold(actual);
  const e = fold(expected);
  switch (op) {
    case 'eq':
      return a === e;
    case 'co':
      return a.includes(e);
    case 'sw':
      return a.startsWith(e);
    case 'ew':
      return a.endsWith(e);
    default:
      return ordered(a < e ? -1 : a > e ? 1 : 0, op);
  }
}

function ordered(sign: number, op: CompareOperator): boolean {
  switch (op) {
    case 'gt':
      return sign > 0;
    case 'ge':
      return sign >= 0;
    case 'lt':
      return sign < 0;
    case 'le':
      return sign <= 0;
    default:
      return sign === 0;
  }
}

/** Table 3: gt/ge/lt/le on Boolean or Binary SHALL fail with invalidFilter; co/sw/ew need a string. */
function checkComparable(
  definition: AttributeDefinition | undefined,
  op: CompareOperator,
  value: CompareValue,
): void {
  if (ORDERING.includes(op)) {
    if (typeof value === 'boolean' || value === null) {
      throw ScimError.invalidFilter(
        `"${op}" cannot compare ${JSON.stringify(value)}; it orders strings, numbers and dateTimes`,
      );
    }
    const effective =
      definition?.type === 'complex' ? findAttribute(definition.subAttributes, 'value') : definition;
    if (
      definition &&
      (!effective ||
        effective.type === 'boolean' ||
        effective.type === 'binary' ||
        effective.type === 'complex')
    ) {
      throw ScimError.invalidFilter(
        `"${op}" is not defined for ${effective?.type ?? 'complex'} attribute "${definition.name}"`,
      );
    }
    if (effective?.type === 'dateTime' && (typeof value !== 'string' || Number.isNaN(Date.parse(value)))) {
      throw ScimError.invalidFilter(
        `"${op}" on dateTime "${effective.name}" needs an ISO 8601 string, got ${JSON.stringify(value)}`,
      );
    }
  }
  if (SUBSTRING.includes(op) && typeof value !== 'string') {
    throw ScimError.invalidFilter(`"${op}" needs a string value, got ${JSON.stringify(value)}`);
  }
}

function hasValue(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return false;
  if (Array.isArray(value)) return value.some(hasValue);
  if (isObject(value)) return Object.values(value).some(hasValue);
  return true;
}

/** One level of arrays flattened, undefined and null dropped; a loop, since it runs per resource in scans. */
function flatten(values: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const v of values) {
    if (Array.isArray(v)) {
      for (const x of v as unknown[]) if (x !== undefined && x !== null) out.push(x);
    } else if (v !== undefined && v !== null) {
      out.push(v);
    }
  }
  return out;
}
