export type { BreakageRow } from '../../../support/check-harness.js';
