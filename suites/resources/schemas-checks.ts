/** The `schemas` attribute and extension containers of returned resources (RFC 7643 §3, §3.3, §6). */
import { checkRows, fail, isObject, pass, skip } from '../support/index.js';
import type { AnyCheck, HttpResult, JsonObject } from '../support/index.js';
import { attributesOf, member, schemaById, typeSchemas } from './kit.js';
import { overSamples, schemasOf } from './judge.js';
import { CREATE_STATUS_ID } from './samples.js';
import { fixture, schemasReversed } from './scenarios.js';

const check = checkRows({
  level: 'MUST',
  suite: 'resources',
  rfc: 'RFC7643 3',
  scenario: fixture,
  requires: ['resourceType:User'],
});

const schemasUnique = check({
  id: 'resources.schemas.no-duplicates',
  title: 'schemas lists each URI once',
  requirements: ['7643-3-c'],
  explanation: 'RFC 7643 §3 says each value of schemas is a unique URI and duplicates MUST NOT be present.',
  assert: (f) =>
    overSamples(f, (sample) => {
      const schemas = schemasOf(sample.body) ?? [];
      const dup = schemas.find((s, i) => schemas.findIndex((t) => t.toLowerCase() === s.toLowerCase()) !== i);
      return dup === undefined
        ? undefined
        : fail('VALUE_MISMATCH', `${sample.label} lists ${dup} twice in schemas`, {
            expected: 'unique URIs',
            actual: schemas,
            pointer: '/schemas',
          });
    }),
});

const schemasOfResourceType = check({
  id: 'resources.schemas.declared-by-resource-type',
  title: "schemas holds only the resource type's schema and schema extensions",
  requirements: ['7643-3-d'],
  explanation:
    'RFC 7643 §3 says schemas MUST only contain values defined as schema and schemaExtensions of the resource type; a client validating a User against an unknown URI cannot.',
  assert: (f, ctx) => {
    if (f.resourceTypes.status !== 200)
      return skip('/ResourceTypes is unusable, so the declared schemas are unknown');
    return overSamples(f, (sample) => {
      const rt = typeSchemas(ctx.target, sample.type);
      if (!rt) return undefined;
      const allowed = [rt.core, ...rt.extensions].map((s) => s.toLowerCase());
      const extra = (schemasOf(sample.body) ?? []).find((s) => !allowed.includes(s.toLowerCase()));
      return extra === undefined
        ? undefined
        : fail(
            'VALUE_MISMATCH',
            `${sample.label} lists ${extra}, which the ${sample.type} resource type does not declare`,
            {
              expected: [rt.core, ...rt.extensions],
              actual: sample.body['schemas'],
              pointer: '/schemas',
            },
          );
    });
  },
});

const schemasHaveBase = check({
  id: 'resources.schemas.base-schema',
  title: "schemas contains the resource type's base schema",
  rfc: 'RFC7643 3.3',
  requirements: ['7643-3.3-a'],
  explanation:
    'RFC 7643 §3.3 says schemas MUST contain at least the base schema URI of the resource; extensions are added to it, never instead of it.',
  assert: (f, ctx) =>
    overSamples(f, (sample) => {
      const rt = typeSchemas(ctx.target, sample.type);
      const schemas = schemasOf(sample.body);
      if (!rt || !schemas) return undefined;
      return schemas.some((s) => s.toLowerCase() === rt.core.toLowerCase())
        ? undefined
        : fail('VALUE_MISMATCH', `${sample.label} does not list its base schema ${rt.core}`, {
            expected: rt.core,
            actual: schemas,
            pointer: '/schemas',
          });
    }),
});

function extensionPlacement(
  res: HttpResult | undefined,
  label: string,
  ext: { urn: string; name: string; value: string },
) {
  if (!res || !isObject(res.json)) return undefined;
  const body: JsonObject = res.json;
  if (member(body, ext.name) !== undefined) {
    return fail(
      'ATTRIBUTE_UNEXPECTED',
      `${label} returns the extension attribute ${ext.name} at the top level`,
      {
        expected: `under "${ext.urn}"`,
        actual: member(body, ext.name),
        pointer: `/${ext.name}`,
      },
    );
  }
  const container = member(body, ext.urn);
  const value = isObject(container) ? member(container, ext.name) : undefined;
  if (value === ext.value) return undefined;
  return fail(
    value === undefined ? 'ATTRIBUTE_MISSING' : 'VALUE_MISMATCH',
    `${label} does not return ${ext.name} under its extension URI ${ext.urn}`,
    { expected: ext.value, actual: value, pointer: `/${ext.urn}/${ext.name}` },
  );
}

