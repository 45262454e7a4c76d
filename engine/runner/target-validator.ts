/**
 * The target's own schemas (from /Schemas) compiled for checks that validate against them.
 * @module
 */
import { HarnessError } from '../errors.js';
import type { Failure } from '../model/index.js';
import { compileTargetSchema, TARGET_SCHEMA_PREFIX } from '../schemas/target-schema.js';
import { SchemaValidator } from '../schemas/validator.js';
import type { Discovery } from './discovery.js';

/** Compiles the target's /Schemas; one that does not compile errors the checks that use it, with the reason. */
export function buildTargetValidator(discovery: Discovery): {
  validate(id: string, value: unknown, prefix?: string): Failure[];
} {
  const validator = new SchemaValidator();
  const broken = new Map<string, string>();
  for (const [id, doc] of Object.entries(discovery.capabilities.schemas)) {
    try {
      validator.add(compileTargetSchema(doc));
    } catch (err) {
      broken.set(TARGET_SCHEMA_PREFIX + id, err instanceof Error ? err.message : String(err));
    }
  }
  return {
    validate(id, value, prefix) {
      const reason = broken.get(id);
      if (reason)
        throw new HarnessError(
          'HARNESS_SCHEMA_INVALID',
          `the target's schema ${id} could not be compiled: ${reason}`,
        );
      if (!validator.has(id)) {
        throw new HarnessError(
          'HARNESS_FIXTURE_INVALID',
          `the target did not publish schema ${id.slice(TARGET_SCHEMA_PREFIX.length)} on /Schemas`,
        );
      }
      return validator.validate(id, value, prefix);
    },
  };
}
