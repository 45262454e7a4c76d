export { BulkRun } from './bulk-run.js';
export { readOperation, references, substitute } from './bulk-operation.js';
export type { BulkOperation } from './bulk-operation.js';
