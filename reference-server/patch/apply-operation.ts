import { ScimError } from '../core/scim-error.js';
import { evaluateElementFilter } from '../filter/index.js';
import type { FilterNode } from '../filter/index.js';
import { findAttribute, findKey, findSchema } from '../schema/index.js';
import type { AttributeDefinition, ResourceSchema } from '../schema/index.js';
import { normaliseCollection, normaliseSingle, sameElement, sameValue } from './normalise-value.js';
import { isObject } from '../../protocol/json.js';
import { resolveTarget, type PatchTarget } from './resolve-target.js';
import type { PatchOptions } from './types.js';

export type OpName = 'add' | 'remove' | 'replace';

interface Context {
  resource: Record<string, unknown>;
  schema: ResourceSchema;
  options: PatchOptions;
}

/** Applies one already-validated operation to `resource` in place (the caller owns a copy). */
export function applyOperation(ctx: Context, op: OpName, path: string | undefined, value: unknown): void {
  if (path !== undefined) {
    applyAtPath(ctx, op, resolveTarget(ctx.schema, path), value);
    return;
  }
  // RFC 7644 §3.5.2.2: remove without a path fails with noTarget.
  if (op === 'remove') throw ScimError.noTarget('remove requires a "path"');
  if (!isObject(value))
    throw ScimError.invalidValue(`${op} without a "path" needs an object of attributes as "value"`);
  for (const [key, inner] of Object.entries(value)) {
    // The server maintains `schemas` itself (RFC 7644 §3.5.2), so a client copy of it is ignored.
    if (key.toLowerCase() === 'schemas') continue;
    const schemaOfKey = findSchema(ctx.schema, key);
    if (schemaOfKey) {
      if (!isObject(inner))
        throw ScimError.invalidValue(`"${key}" must be an object of ${schemaOfKey.name} attributes`);
      for (const [name, v] of Object.entries(inner)) applyPathless(ctx, op, `${schemaOfKey.id}:${name}`, v);
      continue;
    }
    applyPathless(ctx, op, key, inner);
  }
}

function applyPathless(ctx: Context, op: OpName, key: string, value: unknown): void {
  // A null inside a path-less add means "nothing to add"; inside replace it unassigns (RFC 7644 §3.5.1 spirit).
  if (value === null && op === 'add') return;
  applyAtPath(ctx, op, resolveTarget(ctx.schema, key), value);
}

function applyAtPath(ctx: Context, op: OpName, target: PatchTarget, value: unknown): void {
  if (op !== 'remove' && value === undefined)
    throw ScimError.invalidValue(`${op} on "${target.label}" requires a "value"`);
  if (op === 'add' && value === null)
    throw ScimError.invalidValue(`add on "${target.label}" requires a non-null "value"`);
  if (
    op === 'replace' &&
    (value === null ||
      (Array.isArray(value) && value.length === 0 && target.top.multiValued && !target.filter && !target.sub))
  ) {
    // Replacing with null or [] clears the attribute (RFC 7644 §3.5.1), subject to the remove rules.
    if (!exists(ctx, target)) return;
    op = 'remove';
    value = undefined;
  }
  if (target.filter) return applyFiltered(ctx, op, target, target.filter, value);
  if (target.sub) return applySub(ctx, op, target, target.sub, value);
  return applyTop(ctx, op, target, value);
}

function exists(ctx: Context, target: PatchTarget): boolean {
  const container = containerOf(ctx, target, false);
  return container !== undefined && readKey(container, target.top.name) !== undefined;
}

/** The object holding the attribute: the resource, or its extension object keyed by URN (RFC 7643 §3.3). */
function containerOf(
  ctx: Context,
  target: PatchTarget,
  create: boolean,
): Record<string, unknown> | undefined {
  if (!target.resolved.extension) return ctx.resource;
  const urn = target.resolved.schemaUrn;
  const key = findKey(ctx.resource, urn) ?? urn;
  const existing = ctx.resource[key];
  if (isObject(existing)) return existing;
  if (!create) return undefined;
  const fresh: Record<string, unknown> = {};
  ctx.resource[key] = fresh;
  // Adding an extension attribute implicitly adds its schema URI (RFC 7644 §3.5.2, MAY).
  const schemas = Array.isArray(ctx.resource.schemas) ? (ctx.resource.schemas as unknown[]) : [];
  if (!schemas.some((s) => typeof s === 'string' && s.toLowerCase() === urn.toLowerCase())) schemas.push(urn);
  ctx.resource.schemas = schemas;
  return fresh;
}

