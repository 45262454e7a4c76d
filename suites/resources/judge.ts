/**
 * The verdict plumbing the resources checks share: run a judgement over the fixture's samples, skip with a
 * reason when there is nothing to judge.
 * @module
 */
import { isObject, pass, skip } from '../support/index.js';
import type { Failure, JsonObject, TargetInfo, Verdict } from '../support/index.js';
import { attributesOf, typeSchemas, type AttributeDef, type Sample } from './kit.js';
import { samples } from './samples.js';
import type { Fixture } from './scenarios.js';

/** Runs `judge` over every sample; the first failure wins, no sample is a skip. */
export function overSamples(
  f: Fixture,
  judge: (sample: Sample) => Failure | undefined,
  filter: (sample: Sample) => boolean = () => true,
): Verdict {
  const all = samples(f);
  if (!Array.isArray(all)) return all;
  const chosen = all.filter(filter);
  if (chosen.length === 0) return skip('No resource representation came back to judge');
  for (const sample of chosen) {
    const failure = judge(sample);
    if (failure) return failure;
  }
  return pass(`${chosen.length} representations judged`);
}

/** `schemas` of a body as strings, or undefined when it is not an array of strings (judged by 7643-3-a). */
export function schemasOf(body: JsonObject): string[] | undefined {
  const value = body['schemas'];
  return Array.isArray(value) && value.every((s) => typeof s === 'string') ? (value as string[]) : undefined;
}

/**
 * Visits every defined attribute value of a resource, top level, extension containers and sub-attributes
 * (per the target's /Schemas): `(def, value, pointer, depth)`; depth 0 is a top-level or extension attribute.
 */
function walkDefined(
  target: TargetInfo,
  sample: Sample,
  visit: (def: AttributeDef, value: unknown, pointer: string, depth: number) => void,
): void {
  const schemas = typeSchemas(target, sample.type);
  if (!schemas) return;
  const visitLevel = (defs: AttributeDef[], holder: JsonObject, prefix: string, depth: number): void => {
    for (const def of defs) {
      if (typeof def.name !== 'string') continue;
      const name = def.name.toLowerCase();
      const key = Object.keys(holder).find((k) => k.toLowerCase() === name);
      if (key === undefined) continue;
      const value = holder[key];
      const pointer = `${prefix}/${key}`;
      visit(def, value, pointer, depth);
      if (def.type !== 'complex') continue;
      const subs = attributesOf(def, 'subAttributes');
      const items = Array.isArray(value) ? value : [value];
      items.forEach((item, i) => {
        if (isObject(item))
          visitLevel(subs, item, Array.isArray(value) ? `${pointer}/${i}` : pointer, depth + 1);
      });
    }
  };
  visitLevel(attributesOf(schemaOrEmpty(target, schemas.core)), sample.body, '', 0);
  for (const ext of schemas.extensions) {
    const key = Object.keys(sample.body).find((k) => k.toLowerCase() === ext.toLowerCase());
    const holder = key === undefined ? undefined : sample.body[key];
    if (isObject(holder)) visitLevel(attributesOf(schemaOrEmpty(target, ext)), holder, `/${key}`, 0);
  }
}

function schemaOrEmpty(target: TargetInfo, id: string): JsonObject | undefined {
  const schemas = target.capabilities.schemas;
  const key = Object.keys(schemas).find((k) => k.toLowerCase() === id.toLowerCase());
  const found = key === undefined ? undefined : schemas[key];
  return isObject(found) ? found : undefined;
}

/** Collects failures while walking and returns the first one. */
export function firstOf(run: (report: (failure: Failure) => void) => void): Failure | undefined {
  let first: Failure | undefined;
  run((failure) => {
    first ??= failure;
  });
  return first;
}

/** A defined attribute value walkDefined visits, with the label of the sample it is in. */
interface DefinedValue {
  def: AttributeDef;
  value: unknown;
  pointer: string;
  depth: number;
  label: string;
}

/**
 * Judges every defined attribute value of every sample (walkDefined); the first failure `visit` reports wins,
 * no sample is a skip (overSamples).
 */
export function overDefinedValues(
  f: Fixture,
  target: TargetInfo,
  visit: (at: DefinedValue, report: (failure: Failure) => void) => void,
): Verdict {
  return overSamples(f, (sample) =>
    firstOf((report) =>
      walkDefined(target, sample, (def, value, pointer, depth) =>
        visit({ def, value, pointer, depth, label: sample.label }, report),
      ),
    ),
  );
}
