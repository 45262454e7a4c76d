import {
  MAX_JSON_DEPTH,
  ScimError,
  TextCache,
  jsonDepth,
  originOfUrl,
  searchOf,
  type ScimRequest,
} from '../../core/index.js';

const JSON_TYPES = new Set(['application/scim+json', 'application/json']);
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Parses a request body as a JSON object; anything else is the client's mistake, never a 500 (RFC 7644 §3.12). */
export function readJsonObject(
  req: ScimRequest,
  quirks?: { has(name: 'content-type-ignored'): boolean },
): Record<string, unknown> {
  if (
    req.contentType !== undefined &&
    !JSON_TYPES.has(req.contentType) &&
    quirks?.has('content-type-ignored') !== true
  ) {
    throw ScimError.unsupportedMediaType(
      `Content-Type ${req.contentType} is not supported; use application/scim+json (RFC 7644 §3.8)`,
    );
  }
  if (req.rawBody.length === 0) throw ScimError.invalidSyntax('The request body is empty');
  let parsed: unknown;
  try {
    parsed = JSON.parse(UTF8.decode(req.rawBody));
  } catch {
    throw ScimError.invalidSyntax('The request body is not valid UTF-8 JSON (RFC 7644 §3.8)');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw ScimError.invalidSyntax('The request body must be a JSON object');
  }
  if (jsonDepth(parsed) > MAX_JSON_DEPTH) {
    throw ScimError.invalidSyntax(`The request body is nested deeper than ${MAX_JSON_DEPTH} levels`);
  }
  return parsed as Record<string, unknown>;
}

/** Query strings already found well-formed; a malformed one is checked, and refused, every time. */
const wellFormedQueries = new TextCache<true>();

/** URLSearchParams silently keeps bad escapes, so they are caught here and answered with 400. */
export function assertQueryEncoding(req: ScimRequest): void {
  const search = searchOf(req).slice(1);
  if (search === '' || wellFormedQueries.get(search)) return;
  for (const part of search.split('&')) {
    try {
      decodeURIComponent(part.replace(/\+/g, ' '));
    } catch {
      throw ScimError.invalidSyntax(`Malformed percent-encoding in query "${part}"`);
    }
  }
  wellFormedQueries.set(search, true);
}

/** The origin the client used, so every URI the server returns points back at it (RFC 7643 §3.1 meta.location). */
export function originOf(req: ScimRequest): string {
  return originOfUrl(req);
}

/** A request header as one string, since Node gives repeated headers as arrays. */
export function header(req: ScimRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}
