/** Shape of returned resources: names, arrays, one level of complex values, common attributes (RFC 7643 §2, §3.1). */
import { checkRows, fail, isObject, skip, URN } from '../support/index.js';
import type { AnyCheck } from '../support/index.js';
import { attributesOf, type AttributeDef } from './kit.js';
import { overDefinedValues, overSamples, schemasOf } from './judge.js';
import { readable } from './samples.js';
import { fixture } from './scenarios.js';

const check = checkRows({
  level: 'MUST',
  suite: 'resources',
  rfc: 'RFC7643 3.1',
  scenario: fixture,
  requires: ['resourceType:User'],
});
const ATTRNAME = /^[A-Za-z][A-Za-z0-9$_-]*$/;

/** Keys that are not attribute names: `$ref` (erratum 8924) and schema URIs naming extension containers. */
function exempt(key: string, containers: readonly string[]): boolean {
  return key === '$ref' || containers.some((c) => c.toLowerCase() === key.toLowerCase());
}

function badName(value: unknown, pointer: string, containers: readonly string[]): string | undefined {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = badName(item, `${pointer}/${i}`, containers);
      if (found) return found;
    }
  } else if (isObject(value)) {
    for (const [key, inner] of Object.entries(value)) {
      if (!exempt(key, containers) && !ATTRNAME.test(key)) return `${pointer}/${key}`;
      const found = badName(inner, `${pointer}/${key}`, containers);
      if (found) return found;
    }
  }
  return undefined;
}

function badSchemaName(defs: AttributeDef[], path: string): string | undefined {
  for (const def of defs) {
    const name = typeof def.name === 'string' ? def.name : '';
    if (name !== '$ref' && !ATTRNAME.test(name)) return `${path}${name}`;
    const inner = badSchemaName(attributesOf(def, 'subAttributes'), `${path}${name}.`);
    if (inner) return inner;
  }
  return undefined;
}

const attributeNameGrammar = check({
  id: 'resources.names.attribute-grammar',
  title: 'Attribute names in resources and /Schemas follow the ATTRNAME grammar',
  rfc: 'RFC7643 2.1',
  requirements: ['7643-2.1-c'],
  explanation:
    'RFC 7643 §2.1 says attribute names MUST be ALPHA followed by letters, digits, "$", "-" or "_"; clients build filters and PATCH paths from them. Extension URI keys and "$ref" (erratum 8924) are exempt.',
  assert: (f, ctx) => {
    for (const [id, schema] of Object.entries(ctx.target.capabilities.schemas)) {
      const bad = badSchemaName(attributesOf(schema), '');
      if (bad !== undefined) {
        return fail('VALUE_MISMATCH', `/Schemas ${id} defines the attribute name "${bad}"`, {
          expected: ATTRNAME.source,
          actual: bad,
        });
      }
    }
    const containers = Object.values(ctx.target.capabilities.resourceTypes).flatMap((rt) => rt.extensions);
    return overSamples(f, (sample) => {
      const pointer = badName(sample.body, '', [...containers, ...(schemasOf(sample.body) ?? [])]);
      return pointer === undefined
        ? undefined
        : fail('VALUE_MISMATCH', `${readable(sample.label, pointer)} is not a valid attribute name`, {
            expected: ATTRNAME.source,
            actual: pointer.split('/').pop(),
            pointer,
          });
    });
  },
});

const multiValuedAsArrays = check({
  id: 'resources.multi-valued.arrays',
  title: 'Multi-valued attributes come back as JSON arrays',
  rfc: 'RFC7643 2.4',
  requirements: ['7643-2.4-a'],
  explanation:
    "RFC 7643 §2.4 says multi-valued attributes SHALL be JSON arrays; judged against the target's own /Schemas, since a client reading emails[0] breaks on a bare object.",
  assert: (f, ctx) =>
    overDefinedValues(f, ctx.target, ({ def, value, pointer, label }, report) => {
      if (def.multiValued === true && value !== null && !Array.isArray(value)) {
        report(
          fail('VALUE_MISMATCH', `${readable(label, pointer)} is multi-valued but not an array`, {
            expected: 'a JSON array',
            actual: value,
            pointer,
          }),
        );
      }
    }),
});

const nests = (v: unknown): boolean =>
  isObject(v) || (Array.isArray(v) && v.some((x) => isObject(x) || Array.isArray(x)));

const complexOneLevel = check({
  id: 'resources.complex.no-nested-complex',
  title: 'Complex attributes have no complex sub-attributes, in /Schemas or in values',
  rfc: 'RFC7643 2.3.8',
  requirements: ['7643-2.3.8-b'],
  explanation:
    'RFC 7643 §2.3.8 says a complex attribute MUST NOT contain sub-attributes that have sub-attributes; filters and PATCH paths reach one level only. The Schema resource itself is exempt (§7).',
  assert: (f, ctx) => {
    for (const [id, schema] of Object.entries(ctx.target.capabilities.schemas)) {
      if (id.toLowerCase() === URN.schema.toLowerCase()) continue;
      for (const def of attributesOf(schema)) {
        const sub = attributesOf(def, 'subAttributes').find((s) => s.type === 'complex');
        if (sub) {
          return fail(
            'VALUE_MISMATCH',
            `/Schemas ${id} gives ${String(def.name)} the complex sub-attribute ${String(sub.name)}`,
            {
              expected: 'sub-attributes of simple types',
              actual: sub,
            },
          );
        }
      }
    }
    return overDefinedValues(f, ctx.target, ({ value, pointer, depth, label }, report) => {
      if (depth !== 1 || !nests(value)) return;
      report(
        fail('VALUE_MISMATCH', `${readable(label, pointer)} nests a value inside a complex attribute`, {
          expected: 'a simple value',
          actual: value,
          pointer,
        }),
      );
    });
  },
});

