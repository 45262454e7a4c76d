import type { Flavour, ServeOptions } from '../flavour.js';

export function createGitlabFlavour(_options: ServeOptions): Flavour {
  throw new TypeError('gitlab flavour not implemented yet');
}
