/**
 * The scimulator recording format (version 1): an ordered list of HTTP exchanges between an IdP (or any
 * SCIM client) and a SCIM service provider, with secrets redacted. Documented in docs/recording.md and
 * described by the JSON Schema in recording-schema.ts.
 * @module
 */
import type { RecordedResponse } from '../model/exchange.js';

export const RECORDING_FORMAT = 'scimulator-recording';
export const RECORDING_VERSION = 1;

/** Where the exchanges were captured: through the recording proxy, or inside `serve --record`. */
export interface RecordingSource {
  kind: 'proxy' | 'server' | 'har';
  /** The SCIM base URL the proxy forwarded to (proxy), or the server's own base URL (server). */
  upstream?: string;
}

export interface RecordingRequest {
  method: string;
  /** Path relative to the SCIM base URL, starting with `/` (e.g. `/Users/2819c223`). */
  path: string;
  /** Raw query text after `?`, byte for byte (`""` for a bare `?`); `null` when the target had no `?`. */
  query: string | null;
  /** Lower-cased header names; secrets redacted. */
  headers: Record<string, string>;
  /** The body as text, exactly as sent (after redaction); absent when there was none. */
  body?: string;
}

/** The response as the transport records it: status, headers, body text. */
export type RecordingResponse = RecordedResponse;

export interface RecordingExchange {
  /** 1-based position in the session. */
  seq: number;
  /** ISO 8601 time the request arrived. */
  startedAt: string;
  /** Duration until the response was complete. */
  ms: number;
  request: RecordingRequest;
  response: RecordingResponse;
  /** Set when the upstream could not be reached: the response is then the proxy's own 502. */
  error?: { code: string; message: string };
}

export interface Recording {
  format: typeof RECORDING_FORMAT;
  version: typeof RECORDING_VERSION;
  createdAt: string;
  source: RecordingSource;
  exchanges: RecordingExchange[];
}
