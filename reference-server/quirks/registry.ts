import { BEHAVIOUR_QUIRKS } from './behaviour-quirks.js';
import type { QuirkDefinition } from './quirk-definition.js';
import { RESPONSE_QUIRKS } from './response-quirks.js';

/** Every named deviation the reference server can switch on with `--quirk`. */
export const QUIRKS = { ...BEHAVIOUR_QUIRKS, ...RESPONSE_QUIRKS } satisfies Record<string, QuirkDefinition>;

export type QuirkName = keyof typeof QUIRKS;
export type SwitchQuirkName = keyof typeof BEHAVIOUR_QUIRKS;
export type TransformQuirkName = keyof typeof RESPONSE_QUIRKS;

export interface QuirkListing {
  name: QuirkName;
  description: string;
  flavour: 'rfc';
  kind: 'switch' | 'transform';
}

/** The quirk catalogue for `scimulator list quirks`, sorted by name. */
export function listQuirks(): QuirkListing[] {
  return (Object.entries(QUIRKS) as [QuirkName, QuirkDefinition][])
    .map(([name, q]) => ({ name, description: q.description, flavour: q.flavour, kind: q.kind }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function isQuirkName(name: string): name is QuirkName {
  return Object.hasOwn(QUIRKS, name);
}
