import type { ScimRequest, ScimResponse } from '../core/index.js';

/** Rewrites a finished response; runs in the pipeline's `afterResponse` hook, after the handler decided. */
type ResponseTransform = (req: ScimRequest, res: ScimResponse) => ScimResponse | Promise<ScimResponse>;

interface QuirkBase {
  /** One sentence naming the deviation, shown by `scimulator list quirks`. */
  description: string;
  flavour: 'rfc';
}

/** A quirk the handler consults at one decision point through `QuirkSet.has`. */
export interface SwitchQuirk extends QuirkBase {
  kind: 'switch';
}

/** A quirk implemented wholly as a rewrite of the response. */
export interface TransformQuirk extends QuirkBase {
  kind: 'transform';
  transform: ResponseTransform;
}

/** One entry of the quirk catalogue. */
export type QuirkDefinition = SwitchQuirk | TransformQuirk;