/** Drops an emptied extension object and its URI so the representation stays minimal. */
function pruneContainer(ctx: Context, target: PatchTarget, container: Record<string, unknown>): void {
  if (!target.resolved.extension || Object.keys(container).length > 0) return;
  const urn = target.resolved.schemaUrn.toLowerCase();
  const key = findKey(ctx.resource, urn);
  if (key !== undefined) delete ctx.resource[key];
  if (Array.isArray(ctx.resource.schemas)) {
    ctx.resource.schemas = ctx.resource.schemas.filter(
      (s) => typeof s !== 'string' || s.toLowerCase() !== urn,
    );
  }
}

function readKey(container: Record<string, unknown>, name: string): unknown {
  const key = findKey(container, name);
  return key === undefined ? undefined : container[key];
}

function writeKey(container: Record<string, unknown>, name: string, value: unknown): void {
  const key = findKey(container, name);
  if (key !== undefined && key !== name) delete container[key];
  container[name] = value;
}

function deleteKey(container: Record<string, unknown>, name: string): void {
  const key = findKey(container, name);
  if (key !== undefined) delete container[key];
}

/** readOnly never changes; immutable only from unassigned; both are 400 mutability (RFC 7644 §3.5.2). */
function checkWritable(
  definition: AttributeDefinition,
  label: string,
  existing: unknown,
  next: unknown,
): 'write' | 'skip' {
  if (definition.mutability === 'readOnly') {
    if (existing !== undefined && sameValue(existing, next, definition)) return 'skip';
    throw ScimError.mutability(`"${label}" is readOnly`);
  }
  if (
    definition.mutability === 'immutable' &&
    existing !== undefined &&
    !sameValue(existing, next, definition)
  ) {
    throw ScimError.mutability(`"${label}" is immutable and already has a value`);
  }
  return 'write';
}

/** Removing a required, readOnly or set immutable attribute is refused with mutability (RFC 7644 §3.5.2.2). */
function checkRemovable(definition: AttributeDefinition, label: string, existing: unknown): void {
  if (definition.mutability === 'readOnly') throw ScimError.mutability(`"${label}" is readOnly`);
  if (definition.required) throw ScimError.mutability(`"${label}" is required and cannot be removed`);
  if (definition.mutability === 'immutable' && existing !== undefined) {
    throw ScimError.mutability(`"${label}" is immutable and cannot be removed`);
  }
}

function applyTop(ctx: Context, op: OpName, target: PatchTarget, value: unknown): void {
  const { top, label } = target;
  const container = containerOf(ctx, target, op !== 'remove');
  const existing = container ? readKey(container, top.name) : undefined;
  if (op === 'remove') {
    if (value !== undefined && top.multiValued && top.type === 'complex')
      return removeListed(ctx, target, value);
    checkRemovable(top, label, existing);
    if (container && existing !== undefined) {
      deleteKey(container, top.name);
      pruneContainer(ctx, target, container);
    }
    return;
  }
  if (!container) return;
  if (top.mutability === 'readOnly') {
    checkWritable(top, label, existing, value);
    return;
  }
  if (top.multiValued) {
    const items = normaliseCollection(top, value, ctx.options, label);
    const current = op === 'add' && Array.isArray(existing) ? [...(existing as unknown[])] : [];
    const touched: unknown[] = [];
    for (const item of items) {
      const duplicate = current.find((c) => sameElement(c, item, top));
      // Re-adding an existing value changes nothing (RFC 7644 §3.5.2.1); a replace keeps the last copy.
      if (duplicate !== undefined) {
        if (op === 'replace') current[current.indexOf(duplicate)] = item;
        continue;
      }
      current.push(item);
      touched.push(item);
    }
    writeKey(container, top.name, current);
    normalisePrimary(current, op === 'replace' ? items : touched);
    return;
  }
  const next = normaliseSingle(top, value, ctx.options, label);
  if (top.type === 'complex') {
    // Complex targets take the given sub-attributes and keep the others (RFC 7644 §3.5.2.1, §3.5.2.3).
    const merged = { ...(isObject(existing) ? existing : {}) };
    for (const [name, v] of Object.entries(next as Record<string, unknown>)) {
      const subDefinition = findAttribute(top.subAttributes, name);
      if (
        subDefinition &&
        checkWritable(subDefinition, `${label}.${name}`, readKey(merged, name), v) === 'skip'
      )
        continue;
      writeKey(merged, name, v);
    }
    writeKey(container, top.name, merged);
    return;
  }
  if (checkWritable(top, label, existing, next) === 'write') writeKey(container, top.name, next);
}

