/**
 * IdP-scale load: an initial sync (match, create, group membership) driven through a lean undici client,
 * with pacing, Retry-After handling, latency percentiles, the verdict on the profile's throughput
 * expectation and a k6 export.
 * @module
 */
export { runLoad, type LoadOptions, type LoadReport } from './initial-sync.js';
export type { PhaseFigures } from './phase.js';
export {
  Template,
  defaultPattern,
  patternFromProfile,
  throughputOf,
  templateSourceUser,
  N_MARK,
  G_MARK,
  type LoadPattern,
} from './pattern.js';
export { TokenBucket } from './token-bucket.js';
export { parseRetryAfter, retryDelay, DEFAULT_RETRY, type RetryPolicy } from './retry-after.js';
export { LatencyRecorder, type LatencySummary } from './latency.js';
export { throughputVerdict, type LoadVerdict } from './verdict.js';
export { renderK6Script, type K6Options } from './k6.js';
export { formatLoadReport } from './format.js';
export { LeanClient } from './lean-client.js';
