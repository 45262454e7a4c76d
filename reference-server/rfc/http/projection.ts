import { parseAttributeList } from '../../attributes/index.js';
import { ScimError } from '../../core/index.js';
import type { RfcContext } from '../context.js';

/** The `attributes` / `excludedAttributes` pair of RFC 7644 §3.9. */
export interface Projection {
  attributes?: string[];
  excludedAttributes?: string[];
}

/** Reads the pair from query values or SearchRequest members; using both at once is refused as ambiguous (RFC 7644 §3.9). */
export function readProjection(
  ctx: RfcContext,
  attributes: string | undefined,
  excludedAttributes: string | undefined,
): Projection {
  if (ctx.quirks.has('attributes-ignored')) return {};
  const include = attributes === undefined ? undefined : parseAttributeList(attributes);
  const exclude = excludedAttributes === undefined ? undefined : parseAttributeList(excludedAttributes);
  if (include?.length && exclude?.length) {
    throw ScimError.invalidValue(
      '"attributes" and "excludedAttributes" are mutually exclusive (RFC 7644 §3.9)',
    );
  }
  return {
    ...(include?.length ? { attributes: include } : {}),
    ...(exclude?.length ? { excludedAttributes: exclude } : {}),
  };
}
