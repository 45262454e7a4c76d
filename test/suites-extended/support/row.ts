import type { Breakage } from '../../support/mutating-proxy.js';

/** One check, the server deviation that must make it fail, and the failure code it must report. */
export interface BreakageRow {
  checkId: string;
  /** What is broken, in words (the test name). */
  breakage: string;
  quirks?: string[];
  proxy?: Breakage;
  expectedCode: string;
}