/** Entra's `remove members` with a `value` list removes just the listed values (an extension of §3.5.2.2). */
function removeListed(ctx: Context, target: PatchTarget, value: unknown): void {
  const { top, label } = target;
  const listed = normaliseCollection(top, value, ctx.options, label);
  const container = containerOf(ctx, target, false);
  const existing = container ? readKey(container, top.name) : undefined;
  if (!container || !Array.isArray(existing)) return;
  const kept = existing.filter(
    (element) => !listed.some((item) => isObject(item) && covers(element, item, top)),
  );
  if (kept.length > 0) writeKey(container, top.name, kept);
  else {
    checkRemovable({ ...top, mutability: 'readWrite' }, label, undefined);
    deleteKey(container, top.name);
    pruneContainer(ctx, target, container);
  }
}

/** True when every sub-attribute given in `item` equals the element's. */
function covers(element: unknown, item: Record<string, unknown>, top: AttributeDefinition): boolean {
  if (!isObject(element)) return false;
  return Object.entries(item).every(([name, v]) =>
    sameValue(readKey(element, name), v, findAttribute(top.subAttributes, name)),
  );
}

function applySub(
  ctx: Context,
  op: OpName,
  target: PatchTarget,
  sub: AttributeDefinition,
  value: unknown,
): void {
  const { top, label } = target;
  if (top.mutability === 'readOnly') throw ScimError.mutability(`"${top.name}" is readOnly`);
  const container = containerOf(ctx, target, op !== 'remove');
  if (!container) return;
  const existing = readKey(container, top.name);
  if (top.multiValued) {
    // `emails.value` without a filter addresses that sub-attribute in every value.
    const elements = Array.isArray(existing) ? existing.filter(isObject) : [];
    if (elements.length === 0) {
      if (op === 'remove') return;
      if (op === 'replace') throw ScimError.noTarget(`"${top.name}" has no values to set "${sub.name}" on`);
      const element = { [sub.name]: normaliseSingle(sub, value, ctx.options, label) };
      writeKey(container, top.name, [element]);
      return;
    }
    setOnElements(ctx, op, elements, sub, label, value);
    return;
  }
  const parent = isObject(existing) ? existing : undefined;
  if (op === 'remove') {
    checkRemovable(sub, label, parent ? readKey(parent, sub.name) : undefined);
    if (!parent) return;
    deleteKey(parent, sub.name);
    if (Object.keys(parent).length === 0) deleteKey(container, top.name);
    pruneContainer(ctx, target, container);
    return;
  }
  const next = normaliseSingle(sub, value, ctx.options, label);
  const object = parent ?? {};
  if (checkWritable(sub, label, readKey(object, sub.name), next) === 'write')
    writeKey(object, sub.name, next);
  if (!parent && Object.keys(object).length > 0) writeKey(container, top.name, object);
}

function setOnElements(
  ctx: Context,
  op: OpName,
  elements: Record<string, unknown>[],
  sub: AttributeDefinition,
  label: string,
  value: unknown,
): void {
  if (op === 'remove') {
    for (const element of elements) {
      checkRemovable(sub, label, readKey(element, sub.name));
      deleteKey(element, sub.name);
    }
    return;
  }
  const next = normaliseSingle(sub, value, ctx.options, label);
  for (const element of elements) {
    if (checkWritable(sub, label, readKey(element, sub.name), next) === 'write')
      writeKey(element, sub.name, next);
  }
  if (sub.name === 'primary' && next === true) normalisePrimary(elements, elements.slice(-1));
}

