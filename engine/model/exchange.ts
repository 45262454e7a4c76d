/** One HTTP request and what came back, as recorded by the transport (secrets already redacted). */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface RecordedResponse {
  status: number;
  headers: Record<string, string>;
  body?: string;
}

export interface Exchange {
  request: RecordedRequest;
  response?: RecordedResponse;
  /** Set when no complete response arrived: a stable code such as TARGET_TIMEOUT, TARGET_RESET. */
  error?: { code: string; message: string };
  ms: number;
}

/** A response as a check sees it: the recorded exchange plus the parsed JSON body when there is one. */
export interface HttpResult {
  exchange: Exchange;
  status: number | undefined;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  text: string | undefined;
  /** Parsed body when it is valid JSON, otherwise undefined (see `jsonError`). */
  json: unknown;
  jsonError: string | undefined;
}
