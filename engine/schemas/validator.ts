/**
 * ajv 8 (strict, all errors) over the shipped RFC schemas and the target's own /Schemas, compiled once
 * per `$id`. Each ajv error becomes one `SCHEMA_INVALID` failure pointing at the offending value.
 * @module
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsImport from 'ajv-formats';
import { HarnessError } from '../errors.js';
import type { Failure } from '../model/index.js';
import { RFC_SCHEMAS, type JsonSchema } from './rfc-schemas.js';
import { URN } from '../../protocol/urns.js';

type AddFormats = (ajv: Ajv) => Ajv;
// ajv-formats is CommonJS: its default export arrives as `module.exports` (which also has `.default`).
const addFormats: AddFormats =
  (addFormatsImport as unknown as { default?: AddFormats }).default ??
  (addFormatsImport as unknown as AddFormats);

/** Short names accepted wherever a schema id is expected (`'Error'` = the Error message URN, `'User'`, `'PatchOp'`, …). */
const ALIASES: Record<string, string> = Object.fromEntries(
  Object.entries(URN).map(([key, urn]) => [key.charAt(0).toUpperCase() + key.slice(1), urn]),
);

function resolveSchemaId(schemaId: string): string {
  return ALIASES[schemaId] ?? schemaId;
}

function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function valueAt(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

/** Turns one ajv error into a report failure with a JSON pointer into the validated value. */
function toFailure(error: ErrorObject, value: unknown, pointerPrefix: string, schemaId: string): Failure {
  let pointer = error.instancePath;
  let expected: unknown = error.params;
  let message = error.message ?? 'is invalid';
  if (error.keyword === 'required') {
    const missing = String((error.params as { missingProperty?: unknown }).missingProperty);
    pointer = `${pointer}/${escapePointerToken(missing)}`;
    expected = 'present';
    message = 'is required but missing';
  } else if (error.keyword === 'type') {
    expected = (error.params as { type?: unknown }).type;
  } else if (error.keyword === 'enum') {
    expected = (error.params as { allowedValues?: unknown }).allowedValues;
  } else if (error.keyword === 'const') {
    expected = (error.params as { allowedValue?: unknown }).allowedValue;
  }
  const full = pointerPrefix + pointer;
  const actual = error.keyword === 'required' ? undefined : valueAt(value, pointer);
  return {
    kind: 'fail',
    code: 'SCHEMA_INVALID',
    message: `${full || '/'} ${message} (schema ${schemaId})`,
    expected,
    ...(actual !== undefined ? { actual } : {}),
    pointer: full,
  };
}

/** One ajv instance with a set of schemas; `validate` never throws for invalid values. */
export class SchemaValidator {
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(schemas: readonly JsonSchema[] = []) {
    this.ajv = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true });
    addFormats(this.ajv);
    for (const schema of schemas) this.add(schema);
  }

  /** Adds (and compiles) a schema; throws HARNESS_SCHEMA_INVALID when ajv rejects it. */
  add(schema: JsonSchema): void {
    const id = schema.$id;
    if (!id) throw new HarnessError('HARNESS_SCHEMA_INVALID', 'a schema needs an $id');
    try {
      this.ajv.addSchema(schema, id);
    } catch (err) {
      throw new HarnessError('HARNESS_SCHEMA_INVALID', `schema ${id} does not compile: ${String(err)}`, {
        cause: err,
      });
    }
  }

  has(schemaId: string): boolean {
    return this.ajv.getSchema(resolveSchemaId(schemaId)) !== undefined;
  }

  private compiledFor(schemaId: string): ValidateFunction {
    const id = resolveSchemaId(schemaId);
    let fn = this.compiled.get(id);
    if (!fn) {
      try {
        fn = this.ajv.getSchema(id);
      } catch (err) {
        throw new HarnessError('HARNESS_SCHEMA_INVALID', `schema ${id} does not compile: ${String(err)}`, {
          cause: err,
        });
      }
      if (!fn) throw new HarnessError('HARNESS_BUG', `unknown schema id ${schemaId}`);
      this.compiled.set(id, fn);
    }
    return fn;
  }

  /**
   * Compiles the given schemas ahead of use, one per turn of the event loop, so the work overlaps the
   * network waits of discovery instead of stalling checks in flight; a schema that fails is left for
   * `validate` to report.
   */
  async warm(schemaIds: readonly string[]): Promise<void> {
    for (const id of schemaIds) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      try {
        this.compiledFor(id);
      } catch {
        // validate() raises the same error where a check can report it.
      }
    }
  }

  /** Validates `value`; one SCHEMA_INVALID failure per ajv error, `pointerPrefix` prepended to pointers. */
  validate(schemaId: string, value: unknown, pointerPrefix = ''): Failure[] {
    const fn = this.compiledFor(schemaId);
    if (fn(value)) return [];
    return (fn.errors ?? []).map((e) => toFailure(e, value, pointerPrefix, resolveSchemaId(schemaId)));
  }
}

let shared: SchemaValidator | undefined;

/** The process-wide validator of the shipped RFC schemas (compiled on first use). */
export function rfcValidator(): SchemaValidator {
  shared ??= new SchemaValidator(RFC_SCHEMAS);
  return shared;
}

/** Validates against a shipped schema, by URN or short name (`'User'`, `'Error'`, ...). */
export function validateSchema(schemaId: string, value: unknown, pointerPrefix = ''): Failure[] {
  return rfcValidator().validate(schemaId, value, pointerPrefix);
}
