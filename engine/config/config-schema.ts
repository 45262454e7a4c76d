/**
 * The JSON Schema of `scimulator.config.{json,yaml}` and its validation (ajv, compiled once).
 * Errors name the file and the JSON pointer (RFC 6901) of the offending value.
 * @module
 */
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { HarnessError } from '../errors.js';

const REPORTER = '(console|json|junit|html|md|har)';
const names = (description: string) => ({
  description,
  anyOf: [
    { type: 'string', description: 'comma-separated' },
    { type: 'array', items: { type: 'string', minLength: 1 } },
  ],
});

/** JSON Schema (draft-07) of the run configuration file; editors can use it via `"$schema"`. */
export const CONFIG_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://scimulator.dev/schemas/config.schema.json',
  title: 'scimulator run configuration',
  description: 'Settings of `scimulator run`; flags and the environment override them.',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string', description: 'URL or path of this schema, for editors.' },
    target: {
      type: 'string',
      pattern: '^https?://',
      description: 'SCIM base URL of the target (SCIM_BASE_URL overrides it).',
    },
    token: {
      type: 'string',
      minLength: 1,
      description: 'Bearer token. Discouraged: a token in a file ends up in version control; use SCIM_TOKEN.',
    },
    profiles: names('IdP profile names or profile file paths.'),
    suites: names('Suites to run.'),
    checks: names('Check ids or prefix* patterns to run.'),
    checkFiles: names(
      'Files or folders of user-written checks (TypeScript or JavaScript), relative to this file; like --checks.',
    ),
    transpileOnly: {
      type: 'boolean',
      description: 'Compile user TypeScript (checks, profiles) without type checking; like --transpile-only.',
    },
    report: {
      description: 'Reporters: console, json, junit, html, md, har.',
      anyOf: [
        { type: 'string', pattern: `^\\s*${REPORTER}(\\s*,\\s*${REPORTER})*\\s*$` },
        { type: 'array', items: { type: 'string', enum: ['console', 'json', 'junit', 'html', 'md', 'har'] } },
      ],
    },
    out: { type: 'string', minLength: 1, description: 'Folder for report files.' },
    failOn: {
      type: 'string',
      enum: ['must', 'should', 'never'],
      description: 'Which failures fail the run.',
    },
    strict: {
      type: 'boolean',
      description: 'Judge each check at its strict level (contested readings raised); like --strict.',
    },
    baseline: { type: 'string', minLength: 1, description: 'Known-failures baseline file.' },
    seed: {
      type: 'integer',
      minimum: 0,
      maximum: 4294967295,
      description: 'Seed of the generated test data.',
    },
    timeout: { type: 'integer', minimum: 1, maximum: 3600000, description: 'Per-request deadline in ms.' },
    concurrency: {
      type: 'integer',
      minimum: 1,
      maximum: 1000,
      description: 'Checks in flight at once; like --concurrency (outcomes do not depend on it).',
    },
    rate: {
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 1000000,
      description: "Cap of the run's requests per second; like --rate.",
    },
  },
} as const;

/** The keys a config file may have (besides `$schema`). */
const CONFIG_KEYS = Object.keys(CONFIG_SCHEMA.properties).filter((k) => k !== '$schema');

let validator: ReturnType<Ajv['compile']> | undefined;

function pointerKey(pointer: string): string {
  return (pointer.split('/')[1] ?? '').replace(/~1/g, '/').replace(/~0/g, '~');
}

function valueAt(doc: unknown, pointer: string): unknown {
  let value = doc;
  for (const part of pointer.split('/').slice(1)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

function describeError(error: ErrorObject, doc: unknown): { pointer: string; detail: string } {
  const params = error.params as Record<string, unknown>;
  const pointer = error.instancePath;
  const key = pointerKey(pointer);
  const got = `got ${JSON.stringify(valueAt(doc, pointer))}`;
  if (pointer === '' && error.keyword === 'type') return { pointer, detail: 'expected a mapping' };
  if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    const name = params.additionalProperty;
    return {
      pointer: `/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`,
      detail: `unknown key(s) ${name} (known: ${CONFIG_KEYS.join(', ')})`,
    };
  }
  if (key === 'seed' || key === 'timeout') {
    const s = CONFIG_SCHEMA.properties[key];
    return { pointer, detail: `${key} must be an integer between ${s.minimum} and ${s.maximum}, ${got}` };
  }
  if (key === 'failOn') return { pointer, detail: `fail-on must be must, should or never, ${got}` };
  if (key === 'report' && pointer !== '/report')
    return { pointer, detail: `not a reporter (available: console, json, junit, html, md, har), ${got}` };
  if (key === 'report')
    return {
      pointer,
      detail: `report must list reporters among console, json, junit, html, md, har, ${got}`,
    };
  if (key === 'target') return { pointer, detail: `target must be an http(s) URL, ${got}` };
  if (['profiles', 'suites', 'checks', 'checkFiles'].includes(key))
    return { pointer, detail: `"${key}" must be a string or a list of strings, ${got}` };
  return { pointer, detail: `"${key}" ${error.message ?? 'is invalid'}, ${got}` };
}

/** Validates a parsed config document against CONFIG_SCHEMA; CONFIG_INVALID names `file` and the pointer. */
export function validateConfigDocument(doc: unknown, file: string): void {
  validator ??= new Ajv({ allErrors: true, strict: true }).compile(CONFIG_SCHEMA);
  if (validator(doc)) return;
  const errors = validator.errors ?? [];
  // anyOf reports each branch; the first error of the most specific pointer reads best.
  const specific = errors.filter((e) => e.keyword !== 'anyOf');
  const deepest = Math.max(...specific.map((e) => e.instancePath.split('/').length));
  const first = specific.find((e) => e.instancePath.split('/').length === deepest) ?? errors[0];
  if (!first) throw new HarnessError('CONFIG_INVALID', `${file}: invalid configuration`);
  const { pointer, detail } = describeError(first, doc);
  throw new HarnessError('CONFIG_INVALID', `${file}: ${pointer === '' ? '(root)' : pointer}: ${detail}`);
}

/** File names looked for in the working directory when `--config` is not given, in this order. */
const CONFIG_FILE_NAMES = ['scimulator.config.json', 'scimulator.config.yaml', 'scimulator.config.yml'];

/**
 * The config file to use when `--config` is not given: the one `scimulator.config.{json,yaml,yml}` in
 * `cwd`, or undefined. Two of them at once are ambiguous (USAGE).
 */
export function findConfigFile(cwd: string): string | undefined {
  const found = CONFIG_FILE_NAMES.map((name) => join(cwd, name)).filter((file) => existsSync(file));
  if (found.length > 1) {
    throw new HarnessError(
      'USAGE',
      `more than one config file in ${cwd}: ${found.map((f) => basename(f)).join(', ')}; keep one or pass --config`,
    );
  }
  return found[0];
}
