import { COMMON_ATTRIBUTES, findAttribute, findSchema, resolveAttribute } from '../schema/index.js';
import type { AttributeDefinition, ResourceSchema, SchemaDefinition } from '../schema/index.js';

/** Per top-level attribute: every sub-attribute ('all') or the named ones. */
type Selection = Map<string, 'all' | Set<string>>;

interface Selections {
  attributes: Selection | undefined;
  excluded: Selection;
}

const key = (urn: string, name: string) => `${urn.toLowerCase()}|${name.toLowerCase()}`;

/**
 * Applies `returned` (RFC 7643 §2.4) and the `attributes`/`excludedAttributes` parameters (RFC 7644 §3.9):
 * `never` is always dropped, `always` always kept, `request` only when named, `default` unless excluded or
 * not selected. `schemas` is always kept. Names the schema does not know are ignored. When both lists are
 * given, `attributes` wins (§3.9 makes them exclusive; the route may prefer to answer 400 instead).
 */
export function projectAttributes(
  resource: Record<string, unknown>,
  schema: ResourceSchema,
  options: { attributes?: string[]; excludedAttributes?: string[] },
): Record<string, unknown> {
  // Without attributes/excludedAttributes (the common case) only `returned` decides: a per-schema plan.
  if (!options.attributes && !options.excludedAttributes?.length) return projectDefault(resource, schema);
  const selections: Selections = {
    attributes: options.attributes ? select(schema, options.attributes) : undefined,
    excluded: options.attributes ? new Map() : select(schema, options.excludedAttributes ?? []),
  };
  const out: Record<string, unknown> = {};
  const coreDefinitions = coreAndCommon(schema.core);
  for (const name in resource) {
    const value = resource[name];
    if (name.toLowerCase() === 'schemas') {
      out[name] = value;
      continue;
    }
    const extension = findSchema(schema, name);
    if (extension && extension !== schema.core) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
      const projected = projectObject(
        value as Record<string, unknown>,
        extension,
        extension.attributes,
        selections,
      );
      if (Object.keys(projected).length > 0) out[name] = projected;
      continue;
    }
    projectEntry(out, name, value, schema.core, coreDefinitions, selections);
  }
  return out;
}

/** What the default projection does with one top-level key (decided once per key name and schema). */
type Step =
  | { kind: 'keep' }
  | { kind: 'drop' }
  | { kind: 'value'; definition: AttributeDefinition }
  | { kind: 'extension'; extension: SchemaDefinition };

const KEEP: Step = { kind: 'keep' };
const DROP: Step = { kind: 'drop' };
const NO_SELECTIONS: Selections = { attributes: undefined, excluded: new Map() };
/** Key names seen per schema are bounded so arbitrary client-sent names cannot grow the cache without limit. */
const MAX_PLANNED_KEYS = 512;

interface Plan {
  steps: Map<string, Step>;
  coreSize: number;
  extensions: number;
  core: SchemaDefinition;
}
const plans = new WeakMap<ResourceSchema, Plan>();

function planOf(schema: ResourceSchema): Plan {
  let plan = plans.get(schema);
  if (
    !plan ||
    plan.core !== schema.core ||
    plan.coreSize !== schema.core.attributes.length ||
    plan.extensions !== schema.extensions.length
  ) {
    plan = {
      steps: new Map(),
      coreSize: schema.core.attributes.length,
      extensions: schema.extensions.length,
      core: schema.core,
    };
    plans.set(schema, plan);
  }
  return plan;
}

function stepFor(schema: ResourceSchema, name: string): Step {
  if (name.toLowerCase() === 'schemas') return KEEP;
  const extension = findSchema(schema, name);
  if (extension && extension !== schema.core) return { kind: 'extension', extension };
  const definition = findAttribute(coreAndCommon(schema.core), name);
  // Unknown attributes are treated as returned=default (RFC 7643 §2.2 default).
  if (!definition) return KEEP;
  if (definition.returned === 'never' || definition.returned === 'request') return DROP;
  return { kind: 'value', definition };
}

/** `projectAttributes` with neither list given: the same result, without per-key name resolution. */
function projectDefault(resource: Record<string, unknown>, schema: ResourceSchema): Record<string, unknown> {
  const { steps } = planOf(schema);
  const out: Record<string, unknown> = {};
  for (const name in resource) {
    const value = resource[name];
    let step = steps.get(name);
    if (step === undefined) {
      step = stepFor(schema, name);
      if (steps.size < MAX_PLANNED_KEYS) steps.set(name, step);
    }
    switch (step.kind) {
      case 'keep':
        out[name] = value;
        break;
      case 'drop':
        break;
      case 'value': {
        const projected = projectValue(value, step.definition, 'all', undefined);
        if (projected !== undefined) out[name] = projected;
        break;
      }
      case 'extension': {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) break;
        const extension = step.extension;
        const projected = projectObject(
          value as Record<string, unknown>,
          extension,
          extension.attributes,
          NO_SELECTIONS,
        );
        if (Object.keys(projected).length > 0) out[name] = projected;
        break;
      }
    }
  }
  return out;
}

