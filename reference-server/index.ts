export { startServer, createFlavour } from './server.js';
export type { RunningServer } from './server.js';
export type { Flavour, ServeOptions } from './flavour.js';
export { ScimError } from './core/index.js';
