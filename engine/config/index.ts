export {
  envConfig,
  mergeConfig,
  parseFailOn,
  parseInteger,
  parseRunConfig,
  readConfigFile,
  splitList,
} from './config.js';
export type { RunConfig } from './config.js';
