/** The PatchOp message schema URI (RFC 7644 §3.5.2). */
export const PATCH_OP_URN = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

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
