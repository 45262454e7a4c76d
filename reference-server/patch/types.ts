/** One element of `Operations` (RFC 7644 §3.5.2). */
export interface PatchOperation {
  op: string;
  path?: string;
  value?: unknown;
}

/** Dialect switches for clients that bend RFC 7644 §3.5.2. */
export interface PatchOptions {
  /** accept `Add`/`Replace`/`Remove` (Entra) */
  caseInsensitiveOps: boolean;
  /** accept "True"/"False" strings for boolean attributes (Entra) */
  coerceBooleanStrings: boolean;
}