/** Whether a complex attribute has sub-attributes the default projection hides (`never` or `request`). */
const hidesSubsCache = new WeakMap<AttributeDefinition, { size: number; hides: boolean }>();
function hidesSubs(definition: AttributeDefinition, subs: readonly AttributeDefinition[]): boolean {
  let cached = hidesSubsCache.get(definition);
  if (!cached || cached.size !== subs.length) {
    cached = {
      size: subs.length,
      hides: subs.some((s) => s.returned === 'never' || s.returned === 'request'),
    };
    hidesSubsCache.set(definition, cached);
  }
  return cached.hides;
}

/** Copies an object element whose sub-attributes are all shown; empty elements are dropped. */
function copyElement(element: unknown): unknown {
  if (typeof element !== 'object' || element === null || Array.isArray(element)) return element;
  const out: Record<string, unknown> = {};
  let any = false;
  for (const name in element) {
    out[name] = (element as Record<string, unknown>)[name];
    any = true;
  }
  return any ? out : undefined;
}

/** The core schema's attributes followed by the common ones (RFC 7643 §3.1), built once per schema. */
const coreAndCommonCache = new WeakMap<SchemaDefinition, AttributeDefinition[]>();
function coreAndCommon(core: SchemaDefinition): AttributeDefinition[] {
  let definitions = coreAndCommonCache.get(core);
  if (!definitions || definitions.length !== core.attributes.length + COMMON_ATTRIBUTES.length) {
    definitions = [...core.attributes, ...COMMON_ATTRIBUTES];
    coreAndCommonCache.set(core, definitions);
  }
  return definitions;
}

function select(schema: ResourceSchema, names: string[]): Selection {
  const selection: Selection = new Map();
  for (const name of names) {
    const whole = findSchema(schema, name);
    if (whole) {
      for (const attribute of whole.attributes) selection.set(key(whole.id, attribute.name), 'all');
      continue;
    }
    const resolved = resolveAttribute(schema, name);
    if (!resolved) continue;
    const [top, sub] = resolved.names as [string, string | undefined];
    const k = key(resolved.schemaUrn, top);
    const current = selection.get(k);
    if (sub === undefined) selection.set(k, 'all');
    else if (current !== 'all') selection.set(k, (current ?? new Set<string>()).add(sub.toLowerCase()));
  }
  return selection;
}

function projectObject(
  object: Record<string, unknown>,
  schema: SchemaDefinition,
  definitions: AttributeDefinition[],
  selections: Selections,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name in object) projectEntry(out, name, object[name], schema, definitions, selections);
  return out;
}

/** Projects one attribute of an object into `out`. */
function projectEntry(
  out: Record<string, unknown>,
  name: string,
  value: unknown,
  schema: SchemaDefinition,
  definitions: AttributeDefinition[],
  { attributes, excluded }: Selections,
): void {
  const definition = findAttribute(definitions, name);
  if (!definition) {
    // Unknown attributes are treated as returned=default (RFC 7643 §2.2 default).
    if (!attributes) out[name] = value;
    return;
  }
  if (definition.returned === 'never') return;
  // Without attributes/excludedAttributes (the common case) no selection key needs building.
  const k = attributes || excluded.size > 0 ? key(schema.id, definition.name) : '';
  const requested = attributes?.get(k);
  const dropped = excluded.size > 0 ? excluded.get(k) : undefined;
  if (definition.returned !== 'always') {
    if (attributes ? requested === undefined : definition.returned === 'request' || dropped === 'all') return;
  }
  const subs = definition.returned === 'always' ? 'all' : attributes ? (requested ?? 'all') : 'all';
  const projected = projectValue(value, definition, subs, dropped instanceof Set ? dropped : undefined);
  if (projected !== undefined) out[name] = projected;
}

function projectValue(
  value: unknown,
  definition: AttributeDefinition,
  selected: 'all' | Set<string>,
  excluded: Set<string> | undefined,
): unknown {
  if (definition.type !== 'complex' || !definition.subAttributes) return value;
  if (selected === 'all' && excluded === undefined && !hidesSubs(definition, definition.subAttributes)) {
    // Nothing of this attribute is hidden: each element is copied as it is.
    if (!Array.isArray(value)) return copyElement(value);
    const kept: unknown[] = [];
    for (const element of value) {
      const copied = copyElement(element);
      if (copied !== undefined) kept.push(copied);
    }
    return kept.length > 0 ? kept : undefined;
  }
  const projectOne = (element: unknown): unknown => {
    if (typeof element !== 'object' || element === null || Array.isArray(element)) return element;
    const out: Record<string, unknown> = {};
    for (const name in element) {
      const v = (element as Record<string, unknown>)[name];
      const sub = findAttribute(definition.subAttributes, name);
      if (sub?.returned === 'never') continue;
      const always = sub?.returned === 'always';
      const lower = name.toLowerCase();
      const chosen = selected === 'all' ? sub?.returned !== 'request' : selected.has(lower);
      if (always || (chosen && !excluded?.has(lower))) out[name] = v;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  };
  if (Array.isArray(value)) {
    const kept = value.map(projectOne).filter((v) => v !== undefined);
    return kept.length > 0 ? kept : undefined;
  }
  return projectOne(value);
}