function applyFiltered(
  ctx: Context,
  op: OpName,
  target: PatchTarget,
  filter: FilterNode,
  value: unknown,
): void {
  const { top, sub, label } = target;
  if (top.mutability === 'readOnly') throw ScimError.mutability(`"${top.name}" is readOnly`);
  const container = containerOf(ctx, target, op === 'add');
  const existing = container ? readKey(container, top.name) : undefined;
  const all = Array.isArray(existing) ? [...(existing as unknown[])] : [];
  const matched = all.filter(
    (element): element is Record<string, unknown> =>
      isObject(element) && evaluateElementFilter(filter, element, top),
  );
  if (matched.length === 0) {
    // A filter that selects nothing is noTarget (RFC 7644 §3.5.2.3, §3.12 Table 9); add creates the value
    // the filter describes when the filter is a conjunction of `eq` tests (Entra's `emails[type eq "work"].value`).
    const template = op === 'add' ? equalityTemplate(filter, top) : undefined;
    if (!template || !container)
      throw ScimError.noTarget(`no value of "${top.name}" matches the filter in the path`);
    const addition = sub ? { [sub.name]: value } : isObject(value) ? value : undefined;
    if (!addition)
      throw ScimError.invalidValue(`add on "${label}" with a value filter needs an object value`);
    const element = normaliseSingle(top, { ...template, ...addition }, ctx.options, label);
    all.push(element);
    writeKey(container, top.name, all);
    normalisePrimary(all, [element]);
    return;
  }
  if (!container) return;
  if (sub) {
    setOnElements(ctx, op, matched, sub, label, value);
    if (sub.name === 'primary') normalisePrimary(all, matched);
    return;
  }
  if (op === 'remove') {
    const kept = all.filter((element) => !matched.includes(element as Record<string, unknown>));
    if (kept.length > 0) writeKey(container, top.name, kept);
    else {
      deleteKey(container, top.name);
      pruneContainer(ctx, target, container);
    }
    return;
  }
  const next = normaliseSingle(top, value, ctx.options, label) as Record<string, unknown>;
  const touched: Record<string, unknown>[] = [];
  for (const element of matched) {
    const merged = op === 'add' ? { ...element, ...next } : next;
    for (const subDefinition of top.subAttributes ?? []) {
      if (subDefinition.mutability !== 'immutable') continue;
      const before = readKey(element, subDefinition.name);
      if (before !== undefined && !sameValue(before, readKey(merged, subDefinition.name), subDefinition)) {
        throw ScimError.mutability(`"${top.name}.${subDefinition.name}" is immutable`);
      }
    }
    const replacement = { ...merged };
    all[all.indexOf(element)] = replacement;
    touched.push(replacement);
  }
  writeKey(container, top.name, all);
  normalisePrimary(all, touched);
}

/** The sub-attribute values a filter of `eq` conjunctions pins down, or undefined when it pins nothing. */
function equalityTemplate(filter: FilterNode, top: AttributeDefinition): Record<string, unknown> | undefined {
  if (filter.kind === 'and') {
    const left = equalityTemplate(filter.left, top);
    const right = equalityTemplate(filter.right, top);
    return left && right ? { ...left, ...right } : undefined;
  }
  if (filter.kind !== 'compare' || filter.op !== 'eq' || filter.value === null) return undefined;
  if (filter.path.subAttribute !== undefined || filter.path.uri !== undefined) return undefined;
  const subDefinition = findAttribute(top.subAttributes, filter.path.attribute);
  return subDefinition ? { [subDefinition.name]: filter.value } : undefined;
}

/** Only one value may be primary, so the newest primary wins (RFC 7643 §2.4, RFC 7644 §3.5.2). */
function normalisePrimary(all: unknown[], touched: unknown[]): void {
  const winner = [...touched].reverse().find((element) => isObject(element) && element.primary === true);
  if (!winner) return;
  for (const element of all) {
    if (element !== winner && isObject(element) && element.primary === true) element.primary = false;
  }
}
