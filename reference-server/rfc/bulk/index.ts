export { BulkRun } from './bulk-run.js';
export { readOperation } from './bulk-operation.js';
