import { BEHAVIOUR_QUIRKS } from './behaviour-quirks.js';
import { CURSOR_QUIRKS } from './cursor-quirks.js';
import type { QuirkDefinition } from './quirk-definition.js';
import { RESPONSE_QUIRKS } from './response-quirks.js';

/** Every named deviation the reference server can switch on with `--quirk`. */
export const QUIRKS = { ...BEHAVIOUR_QUIRKS, ...CURSOR_QUIRKS, ...RESPONSE_QUIRKS } satisfies Record<
  string,
  QuirkDefinition
>;

/** Every valid `--quirk` name. */
export type QuirkName = keyof typeof QUIRKS;
/** Quirks a handler may consult through `QuirkSet.has`. */
export type SwitchQuirkName = keyof typeof BEHAVIOUR_QUIRKS | keyof typeof CURSOR_QUIRKS;
/** Quirks that only rewrite responses. */
export type TransformQuirkName = keyof typeof RESPONSE_QUIRKS;

/** One row of `scimulator list quirks`. */
interface QuirkListing {
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

/** Narrows a user-supplied string to a known quirk name. */
export function isQuirkName(name: string): name is QuirkName {
  return Object.hasOwn(QUIRKS, name);
}
