import type { Flavour, ServeOptions } from '../flavour.js';

export function createRfcFlavour(_options: ServeOptions): Flavour {
  throw new TypeError('rfc flavour not implemented yet');
}
