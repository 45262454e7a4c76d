import type { ScimRequest, ScimResponse } from '../core/index.js';
import type { QuirkDefinition } from './quirk-definition.js';
import { QUIRKS, isQuirkName, type QuirkName, type SwitchQuirkName } from './registry.js';

/** The quirks switched on for one server; the only way handlers learn about deviations. */
export class QuirkSet {
  readonly #active: ReadonlySet<QuirkName>;
  readonly #transforms: ((req: ScimRequest, res: ScimResponse) => ScimResponse | Promise<ScimResponse>)[];

  constructor(names: Iterable<QuirkName>) {
    this.#active = new Set(names);
    this.#transforms = [];
    for (const [name, quirk] of Object.entries(QUIRKS) as [QuirkName, QuirkDefinition][]) {
      if (quirk.kind === 'transform' && this.#active.has(name)) this.#transforms.push(quirk.transform);
    }
  }

  /** Whether a behaviour quirk is on; typed so that response quirks cannot be consulted by handlers. */
  has(name: SwitchQuirkName): boolean {
    return this.#active.has(name);
  }

  /** Whether any response quirk is on; without one, `transform` is the identity. */
  get hasTransforms(): boolean {
    return this.#transforms.length > 0;
  }

  get names(): QuirkName[] {
    return [...this.#active];
  }

  /** Runs the active response quirks in catalogue order; the flavour calls this from `afterResponse`. */
  async transform(req: ScimRequest, res: ScimResponse): Promise<ScimResponse> {
    let out = res;
    for (const fn of this.#transforms) out = await fn(req, out);
    return out;
  }
}

/** Validates quirk names at start-up; a misspelt quirk is a configuration error, never a silent no-op. */
export function createQuirkSet(names: readonly string[] = []): QuirkSet {
  const unknown = names.filter((n) => !isQuirkName(n));
  if (unknown.length > 0) {
    throw new TypeError(
      `Unknown quirk ${unknown.map((n) => `"${n}"`).join(', ')}; valid quirks: ${Object.keys(QUIRKS).sort().join(', ')}`,
    );
  }
  return new QuirkSet(names as QuirkName[]);
}
