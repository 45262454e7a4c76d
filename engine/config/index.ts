export { envConfig, parseFailOn, parseInteger, parseRunConfig, readConfigFile, splitList } from './config.js';
export type { RunConfig } from './config.js';
export { prepareOutFolder } from './out-folder.js';