const STRING_SUBS = ['$ref', 'display', 'type'];

const predefinedSubAttributes = check({
  id: 'resources.multi-valued.predefined-sub-attributes',
  title: 'primary is a boolean and $ref, display and type are strings in multi-valued values',
  rfc: 'RFC7643 2.4',
  requirements: ['7643-2.4-b'],
  explanation:
    'RFC 7643 §2.4 says the predefined sub-attributes keep their meaning: primary is a Boolean flag, $ref a URI, display and type strings; clients pick the primary email by it.',
  assert: (f, ctx) =>
    overDefinedValues(f, ctx.target, ({ def, value, pointer, depth, label }, report) => {
      if (depth !== 0 || def.multiValued !== true || def.type !== 'complex' || !Array.isArray(value)) return;
      value.forEach((item, i) => {
        if (!isObject(item)) return;
        for (const [key, sub] of Object.entries(item)) {
          const at = `${pointer}/${i}/${key}`;
          const lower = key.toLowerCase();
          const wrong =
            sub !== null &&
            ((lower === 'primary' && typeof sub !== 'boolean') ||
              (STRING_SUBS.map((s) => s.toLowerCase()).includes(lower) && typeof sub !== 'string'));
          if (wrong) {
            report(
              fail('VALUE_MISMATCH', `${readable(label, at)} has the wrong JSON type`, {
                expected: lower === 'primary' ? 'a boolean' : 'a string',
                actual: sub,
                pointer: at,
              }),
            );
          }
        }
      });
    }),
});

const idAndMeta = check({
  id: 'resources.common.id-and-meta',
  title: 'Every User and Group representation carries id and meta',
  requirements: ['7643-3.1-a'],
  explanation:
    'RFC 7643 §3.1 says the common attributes id and meta are part of every resource but ServiceProviderConfig and ResourceType; clients address and version resources by them.',
  assert: (f) =>
    overSamples(f, (sample) => {
      const id = sample.body['id'];
      if (typeof id !== 'string' || id === '') {
        return fail('ATTRIBUTE_MISSING', `${sample.label} has no id`, {
          expected: 'a non-empty id',
          actual: id,
          pointer: '/id',
        });
      }
      return isObject(sample.body['meta'])
        ? undefined
        : fail('ATTRIBUTE_MISSING', `${sample.label} has no meta object`, {
            expected: 'meta',
            actual: sample.body['meta'],
            pointer: '/meta',
          });
    }),
});

const noBulkIdInIds = check({
  id: 'resources.ids.no-bulk-id',
  title: 'No id contains the string "bulkId"',
  requirements: ['7643-3.1-h'],
  explanation:
    'RFC 7643 §3.1 says the string "bulkId" MUST NOT appear in an id: it is reserved for Bulk cross-references (RFC 7644 §3.7), which a client would otherwise misread.',
  assert: (f) =>
    overSamples(f, (sample) => {
      const id = sample.body['id'];
      return typeof id === 'string' && id.includes('bulkId')
        ? fail('VALUE_MISMATCH', `${sample.label} has the id "${id}", which contains "bulkId"`, {
            expected: 'an id without "bulkId"',
            actual: id,
            pointer: '/id',
          })
        : undefined;
    }),
});

const idsUniqueAcrossTypes = check({
  id: 'resources.ids.unique-across-types',
  title: 'No User and Group share an id',
  requirements: ['7643-3.1-e'],
  requires: ['resourceType:User', 'resourceType:Group'],
  explanation:
    'RFC 7643 §3.1 says an id is unique across the entire set of resources, not only per type; group members are referenced by id alone. Judged on the Users and Groups the run read.',
  assert: (f) => {
    const seen = new Map<string, string>();
    const verdict = overSamples(f, (sample) => {
      const id = sample.body['id'];
      if (typeof id !== 'string') return undefined;
      const other = seen.get(id);
      if (other !== undefined && other !== sample.type) {
        return fail(
          'VALUE_MISMATCH',
          `The id "${id}" names both a ${other} and a ${sample.type} (${sample.label})`,
          {
            expected: 'ids unique across resource types',
            actual: id,
            pointer: '/id',
          },
        );
      }
      seen.set(id, sample.type);
      return undefined;
    });
    const types = new Set(seen.values());
    return verdict.kind === 'pass' && types.size < 2
      ? skip('Only one resource type came back to compare')
      : verdict;
  },
});

export const shapeChecks: AnyCheck[] = [
  attributeNameGrammar,
  multiValuedAsArrays,
  complexOneLevel,
  predefinedSubAttributes,
  idAndMeta,
  noBulkIdInIds,
  idsUniqueAcrossTypes,
];
