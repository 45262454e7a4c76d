export { startServer, createFlavour } from './server.js';
export type { RunningServer } from './server.js';
export type { Flavour, RequestLog, ServeOptions } from './flavour.js';
export { ScimError } from './core/index.js';
export { listQuirks, QUIRKS } from './quirks/index.js';
export { parseRateLimit, createRateLimiter, tooManyRequests } from './rate-limit.js';
export type { RateLimit } from './rate-limit.js';
