export { URN, SCIM_TYPES } from './urns.js';
export type { SchemaName } from './urns.js';
export { RFC_SCHEMAS } from './rfc-schemas.js';
export type { JsonSchema } from './rfc-schemas.js';
export { SchemaValidator, rfcValidator, validateSchema, resolveSchemaId } from './validator.js';
export { compileTargetSchema, TARGET_SCHEMA_PREFIX } from './target-schema.js';
