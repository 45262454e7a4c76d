export { HttpTransport, DEFAULT_TIMEOUTS, DEFAULT_MAX_RESPONSE_BYTES } from './http-transport.js';
export type {
  TransportOptions,
  TransportTimeouts,
  RetryAfterPolicy,
  ClientView,
  WireDispatch,
  WireRequest,
  WireResponse,
} from './http-transport.js';
export { Pacer } from './pacer.js';
export type { PacingStats } from './pacer.js';
export {
  createInProcessTransport,
  fetchDispatch,
  listenerDispatch,
  IN_PROCESS_BASE_URL,
} from './in-process.js';
export type { FetchHandler, InProcessTarget } from './in-process.js';
export { classifyNetworkError } from './errors.js';
export type { TransportErrorCode } from './errors.js';
export { redactBody, redactHeaders, redactSecrets, REDACTED } from './redact.js';
