export { URN, SCIM_TYPES } from './urns.js';
export { RFC_SCHEMAS } from './rfc-schemas.js';
export type { JsonSchema } from './rfc-schemas.js';
export { SchemaValidator, rfcValidator, validateSchema } from './validator.js';
export { compileTargetSchema } from './target-schema.js';
