import { URN } from '../../protocol/urns.js';

/** The harness's public name for the shared URN table (protocol/urns.ts). */
export { URN };

export type SchemaName = keyof typeof URN;

/** RFC 7644 §3.12 Table 9. */
export const SCIM_TYPES = [
  'invalidFilter',
  'tooMany',
  'uniqueness',
  'mutability',
  'invalidSyntax',
  'invalidPath',
  'noTarget',
  'invalidValue',
  'invalidVers',
  'sensitive',
] as const;
