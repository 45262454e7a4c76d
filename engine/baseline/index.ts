/**
 * Known-failures baselines (`scimulator run --baseline FILE [--update-baseline]`), in the manner of
 * undici's WPT expectation file: accepted failures do not gate, fixed ones are reported so the file shrinks.
 * @module
 */
export { parseBaseline, readBaseline, serialiseBaseline, writeBaseline } from './baseline-file.js';
export type { Baseline } from './baseline-file.js';
export { baselineFromResults, compareWithBaseline, knownFailureMatcher } from './compare.js';
export type { BaselineOutcome } from './compare.js';
