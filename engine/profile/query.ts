/**
 * Query strings as each IdP's encoder writes them, byte for byte (docs/idp/<idp>.md#transport):
 * driven only by the profile's `query` settings, sent through `RequestSpec.rawQuery`.
 * @module
 */
import type { RequestSpec } from '../model/index.js';
import type { ProfileQuery } from './types.js';

/** One query value encoded like the IdP: percent-encoding (`"` → %22, `@` → %40), spaces as `+` or `%20`. */
export function encodeQueryValue(value: string, query: Pick<ProfileQuery, 'spaceEncoding'>): string {
  const encoded = encodeURIComponent(value);
  return query.spaceEncoding === '+' ? encoded.replace(/%20/g, '+') : encoded;
}

/** `attr eq "value"` with the value's quotes and backslashes escaped (RFC 7644 §3.4.2.2 string literal). */
export function eqFilter(attribute: string, value: string): string {
  return `${attribute} eq ${JSON.stringify(value)}`;
}

function join(parts: ReadonlyArray<string | undefined>, query: ProfileQuery): string {
  const text = parts.filter((p): p is string => p !== undefined && p !== '').join('&');
  return query.trailingAmpersand && text !== '' ? `${text}&` : text;
}

/** The query of a user match: `filter=…` followed by the profile's match extras. */
export function userMatchQuery(filter: string, query: ProfileQuery): string {
  return join([`filter=${encodeQueryValue(filter, query)}`, query.matchExtras], query);
}

/** The query of a group match: the profile's prefix (e.g. `excludedAttributes=members`) before the filter. */
export function groupMatchQuery(filter: string, query: ProfileQuery): string {
  return join(
    [query.groupMatchPrefix, `filter=${encodeQueryValue(filter, query)}`, query.groupMatchExtras],
    query,
  );
}

/** A pre-encoded parameter list as the profile sends it (trailing `&` applied). */
export function plainQuery(params: string | undefined, query: ProfileQuery): string {
  return join([params], query);
}

/**
 * A GET/PUT/… request carrying `rawQuery`; `query` holds the same parameters decoded, for a transport that
 * does not know `rawQuery` (the request then differs only in its encoding).
 */
export function withRawQuery<T extends Omit<RequestSpec, 'rawQuery' | 'query'>>(
  spec: T,
  rawQuery: string | undefined,
): T & Pick<RequestSpec, 'rawQuery' | 'query'> {
  if (rawQuery === undefined) return spec;
  const query: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(rawQuery)) query[k] = v;
  return { ...spec, rawQuery, query };
}
