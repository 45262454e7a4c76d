export { HttpTransport, DEFAULT_TIMEOUTS, DEFAULT_MAX_RESPONSE_BYTES } from './http-transport.js';
export type { TransportOptions, TransportTimeouts, ClientView } from './http-transport.js';
export { classifyNetworkError } from './errors.js';
export type { TransportErrorCode } from './errors.js';
export { redactBody, redactHeaders, redactSecrets, REDACTED } from './redact.js';