const extensionUnderUrn = check({
  id: 'resources.extension.under-urn',
  title: 'Extension attributes come back inside the object keyed by the extension URI',
  rfc: 'RFC7643 3.3',
  requirements: ['7643-3.3-d', '7643-3-f'],
  explanation:
    'RFC 7643 §3.3 says extension attributes SHALL be wrapped in a JSON object keyed by the extension URI; a top-level employeeNumber is read as a core attribute. Needs a User extension in /ResourceTypes with a writable attribute.',
  assert: (f) => {
    const ext = f.ext.find((e) => !e.sharesCoreName);
    if (!ext) return skip('The User resource type advertises no extension with a writable string attribute');
    if (f.user.response.status !== 201)
      return skip(`The User create answered ${f.user.response.status}, judged by ${CREATE_STATUS_ID}`);
    const failure =
      extensionPlacement(f.user.response, 'POST User', ext) ??
      (f.userRead?.status === 200 ? extensionPlacement(f.userRead, 'GET User', ext) : undefined);
    return failure ?? pass();
  },
});

const schemasOrderIrrelevant = check({
  id: 'resources.schemas.order-irrelevant',
  title: 'A User whose schemas lists the extension first is created like one in canonical order',
  requirements: ['7643-3-e'],
  explanation:
    'RFC 7643 §3 says the order of schemas values MUST NOT impact behaviour; IdPs build the list from sets. Needs a User extension the run can fill.',
  scenario: schemasReversed,
  assert: (v) => {
    if (v.skipped || !v.post) return skip(v.skipped ?? 'The variant was not sent');
    if (v.post.response.status === 201) return pass();
    return fail(
      'STATUS_MISMATCH',
      `POST User with schemas ${JSON.stringify(v.post.sent['schemas'])} answered ${v.post.response.status}`,
      {
        expected: 201,
        actual: v.post.response.status,
      },
    );
  },
});

interface RequiredExtension {
  type: string;
  urn: string;
  attributes: string[];
}

function requiredExtensions(
  res: HttpResult,
  schemasOfTarget: (urn: string) => JsonObject | undefined,
): RequiredExtension[] {
  const items = Array.isArray(res.json) ? res.json : isObject(res.json) ? res.json['Resources'] : undefined;
  if (!Array.isArray(items)) return [];
  return items.filter(isObject).flatMap((rt) => {
    const exts = Array.isArray(rt['schemaExtensions']) ? rt['schemaExtensions'] : [];
    return exts.filter(isObject).flatMap((e) => {
      if (e['required'] !== true || typeof e['schema'] !== 'string' || typeof rt['name'] !== 'string')
        return [];
      const attributes = attributesOf(schemasOfTarget(e['schema']))
        .filter((d) => d.required === true && d.returned !== 'never' && d.returned !== 'request')
        .flatMap((d) => (typeof d.name === 'string' ? [d.name] : []));
      return [{ type: rt['name'], urn: e['schema'], attributes }];
    });
  });
}

const requiredExtensionPresent = check({
  id: 'resources.extension.required-present',
  title: 'Resources of a type with a required extension carry it, with its required attributes',
  rfc: 'RFC7643 6',
  requirements: ['7643-6-g'],
  explanation:
    'RFC 7643 §6 says when a schema extension is required, each resource of that type MUST include it and its required attributes; clients rely on the container being there.',
  assert: (f, ctx) => {
    const required = requiredExtensions(f.resourceTypes, (urn) => schemaById(ctx.target, urn));
    if (required.length === 0) return skip('/ResourceTypes marks no schema extension as required');
    return overSamples(f, (sample) => {
      for (const ext of required.filter((r) => r.type === sample.type)) {
        const container = member(sample.body, ext.urn);
        if (!isObject(container)) {
          return fail('ATTRIBUTE_MISSING', `${sample.label} lacks the required extension ${ext.urn}`, {
            expected: 'the extension object',
            pointer: `/${ext.urn}`,
          });
        }
        const missing = ext.attributes.find(
          (a) => member(container, a) === undefined || member(container, a) === null,
        );
        if (missing !== undefined) {
          return fail('ATTRIBUTE_MISSING', `${sample.label} lacks ${missing}, required by ${ext.urn}`, {
            expected: missing,
            pointer: `/${ext.urn}/${missing}`,
          });
        }
      }
      return undefined;
    });
  },
});

export const schemasChecks: AnyCheck[] = [
  schemasUnique,
  schemasOfResourceType,
  schemasHaveBase,
  extensionUnderUrn,
  schemasOrderIrrelevant,
  requiredExtensionPresent,
];
